// `/invitations/:token`: the link from an invitation email.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, call } from "../api/client";
import { keys } from "../api/keys";
import { AuthFrame } from "../accounts/AuthFrame";
import { toastError } from "../ui/toast";

export default function InvitationPage() {
  const token = useParams().token ?? "";
  const navigate = useNavigate();
  const client = useQueryClient();
  const [declined, setDeclined] = useState(false);

  async function accept() {
    try {
      const workspace = await call(api.POST("/api/v1/invitations/accept/", { body: { token } }));
      await client.invalidateQueries({ queryKey: keys.workspaces });
      navigate(`/${workspace.slug}/projects`);
    } catch (error) {
      toastError(error);
    }
  }

  async function decline() {
    try {
      await call(api.POST("/api/v1/invitations/decline/", { body: { token } }));
      setDeclined(true);
    } catch (error) {
      toastError(error);
    }
  }

  return (
    <AuthFrame title="You are invited">
      {declined ? (
        <p role="status">Invitation declined.</p>
      ) : (
        <div className="row">
          <button type="button" className="button button-primary" onClick={() => void accept()}>
            Accept and join
          </button>
          <button type="button" className="button" onClick={() => void decline()}>
            Decline
          </button>
        </div>
      )}
      <p className="auth-alt">
        <Link to="/">Your workspaces</Link>
      </p>
    </AuthFrame>
  );
}
