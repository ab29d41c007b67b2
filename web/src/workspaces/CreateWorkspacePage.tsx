// Create a workspace, or join one you were invited to (by the invitation link).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { api, ApiError, call } from "../api/client";
import { keys } from "../api/keys";
import { Field } from "../ui/common";
import { AuthFrame } from "../accounts/AuthFrame";

/** Lower-case letters, digits and dashes, as the server requires. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

export default function CreateWorkspacePage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [link, setLink] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const invitations = useQuery({
    queryKey: keys.invitations,
    queryFn: () => call(api.GET("/api/v1/users/me/invitations/")),
  });

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const workspace = await call(api.POST("/api/v1/workspaces/", { body: { name, slug, timezone } }));
      await client.invalidateQueries({ queryKey: keys.workspaces });
      navigate(`/${workspace.slug}/projects`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, undefined));
    }
  }

  function join(event: FormEvent) {
    event.preventDefault();
    const token = link.trim().split("/invitations/").pop()?.split(/[?#]/)[0];
    if (token) navigate(`/invitations/${token}`);
  }

  return (
    <AuthFrame title="Create a workspace">
      <form className="stack" onSubmit={create} noValidate>
        <Field label="Workspace name" error={error?.field("name")}>
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!slugTouched) setSlug(slugify(e.target.value));
            }}
          />
        </Field>
        <Field label="URL" error={error?.field("slug")} hint={`${location.host}/${slug || "your-team"}`}>
          <input
            value={slug}
            onChange={(e) => {
              setSlugTouched(true);
              setSlug(e.target.value);
            }}
          />
        </Field>
        {error && Object.keys(error.fields).length === 0 && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="button button-primary">
          Create workspace
        </button>
      </form>
      <h2 className="section-title">Join a workspace</h2>
      {invitations.data && invitations.data.length > 0 ? (
        <ul className="plain-list">
          {invitations.data.map((invitation) => (
            <li key={invitation.id}>
              <strong>{invitation.workspace_name}</strong> invited you as {invitation.role_slug}. Open the link in
              the invitation email, or paste it below.
            </li>
          ))}
        </ul>
      ) : (
        <p>Were you invited? Paste the link from the invitation email.</p>
      )}
      <form className="row" onSubmit={join}>
        <label className="visually-hidden" htmlFor="invitation-link">
          Invitation link
        </label>
        <input
          id="invitation-link"
          placeholder="https://…/invitations/…"
          value={link}
          onChange={(e) => setLink(e.target.value)}
        />
        <button type="submit" className="button" disabled={!link.trim()}>
          Join
        </button>
      </form>
      <p className="auth-alt">
        <Link to="/">Back</Link>
      </p>
    </AuthFrame>
  );
}
