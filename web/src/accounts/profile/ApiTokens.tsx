// API tokens for scripts and Plane's SDKs (X-Api-Key): list, create (shown once), revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiError, call, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";
import { EmptyState, ErrorState, Field, Spinner } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toast, toastError } from "../../ui/toast";
import { ConfirmDialog } from "../../workspaces/settings/ConfirmDialog";
import { CopyField } from "../../workspaces/settings/CopyField";
import { EXPIRY_CHOICES, expiresAt, lastUsed, type Expiry } from "./profile";

type Token = Schemas["ApiTokenResponse"];
const KEY = [...keys.me, "api-tokens"];

export function ApiTokens() {
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: KEY, queryFn: () => call(api.GET("/api/v1/users/me/api-tokens/")) });
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState<Expiry>("90");
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<Token | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);

  const create = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/users/me/api-tokens/", { body: { name: name.trim(), expires_at: expiresAt(expiry) } })),
    onSuccess: (token) => {
      client.setQueryData<Token[]>(KEY, (list) => [{ ...token, token: null }, ...(list ?? [])]);
      setCreating(false);
      setName("");
      setSecret(token);
    },
    onError: (caught) => {
      if (caught instanceof ApiError && Object.keys(caught.fields).length > 0) setError(caught);
      else toastError(caught);
    },
  });

  const revoke = useMutation({
    mutationFn: (token: Token) =>
      call(api.DELETE("/api/v1/users/me/api-tokens/{token_id}/", { params: { path: { token_id: token.id } } })),
    onSuccess: (_data, token) => {
      client.setQueryData<Token[]>(KEY, (list) => list?.filter((t) => t.id !== token.id));
      toast(`"${token.name}" was revoked; it stops working at once.`);
      setRevoking(null);
    },
    onError: toastError,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    create.mutate();
  }

  const add = (
    <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
      Create token
    </button>
  );

  return (
    <section className="settings-section" aria-labelledby="tokens-title">
      <header>
        <div>
          <h2 id="tokens-title">API tokens</h2>
          <p>
            Scripts and Plane's SDKs act as you with a token in the <code>X-Api-Key</code> header. Revoke any you no
            longer use.
          </p>
        </div>
        {add}
      </header>
      {tokens.isPending ? (
        <Spinner label="Loading tokens" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} retry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="No API tokens" action={add}>
          Create a token to use Glider's API from a script, a CI job or another tool.
        </EmptyState>
      ) : (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id}>
                <td>
                  <div className="settings-person-text">
                    <span>{token.name || "Unnamed token"}</span>
                    <span>
                      <span className="mono">…{token.hint}</span> · {lastUsed(token.last_used_at)}
                    </span>
                  </div>
                </td>
                <td>{new Date(token.created_at).toLocaleDateString()}</td>
                <td>{token.expires_at ? new Date(token.expires_at).toLocaleDateString() : "Never"}</td>
                <td>
                  <button type="button" className="button button-ghost button-danger" onClick={() => setRevoking(token)}>
                    Revoke<span className="visually-hidden"> {token.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={creating} title="Create an API token" onClose={() => setCreating(false)}>
        <form className="stack" onSubmit={submit} noValidate>
          <Field label="Token name" error={error?.field("name")} hint="What will use it, e.g. “CI deploys”.">
            <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={100} />
          </Field>
          <Field label="Expires" error={error?.field("expires_at")}>
            <select aria-label="Expires" value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </Field>
          <div className="row settings-dialog-actions">
            <button type="button" className="button" onClick={() => setCreating(false)}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={!name.trim() || create.isPending}>
              {create.isPending ? "Creating…" : "Create token"}
            </button>
          </div>
        </form>
      </Dialog>
      <Dialog open={secret !== null} title="Copy your new token" onClose={() => setSecret(null)}>
        <div className="stack">
          <div className="settings-secret" role="alert">
            <p>
              <strong>This token is shown only once.</strong> Copy it now and keep it somewhere safe: anyone with it can
              act as you. Glider cannot show it again.
            </p>
          </div>
          {secret?.token && <CopyField label={`Token “${secret.name}”`} value={secret.token} />}
          <div className="row settings-dialog-actions">
            <button type="button" className="button button-primary" onClick={() => setSecret(null)}>
              Done
            </button>
          </div>
        </div>
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        confirmLabel="Revoke token"
        busy={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      >
        Anything using this token stops working at once. This cannot be undone.
      </ConfirmDialog>
    </section>
  );
}
