// The palette's commands and work-item hits (pure: no React).
import type { Schemas } from "../../api/client";

type Project = Schemas["ProjectResponse"];

export interface NavCommand {
  id: string;
  label: string;
  href: string;
  /** Extra words the filter matches. */
  keywords: string[];
}

const PROJECT_PAGES = [
  { path: "issues", label: "Work items", words: ["issues", "board", "list"] },
  { path: "cycles", label: "Cycles", words: ["sprints"] },
  { path: "modules", label: "Modules", words: ["epics"] },
  { path: "intake", label: "Intake", words: ["triage", "requests"] },
  { path: "views", label: "Views", words: ["filters", "saved"] },
  { path: "settings", label: "Settings", words: ["states", "labels", "members", "estimates"] },
];

export function workspaceCommands(slug: string): NavCommand[] {
  return [
    { id: "go-inbox", label: "Go to inbox", href: `/${slug}/notifications`, keywords: ["notifications", "mentions"] },
    { id: "go-projects", label: "Go to projects", href: `/${slug}/projects`, keywords: ["all projects"] },
    { id: "go-settings", label: "Workspace settings", href: `/${slug}/settings`, keywords: ["general", "time zone"] },
    { id: "go-members", label: "Workspace members", href: `/${slug}/settings/members`, keywords: ["people", "roles"] },
    { id: "go-invitations", label: "Invite people", href: `/${slug}/settings/invitations`, keywords: ["invitations"] },
    { id: "go-webhooks", label: "Webhooks", href: `/${slug}/settings/webhooks`, keywords: ["integrations"] },
    { id: "go-profile", label: "Your profile", href: `/${slug}/profile`, keywords: ["account", "name"] },
    { id: "go-tokens", label: "API tokens", href: `/${slug}/profile/api-tokens`, keywords: ["keys"] },
    {
      id: "go-preferences",
      label: "Notification preferences",
      href: `/${slug}/profile/notifications`,
      keywords: ["email"],
    },
  ];
}

export function projectCommands(slug: string, projects: Pick<Project, "id" | "name" | "identifier">[]): NavCommand[] {
  return projects.flatMap((project) =>
    PROJECT_PAGES.map((page) => ({
      id: `project-${project.id}-${page.path}`,
      label: `${project.name}: ${page.label}`,
      href: `/${slug}/projects/${project.id}/${page.path}`,
      keywords: [project.identifier, ...page.words],
    })),
  );
}

/** `web-12` → `{ key: "WEB", number: 12, identifier: "WEB-12" }`; anything else → null. */
export function parseIdentifier(text: string): { key: string; number: number; identifier: string } | null {
  const match = /^\s*([A-Za-z][A-Za-z0-9]{0,11})-(\d{1,9})\s*$/.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const key = match[1].toUpperCase();
  const number = Number(match[2]);
  return { key, number, identifier: `${key}-${number}` };
}

export interface Hit {
  id: string;
  name: string;
  projectId: string;
  identifier: string;
}

/** Reads `{"issues": [...]}` from the search endpoint, skipping malformed entries. */
export function parseHits(body: unknown): Hit[] {
  const issues = (body as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((raw: unknown) => {
    const item = raw as Record<string, unknown>;
    const { id, name, project_id: projectId, sequence_id: sequence, project__identifier: key } = item;
    if (typeof id !== "string" || typeof projectId !== "string") return [];
    return [
      {
        id,
        name: typeof name === "string" ? name : "",
        projectId,
        identifier: typeof key === "string" && sequence !== undefined ? `${key}-${String(sequence)}` : "",
      },
    ];
  });
}

/** Puts the exact identifier match first and drops its duplicate from the search hits. */
export function mergeHits(exact: Hit | null | undefined, hits: Hit[]): Hit[] {
  return exact ? [exact, ...hits.filter((hit) => hit.id !== exact.id)] : hits;
}

export function peekHref(slug: string, hit: Pick<Hit, "id" | "projectId">): string {
  return `/${slug}/projects/${hit.projectId}/issues?peek=${hit.id}`;
}
