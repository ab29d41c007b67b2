// One work item, shared by the side peek and the full page: title, description, sub-items,
// relations, links, attachments, activity with comments, and the properties beside them.
import { useMemo, type ReactNode } from "react";
import { useMe } from "../../accounts/session";
import { ErrorState, Spinner } from "../../ui/common";
import { toCandidate } from "../../ui/editor/mention";
import { useProject, useProjectMembers, useWorkspaceMembers } from "../data";
import { Activity } from "./Activity";
import { Attachments } from "./Attachments";
import { DescriptionField, TitleField } from "./Content";
import { useChildren, useDetailLive, useItem, useUpdateItem } from "./hooks";
import { Links } from "./Links";
import { Properties } from "./Properties";
import { Relations } from "./Relations";
import { SubItems } from "./SubItems";
import "./detail.css";

export function WorkItemDetail({
  slug,
  projectId,
  workItemId,
  variant,
  itemHref,
  header,
}: {
  slug: string;
  projectId: string;
  workItemId: string;
  variant: "peek" | "page";
  /** Where another work item of the project opens (the peek keeps the list behind it). */
  itemHref: (id: string) => string;
  /** Rendered above the content, given the item's key once known. */
  header?: (key: string | undefined) => ReactNode;
}) {
  const itemRef = useMemo(() => ({ slug, projectId, id: workItemId }), [slug, projectId, workItemId]);
  const item = useItem(itemRef);
  const project = useProject(slug, projectId).data;
  const children = useChildren(itemRef);
  useDetailLive(
    itemRef,
    (children.data ?? []).map((c) => c.id),
  );
  const update = useUpdateItem(itemRef);
  const projectMembers = useProjectMembers(slug, projectId).data?.results;
  const workspaceMembers = useWorkspaceMembers(slug).data?.results;
  const mentions = useMemo(() => (projectMembers ?? []).filter((m) => m.is_active).map(toCandidate), [projectMembers]);
  // Authors of old comments may have left the project: names come from the workspace too.
  const people = useMemo(() => [...(projectMembers ?? []), ...(workspaceMembers ?? [])], [projectMembers, workspaceMembers]);

  const me = useMe().data;
  const data = item.data;
  // Guests change only what they created; everyone else in the project edits (the server decides).
  const readOnly = !!data && project?.member_role != null && project.member_role < 15 && data.created_by !== me?.id;
  const key = project && data ? `${project.identifier}-${data.sequence_id}` : undefined;
  const identifier = project?.identifier ?? "";

  return (
    <div className={`wid wid-${variant}`}>
      {header?.(key)}
      {item.isPending ? (
        <Spinner label="Loading the work item" />
      ) : item.isError ? (
        <ErrorState error={item.error} retry={() => void item.refetch()} />
      ) : data ? (
        <div className="wid-layout">
          <div className="wid-head">
            <TitleField item={data} readOnly={readOnly} onSave={(patch) => update.mutate(patch)} />
          </div>
          <div className="wid-main">
            <DescriptionField
              key={data.id}
              item={data}
              mentions={mentions}
              readOnly={readOnly}
              saving={update.isPending && update.variables?.description_html !== undefined}
              onSave={(patch) => update.mutate(patch)}
            />
            <SubItems itemRef={itemRef} identifier={identifier} itemHref={itemHref} />
            <Relations itemRef={itemRef} identifier={identifier} itemHref={itemHref} />
            <Links itemRef={itemRef} />
            <Attachments itemRef={itemRef} />
            <Activity itemRef={itemRef} members={people} mentions={mentions} />
          </div>
          <aside className="wid-side" aria-label="Properties">
            <h2 className="wid-section-title">Properties</h2>
            <Properties
              readOnly={readOnly}
              itemRef={itemRef}
              item={data}
              identifier={identifier}
              itemHref={itemHref}
              onChange={(patch) => update.mutate(patch)}
            />
            <p className="wid-muted wid-created">
              Created {new Date(data.created_at).toLocaleDateString()} · updated {new Date(data.updated_at).toLocaleDateString()}
            </p>
          </aside>
        </div>
      ) : null}
    </div>
  );
}
