// axe-core on the main screens, in the light and the dark theme: no serious or critical
// violations of WCAG 2.1 A/AA.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { apiAs, axeViolations, base, launch, person, shot } from "../lib.mjs";

let browser;
let carol;
let screens = [];

before(async () => {
  browser = await launch();
  // The scan injects axe into the page, which the app's CSP rightly forbids: this one context
  // bypasses it (the story spec runs under the real policy).
  carol = await person(browser, "Carol Danvers", { bypassCSP: true });
  const request = carol.context.request;
  const register = await request.post(`${base}/api/v1/auth/register/`, {
    data: { email: carol.email, password: carol.password, display_name: carol.name },
  });
  assert.ok(register.ok(), await register.text());
  const session = await request.post(`${base}/api/v1/auth/session/`, {
    data: { email: carol.email, password: carol.password },
  });
  assert.ok(session.ok(), await session.text());
  const slug = `a11y-${Date.now()}`;
  await apiAs(carol, "POST", "/api/v1/workspaces/", { name: "Accessibility", slug });
  const project = await apiAs(carol, "POST", `/api/v1/workspaces/${slug}/projects/`, {
    name: "Checks",
    identifier: "CHK",
  });
  const items = `/api/v1/workspaces/${slug}/projects/${project.id}/work-items/`;
  const first = await apiAs(carol, "POST", items, { name: "Audit the colour contrast", priority: "high" });
  await apiAs(carol, "POST", items, { name: "Label every input", priority: "medium" });
  // Every feature on, with something in it, so each screen is scanned with content.
  const projectApi = `/api/v1/workspaces/${slug}/projects/${project.id}`;
  await apiAs(carol, "PATCH", `${projectApi}/`, {
    cycle_view: true,
    module_view: true,
    intake_view: true,
    issue_views_view: true,
  });
  const today = new Date();
  const day = (offset) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const cycle = await apiAs(carol, "POST", `${projectApi}/cycles/`, {
    name: "Sprint 1",
    project_id: project.id,
    start_date: day(-3),
    end_date: day(10),
  });
  await apiAs(carol, "POST", `${projectApi}/cycles/${cycle.id}/cycle-issues/`, { issues: [first.id] });
  await apiAs(carol, "POST", `${projectApi}/modules/`, { name: "Onboarding" });
  const issues = `/${slug}/projects/${project.id}/issues`;
  screens = [
    ["projects", `/${slug}/projects`],
    ["list", `${issues}?layout=list`],
    ["board", `${issues}?layout=board`],
    ["spreadsheet", `${issues}?layout=spreadsheet`],
    ["calendar", `${issues}?layout=calendar`],
    ["detail", `${issues}/${first.id}`],
    ["cycles", `/${slug}/projects/${project.id}/cycles`],
    ["cycle", `/${slug}/projects/${project.id}/cycles/${cycle.id}`],
    ["modules", `/${slug}/projects/${project.id}/modules`],
    ["intake", `/${slug}/projects/${project.id}/intake`],
    ["views", `/${slug}/projects/${project.id}/views`],
    ["project-settings", `/${slug}/projects/${project.id}/settings`],
    ["inbox", `/${slug}/notifications`],
    ["workspace-settings", `/${slug}/settings`],
    ["profile", `/${slug}/profile`],
  ];
});

after(async () => {
  await browser?.close();
});

test("the sign-in screen has no serious accessibility violations", async () => {
  const context = await browser.newContext({ baseURL: base, bypassCSP: true });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`the main screens have no serious accessibility violations (${scheme})`, async () => {
    const { page } = carol;
    await page.emulateMedia({ colorScheme: scheme });
    const found = {};
    for (const [name, path] of screens) {
      await page.goto(path);
      await page.locator("main h1, main [role=heading], main h2").first().waitFor();
      await page.waitForLoadState("networkidle");
      await shot(page, `${name}-${scheme}`);
      const violations = await axeViolations(page);
      if (violations.length) found[name] = violations;
    }
    assert.deepEqual(found, {});
  });
}
