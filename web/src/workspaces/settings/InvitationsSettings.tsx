// Invitations (admins): invite by e-mail with a role, copy the link, change the role, revoke.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiError, call, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";
import { EmptyState, ErrorState, Field, Spinner } from "../../ui/common";
import { toast, toastError } from "../../ui/toast";
import { ConfirmDialog } from "./ConfirmDialog";
import { CopyField } from "./CopyField";
import { ASSIGNABLE, invitationUrl, ROLE_LABELS, type Role, type Workspace } from "./roles";
import { useInvitations } from "./useWorkspace";

type Invitation = Schemas["InvitationResponse"];

/** Links are returned only when an invitation is made; this tab remembers them until reload. */
const links = new Map<string, string>();

export function InvitationsSettings({ workspace }: { workspace: Workspace }) {
  const slug = workspace.slug;
  const client = useQueryClient();
  const invitations = useInvitations(slug, true);
  const listKey = [...keys.workspace(slug), "invitations"];
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<{ email: string; link: string } | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  const invite = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/workspaces/{slug}/invitations/", { params: { path: { slug } }, body: { email, role } })),
    onSuccess: (invitation) => {
      const link = invitationUrl(invitation, location.origin);
      if (link) links.set(invitation.id, link);
      setCreated(link ? { email: invitation.email, link } : null);
      setEmail("");
      setError(null);
      toast(`Invitation for ${invitation.email} created.`);
      void client.invalidateQueries({ queryKey: listKey });
    },
    onError: (caught) => {
      if (caught instanceof ApiError && Object.keys(caught.fields).length > 0) setError(caught);
      else toastError(caught);
    },
  });

  const changeRole = useMutation({
    mutationFn: ({ id, role: next }: { id: string; role: Role }) =>
      call(
        api.PATCH("/api/v1/workspaces/{slug}/invitations/{invitation_id}/", {
          params: { path: { slug, invitation_id: id } },
          body: { role: next },
        }),
      ),
    onMutate: async ({ id, role: next }) => {
      await client.cancelQueries({ queryKey: listKey });
      const before = client.getQueryData<Invitation[]>(listKey);
      client.setQueryData<Invitation[]>(listKey, (list) => list?.map((i) => (i.id === id ? { ...i, role_slug: next } : i)));
      return { before };
    },
    onError: (caught, _vars, context) => {
      client.setQueryData(listKey, context?.before);
      toastError(caught);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: listKey }),
  });

  const revoke = useMutation({
    mutationFn: (invitation: Invitation) =>
      call(
        api.DELETE("/api/v1/workspaces/{slug}/invitations/{invitation_id}/", {
          params: { path: { slug, invitation_id: invitation.id } },
        }),
      ),
    onSuccess: (_data, invitation) => {
      links.delete(invitation.id);
      client.setQueryData<Invitation[]>(listKey, (list) => list?.filter((i) => i.id !== invitation.id));
      toast(`The invitation for ${invitation.email} was revoked.`);
      setRevoking(null);
    },
    onError: toastError,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    invite.mutate();
  }

  const [now] = useState(() => Date.now());
  const pending = (invitations.data ?? []).filter((i) => !i.accepted && !i.responded_at);

  return (
    <section className="settings-section" aria-labelledby="invitations-title">
      <header>
        <div>
          <h2 id="invitations-title">Invitations</h2>
          <p>Invite people by e-mail. They join with the role you choose once they accept.</p>
        </div>
      </header>
      <form className="settings-inline-form" onSubmit={submit} noValidate>
        <Field label="E-mail address" error={error?.field("email")}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@company.com" />
        </Field>
        <Field label="Role" error={error?.field("role")}>
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ASSIGNABLE.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button button-primary" disabled={!email.trim() || invite.isPending}>
          {invite.isPending ? "Inviting…" : "Send invitation"}
        </button>
      </form>
      {created && (
        <div className="settings-secret" role="status">
          <p>
            Invitation for <strong>{created.email}</strong> is ready. If e-mail is not set up on this server, send them
            this link yourself:
          </p>
          <CopyField label="Invitation link" value={created.link} />
        </div>
      )}
      {invitations.isPending ? (
        <Spinner label="Loading invitations" />
      ) : invitations.isError ? (
        <ErrorState error={invitations.error} retry={() => void invitations.refetch()} />
      ) : pending.length === 0 ? (
        <EmptyState title="No pending invitations">
          Invite your teammates above; their invitations wait here until they accept.
        </EmptyState>
      ) : (
        <table className="settings-table">
          <caption className="visually-hidden">Pending invitations</caption>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Link</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pending.map((invitation) => {
              const expired = new Date(invitation.expires_at).getTime() < now;
              const link = links.get(invitation.id);
              return (
                <tr key={invitation.id}>
                  <td>
                    <div className="settings-person-text">
                      <span>{invitation.email}</span>
                      <span>
                        {expired
                          ? "Expired"
                          : `Expires ${new Date(invitation.expires_at).toLocaleDateString(undefined, { month: "short", day: "numeric" })}`}
                      </span>
                    </div>
                  </td>
                  <td>
                    <select
                      aria-label={`Role for ${invitation.email}`}
                      value={invitation.role_slug}
                      onChange={(e) => changeRole.mutate({ id: invitation.id, role: e.target.value as Role })}
                    >
                      {ASSIGNABLE.map((r) => (
                        <option key={r.value} value={r.value}>
                          {ROLE_LABELS[r.value]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {link ? (
                      <CopyField label={`Invitation link for ${invitation.email}`} value={link} hideLabel />
                    ) : (
                      <span className="settings-note">Shown once, when created</span>
                    )}
                  </td>
                  <td>
                    <button type="button" className="button button-ghost button-danger" onClick={() => setRevoking(invitation)}>
                      Revoke<span className="visually-hidden"> the invitation for {invitation.email}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        busy={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      >
        The link sent to {revoking?.email} stops working. You can invite them again later.
      </ConfirmDialog>
    </section>
  );
}
