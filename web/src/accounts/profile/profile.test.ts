import { describe, expect, it } from "vitest";
import { expiresAt, lastUsed, passwordProblem, profileChanges } from "./profile";

describe("profile changes", () => {
  const before = { display_name: "ada", first_name: "Ada", last_name: "L", timezone: "UTC" };

  it("sends only what changed, trimmed", () => {
    expect(profileChanges(before, { ...before })).toEqual({});
    expect(profileChanges(before, { ...before, first_name: " Ada ", last_name: "Lovelace " })).toEqual({
      last_name: "Lovelace",
    });
    expect(profileChanges(before, { ...before, timezone: "Europe/Paris" })).toEqual({ timezone: "Europe/Paris" });
  });
});

describe("tokens", () => {
  const now = new Date("2026-12-05T12:00:00Z");

  it("computes expiry dates", () => {
    expect(expiresAt("never", now)).toBeUndefined();
    expect(expiresAt("30", now)).toBe("2027-01-04T12:00:00.000Z");
  });

  it("says when a token was last used", () => {
    expect(lastUsed(null, now)).toBe("Never used");
    expect(lastUsed("2026-12-05T08:00:00Z", now)).toBe("Used today");
    expect(lastUsed("2026-12-04T08:00:00Z", now)).toBe("Used yesterday");
    expect(lastUsed("2026-11-30T08:00:00Z", now)).toBe("Used 5 days ago");
  });
});

describe("passwords", () => {
  it("asks for 8 characters and matching repeats", () => {
    expect(passwordProblem("", "")).toBeUndefined();
    expect(passwordProblem("short", "")).toBe("Use at least 8 characters.");
    expect(passwordProblem("long enough", "long enougH")).toBe("The two new passwords differ.");
    expect(passwordProblem("long enough", "long enough")).toBeUndefined();
  });
});
