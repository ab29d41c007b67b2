// Per kind of notification: shown in the app or not, and e-mailed at once, in a digest or never.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";
import { ErrorState, Spinner } from "../../ui/common";
import { toastError } from "../../ui/toast";

type Preferences = Schemas["NotificationPreferencesResponse"];
type Kind = keyof Preferences;
type EmailMode = Schemas["EmailMode"];

const KINDS: { kind: Kind; label: string; hint: string }[] = [
  { kind: "mention", label: "Mentions", hint: "Someone writes @ and your name" },
  { kind: "assignment", label: "Assignments", hint: "You are assigned a work item" },
  { kind: "comment", label: "Comments", hint: "New comments on work items you follow" },
  { kind: "state_change", label: "State changes", hint: "A work item you follow moves to another state" },
  { kind: "property_change", label: "Other changes", hint: "Priority, dates, labels and more on items you follow" },
];

const EMAIL: { value: EmailMode; label: string }[] = [
  { value: "immediate", label: "At once" },
  { value: "digest", label: "Hourly digest" },
  { value: "off", label: "Never" },
];

const KEY = [...keys.me, "notification-preferences"];

export function NotificationPreferences() {
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: KEY,
    queryFn: () => call(api.GET("/api/v1/users/me/notification-preferences/")),
  });
  const update = useMutation({
    mutationFn: (change: Partial<Preferences>) =>
      call(api.PATCH("/api/v1/users/me/notification-preferences/", { body: change })),
    onMutate: async (change) => {
      await client.cancelQueries({ queryKey: KEY });
      const before = client.getQueryData<Preferences>(KEY);
      if (before) client.setQueryData<Preferences>(KEY, { ...before, ...change });
      return { before };
    },
    onError: (error, _change, context) => {
      client.setQueryData(KEY, context?.before);
      toastError(error);
    },
    onSuccess: (saved) => client.setQueryData(KEY, saved),
  });

  return (
    <section className="settings-section" aria-labelledby="notify-title">
      <header>
        <div>
          <h2 id="notify-title">Notifications</h2>
          <p>Choose what reaches your inbox and what is also e-mailed. Changes save at once.</p>
        </div>
      </header>
      {prefs.isPending ? (
        <Spinner label="Loading preferences" />
      ) : prefs.isError ? (
        <ErrorState error={prefs.error} retry={() => void prefs.refetch()} />
      ) : (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Notify me about</th>
              <th scope="col">In the inbox</th>
              <th scope="col">By e-mail</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.map(({ kind, label, hint }) => {
              const current = prefs.data[kind];
              return (
                <tr key={kind}>
                  <td>
                    <div className="settings-person-text">
                      <span>{label}</span>
                      <span>{hint}</span>
                    </div>
                  </td>
                  <td>
                    <label className="settings-check">
                      <input
                        type="checkbox"
                        checked={current.in_app}
                        onChange={(e) => update.mutate({ [kind]: { ...current, in_app: e.target.checked } })}
                      />
                      <span>
                        {current.in_app ? "On" : "Off"}
                        <span className="visually-hidden"> for {label.toLowerCase()} in the inbox</span>
                      </span>
                    </label>
                  </td>
                  <td>
                    <select
                      aria-label={`E-mail for ${label.toLowerCase()}`}
                      value={current.in_app ? current.email : "off"}
                      disabled={!current.in_app}
                      title={current.in_app ? undefined : "E-mails are sent for notifications; turn the inbox on first."}
                      onChange={(e) => update.mutate({ [kind]: { ...current, email: e.target.value as EmailMode } })}
                    >
                      {EMAIL.map((mode) => (
                        <option key={mode.value} value={mode.value}>
                          {mode.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="settings-note">Turning the inbox off for a kind also stops its e-mails.</p>
    </section>
  );
}
