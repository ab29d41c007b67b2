import { describe, expect, it } from "vitest";
import { ApiError, csrfHeaders } from "./client";

describe("ApiError", () => {
  it("names the fields a person must fix", () => {
    const error = new ApiError(400, {
      code: "validation_failed",
      detail: "Invalid input.",
      fields: { display_name: ["This field may not be blank."] },
    });
    expect(error.message).toBe("display name: This field may not be blank.");
    expect(error.field("display_name")).toBe("This field may not be blank.");
    expect(error.code).toBe("validation_failed");
  });

  it("speaks plainly about statuses without a body", () => {
    expect(new ApiError(0, undefined).message).toMatch(/cannot be reached/);
    expect(new ApiError(503, { detail: "internal text" }).message).toMatch(/server/);
    expect(new ApiError(409, { detail: "Slug taken." }).message).toBe("Slug taken.");
  });
});

describe("csrfHeaders", () => {
  it("echoes the CSRF cookie on changes only", () => {
    document.cookie = "glider_csrf=abc123";
    expect(csrfHeaders("GET")).toEqual({});
    expect(csrfHeaders("post")).toEqual({ "X-CSRF-Token": "abc123" });
  });
});
