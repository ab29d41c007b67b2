// The signed-in frame: sidebar (workspace switcher, projects, inbox, settings) and the screen.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { NavLink, Outlet, useNavigate, useParams } from "react-router";
import { api, call } from "../api/client";
import { keys } from "../api/keys";
import { useTopic } from "../api/useTopic";
import { signOut, useMe } from "../accounts/session";
import { useProjects } from "../tracker/data";
import { Avatar, EmptyState, Spinner } from "../ui/common";
import { toastError } from "../ui/toast";
import { CommandPalette } from "./CommandPalette";
import { rememberWorkspace, useWorkspaces } from "./guards";
import { useGlobalShortcuts } from "./shortcuts";

export function useSlug(): string {
  return useParams().slug ?? "";
}

function useUnreadCount(slug: string, userId: string | undefined) {
  const client = useQueryClient();
  const unread = useQuery({
    queryKey: keys.unread(slug),
    queryFn: () =>
      call(api.GET("/api/v1/workspaces/{slug}/notifications/unread-count/", { params: { path: { slug } } })),
  });
  // A notification for me is an event on my user topic: refresh the count and the inbox.
  useTopic(userId ? `user:${userId}` : undefined, () => {
    void client.invalidateQueries({ queryKey: keys.unread(slug) });
    void client.invalidateQueries({ queryKey: keys.notifications(slug) });
  });
  return unread.data?.total_unread_notifications_count ?? 0;
}

export function WorkspaceLayout() {
  const slug = useSlug();
  const me = useMe().data;
  const navigate = useNavigate();
  const workspaces = useWorkspaces();
  const projects = useProjects(slug);
  const unread = useUnreadCount(slug, me?.id);
  const [menuOpen, setMenuOpen] = useState(false);
  useGlobalShortcuts();
  useEffect(() => rememberWorkspace(slug), [slug]);

  if (workspaces.isPending) return <Spinner />;
  const workspace = workspaces.data?.find((w) => w.slug === slug);
  if (!workspace) {
    return (
      <main className="centered">
        <EmptyState title="Workspace not found" action={<NavLink to="/">Go to your workspaces</NavLink>}>
          It does not exist, or you are not a member of it.
        </EmptyState>
      </main>
    );
  }

  return (
    <div className={menuOpen ? "shell menu-open" : "shell"}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Workspace">
        <div className="sidebar-top">
          <label className="visually-hidden" htmlFor="workspace-switcher">
            Workspace
          </label>
          <select
            id="workspace-switcher"
            className="workspace-switcher"
            value={slug}
            onChange={(event) => {
              if (event.target.value === "__new") navigate("/workspaces/new");
              else navigate(`/${event.target.value}/projects`);
            }}
          >
            {workspaces.data?.map((w) => (
              <option key={w.id} value={w.slug}>
                {w.name}
              </option>
            ))}
            <option value="__new">+ Create or join a workspace</option>
          </select>
        </div>
        <ul className="nav-list" onClick={() => setMenuOpen(false)}>
          <li>
            <NavLink to={`/${slug}/notifications`}>
              Inbox
              {unread > 0 && (
                <span className="badge" aria-label={`${unread} unread`} data-testid="unread-badge">
                  {unread}
                </span>
              )}
            </NavLink>
          </li>
          <li>
            <NavLink to={`/${slug}/projects`} end>
              Projects
            </NavLink>
          </li>
          {projects.data?.map((project) => (
            <li key={project.id} className="nav-project">
              <NavLink to={`/${slug}/projects/${project.id}/issues`}>
                <span className="project-key">{project.identifier}</span> {project.name}
              </NavLink>
            </li>
          ))}
          <li>
            <NavLink to={`/${slug}/settings`}>Workspace settings</NavLink>
          </li>
        </ul>
        <div className="sidebar-bottom">
          <NavLink to={`/${slug}/profile`} className="profile-link">
            <Avatar name={me?.display_name ?? "?"} url={me?.avatar_url} />
            <span>{me?.display_name}</span>
          </NavLink>
          <button
            type="button"
            className="button button-ghost"
            onClick={() => signOut().then(() => navigate("/sign-in"), toastError)}
          >
            Sign out
          </button>
        </div>
      </nav>
      <div className="main-column">
        <div className="mobile-bar">
          <button
            type="button"
            className="icon-button"
            aria-label="Menu"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((open) => !open)}
          >
            ☰
          </button>
          <span>{workspace.name}</span>
        </div>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <CommandPalette />
    </div>
  );
}
