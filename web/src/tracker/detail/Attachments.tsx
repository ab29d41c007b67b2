// Attachments: upload with a progress bar (upload.ts), download by name, image thumbnails, delete.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { toastProblem } from "./problem";
import { personName, useProjectMembers } from "../data";
import { attachmentUrl, deleteAttachment, listAttachments, type Attachment, type ItemRef } from "./api";
import { usePart } from "./hooks";
import { partKey } from "./logic";
import { uploadAttachment } from "./upload";

interface Upload {
  key: number;
  name: string;
  percent: number;
  controller: AbortController;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function attributes(attachment: Attachment): { name: string; type: string } {
  const attrs = (attachment.attributes ?? {}) as { name?: string; type?: string };
  return { name: attrs.name || attachment.asset.split("/").pop() || "Attachment", type: attrs.type ?? "" };
}

export function Attachments({ itemRef }: { itemRef: ItemRef }) {
  const { slug, projectId, id } = itemRef;
  const inputId = useId();
  const client = useQueryClient();
  const key = partKey(slug, projectId, id, "attachments");
  const attachments = usePart(itemRef, "attachments", () => listAttachments(itemRef));
  const members = useProjectMembers(slug, projectId).data?.results ?? [];
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const next = useRef(1);

  const upload = async (file: File) => {
    const entry: Upload = { key: next.current++, name: file.name, percent: 0, controller: new AbortController() };
    setUploads((list) => [...list, entry]);
    const setPercent = (percent: number) =>
      setUploads((list) => list.map((u) => (u.key === entry.key ? { ...u, percent } : u)));
    try {
      const done = await uploadAttachment(itemRef, file, setPercent, entry.controller.signal);
      setPercent(100);
      client.setQueryData<Attachment[]>(key, (list) => (list ? [...list.filter((a) => a.id !== done.id), done] : [done]));
    } catch (error) {
      if (!(error instanceof DOMException && error.name === "AbortError")) toastProblem(error);
    } finally {
      setUploads((list) => list.filter((u) => u.key !== entry.key));
      void client.invalidateQueries({ queryKey: key });
    }
  };

  const remove = useMutation({
    mutationFn: (attachmentId: string) => deleteAttachment(itemRef, attachmentId),
    onMutate: async (attachmentId) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Attachment[]>(key);
      client.setQueryData<Attachment[]>(key, (list) => list?.filter((a) => a.id !== attachmentId));
      return { previous };
    },
    onError: (error, _id, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastProblem(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });

  const list = [...(attachments.data ?? [])].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return (
    <section className="wid-section" aria-labelledby={`att-${id}`}>
      <div className="wid-section-head">
        <h2 id={`att-${id}`} className="wid-section-title">
          Attachments
        </h2>
        <span className="wid-upload">
          <input
            id={inputId}
            type="file"
            multiple
            className="wid-file-input"
            aria-label="Upload attachment"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = "";
              for (const file of files) void upload(file);
            }}
          />
          <label htmlFor={inputId} className="button button-ghost wid-small" aria-hidden="true">
            Upload
          </label>
        </span>
      </div>
      {uploads.length > 0 && (
        <ul className="plain-list wid-rows">
          {uploads.map((u) => (
            <li key={u.key} className="wid-row wid-uploading">
              <span className="wid-file-name">{u.name}</span>
              <progress max={100} value={u.percent} aria-label={`Uploading ${u.name}`} />
              <span className="wid-muted wid-row-meta">{u.percent}%</span>
              <button type="button" className="button button-ghost wid-small" onClick={() => u.controller.abort()} aria-label={`Cancel uploading ${u.name}`}>
                Cancel
              </button>
            </li>
          ))}
        </ul>
      )}
      {attachments.isError && <p className="form-error">The attachments could not be loaded. {attachments.error.message}</p>}
      {attachments.isSuccess && list.length === 0 && uploads.length === 0 && (
        <p className="wid-muted">Drop in screenshots, documents or logs: choose Upload (up to the server's size limit).</p>
      )}
      {list.length > 0 && (
        <ul className="plain-list wid-attachments">
          {list.map((attachment) => {
            const { name, type } = attributes(attachment);
            const href = attachmentUrl(itemRef, attachment.id);
            const uploader = members.find((m) => m.id === attachment.created_by);
            return (
              <li key={attachment.id} className="wid-attachment">
                {type.startsWith("image/") ? (
                  <img className="wid-thumb" src={href} alt="" loading="lazy" />
                ) : (
                  <span className="wid-thumb wid-thumb-file" aria-hidden="true">
                    {(name.split(".").pop() ?? "").slice(0, 4).toUpperCase() || "FILE"}
                  </span>
                )}
                <div className="wid-attachment-text">
                  <a href={href} download={name} className="wid-file-name">
                    {name}
                  </a>
                  <span className="wid-muted wid-row-meta">
                    {formatSize(attachment.size)}
                    {uploader && ` · ${personName(uploader)}`} · {new Date(attachment.created_at).toLocaleDateString()}
                  </span>
                </div>
                {confirming === attachment.id ? (
                  <span className="row">
                    <button
                      type="button"
                      className="button button-danger wid-small"
                      onClick={() => {
                        setConfirming(null);
                        remove.mutate(attachment.id);
                      }}
                    >
                      Delete
                    </button>
                    <button type="button" className="button button-ghost wid-small" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="icon-button wid-row-action"
                    aria-label={`Delete attachment ${name}`}
                    title="Delete attachment"
                    onClick={() => setConfirming(attachment.id)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
