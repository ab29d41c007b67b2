// The fields of a webhook: URL, events (Plane's switches plus further kinds) and active.
import { useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { Field } from "../ui/common";
import { EVENT_GROUPS, hasEvents, type WebhookForm as Form } from "./webhooks";

export function WebhookForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  requireChange = false,
}: {
  initial: Form;
  submitLabel: string;
  onSubmit: (form: Form) => Promise<void>;
  onCancel?: () => void;
  requireChange?: boolean;
}) {
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const noEvents = !hasEvents(form);
  const unchanged = requireChange && JSON.stringify(form) === JSON.stringify(initial);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(form);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, undefined));
    } finally {
      setBusy(false);
    }
  }

  const fieldErrors = error ? Object.keys(error.fields) : [];
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Field label="Payload URL" error={error?.field("url")} hint="Glider sends a POST with a JSON body to this address.">
        <input
          type="url"
          value={form.url}
          onChange={(e) => setForm({ ...form, url: e.target.value })}
          placeholder="https://example.com/glider-webhook"
          required
        />
      </Field>
      <fieldset className="webhook-events">
        <legend className="field-label">Events</legend>
        {EVENT_GROUPS.map((group) => (
          <label key={group.key} className="webhook-check">
            <input
              type="checkbox"
              checked={form.events[group.key]}
              onChange={(e) => setForm({ ...form, events: { ...form.events, [group.key]: e.target.checked } })}
            />
            <span>
              {group.label} <code>{group.kinds}</code>
            </span>
          </label>
        ))}
        {noEvents && <p className="field-hint">Choose at least one kind of event, or this webhook receives nothing.</p>}
      </fieldset>
      <Field
        label="Other event kinds"
        error={error?.field("event_kinds")}
        hint="Optional, separated by commas: exact kinds (tracker.state.created), prefixes (tracker.label.*) or * for everything."
      >
        <input value={form.extraKinds} onChange={(e) => setForm({ ...form, extraKinds: e.target.value })} />
      </Field>
      <label className="webhook-check">
        <input type="checkbox" checked={form.isActive} onChange={(e) => setForm({ ...form, isActive: e.target.checked })} />
        <span>Active: deliver events to this URL</span>
      </label>
      {error && fieldErrors.filter((f) => f !== "url" && f !== "event_kinds").length + (fieldErrors.length ? 0 : 1) > 0 && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="row settings-dialog-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy || !form.url.trim() || unchanged}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
