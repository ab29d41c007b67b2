// Workspace settings: general, members, invitations and webhooks, each a sub-route.
import { NavLink, Navigate, Route, Routes } from "react-router";
import { useSlug } from "../../app/WorkspaceLayout";
import { ErrorState, PageHeader, Spinner } from "../../ui/common";
import { WebhooksSettings } from "../../webhooks/WebhooksSettings";
import { GeneralSettings } from "./GeneralSettings";
import { InvitationsSettings } from "./InvitationsSettings";
import { MembersSettings } from "./MembersSettings";
import { isAdmin } from "./roles";
import { useCurrentWorkspace } from "./useWorkspace";
import "./settings.css";

export default function WorkspaceSettingsPage() {
  const slug = useSlug();
  const { workspace, isPending, isError, error, refetch } = useCurrentWorkspace(slug);
  if (isPending) return <Spinner />;
  if (isError || !workspace) return <ErrorState error={error} retry={() => void refetch()} />;
  const admin = isAdmin(workspace.role_slug);
  // Guests may not list members (the server answers 403).
  const guest = workspace.role_slug === "guest";
  const sections = [
    { to: "", label: "General" },
    ...(guest ? [] : [{ to: "members", label: "Members" }]),
    ...(admin
      ? [
          { to: "invitations", label: "Invitations" },
          { to: "webhooks", label: "Webhooks" },
        ]
      : []),
  ];

  return (
    <div className="settings">
      <PageHeader title="Workspace settings" />
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Workspace settings sections">
          <ul>
            {sections.map((section) => (
              <li key={section.label}>
                <NavLink to={`/${slug}/settings${section.to ? `/${section.to}` : ""}`} end>
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-content">
          <Routes>
            <Route index element={<GeneralSettings workspace={workspace} />} />
            {!guest && <Route path="members" element={<MembersSettings workspace={workspace} />} />}
            {admin && <Route path="invitations" element={<InvitationsSettings workspace={workspace} />} />}
            {admin && <Route path="webhooks/*" element={<WebhooksSettings slug={slug} />} />}
            <Route path="*" element={<Navigate to={`/${slug}/settings`} replace />} />
          </Routes>
        </div>
      </div>
    </div>
  );
}
