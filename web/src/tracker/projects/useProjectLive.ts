// Keeps a project screen's caches current: every event on `project:<id>` invalidates the keys
// it touches; a resync (the log moved on too far) reloads everything of the project.
import { useQueryClient } from "@tanstack/react-query";
import { keys } from "../../api/keys";
import { useTopic } from "../../api/useTopic";
import { keysForEvent } from "./live";

export function useProjectLive(slug: string, projectId: string | undefined): void {
  const client = useQueryClient();
  useTopic(projectId ? `project:${projectId}` : undefined, (message) => {
    if (!projectId) return;
    if (message.type === "resync") {
      void client.invalidateQueries({ queryKey: keys.project(slug, projectId) });
      return;
    }
    if (message.type !== "event") return;
    for (const queryKey of keysForEvent(message.event.kind, slug, projectId)) {
      void client.invalidateQueries({ queryKey });
    }
  });
}
