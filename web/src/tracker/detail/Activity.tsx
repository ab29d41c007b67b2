// Comments and history in one timeline (oldest first), the comment box, and following.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useMe } from "../../accounts/session";
import { Avatar } from "../../ui/common";
import { toastProblem } from "./problem";
import { RichEditor, type RichEditorHandle } from "../../ui/editor/RichEditor";
import type { MentionCandidate } from "../../ui/editor/mention";
import { personName, type Member } from "../data";
import { createComment, getSubscribed, listActivities, listComments, setSubscribed, type Comment, type ItemRef } from "./api";
import { CommentItem } from "./CommentItem";
import { usePart } from "./hooks";
import { describeActivity, partKey, timeline } from "./logic";
import { TimeAgo } from "./TimeAgo";

type Filter = "all" | "comments" | "history";
const FILTERS: { value: Filter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "comments", label: "Comments" },
  { value: "history", label: "History" },
];

export function SubscribeButton({ itemRef }: { itemRef: ItemRef }) {
  const client = useQueryClient();
  const key = partKey(itemRef.slug, itemRef.projectId, itemRef.id, "subscription");
  const subscribed = usePart(itemRef, "subscription", () => getSubscribed(itemRef));
  const toggle = useMutation({
    mutationFn: (next: boolean) => setSubscribed(itemRef, next),
    onMutate: async (next) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<boolean>(key);
      client.setQueryData(key, next);
      return { previous };
    },
    onError: (error, _next, context) => {
      if (context?.previous !== undefined) client.setQueryData(key, context.previous);
      toastProblem(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });
  if (subscribed.data === undefined) return null;
  const on = subscribed.data;
  return (
    <button
      type="button"
      className="button wid-small"
      onClick={() => toggle.mutate(!on)}
      title={on ? "You hear about changes and comments. Stop following this work item." : "Hear about changes and comments."}
    >
      {on ? "Unsubscribe" : "Subscribe"}
    </button>
  );
}

function Composer({ itemRef, mentions }: { itemRef: ItemRef; mentions: MentionCandidate[] }) {
  const client = useQueryClient();
  const editor = useRef<RichEditorHandle>(null);
  const [empty, setEmpty] = useState(true);
  const key = partKey(itemRef.slug, itemRef.projectId, itemRef.id, "comments");
  const add = useMutation({
    mutationFn: (html: string) => createComment(itemRef, html),
    onSuccess: (created) => {
      client.setQueryData<Comment[]>(key, (list) => (list ? [...list.filter((c) => c.id !== created.id), created] : [created]));
      editor.current?.clear();
      setEmpty(true);
    },
    onError: toastProblem,
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });
  const submit = () => {
    if (!editor.current || editor.current.isEmpty() || add.isPending) return;
    add.mutate(editor.current.getHtml());
  };
  return (
    <div className="wid-composer stack">
      <RichEditor
        label="Add a comment"
        value=""
        placeholder="Add a comment… Type @ to mention someone, Ctrl+Enter to send."
        mentions={mentions}
        className="rte-compact"
        handleRef={editor}
        onChange={() => setEmpty(editor.current?.isEmpty() ?? true)}
        onSubmit={submit}
      />
      <div className="row wid-composer-actions">
        <button type="button" className="button button-primary" onClick={submit} disabled={empty || add.isPending}>
          Comment
        </button>
      </div>
    </div>
  );
}

export function Activity({ itemRef, members, mentions }: { itemRef: ItemRef; members: Member[]; mentions: MentionCandidate[] }) {
  const me = useMe().data;
  const [filter, setFilter] = useState<Filter>("all");
  const comments = usePart(itemRef, "comments", () => listComments(itemRef));
  const activities = usePart(itemRef, "activity", () => listActivities(itemRef));
  const byId = new Map(members.map((m) => [m.id, m]));
  const entries = timeline(comments.data ?? [], activities.data ?? []).filter(
    (e) => filter === "all" || (filter === "comments" ? e.kind === "comment" : e.kind === "activity"),
  );
  const headingId = `activity-${itemRef.id}`;

  return (
    <section className="wid-section" aria-labelledby={headingId}>
      <div className="wid-section-head">
        <h2 id={headingId} className="wid-section-title">
          Activity
        </h2>
        <div className="row">
          <div className="wid-segmented" role="group" aria-label="Show">
            {FILTERS.map((f) => (
              <button key={f.value} type="button" aria-pressed={filter === f.value} onClick={() => setFilter(f.value)}>
                {f.label}
              </button>
            ))}
          </div>
          <SubscribeButton itemRef={itemRef} />
        </div>
      </div>
      {(comments.isError || activities.isError) && (
        <p className="form-error">The activity could not be loaded. {(comments.error ?? activities.error)?.message}</p>
      )}
      {comments.isPending || activities.isPending ? (
        <p className="wid-muted">Loading activity…</p>
      ) : entries.length === 0 ? (
        <p className="wid-muted">{filter === "comments" ? "No comments yet. Start the conversation below." : "Nothing here yet."}</p>
      ) : (
        <ol className="plain-list wid-timeline">
          {entries.map((entry) =>
            entry.kind === "comment" ? (
              <li key={`c-${entry.comment.id}`}>
                <CommentItem
                  itemRef={itemRef}
                  comment={entry.comment}
                  author={byId.get(entry.comment.actor ?? entry.comment.created_by ?? "")}
                  mine={!!me && (entry.comment.actor ?? entry.comment.created_by) === me.id}
                  mentions={mentions}
                />
              </li>
            ) : (
              <li key={`a-${entry.activity.id}`} className="wid-event">
                <Avatar name={personName(byId.get(entry.activity.actor ?? ""))} url={byId.get(entry.activity.actor ?? "")?.avatar_url} size={18} />
                <span>
                  <span className="wid-author">{entry.activity.actor ? personName(byId.get(entry.activity.actor)) : "Glider"}</span>{" "}
                  {describeActivity(entry.activity)}
                </span>
                <TimeAgo at={entry.activity.created_at} />
              </li>
            ),
          )}
        </ol>
      )}
      <Composer itemRef={itemRef} mentions={mentions} />
    </section>
  );
}
