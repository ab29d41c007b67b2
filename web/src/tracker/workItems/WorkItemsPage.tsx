// A project's work items: list, board, spreadsheet or calendar, with filters, grouping and
// ordering in the URL, live updates from the project's events, and the side peek.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { useSlug } from "../../app/WorkspaceLayout";
import { EmptyState, ErrorState, PageHeader, Spinner } from "../../ui/common";
import { WorkItemPeek } from "../detail/WorkItemPeek";
import type { CreateDefaults } from "./CreateDialog";
import { CreateDialog } from "./CreateDialog";
import { DeleteDialog } from "./DeleteDialog";
import { FilterBar } from "./FilterBar";
import { filterItems, sortItems } from "./grouping";
import { Layouts } from "./Layouts";
import { activeFilterCount, emptyFilters, fromView, parseQuery, toView, writeQuery, type DisplayState } from "./query";
import { SaveViewDialog } from "./SaveViewDialog";
import { Toolbar } from "./Toolbar";
import { useCatalog } from "./useCatalog";
import { useSavedView } from "./views";
import { useWorkItems, useWorkItemsLive } from "./useWorkItems";
import "./workItems.css";

/** The window event the global `c` shortcut dispatches. */
export const CREATE_EVENT = "glider:create-work-item";

export default function WorkItemsPage() {
  const slug = useSlug();
  const projectId = useParams().projectId ?? "";
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const parsed = useMemo(() => parseQuery(new URLSearchParams(query)), [query]);
  // The URL updates a moment later than a click: show the change at once until it has.
  const [pending, setPending] = useState<{ state: DisplayState; from: string } | null>(null);
  const display = pending && pending.from === query ? pending.state : parsed;
  const setDisplay = useCallback(
    (next: DisplayState) => {
      setPending({ state: next, from: query });
      setParams((current) => writeQuery(next, current), { replace: true });
    },
    [setParams, query],
  );
  const items = useWorkItems(slug, projectId);
  useWorkItemsLive(slug, projectId);
  const { catalog, project, ready, error, membershipLoading } = useCatalog(slug, projectId, display);

  // ?view=<id>: apply the saved view's filters and display once it has loaded.
  const viewId = params.get("view");
  const view = useSavedView(slug, projectId, viewId);
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (!view.data || applied.current === view.data.id) return;
    applied.current = view.data.id;
    const state = fromView(view.data);
    setParams((current) => writeQuery(state, current), { replace: true });
  }, [view.data, setParams]);

  const [creating, setCreating] = useState<CreateDefaults | null>(null);
  const [savingView, setSavingView] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  // Single-valued filters make good defaults for a new item.
  const filterDefaults = useMemo((): CreateDefaults => {
    const one = (values: string[]) => (values.length === 1 && values[0] !== "none" ? values[0] : undefined);
    const f = display.filters;
    const priority = one(f.priority) as CreateDefaults["priority"];
    return {
      ...(one(f.state) ? { state: one(f.state) } : {}),
      ...(priority ? { priority } : {}),
      ...(one(f.assignees) ? { assignees: [one(f.assignees)!] } : {}),
      ...(one(f.labels) ? { labels: [one(f.labels)!] } : {}),
    };
  }, [display.filters]);

  useEffect(() => {
    const open = (event: Event) => {
      const detail = (event as CustomEvent<{ projectId?: string } | undefined>).detail;
      if (detail?.projectId && detail.projectId !== projectId) return;
      event.preventDefault();
      setCreating(filterDefaults);
    };
    window.addEventListener(CREATE_EVENT, open);
    return () => window.removeEventListener(CREATE_EVENT, open);
  }, [projectId, filterDefaults]);

  const visible = useMemo(
    () => sortItems(filterItems(items.data ?? [], display.filters, catalog), display.orderBy),
    [items.data, display.filters, display.orderBy, catalog],
  );

  const openPeek = useCallback(
    (id: string) => {
      if (id.startsWith("temp-")) return;
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.set("peek", id);
        return next;
      });
    },
    [setParams],
  );
  const closePeek = useCallback(
    () =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.delete("peek");
        return next;
      }),
    [setParams],
  );
  const toggleGroup = useCallback(
    (id: string) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  const peek = params.get("peek");
  const title = project.data ? `${project.data.name}: work items` : "Work items";
  const header = (
    <PageHeader title={title}>
      {view.data && <span className="wi-view-name">View: {view.data.name}</span>}
      <button type="button" className="button" onClick={() => setSavingView(true)} disabled={!ready}>
        Save view
      </button>
      <button type="button" className="button button-primary" onClick={() => setCreating(filterDefaults)} disabled={!ready}>
        New work item
      </button>
    </PageHeader>
  );

  let body;
  if (error || items.error) {
    body = <ErrorState error={error ?? items.error} retry={() => void items.refetch()} />;
  } else if (!ready || items.isPending) {
    body = <Spinner label="Loading work items" />;
  } else if (items.data.length === 0 && display.layout !== "board") {
    body = (
      <EmptyState
        title="No work items yet"
        action={
          <button type="button" className="button button-primary" onClick={() => setCreating(filterDefaults)}>
            Create the first work item
          </button>
        }
      >
        Work items are the tasks, bugs and ideas of this project. Create the first one here, or press <kbd>c</kbd> anywhere.
      </EmptyState>
    );
  } else if (visible.length === 0 && activeFilterCount(display.filters) > 0 && display.layout !== "board") {
    body = (
      <EmptyState
        title="No work items match these filters"
        action={
          <button type="button" className="button" onClick={() => setDisplay({ ...display, filters: emptyFilters() })}>
            Clear filters
          </button>
        }
      >
        {items.data.length} work items are hidden by the filters above.
      </EmptyState>
    );
  } else {
    body = (
      <Layouts
        slug={slug}
        projectId={projectId}
        display={display}
        items={visible}
        catalog={catalog}
        collapsed={collapsed}
        onToggle={toggleGroup}
        onOpen={openPeek}
        onCreate={setCreating}
        onDelete={setDeleting}
        busy={membershipLoading}
      />
    );
  }

  return (
    <div className="wi-page">
      {header}
      <Toolbar state={display} catalog={catalog} onChange={setDisplay} />
      <FilterBar filters={display.filters} catalog={catalog} onChange={(filters) => setDisplay({ ...display, filters })} />
      {view.error && (
        <p className="form-error wi-banner" role="alert">
          The saved view could not be opened: {view.error.message}
        </p>
      )}
      {items.isFetching && !items.isFetchedAfterMount && items.data && (
        <p className="wi-loading-more" role="status">
          Loading the rest of the work items… {items.data.length} so far.
        </p>
      )}
      <div className="wi-body">{body}</div>
      <CreateDialog
        open={creating !== null}
        onClose={() => setCreating(null)}
        slug={slug}
        projectId={projectId}
        catalog={catalog}
        defaults={creating ?? {}}
        defaultState={project.data?.default_state}
      />
      <SaveViewDialog
        open={savingView}
        onClose={() => setSavingView(false)}
        onSaved={(id) => {
          applied.current = id;
          setSavingView(false);
          setParams((current) => {
            const next = new URLSearchParams(current);
            next.set("view", id);
            return next;
          });
        }}
        slug={slug}
        projectId={projectId}
        body={toView(display)}
      />
      <DeleteDialog
        item={deleting ? items.data?.find((i) => i.id === deleting) : undefined}
        catalog={catalog}
        slug={slug}
        projectId={projectId}
        onClose={() => setDeleting(null)}
      />
      {peek && <WorkItemPeek slug={slug} projectId={projectId} workItemId={peek} onClose={closePeek} />}
    </div>
  );
}
