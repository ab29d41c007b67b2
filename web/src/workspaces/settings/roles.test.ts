import { describe, expect, it } from "vitest";
import { canManageMember, invitationUrl, isAdmin, matchesMember, sortMembers, timeZones, type WorkspaceMember } from "./roles";

function member(over: Partial<WorkspaceMember>): WorkspaceMember {
  return {
    id: "m",
    avatar: "",
    display_name: "m",
    email: "m@example.com",
    first_name: "",
    last_name: "",
    is_active: true,
    is_bot: false,
    member_id: "x",
    role: 15,
    role_slug: "member",
    ...over,
  } as WorkspaceMember;
}

describe("roles", () => {
  it("lets owners and admins administer", () => {
    expect(isAdmin("owner")).toBe(true);
    expect(isAdmin("admin")).toBe(true);
    expect(isAdmin("member")).toBe(false);
    expect(isAdmin(undefined)).toBe(false);
  });

  it("never offers to manage the owner, yourself, or anyone to non-admins", () => {
    const bob = member({ id: "bob" });
    expect(canManageMember("admin", "me", bob)).toBe(true);
    expect(canManageMember("member", "me", bob)).toBe(false);
    expect(canManageMember("admin", "me", member({ id: "o", role_slug: "owner" }))).toBe(false);
    expect(canManageMember("owner", "me", member({ id: "me", role_slug: "admin" }))).toBe(false);
  });

  it("sorts by role, then name", () => {
    const sorted = sortMembers([
      member({ id: "g", role_slug: "guest", display_name: "a" }),
      member({ id: "m2", display_name: "zed" }),
      member({ id: "o", role_slug: "owner", display_name: "y" }),
      member({ id: "m1", display_name: "amy" }),
    ]);
    expect(sorted.map((m) => m.id)).toEqual(["o", "m1", "m2", "g"]);
  });

  it("finds members by full name or e-mail", () => {
    const ada = member({ first_name: "Ada", last_name: "Lovelace", email: "ada@calc.org" });
    expect(matchesMember(ada, "ada love")).toBe(true);
    expect(matchesMember(ada, "CALC")).toBe(true);
    expect(matchesMember(ada, "bob")).toBe(false);
    expect(matchesMember(ada, "  ")).toBe(true);
  });
});

describe("invitation links and zones", () => {
  it("keeps absolute links and completes relative ones", () => {
    expect(invitationUrl({ invitation_link: "https://g.example/invitations/t" }, "http://x")).toBe(
      "https://g.example/invitations/t",
    );
    expect(invitationUrl({ invitation_link: "/invitations/t" }, "http://x")).toBe("http://x/invitations/t");
    expect(invitationUrl({ token: "abc" }, "http://x")).toBe("http://x/invitations/abc");
    expect(invitationUrl({}, "http://x")).toBeUndefined();
  });

  it("lists UTC first, once", () => {
    const zones = timeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones.filter((z) => z === "UTC")).toHaveLength(1);
  });
});
