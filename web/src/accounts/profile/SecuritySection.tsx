// Change the password (signs out every other session) and this browser's session.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api, ApiError, call } from "../../api/client";
import { Field } from "../../ui/common";
import { toast, toastError } from "../../ui/toast";
import { signOut, type Me } from "../session";
import { passwordProblem } from "./profile";

export function SecuritySection({ me }: { me: Me }) {
  const navigate = useNavigate();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = passwordProblem(next, confirm);

  async function change(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await call(api.POST("/api/v1/auth/change-password/", { body: { old_password: current, new_password: next } }));
      setCurrent("");
      setNext("");
      setConfirm("");
      toast("Password changed. Other browsers and apps signed in as you were signed out.");
    } catch (caught) {
      if (caught instanceof ApiError && Object.keys(caught.fields).length > 0) setError(caught);
      else toastError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className="settings-section" aria-labelledby="password-title">
        <header>
          <div>
            <h2 id="password-title">Change password</h2>
            <p>Changing it signs you out everywhere else; this browser stays signed in.</p>
          </div>
        </header>
        <form className="settings-form" onSubmit={change} noValidate>
          <input type="email" value={me.email ?? ""} autoComplete="username" readOnly hidden />
          <Field label="Current password" error={error?.field("old_password")}>
            <input
              type="password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              autoComplete="current-password"
            />
          </Field>
          <Field label="New password" error={error?.field("new_password")} hint="At least 8 characters.">
            <input type="password" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" />
          </Field>
          <Field label="Repeat the new password" error={problem}>
            <input
              type="password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              autoComplete="new-password"
            />
          </Field>
          <div className="settings-form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || !current || !next || next !== confirm || Boolean(problem)}
            >
              {busy ? "Changing…" : "Change password"}
            </button>
          </div>
        </form>
      </section>
      <section className="settings-section" aria-labelledby="session-title">
        <header>
          <div>
            <h2 id="session-title">This browser</h2>
            <p>
              Signed in as <strong>{me.email}</strong>
              {me.created_at && `, with an account since ${new Date(me.created_at).toLocaleDateString()}`}.
            </p>
          </div>
        </header>
        <div className="settings-card">
          <div className="settings-danger-row">
            <div>
              <strong>Current session</strong>
              <p>{navigator.userAgent.includes("Mobile") ? "A mobile browser" : "A desktop browser"} · active now</p>
            </div>
            <button
              type="button"
              className="button"
              onClick={() => signOut().then(() => navigate("/sign-in"), toastError)}
            >
              Sign out of this browser
            </button>
          </div>
        </div>
      </section>
    </>
  );
}
