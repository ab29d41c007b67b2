// A signing secret shown once, with a copy button and a warning.
import { CopyField } from "../workspaces/settings/CopyField";
import { Dialog } from "../ui/Dialog";

export function SecretReveal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  return (
    <Dialog open={secret !== null} title="Copy the signing secret" onClose={onClose}>
      <div className="stack">
        <div className="settings-secret" role="alert">
          <p>
            <strong>This secret is shown only once.</strong> Store it with the receiver now: Glider signs every delivery
            with it (<code>X-Glider-Signature: sha256=…</code>) and cannot show it again. If you lose it, regenerate it.
          </p>
        </div>
        {secret && <CopyField label="Signing secret" value={secret} />}
        <div className="row settings-dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            I have stored it
          </button>
        </div>
      </div>
    </Dialog>
  );
}
