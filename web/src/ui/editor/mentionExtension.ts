// TipTap's Mention node, read and written as the server's `<mention-component>` markup, with
// an "@" suggestion over the given candidates shown through a SuggestionStore.
import Mention from "@tiptap/extension-mention";
import { PluginKey } from "@tiptap/pm/state";
import { filterCandidates, mentionAttributes, MENTION_TAG, type MentionCandidate } from "./mention";
import type { SuggestionStore } from "./suggestionStore";

function labelOf(attrs: Record<string, unknown>): string {
  return String(attrs.label ?? attrs.id ?? "");
}

export function userMention(store: SuggestionStore) {
  return Mention.extend({
    addAttributes() {
      return {
        ...this.parent?.(),
        id: {
          default: null,
          parseHTML: (element: HTMLElement) => element.getAttribute("entity_identifier") ?? element.getAttribute("data-id"),
          renderHTML: () => ({}),
        },
        label: {
          default: null,
          parseHTML: (element: HTMLElement) =>
            element.getAttribute("label") ??
            element.getAttribute("data-label") ??
            (element.textContent?.replace(/^@/, "") || null),
          renderHTML: () => ({}),
        },
      };
    },
    parseHTML() {
      return [{ tag: MENTION_TAG }, { tag: 'span[data-type="mention"]' }];
    },
    renderHTML({ node }) {
      const label = labelOf(node.attrs);
      return [MENTION_TAG, mentionAttributes(String(node.attrs.id ?? ""), label), `@${label}`];
    },
    renderText({ node }) {
      return `@${labelOf(node.attrs)}`;
    },
  }).configure({
    suggestion: {
      char: "@",
      pluginKey: new PluginKey("userMention"),
      items: ({ query }) => filterCandidates(store.getCandidates(), query),
      render: () => {
        const place = (rect: DOMRect | null | undefined) =>
          rect ? { left: rect.left, top: rect.top, bottom: rect.bottom } : null;
        return {
          onStart: (props) => {
            store.select = (candidate) => props.command({ id: candidate.id, label: candidate.handle });
            store.show(props.items as MentionCandidate[], place(props.clientRect?.()), props.query);
          },
          onUpdate: (props) => {
            store.select = (candidate) => props.command({ id: candidate.id, label: candidate.handle });
            store.show(props.items as MentionCandidate[], place(props.clientRect?.()), props.query);
          },
          onKeyDown: ({ event }) => {
            if (!store.get().open) return false;
            if (event.key === "ArrowDown") {
              store.move(1);
              return true;
            }
            if (event.key === "ArrowUp") {
              store.move(-1);
              return true;
            }
            if (event.key === "Enter" || event.key === "Tab") return store.pickActive();
            if (event.key === "Escape") {
              store.close();
              return true;
            }
            return false;
          },
          onExit: () => store.close(),
        };
      },
    },
  });
}
