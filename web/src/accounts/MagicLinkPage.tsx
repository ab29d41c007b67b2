// `/sign-in/magic-link?token=…` (the e-mailed link) or `?email=…` (type the 6-digit code).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, ApiError, call } from "../api/client";
import { keys } from "../api/keys";
import { Field } from "../ui/common";
import { AuthFrame } from "./AuthFrame";

export default function MagicLinkPage() {
  const [params] = useSearchParams();
  const token = params.get("token");
  const navigate = useNavigate();
  const client = useQueryClient();
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [code, setCode] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const tried = useRef(false);

  async function verify(body: { token?: string; email?: string; code?: string }) {
    setError(null);
    try {
      const session = await call(api.POST("/api/v1/auth/magic-link/verify/", { body }));
      client.setQueryData(keys.me, session.user);
      navigate("/", { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, undefined));
    }
  }

  useEffect(() => {
    if (token && !tried.current) {
      tried.current = true;
      void verify({ token });
    }
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void verify({ email, code });
  }

  return (
    <AuthFrame title="Sign in with a code">
      {token && !error ? (
        <p role="status">Signing you in…</p>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <Field label="Email" error={error?.field("email")}>
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field label="6-digit code" error={error?.field("code")}>
            <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
          {error && (
            <p className="form-error" role="alert">
              {error.message}
            </p>
          )}
          <button type="submit" className="button button-primary">
            Sign in
          </button>
        </form>
      )}
      <p className="auth-alt">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </AuthFrame>
  );
}
