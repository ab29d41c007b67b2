import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, ApiError, call } from "../api/client";
import { Field } from "../ui/common";
import { AuthFrame } from "./AuthFrame";
import { signIn, useInstance } from "./session";

export default function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next")?.startsWith("/") ? (params.get("next") ?? "/") : "/";
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [linkSent, setLinkSent] = useState(false);
  const emailEnabled = useInstance().data?.email_enabled ?? false;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      navigate(next, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, undefined));
    } finally {
      setBusy(false);
    }
  }

  async function sendLink() {
    setError(null);
    try {
      await call(api.POST("/api/v1/auth/magic-link/", { body: { email } }));
      setLinkSent(true);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, undefined));
    }
  }

  return (
    <AuthFrame title="Sign in to Glider">
      <form className="stack" onSubmit={submit} noValidate>
        <Field label="Email" error={error?.field("email")}>
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" error={error?.field("password")}>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {error && Object.keys(error.fields).length === 0 && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        {!emailEnabled ? null : linkSent ? (
          <p role="status">
            If an account uses {email}, a sign-in link and code are on their way.{" "}
            <Link to={`/sign-in/magic-link?email=${encodeURIComponent(email)}`}>Enter the code</Link>
          </p>
        ) : (
          <button type="button" className="button button-ghost" disabled={!email} onClick={() => void sendLink()}>
            Email me a sign-in link instead
          </button>
        )}
      </form>
      {emailEnabled && (
        <p className="auth-alt">
          <Link to="/reset-password">Forgot your password?</Link>
        </p>
      )}
      <p className="auth-alt">
        New to Glider? <Link to="/sign-up">Create an account</Link>
      </p>
    </AuthFrame>
  );
}
