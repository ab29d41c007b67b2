// The profile picture: checked here first so a person hears at once what is wrong, then checked
// again by the server, which reads the bytes rather than trusting the file's type.
import { api, call } from "../../api/client";

export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Why `file` cannot be a profile picture, in words; undefined when it can. */
export function avatarProblem(file: { type: string; size: number }): string | undefined {
  if (file.size === 0) return "That file is empty.";
  if (!AVATAR_TYPES.includes(file.type)) return "Choose a PNG, JPEG, GIF or WebP picture.";
  if (file.size > AVATAR_MAX_BYTES) return "Choose a picture of 2 MB or less.";
  return undefined;
}

/** Sends the picture's bytes as they are (the typed client would otherwise send JSON). */
export const uploadAvatar = (file: Blob) =>
  call(
    api.PUT("/api/v1/users/me/avatar/", {
      // The document types an octet-stream body as a string; the bytes go as the Blob.
      body: file as unknown as string,
      bodySerializer: (body) => body,
      headers: { "Content-Type": file.type || "application/octet-stream" },
    }),
  );

export const removeAvatar = () => call(api.DELETE("/api/v1/users/me/avatar/"));
