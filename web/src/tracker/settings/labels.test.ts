import { describe, expect, it } from "vitest";
import type { Label } from "../data";
import { labelTree, subtree } from "./labels";

function label(id: string, parent: string | null, sort_order: number): Label {
  return {
    id,
    parent,
    sort_order,
    name: id,
    color: "#000",
    description: "",
    workspace: "w",
    created_at: "",
    updated_at: "",
  };
}

const labels = [label("bug", null, 2), label("ui", "bug", 1), label("api", "bug", 0), label("feat", null, 1), label("deep", "ui", 0)];

describe("labelTree", () => {
  it("lists each parent before its children, in order, with depth", () => {
    expect(labelTree(labels).map((n) => `${n.label.id}:${n.depth}`)).toEqual(["feat:0", "bug:0", "api:1", "ui:1", "deep:2"]);
  });
  it("puts labels whose parent is gone at the top", () => {
    expect(labelTree([label("orphan", "missing", 0)]).map((n) => n.depth)).toEqual([0]);
  });
});

describe("subtree", () => {
  it("collects a label and everything below it", () => {
    expect([...subtree(labels, "bug")].sort()).toEqual(["api", "bug", "deep", "ui"]);
    expect([...subtree(labels, "feat")]).toEqual(["feat"]);
  });
});
