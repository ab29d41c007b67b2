// Links of the item: add, edit, remove (http and https only; once per item).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/client";
import { problemText, toastProblem } from "./problem";
import { createLink, deleteLink, listLinks, updateLink, type ItemRef, type Link } from "./api";
import { usePart } from "./hooks";
import { partKey } from "./logic";

function LinkForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
}: {
  initial?: Link;
  submitLabel: string;
  onSubmit: (body: { url: string; title: string | null }) => Promise<unknown>;
  onCancel: () => void;
  pending: boolean;
}) {
  const [url, setUrl] = useState(initial?.url ?? "");
  const [title, setTitle] = useState(initial?.title ?? "");
  const [errors, setErrors] = useState<{ url?: string; form?: string }>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = url.trim();
    if (!/^https?:\/\/\S+$/i.test(value)) {
      setErrors({ url: "Enter a web address starting with http:// or https://." });
      return;
    }
    try {
      await onSubmit({ url: value, title: title.trim() || null });
    } catch (error) {
      if (error instanceof ApiError && (error.field("url") || error.field("title"))) {
        setErrors({ url: error.field("url") ?? error.field("title") });
      } else setErrors({ form: problemText(error) });
    }
  };
  return (
    <form className="wid-link-form" onSubmit={submit} noValidate>
      <label className="field">
        <span className="field-label">URL</span>
        <input
          type="url"
          value={url}
          autoFocus
          placeholder="https://"
          aria-invalid={errors.url ? true : undefined}
          onChange={(e) => {
            setUrl(e.target.value);
            setErrors({});
          }}
        />
        {errors.url && (
          <span className="field-error" role="alert">
            {errors.url}
          </span>
        )}
      </label>
      <label className="field">
        <span className="field-label">Link title (optional)</span>
        <input value={title} maxLength={255} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function Links({ itemRef }: { itemRef: ItemRef }) {
  const { slug, projectId, id } = itemRef;
  const client = useQueryClient();
  const key = partKey(slug, projectId, id, "links");
  const links = usePart(itemRef, "links", () => listLinks(itemRef));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: key });

  const create = useMutation({ mutationFn: (body: { url: string; title: string | null }) => createLink(itemRef, body), onSettled: refresh });
  const update = useMutation({
    mutationFn: (vars: { link: string; body: { url: string; title: string | null } }) => updateLink(itemRef, vars.link, vars.body),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (link: string) => deleteLink(itemRef, link),
    onMutate: async (link) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Link[]>(key);
      client.setQueryData<Link[]>(key, (list) => list?.filter((l) => l.id !== link));
      return { previous };
    },
    onError: (error, _link, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastProblem(error);
    },
    onSettled: refresh,
  });

  const list = links.data ?? [];
  return (
    <section className="wid-section" aria-labelledby={`links-${id}`}>
      <div className="wid-section-head">
        <h2 id={`links-${id}`} className="wid-section-title">
          Links
        </h2>
        <button type="button" className="button button-ghost wid-small" onClick={() => setAdding(true)}>
          Add link
        </button>
      </div>
      {links.isError && <p className="form-error">The links could not be loaded. {links.error.message}</p>}
      {links.isSuccess && list.length === 0 && !adding && (
        <p className="wid-muted">Point to a design, a spec or a pull request: add a link.</p>
      )}
      <ul className="plain-list wid-rows">
        {list.map((link) =>
          editing === link.id ? (
            <li key={link.id}>
              <LinkForm
                initial={link}
                submitLabel="Save link"
                pending={update.isPending}
                onCancel={() => setEditing(null)}
                onSubmit={async (body) => {
                  await update.mutateAsync({ link: link.id, body });
                  setEditing(null);
                }}
              />
            </li>
          ) : (
            <li key={link.id} className="wid-row">
              <span aria-hidden="true" className="wid-link-icon">
                ↗
              </span>
              <a href={link.url} target="_blank" rel="noopener noreferrer" className="wid-item-link">
                {link.title || link.url}
              </a>
              <span className="wid-muted wid-row-meta">{hostOf(link.url)}</span>
              <button type="button" className="button button-ghost wid-small" onClick={() => setEditing(link.id)} aria-label={`Edit link ${link.title || link.url}`}>
                Edit
              </button>
              <button
                type="button"
                className="icon-button wid-row-action"
                aria-label={`Remove link ${link.title || link.url}`}
                title="Remove link"
                onClick={() => remove.mutate(link.id)}
              >
                ×
              </button>
            </li>
          ),
        )}
      </ul>
      {adding && (
        <LinkForm
          submitLabel="Add link"
          pending={create.isPending}
          onCancel={() => setAdding(false)}
          onSubmit={async (body) => {
            await create.mutateAsync(body);
            setAdding(false);
          }}
        />
      )}
    </section>
  );
}
