// Webhooks (admins): the list, adding one (its secret shown once), and each one's page.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Route, Routes } from "react-router";
import { api, call } from "../api/client";
import { EmptyState, ErrorState, Spinner } from "../ui/common";
import { Dialog } from "../ui/Dialog";
import { toast } from "../ui/toast";
import { SecretReveal } from "./SecretReveal";
import { useWebhooks, webhookKeys } from "./useWebhooks";
import { WebhookDetail } from "./WebhookDetail";
import { WebhookForm } from "./WebhookForm";
import { describeEvents, emptyForm, requestOf, type Webhook } from "./webhooks";
import "./webhooks.css";

export function WebhooksSettings({ slug }: { slug: string }) {
  return (
    <Routes>
      <Route index element={<WebhookList slug={slug} />} />
      <Route path=":webhookId" element={<WebhookDetail slug={slug} />} />
    </Routes>
  );
}

export function WebhookState({ webhook }: { webhook: Webhook }) {
  if (!webhook.is_active) return <span className="settings-pill">Paused</span>;
  if (webhook.is_failing) return <span className="settings-pill settings-pill-bad">Failing</span>;
  return <span className="settings-pill settings-pill-ok">Active</span>;
}

function WebhookList({ slug }: { slug: string }) {
  const client = useQueryClient();
  const webhooks = useWebhooks(slug);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const add = (
    <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
      Add webhook
    </button>
  );

  return (
    <section className="settings-section" aria-labelledby="webhooks-title">
      <header>
        <div>
          <h2 id="webhooks-title">Webhooks</h2>
          <p>Glider tells other systems about changes in this workspace by sending signed HTTP requests.</p>
        </div>
        {add}
      </header>
      {webhooks.isPending ? (
        <Spinner label="Loading webhooks" />
      ) : webhooks.isError ? (
        <ErrorState error={webhooks.error} retry={() => void webhooks.refetch()} />
      ) : webhooks.data.length === 0 ? (
        <EmptyState title="No webhooks yet" action={add}>
          Add a webhook to send work-item, comment, cycle or project events to your own service, a chat bot or an
          automation tool.
        </EmptyState>
      ) : (
        <ul className="webhook-list">
          {webhooks.data.map((webhook) => (
            <li key={webhook.id} className="settings-card webhook-item">
              <div className="webhook-item-main">
                <Link to={webhook.id} className="webhook-url">
                  {webhook.url}
                </Link>
                <span className="settings-note">{describeEvents(webhook)}</span>
                {webhook.consecutive_failures > 0 && (
                  <span className="settings-note">
                    {webhook.consecutive_failures} failed {webhook.consecutive_failures === 1 ? "delivery" : "deliveries"} in a
                    row
                  </span>
                )}
              </div>
              <WebhookState webhook={webhook} />
            </li>
          ))}
        </ul>
      )}
      <Dialog open={creating} title="Add webhook" onClose={() => setCreating(false)} wide>
        <WebhookForm
          initial={emptyForm()}
          submitLabel="Add webhook"
          onCancel={() => setCreating(false)}
          onSubmit={async (form) => {
            const created = await call(
              api.POST("/api/v1/workspaces/{slug}/webhooks/", { params: { path: { slug } }, body: requestOf(form) }),
            );
            client.setQueryData<Webhook[]>(webhookKeys.all(slug), (list) => [
              { ...created, secret_key: null },
              ...(list ?? []),
            ]);
            setCreating(false);
            toast("Webhook added.");
            setSecret(created.secret_key ?? null);
          }}
        />
      </Dialog>
      <SecretReveal secret={secret} onClose={() => setSecret(null)} />
    </section>
  );
}
