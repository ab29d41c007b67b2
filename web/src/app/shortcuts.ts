// Keyboard shortcuts: the table (the help dialog renders it), the pure key interpreter, and
// the hook that WorkspaceLayout calls once.
import { useEffect, useRef } from "react";
import { useLocation, useNavigate, useParams } from "react-router";
import { createWorkItemIn, openPalette, openShortcutHelp, projectIdFromPath } from "./palette/bus";

export type ShortcutAction = "palette" | "search" | "create" | "help" | "go-inbox" | "go-projects";

export interface Shortcut {
  action: ShortcutAction;
  /** Keys pressed one after the other; "Mod" is Ctrl, or ⌘ on a Mac. */
  keys: string[];
  label: string;
}

export const SHORTCUTS: Shortcut[] = [
  { action: "palette", keys: ["Mod+K"], label: "Open the command palette" },
  { action: "search", keys: ["/"], label: "Search work items by number or title" },
  { action: "create", keys: ["C"], label: "Create a work item" },
  { action: "go-inbox", keys: ["G", "I"], label: "Go to the inbox" },
  { action: "go-projects", keys: ["G", "P"], label: "Go to projects" },
  { action: "help", keys: ["?"], label: "Show keyboard shortcuts" },
];

/** How long the second key of a sequence (G then I) may wait. */
export const SEQUENCE_MS = 1500;

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The key was typed into a field (input, textarea, select, contenteditable). */
  typing: boolean;
  /** A modal dialog is open: single-key shortcuts stay quiet. */
  modal: boolean;
}

export interface KeyState {
  pending: string | null;
  at: number;
}

export const IDLE: KeyState = { pending: null, at: 0 };

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('[contenteditable]:not([contenteditable="false"])')) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(type);
}

/** What a key press means, given the key pressed before it. */
export function interpret(
  input: KeyInput,
  state: KeyState,
  now: number,
): { action: ShortcutAction | null; state: KeyState } {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if ((input.ctrlKey || input.metaKey) && !input.altKey && key === "k") return { action: "palette", state: IDLE };
  if (input.typing || input.modal || input.ctrlKey || input.metaKey || input.altKey) {
    return { action: null, state: IDLE };
  }
  if (state.pending === "g" && now - state.at <= SEQUENCE_MS) {
    if (key === "i") return { action: "go-inbox", state: IDLE };
    if (key === "p") return { action: "go-projects", state: IDLE };
  }
  switch (key) {
    case "g":
      return { action: null, state: { pending: "g", at: now } };
    case "c":
      return { action: "create", state: IDLE };
    case "/":
      return { action: "search", state: IDLE };
    case "?":
      return { action: "help", state: IDLE };
    default:
      return { action: null, state: IDLE };
  }
}

/** "Mod+K" as this platform writes it. */
export function keyLabel(key: string, mac: boolean): string {
  return key.replace("Mod", mac ? "⌘" : "Ctrl");
}

export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function useGlobalShortcuts(): void {
  const navigate = useNavigate();
  const slug = useParams().slug ?? "";
  const { pathname } = useLocation();
  const state = useRef<KeyState>(IDLE);
  const context = useRef({ navigate, slug, pathname });
  useEffect(() => {
    context.current = { navigate, slug, pathname };
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const result = interpret(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          typing: isTypingTarget(event.target),
          modal: document.querySelector("dialog[open]") !== null,
        },
        state.current,
        performance.now(),
      );
      state.current = result.state;
      if (!result.action) return;
      event.preventDefault();
      const { navigate: go, slug: ws, pathname: path } = context.current;
      switch (result.action) {
        case "palette":
          openPalette("root");
          break;
        case "search":
          openPalette("search");
          break;
        case "help":
          openShortcutHelp();
          break;
        case "go-inbox":
          void go(`/${ws}/notifications`);
          break;
        case "go-projects":
          void go(`/${ws}/projects`);
          break;
        case "create": {
          const projectId = projectIdFromPath(path);
          if (projectId) void createWorkItemIn(go, ws, projectId);
          else openPalette("create");
          break;
        }
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
