// The profile picture: checked here first so a person hears at once what is wrong, then checked
// again by the server, which reads the bytes rather than trusting the file's type.
import { ApiError, csrfHeaders, type ErrorBody } from "../../api/client";

export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Why `file` cannot be a profile picture, in words; undefined when it can. */
export function avatarProblem(file: { type: string; size: number }): string | undefined {
  if (file.size === 0) return "That file is empty.";
  if (!AVATAR_TYPES.includes(file.type)) return "Choose a PNG, JPEG, GIF or WebP picture.";
  if (file.size > AVATAR_MAX_BYTES) return "Choose a picture of 2 MB or less.";
  return undefined;
}

async function send(method: "PUT" | "DELETE", body?: Blob): Promise<void> {
  let response: Response;
  try {
    response = await fetch("/api/v1/users/me/avatar/", {
      method,
      body,
      credentials: "same-origin",
      headers: { ...csrfHeaders(method), ...(body ? { "Content-Type": body.type || "application/octet-stream" } : {}) },
    });
  } catch {
    throw new ApiError(0, undefined);
  }
  if (!response.ok) {
    const error = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
    throw new ApiError(response.status, error);
  }
}

export const uploadAvatar = (file: Blob) => send("PUT", file);
export const removeAvatar = () => send("DELETE");
