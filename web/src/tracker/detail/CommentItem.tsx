// One comment: author, avatar, time, the text; its author edits or deletes it in place.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Avatar } from "../../ui/common";
import { toast } from "../../ui/toast";
import { toastProblem } from "./problem";
import { RichEditor, type RichEditorHandle } from "../../ui/editor/RichEditor";
import { RichText } from "../../ui/editor/RichText";
import type { MentionCandidate } from "../../ui/editor/mention";
import { personName, type Member } from "../data";
import { deleteComment, updateComment, type Comment, type ItemRef } from "./api";
import { partKey } from "./logic";
import { TimeAgo } from "./TimeAgo";

export function CommentItem({
  itemRef,
  comment,
  author,
  mine,
  mentions,
}: {
  itemRef: ItemRef;
  comment: Comment;
  author: Member | undefined;
  mine: boolean;
  mentions: MentionCandidate[];
}) {
  const client = useQueryClient();
  const key = partKey(itemRef.slug, itemRef.projectId, itemRef.id, "comments");
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const editor = useRef<RichEditorHandle>(null);
  const name = personName(author);

  const save = useMutation({
    mutationFn: (html: string) => updateComment(itemRef, comment.id, html),
    onSuccess: (updated) => {
      client.setQueryData<Comment[]>(key, (list) => list?.map((c) => (c.id === updated.id ? updated : c)));
      setEditing(false);
    },
    onError: toastProblem,
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });

  const remove = useMutation({
    mutationFn: () => deleteComment(itemRef, comment.id),
    onMutate: async () => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Comment[]>(key);
      client.setQueryData<Comment[]>(key, (list) => list?.filter((c) => c.id !== comment.id));
      return { previous };
    },
    onError: (error, _v, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastProblem(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });

  const submitEdit = () => {
    const html = editor.current?.getHtml() ?? "";
    if (editor.current?.isEmpty()) {
      toast("A comment cannot be empty. Delete it instead.", "error");
      return;
    }
    save.mutate(html);
  };

  return (
    <article className="wid-comment" aria-label={`Comment by ${name}`}>
      <Avatar name={name} url={author?.avatar_url} size={28} />
      <div className="wid-comment-body">
        <header className="wid-comment-head">
          <span className="wid-author">{name}</span>
          <TimeAgo at={comment.created_at} />
          {comment.edited_at && <span className="wid-muted">(edited)</span>}
          {mine && !editing && (
            <span className="wid-comment-actions">
              {confirming ? (
                <>
                  <span className="wid-muted">Delete this comment?</span>
                  <button type="button" className="button button-danger wid-small" onClick={() => remove.mutate()}>
                    Delete
                  </button>
                  <button type="button" className="button button-ghost wid-small" onClick={() => setConfirming(false)}>
                    Keep
                  </button>
                </>
              ) : (
                <>
                  <button type="button" className="button button-ghost wid-small" onClick={() => setEditing(true)}>
                    Edit
                  </button>
                  <button type="button" className="button button-ghost wid-small" onClick={() => setConfirming(true)}>
                    Delete
                  </button>
                </>
              )}
            </span>
          )}
        </header>
        {editing ? (
          <div className="stack wid-comment-edit">
            <RichEditor
              label="Edit comment"
              value={comment.comment_html}
              mentions={mentions}
              autoFocus
              className="rte-compact"
              handleRef={editor}
              onSubmit={submitEdit}
            />
            <div className="row">
              <button type="button" className="button button-primary wid-small" onClick={submitEdit} disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save"}
              </button>
              <button type="button" className="button button-ghost wid-small" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <RichText html={comment.comment_html} className="wid-comment-text" />
        )}
      </div>
    </article>
  );
}
