import { describe, expect, it } from "vitest";
import { IDLE, interpret, isTypingTarget, keyLabel, SEQUENCE_MS, SHORTCUTS, type KeyInput } from "./shortcuts";

const press = (key: string, over: Partial<KeyInput> = {}): KeyInput => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  modal: false,
  ...over,
});

describe("interpret", () => {
  it("opens the palette with Ctrl-K or Cmd-K, even while typing", () => {
    expect(interpret(press("k", { ctrlKey: true }), IDLE, 0).action).toBe("palette");
    expect(interpret(press("K", { metaKey: true, typing: true }), IDLE, 0).action).toBe("palette");
    expect(interpret(press("k", { ctrlKey: true, altKey: true }), IDLE, 0).action).toBeNull();
  });

  it("maps single keys", () => {
    expect(interpret(press("c"), IDLE, 0).action).toBe("create");
    expect(interpret(press("C"), IDLE, 0).action).toBe("create");
    expect(interpret(press("/"), IDLE, 0).action).toBe("search");
    expect(interpret(press("?"), IDLE, 0).action).toBe("help");
    expect(interpret(press("x"), IDLE, 0).action).toBeNull();
  });

  it("ignores keys typed into fields, in dialogs or with modifiers", () => {
    expect(interpret(press("c", { typing: true }), IDLE, 0).action).toBeNull();
    expect(interpret(press("/", { modal: true }), IDLE, 0).action).toBeNull();
    expect(interpret(press("c", { ctrlKey: true }), IDLE, 0).action).toBeNull();
  });

  it("follows G then I or P within the time allowed", () => {
    const afterG = interpret(press("g"), IDLE, 1000);
    expect(afterG.action).toBeNull();
    expect(interpret(press("i"), afterG.state, 1500).action).toBe("go-inbox");
    expect(interpret(press("p"), afterG.state, 1500).action).toBe("go-projects");
    expect(interpret(press("i"), afterG.state, 1000 + SEQUENCE_MS + 1).action).toBeNull();
  });

  it("forgets G after another key or while typing", () => {
    const afterG = interpret(press("g"), IDLE, 0);
    const afterX = interpret(press("x"), afterG.state, 10);
    expect(interpret(press("i"), afterX.state, 20).action).toBeNull();
    const typed = interpret(press("g", { typing: true }), IDLE, 0);
    expect(interpret(press("i"), typed.state, 10).action).toBeNull();
  });

  it("still understands a plain key after G", () => {
    const afterG = interpret(press("g"), IDLE, 0);
    expect(interpret(press("c"), afterG.state, 10).action).toBe("create");
  });
});

describe("typing targets", () => {
  it("treats text fields and editors as typing, buttons and checkboxes not", () => {
    const text = document.createElement("input");
    const box = document.createElement("input");
    box.type = "checkbox";
    const editor = document.createElement("div");
    editor.setAttribute("contenteditable", "true");
    document.body.append(editor);
    expect(isTypingTarget(text)).toBe(true);
    expect(isTypingTarget(document.createElement("textarea"))).toBe(true);
    expect(isTypingTarget(box)).toBe(false);
    expect(isTypingTarget(document.createElement("button"))).toBe(false);
    const inside = document.createElement("p");
    editor.append(inside);
    expect(isTypingTarget(editor)).toBe(true);
    expect(isTypingTarget(inside)).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe("the table", () => {
  it("has one entry per action and platform labels", () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
    expect(keyLabel("Mod+K", true)).toBe("⌘+K");
    expect(keyLabel("Mod+K", false)).toBe("Ctrl+K");
  });
});
