// Picture, names and time zone.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiError, call } from "../../api/client";
import { keys } from "../../api/keys";
import { Field } from "../../ui/common";
import { toast, toastError } from "../../ui/toast";
import { timeZones } from "../../workspaces/settings/roles";
import type { Me } from "../session";
import { profileChanges, type ProfileDraft } from "./profile";
import { AvatarPicker } from "./AvatarPicker";

function draftOf(me: Me): ProfileDraft {
  return {
    display_name: me.display_name,
    first_name: me.first_name,
    last_name: me.last_name,
    timezone: me.timezone,
  };
}

export function ProfileForm({ me }: { me: Me }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(me));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const changes = profileChanges(draftOf(me), draft);
  const dirty = Object.keys(changes).length > 0;
  const zones = timeZones();
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const updated = await call(api.PATCH("/api/v1/auth/me/", { body: changes }));
      client.setQueryData(keys.me, updated);
      setDraft(draftOf(updated));
      void client.invalidateQueries({ queryKey: ["ws"] });
      toast("Profile saved.");
    } catch (caught) {
      if (caught instanceof ApiError && Object.keys(caught.fields).length > 0) setError(caught);
      else toastError(caught);
    } finally {
      setSaving(false);
    }
  }

  const set = (field: keyof ProfileDraft) => (value: string) => setDraft({ ...draft, [field]: value });
  const fullName = `${draft.first_name} ${draft.last_name}`.trim() || draft.display_name || "?";

  return (
    <section className="settings-section" aria-labelledby="profile-title">
      <header>
        <div>
          <h2 id="profile-title">Profile</h2>
          <p>How teammates see you in {me.email ? "this and every other workspace" : "Glider"}.</p>
        </div>
      </header>
      <div className="settings-person profile-identity">
        <div className="settings-person-text">
          <strong>{fullName}</strong>
          <span>{me.email}</span>
        </div>
      </div>
      <AvatarPicker name={fullName} url={me.avatar_url} />
      <form className="settings-form" onSubmit={save} noValidate>
        <div className="profile-names">
          <Field label="First name" error={error?.field("first_name")}>
            <input value={draft.first_name} onChange={(e) => set("first_name")(e.target.value)} autoComplete="given-name" />
          </Field>
          <Field label="Last name" error={error?.field("last_name")}>
            <input value={draft.last_name} onChange={(e) => set("last_name")(e.target.value)} autoComplete="family-name" />
          </Field>
        </div>
        <Field
          label="Display name"
          error={error?.field("display_name")}
          hint="Used for @mentions; letters, digits, dots, dashes and underscores work best."
        >
          <input value={draft.display_name} onChange={(e) => set("display_name")(e.target.value)} autoComplete="nickname" />
        </Field>
        <Field label="Time zone" error={error?.field("timezone")}>
          <select aria-label="Time zone" value={draft.timezone} onChange={(e) => set("timezone")(e.target.value)}>
            {(zones.includes(draft.timezone) ? zones : [draft.timezone, ...zones]).map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
                {zone === browserZone ? " (this device)" : ""}
              </option>
            ))}
          </select>
        </Field>
        <div className="settings-form-actions">
          <button type="submit" className="button button-primary" disabled={!dirty || saving}>
            {saving ? "Saving…" : "Save profile"}
          </button>
          {dirty && (
            <button type="button" className="button button-ghost" onClick={() => setDraft(draftOf(me))}>
              Discard
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
