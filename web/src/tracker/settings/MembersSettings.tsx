// Members and roles: add a workspace member, change a role, remove (optimistic, rolled back on
// failure).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useMe } from "../../accounts/session";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { Avatar, EmptyState, ErrorState, Field, Spinner } from "../../ui/common";
import { toastError } from "../../ui/toast";
import { personName, useWorkspaceMembers } from "../data";
import { membersFullKey, useMembersFull, type ProjectMember } from "./hooks";
import { PROJECT_ROLES, roleLabel } from "./roles";

export function MembersSettings({ slug, projectId, admin }: { slug: string; projectId: string; admin: boolean }) {
  const client = useQueryClient();
  const me = useMe().data;
  const members = useMembersFull(slug, projectId);
  const key = membersFullKey(slug, projectId);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: keys.projectMembers(slug, projectId) });
    void client.invalidateQueries({ queryKey: keys.projects(slug) });
  };

  const change = useMutation({
    mutationFn: (input: { member: ProjectMember; role: number | null }) => {
      const path = { params: { path: { slug, project_id: projectId, member_id: input.member.member_id } } };
      return input.role === null
        ? call(api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/project-members/{member_id}/", path))
        : call(
            api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/project-members/{member_id}/", {
              ...path,
              body: { role: input.role },
            }),
          );
    },
    onMutate: async ({ member, role }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<ProjectMember[]>(key);
      client.setQueryData<ProjectMember[]>(key, (list) =>
        (list ?? []).flatMap((m) => (m.member_id !== member.member_id ? [m] : role === null ? [] : [{ ...m, role }])),
      );
      return { previous };
    },
    onError: (error, _input, context) => {
      client.setQueryData(key, context?.previous);
      toastError(error);
    },
    onSettled: refresh,
  });

  if (members.isPending) return <Spinner label="Loading members" />;
  if (members.isError) return <ErrorState error={members.error} retry={() => void members.refetch()} />;
  const active = members.data.filter((m) => m.is_active);

  return (
    <section aria-labelledby="members-title">
      <header>
        <h2 id="members-title">Members and roles</h2>
        <p>Who works in this project, and what they may change.</p>
      </header>
      {admin && <AddMember slug={slug} projectId={projectId} taken={active.map((m) => m.id)} onAdded={refresh} />}
      {active.length === 0 ? (
        <EmptyState title="No members yet">Add people of the workspace to work in this project.</EmptyState>
      ) : (
        <ul className="pj-rows" aria-label="Project members">
          {active.map((member) => (
            <li key={member.member_id} className="pj-row">
              <Avatar name={personName(member)} url={member.avatar_url} size={28} />
              <div className="pj-row-main">
                <span className="pj-row-title">
                  {personName(member)}
                  {member.id === me?.id && " (you)"}
                </span>
                <span className="pj-muted pj-small">{member.email ?? member.display_name}</span>
              </div>
              {admin ? (
                <div className="pj-row-actions">
                  <label className="visually-hidden" htmlFor={`role-${member.member_id}`}>
                    Role of {personName(member)}
                  </label>
                  <select
                    id={`role-${member.member_id}`}
                    value={member.role}
                    onChange={(e) => change.mutate({ member, role: Number(e.target.value) })}
                  >
                    {PROJECT_ROLES.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="button button-ghost pj-danger-text"
                    aria-label={`Remove ${personName(member)} from the project`}
                    onClick={() => change.mutate({ member, role: null })}
                  >
                    Remove
                  </button>
                </div>
              ) : (
                <span className="pj-pill">{roleLabel(member.role)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AddMember({
  slug,
  projectId,
  taken,
  onAdded,
}: {
  slug: string;
  projectId: string;
  taken: string[];
  onAdded: () => void;
}) {
  const workspaceMembers = useWorkspaceMembers(slug).data?.results ?? [];
  const candidates = workspaceMembers.filter((m) => m.is_active && !m.is_bot && !taken.includes(m.id));
  const [member, setMember] = useState("");
  const [role, setRole] = useState(15);
  const add = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/project-members/", {
          params: { path: { slug, project_id: projectId } },
          body: { member, role },
        }),
      ),
    onSuccess: () => {
      setMember("");
      onAdded();
    },
    onError: toastError,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (member) add.mutate();
  }
  return (
    <form className="pj-card-box pj-inline-form" onSubmit={submit} aria-label="Add a member">
      <Field label="Workspace member">
        <select aria-label="Workspace member" value={member} onChange={(e) => setMember(e.target.value)}>
          <option value="">{candidates.length ? "Choose someone" : "Everyone is already a member"}</option>
          {candidates.map((m) => (
            <option key={m.id} value={m.id}>
              {personName(m)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Role">
        <select aria-label="Role" value={role} onChange={(e) => setRole(Number(e.target.value))}>
          {PROJECT_ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="button button-primary" disabled={!member || add.isPending}>
        {add.isPending ? "Adding…" : "Add member"}
      </button>
    </form>
  );
}
