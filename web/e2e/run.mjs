// End-to-end suite: starts a real `glider serve` on a fresh database (SQLite in a temporary
// folder, or the PostgreSQL database in GLIDER_E2E_DATABASE_URL), drives Debian's chromium
// with playwright-core through the specs in e2e/specs, and stops the server.
//
//   GLIDER_BIN         the server binary (default: ../target/debug/glider)
//   GLIDER_E2E_DATABASE_URL  a fresh PostgreSQL database (default: SQLite)
//   GLIDER_E2E_S3_URL  an S3 bucket URL for attachments (default: the data folder)
//   CHROMIUM           the browser (default: /usr/bin/chromium)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { fileURLToPath } from "node:url";
import { readdirSync } from "node:fs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const binary = process.env.GLIDER_BIN ?? join(root, "target/debug/glider");

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const work = mkdtempSync(join(tmpdir(), "glider-e2e-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  GLIDER_DATA_DIR: join(work, "data"),
  GLIDER_WEB_DIR: join(root, "web/dist"),
  GLIDER_LOG: "warn",
  GLIDER_LOG_FORMAT: "pretty",
};
delete env.GLIDER_DATABASE_URL;
delete env.GLIDER_S3_URL;
if (process.env.GLIDER_E2E_DATABASE_URL) env.GLIDER_DATABASE_URL = process.env.GLIDER_E2E_DATABASE_URL;
if (process.env.GLIDER_E2E_S3_URL) env.GLIDER_S3_URL = process.env.GLIDER_E2E_S3_URL;

const logPath = join(work, "server.log");
const log = createWriteStream(logPath);
const server = spawn(binary, ["serve", "--listen", `127.0.0.1:${port}`], { env, stdio: ["ignore", "pipe", "pipe"] });
server.stdout.pipe(log);
server.stderr.pipe(log);

async function ready() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

let failed = true;
try {
  if (!(await ready())) throw new Error(`glider did not become ready:\n${readFileSync(logPath, "utf8")}`);
  process.env.GLIDER_E2E_URL = base;
  const files = readdirSync(join(here, "specs"))
    .filter((f) => f.endsWith(".test.mjs"))
    .sort()
    .map((f) => join(here, "specs", f));
  const stream = run({ files, concurrency: 1, timeout: 10 * 60_000 });
  let failures = 0;
  stream.on("test:fail", () => failures++);
  await new Promise((done) => {
    stream.compose(spec).pipe(process.stdout);
    stream.on("end", done);
    stream.on("close", done);
  });
  failed = failures > 0;
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  if (failed) console.error(`\nserver log (${logPath}):\n${readFileSync(logPath, "utf8").slice(-8000)}`);
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
