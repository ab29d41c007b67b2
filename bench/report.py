"""Rewrites the generated section of BENCHMARKS.md from one results file (bench/run calls it).

    report.py RESULTS BENCHMARKS.md [PREVIOUS_RESULTS]
"""

import json
import os
import platform
import re
import sys

START, END = "<!-- bench/run: start -->", "<!-- bench/run: end -->"


def markers(results_path: str) -> tuple:
    """The section a results file writes: the default run (10,000 items) has the plain markers,
    another data size its own (`<!-- bench/run -w1000000-p20: start -->`), so a million-item run
    sits beside the default one instead of replacing it. Quick runs share their size's section."""
    match = re.search(r"(-w\d+-p\d+)", os.path.basename(results_path))
    if not match:
        return START, END
    return f"<!-- bench/run {match.group(1)}: start -->", f"<!-- bench/run {match.group(1)}: end -->"
BACKEND_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
HTTP_SCENARIOS = [
    ("list", "list, 100 per page (first {pages} pages)"),
    ("list_filtered", "list filtered (state group, assignee, label, priority), by priority; {matched} match"),
    ("retrieve", "retrieve, `expand=assignees,labels,state`"),
    ("create", "create"),
    ("update_state", "update the state"),
    ("comment", "comment"),
]


def machine() -> str:
    cores = os.cpu_count()
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return f"{cores} cores ({cpu}), {kib / 1024 / 1024:.0f} GiB, {platform.system()} {platform.release()}"


def run_label(path: str) -> str:
    """`<commit>[-dirty]` from `<date>-<commit>[-dirty][-w<items>-p<projects>][-quick].jsonl`."""
    match = re.match(r"^\d{8}-([0-9a-f]+(?:-dirty)?)", os.path.basename(path))
    return match.group(1) if match else os.path.basename(path)


def load(path: str) -> dict:
    records = [json.loads(line) for line in open(path) if line.strip()] if path else []
    return {(r.get("backend"), r["scenario"], r["figures"].get("sockets")): r["figures"] for r in records}


def fmt(value, pattern="{:.0f}") -> str:
    return "–" if value is None else pattern.format(value)


