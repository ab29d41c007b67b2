// A webhook's deliveries, newest first: outcome, attempts, answer, latency, and resend.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../api/client";
import { EmptyState, ErrorState, Spinner } from "../ui/common";
import { toast, toastError } from "../ui/toast";
import { useDeliveries, webhookKeys } from "./useWebhooks";
import { canResend, latency, prettyBody, STATUS_LABELS, type Delivery } from "./webhooks";

const PILL: Record<Delivery["status"], string> = {
  pending: "settings-pill settings-pill-wait",
  succeeded: "settings-pill settings-pill-ok",
  failed: "settings-pill settings-pill-bad",
};

export function DeliveryLog({ slug, webhookId }: { slug: string; webhookId: string }) {
  const [status, setStatus] = useState("");
  const deliveries = useDeliveries(slug, webhookId, status);
  const client = useQueryClient();
  const resend = useMutation({
    mutationFn: (delivery: Delivery) =>
      call(
        api.POST("/api/v1/workspaces/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}/resend/", {
          params: { path: { slug, webhook_id: webhookId, delivery_id: delivery.id } },
        }),
      ),
    onSuccess: () => {
      toast("Queued to be sent again. Refresh in a moment to see the outcome.");
      void client.invalidateQueries({ queryKey: webhookKeys.deliveries(slug, webhookId) });
    },
    onError: toastError,
  });
  const items = deliveries.data?.pages.flatMap((page) => page.results) ?? [];

  return (
    <section className="settings-section" aria-labelledby="deliveries-title">
      <header>
        <div>
          <h2 id="deliveries-title">Recent deliveries</h2>
          <p>Every event sent to this URL, with each attempt. Failed ones are retried with back-off.</p>
        </div>
        <div className="settings-toolbar">
          <label className="visually-hidden" htmlFor="delivery-status">
            Show deliveries
          </label>
          <select id="delivery-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All deliveries</option>
            <option value="pending">Pending</option>
            <option value="succeeded">Delivered</option>
            <option value="failed">Failed</option>
          </select>
          <button
            type="button"
            className="button"
            disabled={deliveries.isFetching}
            onClick={() => void deliveries.refetch()}
          >
            {deliveries.isFetching && !deliveries.isPending ? "Refreshing…" : "Refresh"}
          </button>
        </div>
      </header>
      {deliveries.isPending ? (
        <Spinner label="Loading deliveries" />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} retry={() => void deliveries.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={status ? "No deliveries with this status" : "Nothing delivered yet"}>
          Deliveries appear here as soon as an event this webhook listens to happens in the workspace.
        </EmptyState>
      ) : (
        <ul className="delivery-list">
          {items.map((delivery) => (
            <li key={delivery.id} className="delivery">
              <details>
                <summary>
                  <span className={PILL[delivery.status]}>{STATUS_LABELS[delivery.status]}</span>
                  <code className="delivery-event">{delivery.event}</code>
                  <span>
                    <span className="visually-hidden">Response status </span>
                    {delivery.response_status ?? "no answer"}
                  </span>
                  <span>
                    {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"}
                  </span>
                  <span>{latency(delivery.latency_ms)}</span>
                  <time dateTime={delivery.created_at}>{new Date(delivery.created_at).toLocaleString()}</time>
                </summary>
                <DeliveryDetails delivery={delivery} />
                {canResend(delivery) && (
                  <button
                    type="button"
                    className="button"
                    disabled={resend.isPending}
                    onClick={() => resend.mutate(delivery)}
                  >
                    Resend
                  </button>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
      {deliveries.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={deliveries.isFetchingNextPage}
          onClick={() => void deliveries.fetchNextPage()}
        >
          Load older deliveries
        </button>
      )}
    </section>
  );
}

function DeliveryDetails({ delivery }: { delivery: Delivery }) {
  return (
    <div className="delivery-details">
      {delivery.last_error && <p className="form-error">Last error: {delivery.last_error}</p>}
      {delivery.next_attempt_at && (
        <p className="settings-note">Next attempt {new Date(delivery.next_attempt_at).toLocaleString()}</p>
      )}
      <table className="settings-table">
        <caption className="settings-note">Attempt history</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Response</th>
            <th scope="col">Latency</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {delivery.attempt_history.length === 0 ? (
            <tr>
              <td colSpan={4}>Not attempted yet.</td>
            </tr>
          ) : (
            delivery.attempt_history.map((attempt) => (
              <tr key={attempt.at}>
                <td>{new Date(attempt.at).toLocaleString()}</td>
                <td>{attempt.response_status ?? "no answer"}</td>
                <td>{latency(attempt.latency_ms)}</td>
                <td>{attempt.error ?? ""}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <div className="delivery-bodies">
        <div>
          <h3>Request body</h3>
          <pre tabIndex={0}>{prettyBody(delivery.request_body)}</pre>
        </div>
        {delivery.response_body && (
          <div>
            <h3>Response body</h3>
            <pre tabIndex={0}>{delivery.response_body}</pre>
          </div>
        )}
      </div>
    </div>
  );
}
