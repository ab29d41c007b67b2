import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { problemText } from "./problem";

describe("problemText", () => {
  it("drops the 'non field errors:' prefix of a rule the server states in a sentence", () => {
    const error = new ApiError(400, { fields: { non_field_errors: ["Start date cannot exceed target date"] } });
    expect(problemText(error)).toBe("Start date cannot exceed target date");
  });
  it("keeps field names when a field is at fault", () => {
    const error = new ApiError(400, { fields: { url: ["Invalid URL format."] } });
    expect(problemText(error)).toBe("url: Invalid URL format.");
  });
  it("uses the message of any other error", () => {
    expect(problemText(new ApiError(403, { detail: "Only admins." }))).toBe("Only admins.");
    expect(problemText("?")).toBe("Something went wrong.");
  });
});