def rate(value: float) -> str:
    """A request rate: whole numbers, with a decimal below 10 (a rate of 0.5 is not 0)."""
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def main(results_path: str, doc_path: str, previous_path: str = "") -> None:
    by = load(results_path)
    start, end = markers(results_path)
    old = load(previous_path)
    old_label = run_label(previous_path) if previous_path else ""
    backends = [b for b in ("sqlite", "postgres") if any(k[0] == b for k in by)]
    # The file is named <date>-<commit>[-dirty]: the tree the figures were measured on.
    commit = run_label(results_path)
    date = os.path.basename(results_path).split("-")[0]
    get = lambda backend, scenario, key, sockets=None: by.get((backend, scenario, sockets), {}).get(key)
    runs = next((f.get("runs") for k, f in by.items() if k[1].startswith("http_")), None)
    lines = [start, "", f"Measured {date[:4]}-{date[4:6]}-{date[6:]} on commit `{commit}`"
             + (" (with uncommitted changes outside `bench/`)" if commit.endswith("-dirty") else "") + f"; machine: {machine()}.",
             f"Raw figures: `{results_path}`."
             + (f" HTTP figures are the median of {runs} runs (wrk on loopback, sharing the cores with the "
                "server); the spread is the slowest and fastest run." if runs else "")
             + (f" Compared with `{previous_path}`." if previous_path else ""), ""]

    if start != START:
        seeded_size = next((by[k] for k in by if k[1] == "seed"), {})
        lines[1:1] = ["", f"## At {seeded_size.get('work_items', 0):,} work items in "
                          f"{seeded_size.get('projects', 0)} projects"]

    def row(label, values):
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    # Server.
    lines += ["### Server", "", "| figure | " + " | ".join(BACKEND_NAMES[b] for b in backends) + " |",
              "| --- |" + " --- |" * len(backends)]
    row("cold start, process start → `/ready` (ms)", [fmt(get(b, "server", "cold_start_ms")) for b in backends])
    row("idle RSS (MiB)", [fmt(kib and kib / 1024, "{:.1f}") for kib in (get(b, "server", "idle_rss_kib") for b in backends)])
    row("peak RSS after the HTTP scenarios (MiB)",
        [fmt(kib and kib / 1024, "{:.1f}") for kib in (get(b, "server_http_peak", "peak_rss_kib") for b in backends)])
    row("RSS after the HTTP scenarios: anonymous + file-backed (MiB; SQLite maps its file per connection)",
        [f"{fmt(anon and anon / 1024, '{:.1f}')} + {fmt(file and file / 1024, '{:.1f}')}"
         for anon, file in ((get(b, "server_http_peak", "rss_anon_kib"), get(b, "server_http_peak", "rss_file_kib"))
                            for b in backends)])
    row("peak RSS over the whole run, WebSockets included (MiB)",
        [fmt(kib and kib / 1024, "{:.1f}") for kib in (get(b, "server_peak", "peak_rss_kib") for b in backends)])
    seeded = next((by[k] for k in by if k[1] == "seed"), None)
    if seeded:
        row(f"`glider demo seed`: work items written per second ({seeded['work_items']:,} items, "
            f"{seeded['projects']} project{'s' if seeded['projects'] > 1 else ''})",
            [fmt(get(b, "seed", "items_per_s")) for b in backends])
    if any(k[1] == "machine" for k in by):
        row("load average (1 min) during the run, median / max (server and clients alone make ~2–3)",
            [f"{fmt(get(b, 'machine', 'loadavg_1m_median'), '{:.1f}')} / {fmt(get(b, 'machine', 'loadavg_1m_max'), '{:.1f}')}"
             for b in backends])
    if any(k[1] == "machine" and "wal_max_bytes" in by[k] for k in by):
        row("SQLite WAL file, largest seen during the run (MiB; sampled every 5 s)",
            [fmt(get(b, "machine", "wal_max_bytes") / 1024 / 1024, "{:.1f}") if b == "sqlite"
             and get(b, "machine", "wal_max_bytes") is not None else "–" for b in backends])
    binary = get(backends[0], "server", "binary_bytes") if backends else None
    row("binary size (MiB)", [fmt(binary and binary / 1024 / 1024, "{:.1f}")] * len(backends))

    # HTTP scenarios, one table per backend.
    if any(k[1].startswith("http_") for k in by):
        items = next((f.get("items") for k, f in by.items() if k[1] == "http_list"), None)
        where = (f"the busiest of {seeded['projects']} projects, {seeded['work_items']:,} items in all"
                 if seeded and seeded["projects"] > 1 else "the project")
        lines += ["", f"### Work-item API under load ({fmt(items, '{:,}')} items in {where})", "",
                  "Raw SQL: the same statements for the endpoint's rows straight on the server's pool, at "
                  "the same concurrency, without HTTP, auth or JSON (`bench/src/bin/raw-sql/`); "
                  "raw / endpoint is how many times faster that is (the target is within 2×). "
                  "The database is seeded by `glider demo seed` just before (on PostgreSQL followed by "
                  "`VACUUM ANALYZE`, and, as this machine's PostgreSQL runs without autovacuum, `ANALYZE` every "
                  "30 s while the server runs)."]
        compared = any(k[1].startswith("http_") for k in old)
        for backend in backends:
            vs = f" | req/s vs `{old_label}`" if compared else ""
            lines += ["", f"#### {BACKEND_NAMES[backend]}", "",
                      "| scenario | connections | req/s (spread) | p50 ms | p95 ms | p99 ms | errors | raw SQL req/s "
                      f"| raw / endpoint{vs} |", "| --- |" + " --- |" * (8 + compared)]
            for name, label in HTTP_SCENARIOS:
                f = by.get((backend, f"http_{name}", None))
                if not f:
                    continue
                label = label.format(pages=f.get("pages", 1), matched=fmt(f.get("matched")))
                cells = [str(f.get("concurrency", "–")),
                         f"{rate(f['requests_per_s'])} ({rate(f['requests_per_s_min'])}–{rate(f['requests_per_s_max'])})",
                         fmt(f.get("p50_ms"), "{:.1f}"), fmt(f.get("p95_ms"), "{:.1f}"), fmt(f.get("p99_ms"), "{:.1f}"),
                         fmt(f.get("errors")), (rate(f["raw_requests_per_s"]) if f.get("raw_requests_per_s") is not None else "–"), fmt(f.get("raw_ratio"), "{:.2f}×")]
                if compared:
                    before = old.get((backend, f"http_{name}", None), {}).get("requests_per_s")
                    cells.append(fmt(before and f["requests_per_s"] / before, "{:.2f}"))
                row(label, cells)

    # Events and real time.
    lines += ["", "### Events and real time", "", "| figure | " + " | ".join(BACKEND_NAMES[b] for b in backends) + " |",
              "| --- |" + " --- |" * len(backends)]

    def figure_row(label, key, pattern="{:.0f}", scenario="event_log", sockets=None):
        row(label, [fmt(get(b, scenario, key, sockets), pattern) for b in backends])

    figure_row("events committed per second (16 writers creating work items)", "committed_per_s")
    figure_row("events fanned out per second (live tail → WebSocket)", "fanned_out_per_s")
    figure_row("events through every durable consumer per second", "consumers_caught_up_per_s")
    for sockets in sorted({k[2] for k in by if k[1] == "ws_fanout"}):
        figure_row(f"WebSocket fan-out to {sockets:,} sockets: commit → receipt p50 (ms)", "p50_ms", "{:.1f}", "ws_fanout", sockets)
        figure_row(f"WebSocket fan-out to {sockets:,} sockets: p99 (ms)", "p99_ms", "{:.1f}", "ws_fanout", sockets)
        row(f"WebSocket fan-out to {sockets:,} sockets: frames delivered / expected",
            [f"{get(b, 'ws_fanout', 'delivered', sockets) or 0:,} / {get(b, 'ws_fanout', 'expected', sockets) or 0:,}"
             for b in backends])
    lines += ["", end]
    section = "\n".join(lines)

    doc = open(doc_path).read() if os.path.exists(doc_path) else (
        "# Benchmarks\n\nReproduce with `bench/run` (builds a release binary, starts it on SQLite and on "
        "PostgreSQL on this machine, runs every scenario, appends to `bench/results/` and rewrites the "
        "section below).\n\n" + START + "\n" + END + "\n")
    if start not in doc:
        # A new data size: its section goes after the default one.
        head, _, tail = doc.partition(END)
        doc = head + END + "\n\n" + start + "\n" + end + tail
    before, _, rest = doc.partition(start)
    _, _, after = rest.partition(end)
    open(doc_path, "w").write(before + section + after)


if __name__ == "__main__":
    main(*sys.argv[1:4])
