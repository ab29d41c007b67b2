// The formatting buttons above an editor: each a toggle button with its state (aria-pressed).
import { useEditorState, type Editor } from "@tiptap/react";

interface Tool {
  name: string;
  label: string;
  glyph: string;
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const TOOLS: Tool[] = [
  { name: "bold", label: "Bold", glyph: "B", isActive: (e) => e.isActive("bold"), run: (e) => e.chain().focus().toggleBold().run() },
  { name: "italic", label: "Italic", glyph: "I", isActive: (e) => e.isActive("italic"), run: (e) => e.chain().focus().toggleItalic().run() },
  { name: "strike", label: "Strikethrough", glyph: "S", isActive: (e) => e.isActive("strike"), run: (e) => e.chain().focus().toggleStrike().run() },
  { name: "code", label: "Inline code", glyph: "</>", isActive: (e) => e.isActive("code"), run: (e) => e.chain().focus().toggleCode().run() },
  {
    name: "bulletList",
    label: "Bulleted list",
    glyph: "•",
    isActive: (e) => e.isActive("bulletList"),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    name: "orderedList",
    label: "Numbered list",
    glyph: "1.",
    isActive: (e) => e.isActive("orderedList"),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    name: "blockquote",
    label: "Quote",
    glyph: "❝",
    isActive: (e) => e.isActive("blockquote"),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    name: "codeBlock",
    label: "Code block",
    glyph: "{ }",
    isActive: (e) => e.isActive("codeBlock"),
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
  },
];

export function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => TOOLS.map((tool) => tool.isActive(current)),
  });
  return (
    <div className="rte-toolbar" role="toolbar" aria-label={`${label} formatting`}>
      {TOOLS.map((tool, index) => (
        <button
          key={tool.name}
          type="button"
          className={`rte-tool rte-tool-${tool.name}`}
          title={tool.label}
          aria-pressed={active[index] ?? false}
          // Keep the editor's selection: the button acts on it without taking focus first.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => tool.run(editor)}
        >
          {/* Named by hidden text, not aria-label: a glyph like "1." is not the button's name. */}
          <span aria-hidden="true">{tool.glyph}</span>
          <span className="visually-hidden">{tool.label}</span>
        </button>
      ))}
    </div>
  );
}
