// How the shortcuts, the palette and the screens reach each other: window events.
// `glider:create-work-item` is the work-items screen's: it opens its create form.

export type PaletteMode = "root" | "search" | "create";

export const OPEN_PALETTE = "glider:open-palette";
export const SHORTCUT_HELP = "glider:shortcut-help";
export const CREATE_WORK_ITEM = "glider:create-work-item";

export function openPalette(mode: PaletteMode = "root"): void {
  window.dispatchEvent(new CustomEvent<PaletteMode>(OPEN_PALETTE, { detail: mode }));
}

export function openShortcutHelp(): void {
  window.dispatchEvent(new CustomEvent(SHORTCUT_HELP));
}

/** The project a path is in (`/:slug/projects/:projectId/...`), if any. */
export function projectIdFromPath(pathname: string): string | undefined {
  const match = /^\/[^/]+\/projects\/([^/?#]+)/.exec(pathname);
  return match?.[1];
}

/** The work-items list of a project, where creating happens. */
export function workItemsPath(slug: string, projectId: string): string {
  return `/${slug}/projects/${projectId}/issues`;
}

/**
 * Opens the create form of a project's work-items screen: at once if it is showing, else
 * after navigating there and letting the screen mount (its code is loaded first).
 */
export async function createWorkItemIn(
  navigate: (to: string) => void | Promise<void>,
  slug: string,
  projectId: string,
): Promise<void> {
  const target = workItemsPath(slug, projectId);
  const announce = () => window.dispatchEvent(new CustomEvent(CREATE_WORK_ITEM));
  if (window.location.pathname === target) {
    announce();
    return;
  }
  await import("../../tracker/workItems/WorkItemsPage").catch(() => undefined);
  await navigate(target);
  const started = performance.now();
  const wait = () => {
    if (window.location.pathname === target || performance.now() - started > 2000) {
      // Two frames: React has committed the screen and run its effects (its listener).
      requestAnimationFrame(() => requestAnimationFrame(announce));
    } else requestAnimationFrame(wait);
  };
  wait();
}
