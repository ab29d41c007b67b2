// General: the workspace's name and time zone (admins), and leaving, transferring or deleting it.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api, ApiError, call } from "../../api/client";
import { keys } from "../../api/keys";
import { Field } from "../../ui/common";
import { toast, toastError } from "../../ui/toast";
import { ConfirmDialog } from "./ConfirmDialog";
import { isAdmin, timeZones, type Workspace } from "./roles";
import { TransferOwnership } from "./TransferOwnership";

export function GeneralSettings({ workspace }: { workspace: Workspace }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const admin = isAdmin(workspace.role_slug);
  const owner = workspace.role_slug === "owner";
  const [name, setName] = useState(workspace.name);
  const [timezone, setTimezone] = useState(workspace.timezone);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirm, setConfirm] = useState<"leave" | "delete" | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = name !== workspace.name || timezone !== workspace.timezone;
  const slug = workspace.slug;

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      await call(api.PATCH("/api/v1/workspaces/{slug}/", { params: { path: { slug } }, body: { name, timezone } }));
      await client.invalidateQueries({ queryKey: keys.workspaces });
      toast("Workspace saved.");
    } catch (caught) {
      if (caught instanceof ApiError && Object.keys(caught.fields).length > 0) setError(caught);
      else toastError(caught);
    } finally {
      setSaving(false);
    }
  }

  async function leaveOrDelete(kind: "leave" | "delete") {
    setBusy(true);
    try {
      if (kind === "leave") await call(api.POST("/api/v1/workspaces/{slug}/leave/", { params: { path: { slug } } }));
      else await call(api.DELETE("/api/v1/workspaces/{slug}/", { params: { path: { slug } } }));
      // Drop it from the list first, so "/" does not lead back to it, then leave its screens.
      client.setQueryData<Workspace[]>(keys.workspaces, (list) => list?.filter((w) => w.slug !== slug));
      navigate("/", { replace: true });
      client.removeQueries({ queryKey: keys.workspace(slug) });
      void client.invalidateQueries({ queryKey: keys.workspaces });
      toast(kind === "leave" ? `You left ${workspace.name}.` : `${workspace.name} was deleted.`);
    } catch (caught) {
      toastError(caught);
      setBusy(false);
    }
  }

  return (
    <>
      <section className="settings-section" aria-labelledby="general-title">
        <header>
          <div>
            <h2 id="general-title">General</h2>
            <p>{admin ? "The workspace's name and the time zone its dates are shown in." : "Only admins can change these."}</p>
          </div>
        </header>
        <form className="settings-form" onSubmit={save} noValidate>
          <Field label="Workspace name" error={error?.field("name")}>
            <input value={name} onChange={(e) => setName(e.target.value)} disabled={!admin} required maxLength={80} />
          </Field>
          <Field label="URL" hint="The address is fixed once the workspace is created.">
            <input value={`${location.host}/${slug}`} readOnly disabled />
          </Field>
          <Field label="Time zone" error={error?.field("timezone")}>
            <select aria-label="Time zone" value={timezone} onChange={(e) => setTimezone(e.target.value)} disabled={!admin}>
              {(timeZones().includes(timezone) ? timeZones() : [timezone, ...timeZones()]).map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, " ")}
                </option>
              ))}
            </select>
          </Field>
          {admin && (
            <div className="settings-form-actions">
              <button type="submit" className="button button-primary" disabled={!dirty || saving || !name.trim()}>
                {saving ? "Saving…" : "Save changes"}
              </button>
              {dirty && (
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => {
                    setName(workspace.name);
                    setTimezone(workspace.timezone);
                    setError(null);
                  }}
                >
                  Discard
                </button>
              )}
            </div>
          )}
        </form>
      </section>

      <section className="settings-section" aria-labelledby="danger-title">
        <header>
          <h2 id="danger-title">Danger zone</h2>
        </header>
        <div className="settings-card settings-danger">
          {owner && <TransferOwnership workspace={workspace} />}
          {!owner && (
            <div className="settings-danger-row">
              <div>
                <strong>Leave workspace</strong>
                <p>You lose access to its projects until someone invites you again.</p>
              </div>
              <button type="button" className="button button-danger" onClick={() => setConfirm("leave")}>
                Leave workspace
              </button>
            </div>
          )}
          {owner && (
            <div className="settings-danger-row">
              <div>
                <strong>Delete workspace</strong>
                <p>Removes every project and work item in it for everyone. This cannot be undone.</p>
              </div>
              <button type="button" className="button button-danger" onClick={() => setConfirm("delete")}>
                Delete workspace
              </button>
            </div>
          )}
        </div>
      </section>

      <ConfirmDialog
        open={confirm === "leave"}
        title={`Leave ${workspace.name}?`}
        confirmLabel="Leave workspace"
        busy={busy}
        onClose={() => setConfirm(null)}
        onConfirm={() => void leaveOrDelete("leave")}
      >
        You will no longer see its projects, work items or notifications.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title={`Delete ${workspace.name}?`}
        confirmLabel="Delete this workspace"
        typed={slug}
        busy={busy}
        onClose={() => setConfirm(null)}
        onConfirm={() => void leaveOrDelete("delete")}
      >
        Every project, work item, cycle and page of this workspace goes away for all its members.
      </ConfirmDialog>
    </>
  );
}
