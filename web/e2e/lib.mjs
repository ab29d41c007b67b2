// Shared pieces of the end-to-end specs: the browser, people, API calls with a person's
// session, screenshots and the accessibility scan.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const base = process.env.GLIDER_E2E_URL ?? "http://127.0.0.1:8080";
export const screenshots = join(here, "screenshots");
mkdirSync(screenshots, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    // Root in a container has no user namespaces for chromium's sandbox.
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

/**
 * A browser context for one person, under the app's real Content-Security-Policy. Any page
 * error, CSP violation or failed same-origin request fails the test at `person.check()`.
 */
export async function person(browser, name, options = {}) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 }, ...options });
  const problems = [];
  context.on("page", (page) => watch(page, problems));
  const page = await context.newPage();
  const slug = name.toLowerCase().split(" ")[0];
  return {
    name,
    email: `${slug}-${Date.now()}@example.com`,
    password: "correct horse battery staple",
    context,
    page,
    problems,
    check() {
      assert.deepEqual(problems, [], `${name}'s browser reported problems`);
    },
  };
}

function watch(page, problems) {
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /Content.Security.Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
  });
}

/** An API call with the person's session cookie (and CSRF header), like the app makes. */
export async function apiAs(someone, method, path, body) {
  const cookies = await someone.context.cookies(base);
  const csrf = cookies.find((c) => c.name === "glider_csrf")?.value;
  const response = await someone.context.request.fetch(`${base}${path}`, {
    method,
    data: body,
    headers: csrf ? { "X-CSRF-Token": csrf } : {},
  });
  const text = await response.text();
  assert.ok(response.ok(), `${method} ${path} answered ${response.status()}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export async function shot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page and returns the serious and critical
 * violations. The page's CSP forbids injected scripts, so the scan evaluates axe through the
 * DevTools protocol instead of a script tag.
 */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

/** Waits until `read()` returns a value that satisfies `ok`, or fails with the last value. */
export async function eventually(read, ok, { timeout = 15_000, what = "condition" } = {}) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what} not met within ${timeout} ms; last value: ${JSON.stringify(last)}`);
}

/** Drags with real pointer events (dnd-kit listens to pointer events, not HTML5 drag). */
export async function drag(page, source, target, { dy = 40 } = {}) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  assert.ok(from && to, "drag source and target are on screen");
  const x = from.x + from.width / 2;
  const y = from.y + from.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 12, y + 4, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + dy, { steps: 20 });
  await page.mouse.move(to.x + to.width / 2, to.y + dy + 2, { steps: 2 });
  await page.mouse.up();
}
