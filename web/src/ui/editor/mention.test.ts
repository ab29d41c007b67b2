import { describe, expect, it } from "vitest";
import { filterCandidates, mentionAttributes, mentionedIds, toCandidate } from "./mention";
import { SuggestionStore } from "./suggestionStore";

const ada = toCandidate({ id: "a", display_name: "ada", first_name: "Ada", last_name: "Lovelace" });
const bob = toCandidate({ id: "b", display_name: "bob", first_name: "Bob", last_name: "Builder" });
const lin = toCandidate({ id: "c", display_name: "linus", first_name: "Linus", last_name: "Bobson" });

describe("filterCandidates", () => {
  it("ranks handles that start with the query before names that contain it", () => {
    expect(filterCandidates([lin, bob, ada], "bob").map((c) => c.id)).toEqual(["b", "c"]);
  });
  it("matches any word of the full name, case-insensitively", () => {
    expect(filterCandidates([ada, bob, lin], "LOVE").map((c) => c.id)).toEqual(["a"]);
  });
  it("returns everyone (up to the limit) for an empty query and nobody for a miss", () => {
    expect(filterCandidates([ada, bob, lin], "", 2).map((c) => c.id)).toEqual(["a", "b"]);
    expect(filterCandidates([ada, bob, lin], "zed")).toEqual([]);
  });
});

describe("mention markup", () => {
  it("is the server's mention-component with the user id and the user_mention entity", () => {
    expect(mentionAttributes("u1", "bob")).toEqual({ entity_identifier: "u1", entity_name: "user_mention", label: "bob" });
  });
  it("finds each mentioned user once, ignoring other entities", () => {
    const html =
      '<p><mention-component entity_identifier="u1" entity_name="user_mention">@a</mention-component> ' +
      '<mention-component entity_identifier="u2" entity_name="issue_mention"></mention-component>' +
      '<mention-component entity_identifier="u1" entity_name="user_mention"></mention-component></p>';
    expect(mentionedIds(html)).toEqual(["u1"]);
  });
  it("falls back to the full name or a placeholder for the handle", () => {
    expect(toCandidate({ id: "x", first_name: "Grace", last_name: "Hopper" }).handle).toBe("Grace Hopper");
  });
});

describe("SuggestionStore", () => {
  it("wraps the highlight and picks the highlighted candidate", () => {
    const store = new SuggestionStore();
    const picked: string[] = [];
    store.select = (c) => picked.push(c.id);
    store.show([ada, bob], { left: 0, top: 0, bottom: 10 }, "");
    store.move(-1);
    expect(store.get().active).toBe(1);
    expect(store.pickActive()).toBe(true);
    expect(picked).toEqual(["b"]);
    store.close();
    expect(store.pickActive()).toBe(false);
  });
});
