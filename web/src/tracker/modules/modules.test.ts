import { describe, expect, it } from "vitest";
import type { Module } from "../data";
import { canArchive, moduleDates, sortModules, statusInfo } from "./modules";

function module(name: string, status: Module["status"], target_date: string | null = null): Module {
  return { name, status, target_date } as Module;
}

describe("modules", () => {
  it("archives only finished modules", () => {
    expect(canArchive(module("a", "completed"))).toBe(true);
    expect(canArchive(module("a", "cancelled"))).toBe(true);
    expect(canArchive(module("a", "in-progress"))).toBe(false);
  });
  it("puts active modules first, soonest target first", () => {
    const sorted = sortModules([
      module("done", "completed"),
      module("late", "in-progress", "2026-05-01"),
      module("soon", "in-progress", "2026-04-01"),
      module("plan", "planned"),
    ]);
    expect(sorted.map((m) => m.name)).toEqual(["soon", "late", "plan", "done"]);
  });
  it("labels statuses and dates", () => {
    expect(statusInfo("in-progress").label).toBe("In progress");
    expect(moduleDates(null, null)).toBe("No dates");
    expect(moduleDates("2026-03-03", null)).toMatch(/^From /);
    expect(moduleDates(null, "2026-03-03")).toMatch(/^Until /);
  });
});
