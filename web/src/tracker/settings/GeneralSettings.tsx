// General: name, description, identifier, visibility, lead and default assignee; archive and
// delete behind a typed confirmation.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api, ApiError, call } from "../../api/client";
import { keys } from "../../api/keys";
import { Field } from "../../ui/common";
import { toast, toastError } from "../../ui/toast";
import { personName, type Project } from "../data";
import { IDENTIFIER_MAX, identifierProblem, nameProblem } from "../projects/identifier";
import { NetworkChoice } from "../projects/NetworkChoice";
import { ConfirmTyped } from "./ConfirmTyped";
import { useMembersFull } from "./hooks";

export function GeneralSettings({ slug, project, admin }: { slug: string; project: Project; admin: boolean }) {
  const client = useQueryClient();
  const members = (useMembersFull(slug, project.id).data ?? []).filter((m) => m.is_active);
  const [draft, setDraft] = useState({
    name: project.name,
    description: project.description,
    identifier: project.identifier,
    network: project.network,
    project_lead: project.project_lead ?? "",
    default_assignee: project.default_assignee ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/", {
          params: { path: { slug, project_id: project.id } },
          body: {
            name: draft.name.trim(),
            description: draft.description,
            identifier: draft.identifier.trim(),
            network: draft.network,
            project_lead: draft.project_lead || null,
            default_assignee: draft.default_assignee || null,
          },
        }),
      ),
    onSuccess: (updated) => {
      client.setQueryData(keys.project(slug, project.id), updated);
      void client.invalidateQueries({ queryKey: keys.projects(slug) });
      toast("Project saved.");
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.field("name") || error.field("identifier"))) {
        setErrors({ name: error.field("name"), identifier: error.field("identifier") });
      } else toastError(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = { name: nameProblem(draft.name), identifier: identifierProblem(draft.identifier) };
    setErrors(found);
    if (!found.name && !found.identifier) save.mutate();
  }
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));

  return (
    <>
      <section aria-labelledby="general-title">
        <header>
          <h2 id="general-title">General</h2>
          <p>How the project is named and who leads it.</p>
        </header>
        <form className="pj-card-box pj-form" onSubmit={submit} noValidate>
          <fieldset disabled={!admin} className="pj-radio-group">
            <div className="pj-form-grid">
              <Field label="Name" error={errors.name}>
                <input value={draft.name} maxLength={255} onChange={(e) => set({ name: e.target.value })} />
              </Field>
              <Field label="Identifier" error={errors.identifier} hint="Changing it renames every work item key.">
                <input
                  value={draft.identifier}
                  maxLength={IDENTIFIER_MAX}
                  onChange={(e) => set({ identifier: e.target.value.toUpperCase() })}
                />
              </Field>
            </div>
            <Field label="Description">
              <textarea value={draft.description} onChange={(e) => set({ description: e.target.value })} />
            </Field>
            <div className="pj-form-grid">
              <Field label="Lead">
                <select aria-label="Lead" value={draft.project_lead} onChange={(e) => set({ project_lead: e.target.value })}>
                  <option value="">No lead</option>
                  {members.map((m) => (
                    <option key={m.id} value={m.id}>
                      {personName(m)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Default assignee">
                <select aria-label="Default assignee" value={draft.default_assignee} onChange={(e) => set({ default_assignee: e.target.value })}>
                  <option value="">Nobody</option>
                  {members.map((m) => (
                    <option key={m.id} value={m.id}>
                      {personName(m)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <NetworkChoice value={draft.network} onChange={(network) => set({ network })} />
          </fieldset>
          {admin ? (
            <div className="pj-form-actions">
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save changes"}
              </button>
            </div>
          ) : (
            <p className="pj-muted">Only project admins can change these settings.</p>
          )}
        </form>
      </section>
      {admin && <DangerZone slug={slug} project={project} />}
    </>
  );
}

function DangerZone({ slug, project }: { slug: string; project: Project }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<"archive" | "delete" | null>(null);
  const act = useMutation({
    mutationFn: async (kind: "archive" | "delete") => {
      const path = { params: { path: { slug, project_id: project.id } } };
      if (kind === "archive") await call(api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/archive/", path));
      else await call(api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/", path));
      return kind;
    },
    onSuccess: (kind) => {
      setConfirm(null);
      void client.invalidateQueries({ queryKey: keys.projects(slug) });
      toast(kind === "archive" ? `${project.name} was archived.` : `${project.name} was deleted.`);
      navigate(`/${slug}/projects`);
    },
    onError: toastError,
  });
  return (
    <section aria-labelledby="danger-title">
      <header>
        <h2 id="danger-title">Archive or delete</h2>
      </header>
      <div className="pj-card-box pj-danger-box">
        <div className="pj-danger-row">
          <div>
            <strong>Archive this project</strong>
            <p>It leaves the sidebar and lists; an admin can restore it.</p>
          </div>
          <button type="button" className="button" onClick={() => setConfirm("archive")}>
            Archive project
          </button>
        </div>
        <div className="pj-danger-row">
          <div>
            <strong>Delete this project</strong>
            <p>Its work items, cycles, modules and pages go with it.</p>
          </div>
          <button type="button" className="button pj-danger-text" onClick={() => setConfirm("delete")}>
            Delete project
          </button>
        </div>
      </div>
      <ConfirmTyped
        open={confirm !== null}
        title={confirm === "delete" ? "Delete project" : "Archive project"}
        description={
          confirm === "delete"
            ? `Deleting ${project.name} removes it and everything in it for everyone.`
            : `Archiving ${project.name} hides it from everyone until it is restored.`
        }
        word={project.identifier}
        action={confirm === "delete" ? "Delete project" : "Archive project"}
        pending={act.isPending}
        onConfirm={() => confirm && act.mutate(confirm)}
        onClose={() => setConfirm(null)}
      />
    </section>
  );
}
