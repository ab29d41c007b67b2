// Web app figures for BENCHMARKS.md, in Debian's chromium on this machine:
//   - initial JavaScript (gzip) of the entry page;
//   - first meaningful paint of a seeded project's list (time to the first rows);
//   - the board of N cards interactive (the app's `board:interactive` mark, after the data arrives);
//   - scrolling the virtualised list of 10,000 items: frames longer than 1.5 vsyncs.
// Usage: node bench/web.mjs [--binary target/release/glider] [--items 10000] [--board 5000]
// Each scenario seeds its own fresh SQLite database with `glider demo seed`.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "web/package.json"));
const { chromium } = require("playwright-core");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const binary = resolve(arg("binary", join(root, "target/release/glider")));
const listItems = Number(arg("items", "10000"));
const boardItems = Number(arg("board", "5000"));

function initialJsGzip() {
  const dist = join(root, "web/dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let bytes = 0;
  for (const path of new Set(scripts)) bytes += statSync(join(dist, `${path}.gz`)).size;
  return { files: scripts.length, kib: bytes / 1024 };
}

const freePort = () =>
  new Promise((done) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

async function withSeededServer(items, body) {
  const dir = mkdtempSync(join(tmpdir(), "glider-web-bench-"));
  // The built app on disk, so the figures are for the current web/dist whatever the binary embeds.
  const env = { ...process.env, GLIDER_DATA_DIR: dir, GLIDER_LOG: "warn", GLIDER_WEB_DIR: join(root, "web/dist") };
  delete env.GLIDER_DATABASE_URL;
  const seed = JSON.parse(
    execFileSync(binary, ["demo", "seed", "--projects", "1", "--work-items", String(items), "--json"], { env }),
  );
  const port = await freePort();
  const server = spawn(binary, ["serve", "--listen", `127.0.0.1:${port}`], { env, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
    const login = await context.request.post(`${base}/api/v1/auth/session/`, {
      data: { email: seed.email, password: seed.password },
    });
    if (!login.ok()) throw new Error(`sign-in failed: ${await login.text()}`);
    const page = await context.newPage();
    const project = seed.projects[0];
    return await body(page, `/${seed.workspace}/projects/${project.id}/issues`, project.work_items);
  } finally {
    await browser.close();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const markTime = (page, name, timeout = 120_000) =>
  page
    .waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout })
    .then(() => page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, name));

async function listFigures(page, url) {
  const paints = [];
  const renders = [];
  const everything = [];
  for (let run = 0; run < 3; run++) {
    await page.goto(`${url}?layout=list`);
    const painted = await markTime(page, "list:painted");
    paints.push(painted);
    renders.push(painted - (await markTime(page, "list:data")));
    // A large project paints its first page, then loads the rest behind a status line.
    await page.waitForFunction(() => !document.querySelector(".wi-loading-more"), null, { timeout: 120_000 });
    everything.push(await page.evaluate(() => performance.now()));
  }
  const rows = await page.locator("[data-testid=list-row]").count();
  // Scroll the list for ~3 s with the wheel and count frames longer than 1.5 vsyncs.
  await page.waitForTimeout(500);
  const box = await page.getByRole("treegrid").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__frames.length < 100000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const top = await page.getByRole("treegrid").evaluate((e) => e.scrollTop);
  for (let i = 0; i < 150; i++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(20);
  }
  const scrolled = (await page.getByRole("treegrid").evaluate((e) => e.scrollTop)) - top;
  const frames = await page.evaluate(() => window.__frames.splice(1));
  const vsync = median(frames);
  const long = frames.filter((f) => f > vsync * 1.5).length;
  return {
    firstRowsMs: median(paints),
    allLoadedMs: median(everything),
    renderMs: median(renders),
    rowsInDom: rows,
    scrolledPx: scrolled,
    frames: frames.length,
    longFrames: long,
    vsyncMs: vsync,
  };
}

async function boardFigures(page, url) {
  const runs = [];
  for (let run = 0; run < 3; run++) {
    await page.goto(`${url}?layout=board`);
    const interactive = await markTime(page, "board:interactive");
    const data = await markTime(page, "board:data");
    const painted = await markTime(page, "board:painted");
    runs.push({ interactive, render: interactive - data, painted: painted - data });
  }
  const cards = await page.getByTestId("card").count();
  return {
    cards,
    interactiveMs: median(runs.map((r) => r.interactive)),
    renderMs: median(runs.map((r) => r.render)),
    paintedMs: median(runs.map((r) => r.painted)),
  };
}

const js = initialJsGzip();
console.log(`initial JS: ${js.kib.toFixed(1)} KiB gzip in ${js.files} files`);
const list = await withSeededServer(listItems, (page, url) => listFigures(page, url));
console.log(
  `list of ${listItems}: first rows painted ${list.firstRowsMs.toFixed(0)} ms after navigation (${list.renderMs.toFixed(0)} ms after the data arrived, ${list.rowsInDom} rows in the DOM), all loaded ${list.allLoadedMs.toFixed(0)} ms; ` +
    `scrolling ${list.scrolledPx} px: ${list.frames} frames, ${list.longFrames} longer than 1.5 vsync (${list.vsyncMs.toFixed(1)} ms)`,
);
const board = await withSeededServer(boardItems, (page, url) => boardFigures(page, url));
console.log(
  `board of ${boardItems} (${board.cards} cards in the DOM): interactive ${board.interactiveMs.toFixed(0)} ms after navigation, ` +
    `${board.renderMs.toFixed(0)} ms after the data arrived (painted ${board.paintedMs.toFixed(0)} ms after)`,
);
console.log(JSON.stringify({ js, list, board }));
