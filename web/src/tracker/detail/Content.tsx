// The item's title (edited in place) and rich description (saved while typing and on leaving).
import { useEffect, useRef, useState } from "react";
import { toast } from "../../ui/toast";
import { isBlankHtml, RichEditor } from "../../ui/editor/RichEditor";
import type { MentionCandidate } from "../../ui/editor/mention";
import type { WorkItem } from "../data";
import type { WorkItemPatch } from "./api";

export function TitleField({
  item,
  readOnly,
  onSave,
}: {
  item: WorkItem;
  readOnly: boolean;
  onSave: (patch: WorkItemPatch) => void;
}) {
  const [draft, setDraft] = useState(item.name);
  const [editing, setEditing] = useState(false);
  const cancelled = useRef(false);
  // While idle the field shows the stored name (someone else may rename it meanwhile).
  const shown = editing ? draft : item.name;

  const commit = () => {
    setEditing(false);
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    const name = draft.trim();
    if (!name) {
      toast("A work item needs a title; the previous one was kept.", "error");
      return;
    }
    if (name !== item.name) onSave({ name });
  };

  return (
    <textarea
      className="wid-title"
      aria-label="Title"
      readOnly={readOnly}
      rows={1}
      maxLength={255}
      value={shown}
      onFocus={() => {
        setDraft(item.name);
        setEditing(true);
      }}
      onChange={(event) => setDraft(event.target.value.replace(/\n/g, " "))}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          event.currentTarget.blur();
        } else if (event.key === "Escape") {
          // Escape puts the title back; the peek stays open.
          event.preventDefault();
          event.stopPropagation();
          cancelled.current = true;
          event.currentTarget.blur();
        }
      }}
      // Grows with the title instead of scrolling.
      ref={(element) => {
        if (element) {
          element.style.height = "auto";
          element.style.height = `${element.scrollHeight}px`;
        }
      }}
    />
  );
}

const SAVE_AFTER_MS = 1200;

export function DescriptionField({
  item,
  mentions,
  onSave,
  saving,
  readOnly,
}: {
  item: WorkItem;
  mentions: MentionCandidate[];
  readOnly: boolean;
  onSave: (patch: WorkItemPatch) => void;
  saving: boolean;
}) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<string | null>(null);
  const stored = useRef(item.description_html);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    stored.current = item.description_html;
  }, [item.description_html]);

  const flush = () => {
    clearTimeout(timer.current);
    const html = pending.current;
    pending.current = null;
    setDirty(false);
    if (html === null) return;
    const unchanged = html === stored.current || (isBlankHtml(html) && isBlankHtml(stored.current));
    if (!unchanged) {
      stored.current = html;
      onSave({ description_html: isBlankHtml(html) ? "<p></p>" : html });
    }
  };
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  // Leaving the item (closing the peek) saves what was typed.
  useEffect(() => () => flushRef.current(), []);

  return (
    <section className="wid-section" aria-labelledby={`desc-${item.id}`}>
      <div className="wid-section-head">
        <h2 id={`desc-${item.id}`} className="wid-section-title">
          Description
        </h2>
        <span className="wid-muted wid-save-state" aria-live="polite">
          {saving ? "Saving…" : dirty ? "Unsaved changes" : ""}
        </span>
      </div>
      <RichEditor
        label="Description"
        value={item.description_html || ""}
        placeholder="Add a description… Type @ to mention someone."
        mentions={mentions}
        editable={!readOnly}
        onChange={(html) => {
          pending.current = html;
          setDirty(true);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => flushRef.current(), SAVE_AFTER_MS);
        }}
        onBlur={() => flushRef.current()}
      />
    </section>
  );
}
