// The item's cycle and modules (cycle-issues and module-issues endpoints), optimistic.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { keys } from "../../api/keys";
import { toastProblem } from "./problem";
import { useCycles, useModules } from "../data";
import { useFeatures } from "../projects/features";
import { getMembership, setCycle, setModules, type ItemRef, type Membership } from "./api";
import { usePart } from "./hooks";
import { partKey } from "./logic";
import { CheckMenu } from "./Menu";

type Row = (props: { label: string; htmlFor?: string; children: ReactNode }) => ReactNode;

export function MembershipFields({ itemRef, Row }: { itemRef: ItemRef; Row: Row }) {
  const { slug, projectId, id } = itemRef;
  const fieldId = useId();
  const [now] = useState(() => Date.now());
  const client = useQueryClient();
  const features = useFeatures(slug, projectId).data;
  const cycles = useCycles(slug, projectId).data;
  const modules = useModules(slug, projectId).data;
  const ready = cycles !== undefined && modules !== undefined;
  const key = partKey(slug, projectId, id, "membership");
  const membership = usePart(itemRef, "membership", () => getMembership(itemRef, cycles ?? [], modules ?? []), ready);

  const change = useMutation({
    mutationFn: async (next: Membership) => {
      const before = membership.data ?? { cycle: null, modules: [] };
      if (before.cycle !== next.cycle) await setCycle(itemRef, before.cycle, next.cycle);
      if (before.modules.join() !== next.modules.join()) await setModules(itemRef, before.modules, next.modules);
    },
    onMutate: async (next) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Membership>(key);
      client.setQueryData(key, next);
      return { previous };
    },
    onError: (error, _next, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastProblem(error);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: partKey(slug, projectId, id, "activity") });
      void client.invalidateQueries({ queryKey: keys.cycles(slug, projectId) });
      void client.invalidateQueries({ queryKey: keys.modules(slug, projectId) });
      void client.invalidateQueries({ queryKey: [...keys.project(slug, projectId), "items"] });
    },
  });

  const current = membership.data;
  // A cycle that has ended takes no more items; the current one stays listed.
  const openCycles = (cycles ?? []).filter(
    (c) => c.id === current?.cycle || !c.end_date || Date.parse(c.end_date) >= now,
  );
  const showCycles = features?.cycles !== false;
  const showModules = features?.modules !== false;

  return (
    <>
      {showCycles && (
        <Row label="Cycle" htmlFor={`${fieldId}-cycle`}>
          <select
            id={`${fieldId}-cycle`}
            value={current?.cycle ?? ""}
            disabled={!current}
            onChange={(e) => current && change.mutate({ ...current, cycle: e.target.value || null })}
          >
            <option value="">{current ? "No cycle" : "Loading…"}</option>
            {openCycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Row>
      )}
      {showModules && (
        <Row label="Modules">
          <CheckMenu
            label="Modules"
            summary={
              current
                ? (modules ?? [])
                    .filter((m) => current.modules.includes(m.id))
                    .map((m) => m.name)
                    .join(", ") || "No modules"
                : "Loading…"
            }
            options={(modules ?? []).map((m) => ({ id: m.id, name: m.name }))}
            value={current?.modules ?? []}
            onChange={(next) => current && change.mutate({ ...current, modules: next })}
            empty="This project has no modules yet."
          />
        </Row>
      )}
    </>
  );
}
