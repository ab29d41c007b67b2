// Labels as a tree: pure helpers of the Labels settings (tested).
import type { Label } from "../data";

export interface LabelNode {
  label: Label;
  depth: number;
}

function byOrder(a: Label, b: Label): number {
  return a.sort_order - b.sort_order || a.name.localeCompare(b.name);
}

/** Labels in tree order (each parent followed by its children), with their depth. */
export function labelTree(labels: Label[]): LabelNode[] {
  const ids = new Set(labels.map((l) => l.id));
  const children = new Map<string | null, Label[]>();
  for (const label of labels) {
    const parent = label.parent && ids.has(label.parent) ? label.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), label]);
  }
  const out: LabelNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const label of [...(children.get(parent) ?? [])].sort(byOrder)) {
      if (seen.has(label.id)) continue;
      seen.add(label.id);
      out.push({ label, depth });
      walk(label.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The label and every label below it (none of which may become its parent). */
export function subtree(labels: Label[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const label of labels) {
      if (label.parent && out.has(label.parent) && !out.has(label.id)) {
        out.add(label.id);
        grew = true;
      }
    }
  }
  return out;
}
