// Members: everyone in the workspace with their role; admins change roles and remove people.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { useMe } from "../../accounts/session";
import { personName } from "../../tracker/data";
import { Avatar, EmptyState, ErrorState, Spinner } from "../../ui/common";
import { toast, toastError } from "../../ui/toast";
import { ConfirmDialog } from "./ConfirmDialog";
import {
  ASSIGNABLE,
  canManageMember,
  isAdmin,
  matchesMember,
  ROLE_LABELS,
  sortMembers,
  type Role,
  type Workspace,
  type WorkspaceMember,
} from "./roles";
import { useMembersWithRoles } from "./useWorkspace";

export function MembersSettings({ workspace }: { workspace: Workspace }) {
  const slug = workspace.slug;
  const client = useQueryClient();
  const me = useMe().data;
  const members = useMembersWithRoles(slug);
  const [query, setQuery] = useState("");
  const [removing, setRemoving] = useState<WorkspaceMember | null>(null);
  const listKey = [...keys.members(slug), "full"];
  const admin = isAdmin(workspace.role_slug);

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: WorkspaceMember; role: Role }) =>
      call(
        api.PATCH("/api/v1/workspaces/{slug}/members/{user_id}/", {
          params: { path: { slug, user_id: member.id } },
          body: { role },
        }),
      ),
    onMutate: async ({ member, role }) => {
      await client.cancelQueries({ queryKey: listKey });
      const before = client.getQueryData<WorkspaceMember[]>(listKey);
      client.setQueryData<WorkspaceMember[]>(listKey, (list) =>
        list?.map((m) => (m.id === member.id ? { ...m, role_slug: role } : m)),
      );
      return { before };
    },
    onError: (error, _vars, context) => {
      client.setQueryData(listKey, context?.before);
      toastError(error);
    },
    onSuccess: (_data, { member, role }) => toast(`${personName(member)} is now ${ROLE_LABELS[role].toLowerCase()}.`),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.members(slug) }),
  });

  const remove = useMutation({
    mutationFn: (member: WorkspaceMember) =>
      call(
        api.DELETE("/api/v1/workspaces/{slug}/members/{user_id}/", { params: { path: { slug, user_id: member.id } } }),
      ),
    onSuccess: (_data, member) => {
      client.setQueryData<WorkspaceMember[]>(listKey, (list) => list?.filter((m) => m.id !== member.id));
      toast(`${personName(member)} was removed from the workspace.`);
      setRemoving(null);
    },
    onError: toastError,
    onSettled: () => void client.invalidateQueries({ queryKey: keys.members(slug) }),
  });

  if (members.isPending) return <Spinner label="Loading members" />;
  if (members.isError) return <ErrorState error={members.error} retry={() => void members.refetch()} />;
  const active = sortMembers(members.data.filter((m) => m.is_active));
  const shown = active.filter((m) => matchesMember(m, query));

  return (
    <section className="settings-section" aria-labelledby="members-title">
      <header>
        <div>
          <h2 id="members-title">Members</h2>
          <p>
            {active.length} {active.length === 1 ? "person" : "people"} in {workspace.name}.
            {!admin && " Only admins can change roles or remove people."}
          </p>
        </div>
        {admin && (
          <Link className="button button-primary" to={`/${slug}/settings/invitations`}>
            Invite people
          </Link>
        )}
      </header>
      <div className="settings-toolbar">
        <label className="visually-hidden" htmlFor="member-search">
          Search members
        </label>
        <input
          id="member-search"
          type="search"
          placeholder="Search by name or e-mail"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {shown.length === 0 ? (
        <EmptyState title="Nobody matches">Try another name or e-mail address.</EmptyState>
      ) : (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((member) => {
              const manageable = canManageMember(workspace.role_slug, me?.id, member);
              const name = personName(member);
              return (
                <tr key={member.id}>
                  <td>
                    <div className="settings-person">
                      <Avatar name={name} url={member.avatar_url} size={32} />
                      <div className="settings-person-text">
                        <span>
                          {name}
                          {member.id === me?.id && " (you)"}
                        </span>
                        <span>{member.email}</span>
                      </div>
                    </div>
                  </td>
                  <td>
                    {manageable ? (
                      <select
                        aria-label={`Role of ${name}`}
                        value={member.role_slug}
                        onChange={(e) => changeRole.mutate({ member, role: e.target.value as Role })}
                      >
                        {ASSIGNABLE.map((role) => (
                          <option key={role.value} value={role.value} title={role.hint}>
                            {role.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="settings-pill">{ROLE_LABELS[member.role_slug]}</span>
                    )}
                  </td>
                  <td className="settings-actions-cell">
                    {manageable && (
                      <button type="button" className="button button-ghost button-danger" onClick={() => setRemoving(member)}>
                        Remove<span className="visually-hidden"> {name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${personName(removing ?? undefined)}?`}
        confirmLabel="Remove from workspace"
        busy={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
      >
        They lose access to the workspace and leave every project in it. Work items assigned to them keep their
        history.
      </ConfirmDialog>
    </section>
  );
}
