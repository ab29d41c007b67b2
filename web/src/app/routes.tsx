// Every screen, code-split by route: a screen's code loads when it is first opened.
import { lazy, Suspense, type ComponentType } from "react";
import { createBrowserRouter, Navigate, Outlet } from "react-router";
import { Spinner } from "../ui/common";
import { RequireSignIn, Home } from "./guards";
import { WorkspaceLayout } from "./WorkspaceLayout";

function page(load: () => Promise<{ default: ComponentType }>) {
  const Component = lazy(load);
  return (
    <Suspense fallback={<Spinner />}>
      <Component />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: "/sign-in", element: page(() => import("../accounts/SignInPage")) },
  { path: "/sign-up", element: page(() => import("../accounts/SignUpPage")) },
  { path: "/sign-in/magic-link", element: page(() => import("../accounts/MagicLinkPage")) },
  { path: "/reset-password", element: page(() => import("../accounts/ResetPasswordPage")) },
  {
    element: (
      <RequireSignIn>
        <Outlet />
      </RequireSignIn>
    ),
    children: [
      { path: "/", element: <Home /> },
      { path: "/invitations/:token", element: page(() => import("../workspaces/InvitationPage")) },
      { path: "/workspaces/new", element: page(() => import("../workspaces/CreateWorkspacePage")) },
      {
        path: "/:slug",
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <Navigate to="projects" replace /> },
          { path: "projects", element: page(() => import("../tracker/projects/ProjectsPage")) },
          { path: "browse/:identifier", element: page(() => import("../tracker/detail/BrowsePage")) },
          { path: "projects/:projectId/issues", element: page(() => import("../tracker/workItems/WorkItemsPage")) },
          {
            path: "projects/:projectId/issues/:workItemId",
            element: page(() => import("../tracker/detail/WorkItemPage")),
          },
          { path: "projects/:projectId/cycles", element: page(() => import("../tracker/cycles/CyclesPage")) },
          { path: "projects/:projectId/cycles/:cycleId", element: page(() => import("../tracker/cycles/CyclePage")) },
          { path: "projects/:projectId/modules", element: page(() => import("../tracker/modules/ModulesPage")) },
          {
            path: "projects/:projectId/modules/:moduleId",
            element: page(() => import("../tracker/modules/ModulePage")),
          },
          { path: "projects/:projectId/intake", element: page(() => import("../tracker/intake/IntakePage")) },
          { path: "projects/:projectId/views", element: page(() => import("../tracker/views/ViewsPage")) },
          {
            path: "projects/:projectId/settings/*",
            element: page(() => import("../tracker/settings/ProjectSettingsPage")),
          },
          { path: "notifications", element: page(() => import("../notify/InboxPage")) },
          { path: "settings/*", element: page(() => import("../workspaces/settings/WorkspaceSettingsPage")) },
          { path: "profile/*", element: page(() => import("../accounts/profile/ProfilePage")) },
        ],
      },
    ],
  },
]);
