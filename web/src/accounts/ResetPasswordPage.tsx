// `/reset-password`: ask for a link, or (with `?token=…` from the e-mail) choose a new password.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, ApiError, call } from "../api/client";
import { Field } from "../ui/common";
import { AuthFrame } from "./AuthFrame";

export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token");
  const [value, setValue] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (token) {
        await call(api.POST("/api/v1/auth/password-reset/confirm/", { body: { token, new_password: value } }));
      } else {
        await call(api.POST("/api/v1/auth/password-reset/", { body: { email: value } }));
      }
      setDone(true);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, undefined));
    }
  }

  if (done) {
    return (
      <AuthFrame title={token ? "Password changed" : "Check your email"}>
        <p role="status">
          {token
            ? "Your password is changed and every other session is signed out."
            : "If an account uses that address, a reset link is on its way. It works for 30 minutes."}
        </p>
        <Link to="/sign-in">Sign in</Link>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title={token ? "Choose a new password" : "Reset your password"}>
      <form className="stack" onSubmit={submit} noValidate>
        <Field label={token ? "New password" : "Email"} error={error?.field(token ? "new_password" : "email")}>
          <input
            type={token ? "password" : "email"}
            autoComplete={token ? "new-password" : "email"}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </Field>
        {error && Object.keys(error.fields).length === 0 && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="button button-primary">
          {token ? "Change password" : "Send reset link"}
        </button>
      </form>
    </AuthFrame>
  );
}
