import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { api, ApiError, call } from "../api/client";
import { Field } from "../ui/common";
import { AuthFrame } from "./AuthFrame";
import { signIn } from "./session";

export default function SignUpPage() {
  const navigate = useNavigate();
  const [form, setForm] = useState({ display_name: "", email: "", password: "" });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST("/api/v1/auth/register/", { body: form }));
      // Registration answers with API tokens; the browser keeps a cookie session instead.
      await signIn(form.email, form.password);
      navigate("/", { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, undefined));
    } finally {
      setBusy(false);
    }
  }

  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [name]: event.target.value }));

  return (
    <AuthFrame title="Create your account">
      <form className="stack" onSubmit={submit} noValidate>
        <Field label="Your name" error={error?.field("display_name")}>
          <input autoComplete="name" value={form.display_name} onChange={set("display_name")} />
        </Field>
        <Field label="Email" error={error?.field("email")}>
          <input type="email" autoComplete="email" value={form.email} onChange={set("email")} />
        </Field>
        <Field label="Password" error={error?.field("password")} hint="At least 8 characters.">
          <input type="password" autoComplete="new-password" value={form.password} onChange={set("password")} />
        </Field>
        {error && Object.keys(error.fields).length === 0 && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </button>
      </form>
      <p className="auth-alt">
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthFrame>
  );
}
