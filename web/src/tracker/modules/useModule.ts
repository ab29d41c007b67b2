// One module, under the modules key (module and work-item events refresh it).
import { useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";

export function useModule(slug: string, projectId: string, moduleId: string) {
  return useQuery({
    queryKey: [...keys.modules(slug, projectId), moduleId],
    queryFn: () =>
      call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/", {
          params: { path: { slug, project_id: projectId, module_id: moduleId } },
        }),
      ),
  });
}
