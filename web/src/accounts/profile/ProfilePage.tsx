// The signed-in person's own settings: profile, appearance, notifications, security, API tokens.
import { NavLink, Navigate, Route, Routes } from "react-router";
import { useSlug } from "../../app/WorkspaceLayout";
import { ErrorState, PageHeader, Spinner } from "../../ui/common";
import { useMe } from "../session";
import { ApiTokens } from "./ApiTokens";
import { AppearanceSection } from "./AppearanceSection";
import { NotificationPreferences } from "./NotificationPreferences";
import { ProfileForm } from "./ProfileForm";
import { SecuritySection } from "./SecuritySection";
import "../../workspaces/settings/settings.css";
import "./profile.css";

const SECTIONS = [
  { to: "", label: "Profile" },
  { to: "appearance", label: "Appearance" },
  { to: "notifications", label: "Notifications" },
  { to: "security", label: "Password and sessions" },
  { to: "api-tokens", label: "API tokens" },
];

export default function ProfilePage() {
  const slug = useSlug();
  const me = useMe();
  if (me.isPending) return <Spinner />;
  if (me.isError || !me.data) return <ErrorState error={me.error} retry={() => void me.refetch()} />;

  return (
    <div className="settings">
      <PageHeader title="Your settings" />
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Your settings sections">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.label}>
                <NavLink to={`/${slug}/profile${section.to ? `/${section.to}` : ""}`} end>
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-content">
          <Routes>
            <Route index element={<ProfileForm me={me.data} />} />
            <Route path="appearance" element={<AppearanceSection />} />
            <Route path="notifications" element={<NotificationPreferences />} />
            <Route path="security" element={<SecuritySection me={me.data} />} />
            <Route path="api-tokens" element={<ApiTokens />} />
            <Route path="*" element={<Navigate to={`/${slug}/profile`} replace />} />
          </Routes>
        </div>
      </div>
    </div>
  );
}
