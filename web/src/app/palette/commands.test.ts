import { describe, expect, it } from "vitest";
import { projectIdFromPath, workItemsPath } from "./bus";
import { mergeHits, parseHits, parseIdentifier, peekHref, projectCommands, workspaceCommands } from "./commands";

describe("identifiers", () => {
  it("reads KEY-N in any case", () => {
    expect(parseIdentifier("web-12")).toEqual({ key: "WEB", number: 12, identifier: "WEB-12" });
    expect(parseIdentifier(" PLAT2-007 ")).toEqual({ key: "PLAT2", number: 7, identifier: "PLAT2-7" });
    expect(parseIdentifier("web 12")).toBeNull();
    expect(parseIdentifier("12")).toBeNull();
    expect(parseIdentifier("fix-the-login")).toBeNull();
  });
});

describe("search hits", () => {
  it("reads the search endpoint's answer and skips broken entries", () => {
    const hits = parseHits({
      issues: [
        { id: "a", name: "Login", project_id: "p", sequence_id: 4, project__identifier: "WEB" },
        { name: "no id" },
      ],
    });
    expect(hits).toEqual([{ id: "a", name: "Login", projectId: "p", identifier: "WEB-4" }]);
    expect(parseHits({})).toEqual([]);
    expect(parseHits(null)).toEqual([]);
  });

  it("puts the exact match first, once", () => {
    const a = { id: "a", name: "A", projectId: "p", identifier: "WEB-1" };
    const b = { id: "b", name: "B", projectId: "p", identifier: "WEB-2" };
    expect(mergeHits(b, [a, b]).map((h) => h.id)).toEqual(["b", "a"]);
    expect(mergeHits(null, [a]).map((h) => h.id)).toEqual(["a"]);
  });

  it("opens a hit in its project's peek", () => {
    expect(peekHref("acme", { id: "w", projectId: "p" })).toBe("/acme/projects/p/issues?peek=w");
  });
});

describe("navigation", () => {
  it("offers every page of every project", () => {
    const commands = projectCommands("acme", [{ id: "p1", name: "Web", identifier: "WEB" }]);
    expect(commands.map((c) => c.href)).toEqual([
      "/acme/projects/p1/issues",
      "/acme/projects/p1/cycles",
      "/acme/projects/p1/modules",
      "/acme/projects/p1/intake",
      "/acme/projects/p1/views",
      "/acme/projects/p1/settings",
    ]);
    expect(commands[0]?.keywords).toContain("WEB");
  });

  it("offers the workspace's pages", () => {
    const hrefs = workspaceCommands("acme").map((c) => c.href);
    expect(hrefs).toContain("/acme/notifications");
    expect(hrefs).toContain("/acme/settings");
    expect(hrefs).toContain("/acme/profile");
  });

  it("knows which project a path is in", () => {
    expect(projectIdFromPath("/acme/projects/p1/cycles/c2")).toBe("p1");
    expect(projectIdFromPath("/acme/projects")).toBeUndefined();
    expect(projectIdFromPath("/acme/notifications")).toBeUndefined();
    expect(workItemsPath("acme", "p1")).toBe("/acme/projects/p1/issues");
  });
});
