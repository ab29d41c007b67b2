// One webhook: edit it, regenerate its secret, delete it, and read its delivery log.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, call } from "../api/client";
import { EmptyState, Spinner } from "../ui/common";
import { toast, toastError } from "../ui/toast";
import { ConfirmDialog } from "../workspaces/settings/ConfirmDialog";
import { DeliveryLog } from "./DeliveryLog";
import { SecretReveal } from "./SecretReveal";
import { useWebhooks, webhookKeys } from "./useWebhooks";
import { WebhookForm } from "./WebhookForm";
import { formOf, requestOf, type Webhook } from "./webhooks";
import { WebhookState } from "./WebhooksSettings";

export function WebhookDetail({ slug }: { slug: string }) {
  const webhookId = useParams().webhookId ?? "";
  const navigate = useNavigate();
  const client = useQueryClient();
  const webhooks = useWebhooks(slug);
  const [confirm, setConfirm] = useState<"delete" | "regenerate" | null>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const back = `/${slug}/settings/webhooks`;
  const path = { slug, webhook_id: webhookId };

  if (webhooks.isPending) return <Spinner label="Loading webhook" />;
  const webhook = webhooks.data?.find((w) => w.id === webhookId);
  if (!webhook) {
    return (
      <EmptyState title="Webhook not found" action={<Link to={back}>Back to webhooks</Link>}>
        It may have been deleted by another admin.
      </EmptyState>
    );
  }

  function replace(updated: Webhook) {
    client.setQueryData<Webhook[]>(webhookKeys.all(slug), (list) =>
      list?.map((w) => (w.id === updated.id ? { ...updated, secret_key: null } : w)),
    );
  }

  async function act(kind: "delete" | "regenerate") {
    setBusy(true);
    try {
      if (kind === "delete") {
        await call(api.DELETE("/api/v1/workspaces/{slug}/webhooks/{webhook_id}/", { params: { path } }));
        client.setQueryData<Webhook[]>(webhookKeys.all(slug), (list) => list?.filter((w) => w.id !== webhookId));
        toast("Webhook deleted.");
        navigate(back, { replace: true });
      } else {
        const updated = await call(
          api.POST("/api/v1/workspaces/{slug}/webhooks/{webhook_id}/regenerate/", { params: { path } }),
        );
        replace(updated);
        setSecret(updated.secret_key ?? null);
      }
      setConfirm(null);
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="settings-note">
        <Link to={back}>Webhooks</Link> / <span aria-current="page">{webhook.url}</span>
      </nav>
      <section className="settings-section" aria-labelledby="webhook-title">
        <header>
          <div>
            <h2 id="webhook-title" className="webhook-url">
              {webhook.url}
            </h2>
            {webhook.is_failing && webhook.failing_since && (
              <p>Failing since {new Date(webhook.failing_since).toLocaleString()}: check the receiver, then resend.</p>
            )}
          </div>
          <WebhookState webhook={webhook} />
        </header>
        <div className="settings-card">
          <WebhookForm
            key={webhook.updated_at}
            initial={formOf(webhook)}
            submitLabel="Save changes"
            requireChange
            onSubmit={async (form) => {
              const updated = await call(
                api.PATCH("/api/v1/workspaces/{slug}/webhooks/{webhook_id}/", { params: { path }, body: requestOf(form) }),
              );
              replace(updated);
              toast("Webhook saved.");
            }}
          />
        </div>
        <div className="settings-card settings-danger">
          <div className="settings-danger-row">
            <div>
              <strong>Signing secret</strong>
              <p>A new secret replaces the old one at once; the receiver must be updated.</p>
            </div>
            <button type="button" className="button" onClick={() => setConfirm("regenerate")}>
              Regenerate secret
            </button>
          </div>
          <div className="settings-danger-row">
            <div>
              <strong>Delete webhook</strong>
              <p>Deliveries not yet sent are dropped.</p>
            </div>
            <button type="button" className="button button-danger" onClick={() => setConfirm("delete")}>
              Delete webhook
            </button>
          </div>
        </div>
      </section>
      <DeliveryLog slug={slug} webhookId={webhookId} />
      <ConfirmDialog
        open={confirm === "regenerate"}
        title="Regenerate the signing secret?"
        confirmLabel="Regenerate secret"
        busy={busy}
        onClose={() => setConfirm(null)}
        onConfirm={() => void act("regenerate")}
      >
        Deliveries signed with the old secret will no longer verify at the receiver.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
        busy={busy}
        onClose={() => setConfirm(null)}
        onConfirm={() => void act("delete")}
      >
        {webhook.url} stops receiving events from this workspace.
      </ConfirmDialog>
      <SecretReveal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
