// The workspace's projects as cards: key, name, description, members and lead. "New project"
// opens the create dialog; a workspace admin can join a public project they are not in.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useMe } from "../../accounts/session";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { useSlug } from "../../app/WorkspaceLayout";
import { Avatar, EmptyState, ErrorState, PageHeader, Spinner } from "../../ui/common";
import { toastError } from "../../ui/toast";
import { isAdmin } from "../../workspaces/settings/roles";
import { useCurrentWorkspace } from "../../workspaces/settings/useWorkspace";
import { personName, useProjects, useWorkspaceMembers, type Project } from "../data";
import { CreateProjectDialog } from "./CreateProjectDialog";
import "./project.css";

export default function ProjectsPage() {
  const slug = useSlug();
  const projects = useProjects(slug);
  const [creating, setCreating] = useState(false);
  const newButton = (
    <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
      New project
    </button>
  );

  let body;
  if (projects.isPending) body = <Spinner label="Loading projects" />;
  else if (projects.isError) body = <ErrorState error={projects.error} retry={() => void projects.refetch()} />;
  else if (projects.data.length === 0)
    body = (
      <EmptyState
        title="Create your first project"
        action={
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Create your first project
          </button>
        }
      >
        A project holds work items, with their states, cycles and modules. Start one for a product, a team or a
        stream of work.
      </EmptyState>
    );
  else body = <ProjectGrid slug={slug} projects={projects.data} />;

  return (
    <div className="pj-page">
      <PageHeader title="Projects">{newButton}</PageHeader>
      <div className="page-body">{body}</div>
      <CreateProjectDialog slug={slug} open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function ProjectGrid({ slug, projects }: { slug: string; projects: Project[] }) {
  const members = useWorkspaceMembers(slug).data?.results ?? [];
  const { workspace } = useCurrentWorkspace(slug);
  const canJoin = isAdmin(workspace?.role_slug);
  const sorted = [...projects].sort((a, b) => Number(b.is_member) - Number(a.is_member) || a.name.localeCompare(b.name));
  return (
    <ul className="pj-grid" aria-label="Projects">
      {sorted.map((project) => {
        const lead = members.find((member) => member.id === project.project_lead);
        return (
          <li key={project.id} className="pj-card">
            <h3>
              <span className="project-key">{project.identifier}</span>
              <Link to={`/${slug}/projects/${project.id}/issues`}>{project.name}</Link>
            </h3>
            {project.description ? <p>{project.description}</p> : <p className="pj-muted">No description</p>}
            <div className="pj-meta">
              <span>
                {project.total_members} {project.total_members === 1 ? "member" : "members"}
              </span>
              {lead && (
                <span>
                  <Avatar name={personName(lead)} url={lead.avatar_url} size={18} />
                  Lead: {personName(lead)}
                </span>
              )}
              <span className="pj-pill">{project.network === 0 ? "Secret" : "Public"}</span>
              {!project.is_member && (canJoin ? <JoinButton slug={slug} project={project} /> : <span>Not a member</span>)}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function JoinButton({ slug, project }: { slug: string; project: Project }) {
  const client = useQueryClient();
  const me = useMe().data;
  const join = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/project-members/", {
          params: { path: { slug, project_id: project.id } },
          body: { member: me?.id ?? null, role: 20 },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.projects(slug) });
      void client.invalidateQueries({ queryKey: keys.project(slug, project.id) });
    },
    onError: toastError,
  });
  return (
    <button
      type="button"
      className="button"
      disabled={!me || join.isPending}
      aria-label={`Join ${project.name}`}
      onClick={() => join.mutate()}
    >
      {join.isPending ? "Joining…" : "Join"}
    </button>
  );
}
