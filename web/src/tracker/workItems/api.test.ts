import { describe, expect, it } from "vitest";
import { collectPages } from "./api";

const item = (id: number) => ({ id: String(id) });

describe("collectPages", () => {
  it("returns a single page without announcing it as partial", async () => {
    const announced: unknown[] = [];
    const items = await collectPages(async () => ({ results: [item(1), item(2)], total_pages: 1 }), (first) => announced.push(first));
    expect(items.map((i) => i.id)).toEqual(["1", "2"]);
    expect(announced).toEqual([]);
  });

  it("hands over the first page early, then every page in order, each item once", async () => {
    const requested: number[] = [];
    const pages = [[item(1), item(2)], [item(2), item(3)], [item(4)], [item(5)], [item(6)], [item(7)], [item(8)]];
    const announced: string[][] = [];
    const items = await collectPages(
      async (page) => {
        requested.push(page);
        return { results: pages[page] ?? [], total_pages: pages.length };
      },
      (first) => announced.push(first.map((i) => i.id)),
    );
    expect(announced).toEqual([["1", "2"]]);
    expect(requested.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(items.map((i) => i.id)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
  });

  it("fails as a whole when a later page fails", async () => {
    const failing = collectPages(async (page) => {
      if (page === 2) throw new Error("page 2 failed");
      return { results: [item(page)], total_pages: 3 };
    });
    await expect(failing).rejects.toThrow("page 2 failed");
  });
});
