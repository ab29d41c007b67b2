// A rich-text editor (TipTap StarterKit) with optional @mentions. Emits HTML; the server
// sanitises it (crates/glider-domain/src/html.rs keeps what StarterKit and mentions produce).
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { Placeholder } from "@tiptap/extensions";
import { useEffect, useId, useImperativeHandle, useMemo, useRef, type Ref } from "react";
import type { MentionCandidate } from "./mention";
import { userMention } from "./mentionExtension";
import { MentionPopup } from "./MentionPopup";
import { SuggestionStore } from "./suggestionStore";
import { Toolbar } from "./Toolbar";
import "./prosemirror.css";
import "./editor.css";

export interface RichEditorHandle {
  getHtml(): string;
  isEmpty(): boolean;
  clear(): void;
  focus(): void;
}

export interface RichEditorProps {
  /** The editable region's accessible name. */
  label: string;
  /** The content; a later change replaces it unless the editor has focus (someone else's edit). */
  value: string;
  placeholder?: string;
  /** People who can be @mentioned; none means mentions are off. */
  mentions?: MentionCandidate[];
  onChange?: (html: string) => void;
  onBlur?: (html: string) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
  toolbar?: boolean;
  autoFocus?: boolean;
  editable?: boolean;
  className?: string;
  handleRef?: Ref<RichEditorHandle>;
}

/** An empty editor's HTML, for comparing "nothing written" with a stored value. */
export function isBlankHtml(html: string | null | undefined): boolean {
  if (!html) return true;
  if (/<(img|mention-component|hr)\b/i.test(html)) return false;
  return html.replace(/<[^>]*>/g, "").replace(/&nbsp;/g, " ").trim() === "";
}

export function RichEditor({
  label,
  value,
  placeholder,
  mentions,
  onChange,
  onBlur,
  onSubmit,
  toolbar = true,
  autoFocus = false,
  editable = true,
  className,
  handleRef,
}: RichEditorProps) {
  const listId = useId();
  const store = useMemo(() => new SuggestionStore(), []);
  const callbacks = useRef({ onChange, onBlur, onSubmit });
  useEffect(() => {
    // Read by the suggestion whenever "@" is typed; kept current without rebuilding the editor.
    store.setCandidates(mentions ?? []);
    callbacks.current = { onChange, onBlur, onSubmit };
  });
  const withMentions = mentions !== undefined;

  const editor = useEditor({
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] },
      }),
      Placeholder.configure({ placeholder: placeholder ?? "" }),
      ...(withMentions ? [userMention(store)] : []),
    ],
    content: value,
    editable,
    autofocus: autoFocus ? "end" : false,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        class: "rte-content",
        ...(withMentions ? { "aria-autocomplete": "list" } : {}),
      },
      handleKeyDown: (_view, event) => {
        if (event.key === "Enter" && (event.metaKey || event.ctrlKey) && callbacks.current.onSubmit) {
          event.preventDefault();
          callbacks.current.onSubmit();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: current }) => callbacks.current.onChange?.(current.getHTML()),
    onBlur: ({ editor: current }) => callbacks.current.onBlur?.(current.getHTML()),
  });

  // Someone else changed the content: show it, unless the person is typing here.
  useEffect(() => {
    // (An editor hidden by a suspended parent is destroyed, then made again.)
    if (!editor || editor.isDestroyed || editor.isFocused) return;
    if (editor.getHTML() !== value) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(editable, false);
  }, [editor, editable]);

  // The textbox tells assistive technology about the open listbox and its highlighted option.
  useEffect(() => {
    if (!editor || editor.isDestroyed || !withMentions) return undefined;
    const sync = () => {
      if (editor.isDestroyed) return;
      const dom = editor.view.dom;
      const state = store.get();
      const open = state.open && state.items.length > 0;
      if (open) {
        dom.setAttribute("aria-controls", listId);
        dom.setAttribute("aria-activedescendant", `${listId}-${state.active}`);
      } else {
        dom.removeAttribute("aria-controls");
        dom.removeAttribute("aria-activedescendant");
      }
    };
    sync();
    return store.subscribe(sync);
  }, [editor, store, listId, withMentions]);

  useImperativeHandle(handleRef, () => {
    const live = () => (editor && !editor.isDestroyed ? editor : null);
    return {
      getHtml: () => live()?.getHTML() ?? "",
      isEmpty: () => isBlankHtml(live()?.getHTML()),
      clear: () => void live()?.commands.clearContent(true),
      focus: () => void live()?.commands.focus("end"),
    };
  }, [editor]);

  return (
    <div className={`rte ${className ?? ""}`}>
      {editor && toolbar && editable && <Toolbar editor={editor} label={label} />}
      <EditorContent editor={editor} />
      {withMentions && <MentionPopup store={store} listId={listId} />}
    </div>
  );
}
