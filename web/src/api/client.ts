// The typed API client: paths and shapes come from the server's OpenAPI document.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];

const CSRF_COOKIE = "glider_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** Changes made with the session cookie must echo the CSRF cookie in a header. */
export function csrfHeaders(method: string): Record<string, string> {
  const token = SAFE_METHODS.has(method.toUpperCase()) ? undefined : readCookie(CSRF_COOKIE);
  return token ? { "X-CSRF-Token": token } : {};
}

const csrf: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(csrfHeaders(request.method))) {
      request.headers.set(name, value);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(csrf);

/** The server's error body: a stable code, a sentence for people, and per-field messages. */
export interface ErrorBody {
  code?: string;
  detail?: string;
  fields?: Record<string, string[]>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]>;

  constructor(status: number, body: ErrorBody | undefined) {
    super(humanMessage(status, body));
    this.name = "ApiError";
    this.status = status;
    this.code = body?.code ?? "unknown";
    this.fields = body?.fields ?? {};
  }

  /** The first message about `field`, for showing under its input. */
  field(name: string): string | undefined {
    return this.fields[name]?.[0];
  }
}

function humanMessage(status: number, body: ErrorBody | undefined): string {
  if (status === 0) return "Glider cannot be reached. Check your connection and try again.";
  if (status === 401) return body?.detail ?? "Your session has ended. Please sign in again.";
  if (status === 403) return body?.detail ?? "You do not have permission to do that.";
  if (status === 404) return body?.detail ?? "That no longer exists, or you cannot see it.";
  if (status === 429) return "Too many requests. Wait a moment and try again.";
  if (status >= 500) return "Something went wrong on the server. Try again in a moment.";
  const fields = Object.entries(body?.fields ?? {});
  if (fields.length > 0) {
    return fields.map(([name, messages]) => `${name.replace(/_/g, " ")}: ${messages.join(" ")}`).join(" ");
  }
  return body?.detail ?? `The request failed (${status}).`;
}

/** Unwraps an openapi-fetch result: the data, or an `ApiError` thrown. */
export async function call<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await promise;
  } catch {
    throw new ApiError(0, undefined);
  }
  if (!result.response.ok) {
    throw new ApiError(result.response.status, result.error as ErrorBody | undefined);
  }
  return result.data as T;
}

/** The list endpoints page with a cursor; this reads every page (for small collections). */
export interface Page<T> {
  results: T[];
  next_cursor?: string | null;
  next_page_results?: boolean | null;
}
