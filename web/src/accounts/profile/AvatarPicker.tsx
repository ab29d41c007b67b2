// The profile picture with its controls: upload a new one, or remove it for initials.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { keys } from "../../api/keys";
import { Avatar } from "../../ui/common";
import { toast } from "../../ui/toast";
import { AVATAR_TYPES, avatarProblem, removeAvatar, uploadAvatar } from "./avatar";

export function AvatarPicker({ name, url }: { name: string; url?: string | null }) {
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await client.invalidateQueries({ queryKey: keys.me });
      // Member lists and avatars elsewhere show the new picture.
      void client.invalidateQueries({ queryKey: ["ws"] });
      toast(done);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  function choose(file: File | undefined) {
    if (!file) return;
    const problem = avatarProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    void run(() => uploadAvatar(file), "Profile picture updated.");
  }

  return (
    <div className="avatar-picker">
      <Avatar name={name} url={url} size={56} />
      <div className="avatar-picker-actions">
        <label className="button">
          {busy ? "Saving…" : url ? "Change picture" : "Upload picture"}
          <input
            ref={input}
            type="file"
            className="visually-hidden"
            accept={AVATAR_TYPES.join(",")}
            disabled={busy}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => choose(event.target.files?.[0])}
          />
        </label>
        {url && (
          <button type="button" className="button button-ghost" disabled={busy} onClick={() => void run(removeAvatar, "Profile picture removed.")}>
            Remove picture
          </button>
        )}
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
