import { describe, expect, it } from "vitest";
import { canAdminister, roleLabel } from "./roles";

describe("project roles", () => {
  it("names Plane's role numbers", () => {
    expect(roleLabel(20)).toBe("Admin");
    expect(roleLabel(5)).toBe("Guest");
    expect(roleLabel(undefined)).toBe("No role");
  });
  it("lets project admins and workspace admins administer", () => {
    expect(canAdminister(20, "member")).toBe(true);
    expect(canAdminister(15, "admin")).toBe(true);
    expect(canAdminister(null, "owner")).toBe(true);
    expect(canAdminister(15, "member")).toBe(false);
    expect(canAdminister(undefined, undefined)).toBe(false);
  });
});
