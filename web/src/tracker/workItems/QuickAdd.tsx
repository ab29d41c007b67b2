// "Add work item to <column>": an inline title input at a column's foot.
import { useState } from "react";
import { toastError } from "../../ui/toast";
import type { WorkItemInput } from "./api";
import { useCreateWorkItem } from "./mutations";

export function QuickAdd({ slug, projectId, column, values }: { slug: string; projectId: string; column: string; values: WorkItemInput }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const create = useCreateWorkItem(slug, projectId);
  if (!open) {
    return (
      <button type="button" className="button button-ghost wi-quick-add" aria-label={`Add work item to ${column}`} onClick={() => setOpen(true)}>
        + Add work item
      </button>
    );
  }
  return (
    <form
      className="wi-quick-form"
      onSubmit={(event) => {
        event.preventDefault();
        const title = name.trim();
        if (!title) return;
        setName("");
        create.mutate({ ...values, name: title }, { onError: (error) => toastError(error) });
      }}
    >
      <input
        autoFocus
        value={name}
        maxLength={255}
        aria-label={`Title of the new work item in ${column}`}
        placeholder="Title, then Enter"
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            setOpen(false);
          }
        }}
        onBlur={() => !name.trim() && setOpen(false)}
      />
    </form>
  );
}
