// Snooze until a date, or mark as a duplicate of another work item.
import { useMemo, useState } from "react";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { useProject } from "../data";
import { useProjectItems } from "../cycles/items";
import { snoozeUntil, tomorrowDay, type IntakeItem } from "./intake";

export function SnoozeDialog({ entry, onSnooze, onClose }: { entry: IntakeItem | null; onSnooze: (until: string) => void; onClose: () => void }) {
  const [tomorrow] = useState(tomorrowDay);
  const [day, setDay] = useState(tomorrow);
  return (
    <Dialog open={entry !== null} title="Snooze request" onClose={onClose}>
      <form
        className="pj-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (day) {
            onSnooze(snoozeUntil(day));
            onClose();
          }
        }}
      >
        <p>{entry?.issue_detail.name} leaves the queue until the end of this day.</p>
        <Field label="Snooze until">
          <input type="date" value={day} min={tomorrow} onChange={(e) => setDay(e.target.value)} required />
        </Field>
        <div className="pj-form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!day}>
            Snooze
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DuplicateDialog({
  slug,
  projectId,
  entry,
  others,
  onPick,
  onClose,
}: {
  slug: string;
  projectId: string;
  entry: IntakeItem | null;
  others: IntakeItem[];
  onPick: (original: string) => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={entry !== null} title="Mark as duplicate" onClose={onClose} wide>
      {entry && <OriginalPicker slug={slug} projectId={projectId} entry={entry} others={others} onPick={onPick} onClose={onClose} />}
    </Dialog>
  );
}

function OriginalPicker({
  slug,
  projectId,
  entry,
  others,
  onPick,
  onClose,
}: {
  slug: string;
  projectId: string;
  entry: IntakeItem;
  others: IntakeItem[];
  onPick: (original: string) => void;
  onClose: () => void;
}) {
  const items = useProjectItems(slug, projectId, true);
  const identifier = useProject(slug, projectId).data?.identifier ?? "";
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState("");
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    // Work items of the project, then other requests of the queue (still hidden from the lists).
    const requests = others.filter((o) => o.issue !== entry.issue).map((o) => ({ ...o.issue_detail, id: o.issue }));
    return [...(items.data ?? []), ...requests]
      .filter((item) => item.id !== entry.issue)
      .filter((item) => !needle || `${identifier}-${item.sequence_id} ${item.name}`.toLowerCase().includes(needle))
      .slice(0, 100);
  }, [items.data, others, query, identifier, entry.issue]);
  return (
    <form
      className="pj-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) {
          onPick(chosen);
          onClose();
        }
      }}
    >
      <p>Which work item does “{entry.issue_detail.name}” repeat?</p>
      <label className="field">
        <span className="field-label">Search work items</span>
        <input type="search" value={query} autoFocus onChange={(e) => setQuery(e.target.value)} />
      </label>
      <fieldset className="pj-radio-group">
        <legend className="visually-hidden">Original work item</legend>
        {items.isPending ? (
          <p className="pj-muted">Loading work items…</p>
        ) : matches.length === 0 ? (
          <p className="pj-muted">No work item matches.</p>
        ) : (
          <div className="pj-picker">
            {matches.map((item) => (
              <label key={item.id}>
                <input type="radio" name="original" value={item.id} checked={chosen === item.id} onChange={() => setChosen(item.id)} />
                <span className="pj-key">
                  {identifier}-{item.sequence_id}
                </span>
                <span>{item.name}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="pj-form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!chosen}>
          Mark as duplicate
        </button>
      </div>
    </form>
  );
}
