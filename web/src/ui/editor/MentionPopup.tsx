// The @mention listbox under the typed "@query": options named by the member's display name.
import { useSyncExternalStore } from "react";
import { Avatar } from "../common";
import type { SuggestionStore } from "./suggestionStore";

export function MentionPopup({ store, listId }: { store: SuggestionStore; listId: string }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  if (!state.open || !state.rect) return null;
  const style = {
    left: Math.max(8, Math.min(state.rect.left, window.innerWidth - 268)),
    top: state.rect.bottom + 4,
  };
  if (state.items.length === 0) {
    return (
      <div className="rte-mentions rte-mentions-empty" style={style} role="status">
        No member matches “{state.query}”
      </div>
    );
  }
  return (
    <ul className="rte-mentions" style={style} role="listbox" id={listId} aria-label="Mention a member">
      {state.items.map((candidate, index) => (
        <li
          key={candidate.id}
          id={`${listId}-${index}`}
          role="option"
          aria-selected={index === state.active}
          className={index === state.active ? "rte-mention-option active" : "rte-mention-option"}
          // Pick without moving focus out of the editor.
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => store.highlight(index)}
          onClick={() => {
            store.highlight(index);
            store.pickActive();
          }}
        >
          <Avatar name={candidate.fullName || candidate.handle} url={candidate.avatarUrl} size={20} />
          <span className="rte-mention-handle">{candidate.handle}</span>
          {candidate.fullName && candidate.fullName !== candidate.handle && (
            <span className="rte-mention-name" aria-hidden="true">
              {candidate.fullName}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
