import { describe, expect, it } from "vitest";
import { relativeTime } from "./time";

describe("relativeTime", () => {
  const now = new Date("2026-06-15T12:00:00Z");
  const ago = (seconds: number) => relativeTime(new Date(now.getTime() - seconds * 1000), now);
  it("says how long ago, in words", () => {
    expect(ago(10)).toBe("just now");
    expect(ago(60)).toBe("1 minute ago");
    expect(ago(60 * 20)).toBe("20 minutes ago");
    expect(ago(3600 * 3)).toBe("3 hours ago");
    expect(ago(3600 * 24)).toBe("yesterday");
    expect(ago(3600 * 24 * 3)).toBe("3 days ago");
  });
  it("gives the date after a week", () => {
    expect(ago(3600 * 24 * 30)).not.toMatch(/ago/);
  });
});
