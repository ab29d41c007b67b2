// A refused change, said as people would: the server's own sentence when it names no field.
import { ApiError } from "../../api/client";
import { toastError } from "../../ui/toast";

const GENERAL = ["non_field_errors", "error", "detail"];

export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const general = GENERAL.flatMap((name) => error.fields[name] ?? []);
    const others = Object.keys(error.fields).filter((name) => !GENERAL.includes(name));
    if (general.length > 0 && others.length === 0) return general.join(" ");
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}

/** toastError, with a field-less validation error shown as its plain sentence. */
export function toastProblem(error: unknown): void {
  toastError(error instanceof ApiError ? new Error(problemText(error)) : error);
}
