// "New work item": title, state, priority, assignees, labels and target date.
import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import { Field } from "../../ui/common";
import { toast } from "../../ui/toast";
import type { WorkItem } from "../data";
import type { Catalog } from "./grouping";
import { useCreateWorkItem } from "./mutations";
import { AssigneePicker, LabelPicker, PrioritySelect, StateSelect } from "./pickers";

export interface CreateDefaults {
  state?: string;
  priority?: WorkItem["priority"];
  assignees?: string[];
  labels?: string[];
  target_date?: string;
}

export function CreateDialog({
  open,
  onClose,
  slug,
  projectId,
  catalog,
  defaults,
  defaultState,
}: {
  open: boolean;
  onClose: () => void;
  slug: string;
  projectId: string;
  catalog: Catalog;
  defaults: CreateDefaults;
  defaultState?: string | null;
}) {
  return (
    <Dialog open={open} title="New work item" onClose={onClose}>
      {open && (
        <CreateForm
          slug={slug}
          projectId={projectId}
          catalog={catalog}
          defaults={defaults}
          defaultState={defaultState}
          onDone={onClose}
        />
      )}
    </Dialog>
  );
}

function CreateForm({
  slug,
  projectId,
  catalog,
  defaults,
  defaultState,
  onDone,
}: {
  slug: string;
  projectId: string;
  catalog: Catalog;
  defaults: CreateDefaults;
  defaultState?: string | null;
  onDone: () => void;
}) {
  const fallbackState = defaultState ?? catalog.states.find((s) => s.default)?.id ?? catalog.states[0]?.id ?? "";
  const [name, setName] = useState("");
  const [state, setState] = useState(defaults.state ?? fallbackState);
  const [priority, setPriority] = useState<WorkItem["priority"]>(defaults.priority ?? "none");
  const [assignees, setAssignees] = useState<string[]>(defaults.assignees ?? []);
  const [labels, setLabels] = useState<string[]>(defaults.labels ?? []);
  const [targetDate, setTargetDate] = useState(defaults.target_date ?? "");
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [nameError, setNameError] = useState<string>();
  const create = useCreateWorkItem(slug, projectId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError("Give the work item a title.");
      return;
    }
    setNameError(undefined);
    setError(null);
    try {
      const item = await create.mutateAsync({
        name: name.trim(),
        ...(state ? { state } : {}),
        priority,
        assignees,
        labels,
        target_date: targetDate || null,
      });
      toast(`Created ${catalog.identifier}-${item.sequence_id}.`);
      onDone();
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error("Something went wrong."));
    }
  };

  const fieldError = (field: string) => (error instanceof ApiError ? error.field(field) : undefined);
  const general = error && !(error instanceof ApiError && Object.keys(error.fields).length > 0) ? error.message : undefined;

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Field label="Title" error={nameError ?? fieldError("name")}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          autoFocus
          maxLength={255}
          aria-invalid={Boolean(nameError ?? fieldError("name"))}
        />
      </Field>
      <div className="wi-form-grid">
        <Field label="State" error={fieldError("state")}>
          <StateSelect value={state} catalog={catalog} onChange={setState} />
        </Field>
        <Field label="Priority" error={fieldError("priority")}>
          <PrioritySelect value={priority} onChange={setPriority} />
        </Field>
        <Field label="Target date" error={fieldError("target_date")}>
          <input type="date" value={targetDate} onChange={(e) => setTargetDate(e.target.value)} />
        </Field>
      </div>
      <div className="row">
        <AssigneePicker value={assignees} catalog={catalog} onChange={setAssignees} />
        <LabelPicker value={labels} catalog={catalog} onChange={setLabels} />
      </div>
      {(fieldError("assignees") || fieldError("labels")) && (
        <p className="form-error" role="alert">
          {fieldError("assignees") ?? fieldError("labels")}
        </p>
      )}
      {general && (
        <p className="form-error" role="alert">
          {general}
        </p>
      )}
      <div className="row wi-form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create work item"}
        </button>
      </div>
    </form>
  );
}
