// The owner hands the workspace to another member (they become owner, the caller an admin).
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { personName } from "../../tracker/data";
import { toast, toastError } from "../../ui/toast";
import { ConfirmDialog } from "./ConfirmDialog";
import type { Workspace } from "./roles";
import { useMembersWithRoles } from "./useWorkspace";

export function TransferOwnership({ workspace }: { workspace: Workspace }) {
  const client = useQueryClient();
  const id = useId();
  const members = useMembersWithRoles(workspace.slug);
  const [target, setTarget] = useState("");
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const candidates = (members.data ?? []).filter((m) => m.role_slug !== "owner" && m.role_slug !== "guest" && m.is_active);
  const chosen = candidates.find((m) => m.id === target);

  async function transfer() {
    setBusy(true);
    try {
      await call(
        api.POST("/api/v1/workspaces/{slug}/transfer-ownership/", {
          params: { path: { slug: workspace.slug } },
          body: { user_id: target },
        }),
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.workspaces }),
        client.invalidateQueries({ queryKey: keys.members(workspace.slug) }),
      ]);
      toast(`${personName(chosen)} now owns ${workspace.name}.`);
      setOpen(false);
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="settings-danger-row">
      <div>
        <strong>Transfer ownership</strong>
        <p>The new owner can delete the workspace; you stay on as an admin.</p>
      </div>
      <div className="row">
        <label className="visually-hidden" htmlFor={id}>
          New owner
        </label>
        <select id={id} value={target} onChange={(e) => setTarget(e.target.value)} disabled={candidates.length === 0}>
          <option value="">{candidates.length ? "Choose a member…" : "No other members yet"}</option>
          {candidates.map((m) => (
            <option key={m.id} value={m.id}>
              {personName(m)} ({m.email})
            </option>
          ))}
        </select>
        <button type="button" className="button button-danger" disabled={!chosen} onClick={() => setOpen(true)}>
          Transfer
        </button>
      </div>
      <ConfirmDialog
        open={open}
        title="Transfer ownership?"
        confirmLabel="Transfer ownership"
        busy={busy}
        onClose={() => setOpen(false)}
        onConfirm={() => void transfer()}
      >
        {personName(chosen)} becomes the owner of {workspace.name}. Only they can give it back.
      </ConfirmDialog>
    </div>
  );
}
