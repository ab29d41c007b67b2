// Moves the open work items of an ended cycle to a cycle that has not ended.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toast, toastError } from "../../ui/toast";
import { useCycles, type Cycle } from "../data";
import { loose } from "../projects/loose";
import { dateRange, phaseOf } from "./cycles";

export function TransferDialog({
  slug,
  projectId,
  cycle,
  openCount,
  open,
  onClose,
}: {
  slug: string;
  projectId: string;
  cycle: Cycle;
  openCount: number;
  open: boolean;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const cycles = useCycles(slug, projectId).data ?? [];
  const now = new Date();
  const targets = cycles.filter((c) => c.id !== cycle.id && phaseOf(c, now) !== "completed");
  const [target, setTarget] = useState("");
  const transfer = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/transfer-issues/", {
          params: { path: { slug, project_id: projectId, cycle_id: cycle.id } },
          body: loose({ new_cycle_id: target }),
        }),
      ),
    onSuccess: () => {
      toast(`Open work items moved to ${targets.find((c) => c.id === target)?.name ?? "the other cycle"}.`);
      onClose();
    },
    onError: toastError,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.cycles(slug, projectId) });
      void client.invalidateQueries({ queryKey: [...keys.project(slug, projectId), "items"] });
    },
  });
  return (
    <Dialog open={open} title="Move open work items" onClose={onClose}>
      <form
        className="pj-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (target) transfer.mutate();
        }}
      >
        <p>
          {openCount} work {openCount === 1 ? "item is" : "items are"} still open in {cycle.name}. Move them to:
        </p>
        {targets.length === 0 ? (
          <p className="pj-muted">There is no current or upcoming cycle to move them to. Create one first.</p>
        ) : (
          <Field label="Cycle">
            <select aria-label="Cycle" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Choose a cycle</option>
              {targets.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({dateRange(c.start_date, c.end_date, c.timezone)})
                </option>
              ))}
            </select>
          </Field>
        )}
        <div className="pj-form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!target || transfer.isPending}>
            {transfer.isPending ? "Moving…" : "Move work items"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
