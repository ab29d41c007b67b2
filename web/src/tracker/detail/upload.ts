// Attachment uploads in Plane's three steps (crates/glider-service/src/tracker/attachments.rs):
// 1. POST the record `{name, type, size}` → `upload_data` {url, fields} and `asset_id`;
// 2. POST multipart/form-data to `upload_data.url`: every signed field, then the file as `file`
//    (Glider's own `/api/v1/uploads/{asset_id}/`, or an S3 presigned POST), with progress;
// 3. PATCH the attachment: marks it uploaded, and only then it is listed.
import { api, ApiError, call, csrfHeaders, type ErrorBody } from "../../api/client";
import { loose, type Attachment, type ItemRef } from "./api";

export interface UploadTicket {
  assetId: string;
  url: string;
  fields: Record<string, string>;
}

const BY_EXTENSION: Record<string, string> = {
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  txt: "text/plain",
  log: "text/plain",
  json: "application/json",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  tgz: "application/gzip",
  "7z": "application/x-7z-compressed",
  rar: "application/vnd.rar",
  svg: "image/svg+xml",
  webp: "image/webp",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
};

/** The MIME type to declare: the browser's, else one known from the extension, else binary. */
export function fileType(file: { name: string; type: string }): string {
  if (file.type) return file.type.toLowerCase();
  const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
  return BY_EXTENSION[extension] ?? "application/octet-stream";
}

/** The upload form: the signed fields first (S3 requires it), the file last as `file`. */
export function uploadForm(fields: Record<string, string>, file: Blob, name: string): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("file", file, name);
  return form;
}

/** Whole percent of an upload, never 100 before the server has answered. */
export function percent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(99, Math.floor((loaded / total) * 100));
}

/** Reads step 1's answer, whatever the exact shape of its fields. */
export function readTicket(body: unknown): UploadTicket {
  const value = body as { asset_id?: string; id?: string; upload_data?: { url?: string; fields?: Record<string, unknown> } };
  const url = value.upload_data?.url;
  const assetId = value.asset_id ?? value.id;
  if (!url || !assetId) throw new Error("The server did not say where to upload the file.");
  const fields: Record<string, string> = {};
  for (const [key, field] of Object.entries(value.upload_data?.fields ?? {})) fields[key] = String(field);
  return { assetId, url, fields };
}

function errorBody(xhr: XMLHttpRequest): ErrorBody | undefined {
  try {
    return JSON.parse(xhr.responseText) as ErrorBody;
  } catch {
    return undefined;
  }
}

/** Step 2, with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function postFile(
  ticket: UploadTicket,
  file: File,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", ticket.url);
    // Glider's own receiver sees the session cookie, so it wants the CSRF echo like any change;
    // a storage service elsewhere gets no extra headers (they would need a CORS preflight).
    if (new URL(ticket.url, location.href).origin === location.origin) {
      for (const [name, value] of Object.entries(csrfHeaders("POST"))) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(percent(event.loaded, event.total));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new ApiError(xhr.status, errorBody(xhr)));
    };
    xhr.onerror = () => reject(new ApiError(0, undefined));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(uploadForm(ticket.fields, file, file.name));
  });
}

export async function uploadAttachment(
  ref: ItemRef,
  file: File,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<Attachment> {
  const path = { slug: ref.slug, project_id: ref.projectId, work_item_id: ref.id };
  const created = await call(
    api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/", {
      params: { path },
      body: loose({ name: file.name, type: fileType(file), size: file.size }),
    }),
  );
  const ticket = readTicket(created);
  await postFile(ticket, file, onProgress, signal);
  return call(
    api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/{attachment_id}/", {
      params: { path: { ...path, attachment_id: ticket.assetId } },
      body: loose({ is_uploaded: true }),
    }),
  );
}
