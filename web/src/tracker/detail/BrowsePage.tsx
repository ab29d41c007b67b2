// /:slug/browse/:identifier (e.g. /acme/browse/WEB-42): finds the item by its key, then shows
// the full page.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "react-router";
import { keys } from "../../api/keys";
import { useSlug } from "../../app/WorkspaceLayout";
import { EmptyState, ErrorState, Spinner } from "../../ui/common";
import { ApiError } from "../../api/client";
import { getItemByIdentifier } from "./api";
import { FullPage } from "./WorkItemPage";

export default function BrowsePage() {
  const slug = useSlug();
  const identifier = (useParams().identifier ?? "").toUpperCase();
  const client = useQueryClient();
  const found = useQuery({
    queryKey: [...keys.workspace(slug), "browse", identifier],
    queryFn: async () => {
      const item = await getItemByIdentifier(slug, identifier);
      // Seed the item's own cache so the page does not load it twice.
      client.setQueryData(keys.workItem(slug, item.project, item.id), item);
      return item;
    },
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });

  if (found.isPending) return <Spinner label={`Opening ${identifier}`} />;
  if (found.isError) {
    if (found.error instanceof ApiError && (found.error.status === 404 || found.error.status === 400)) {
      return (
        <EmptyState title={`${identifier} was not found`}>
          There is no work item with that key in this workspace, or you cannot see it. Check the key, or open the project
          from the sidebar.
        </EmptyState>
      );
    }
    return <ErrorState error={found.error} retry={() => void found.refetch()} />;
  }
  return <FullPage key={found.data.id} slug={slug} projectId={found.data.project} workItemId={found.data.id} />;
}
