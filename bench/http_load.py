"""The HTTP load scenarios on the work-item API (wrk), each beside its raw-SQL baseline.

bench/run calls it once per backend with a running server and a seeded project. For every
scenario: a short warm-up, then --runs measured wrk runs, then as many raw-sql runs at the same
concurrency; it prints one JSON line per scenario for the endpoint (`http_<name>`: the median of
each figure, the spread of requests_per_s, the raw baseline and the ratio raw / endpoint) and
one for the baseline (`raw_<name>`). Progress goes to stderr.
"""

import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
LUA = os.path.join(HERE, "wrk", "scenario.lua")


def log(message: str) -> None:
    print(f"  [http_load] {message}", file=sys.stderr, flush=True)


class Api:
    def __init__(self, base_url: str, api_key: str, workspace: str, project: str):
        self.base_url, self.api_key = base_url, api_key
        self.project_path = f"/api/v1/workspaces/{workspace}/projects/{project}"

    def get(self, path: str, **query) -> dict:
        url = self.base_url + self.project_path + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        request = urllib.request.Request(url, headers={"X-Api-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)

    def results(self, path: str, **query) -> list:
        body = self.get(path, **query)
        return body["results"] if isinstance(body, dict) and "results" in body else body


def caught_up(base_url: str, limit_s: float = 120.0) -> None:
    """Waits until every durable consumer has read the whole event log (so a write scenario's
    consumers do not run into the next measurement)."""
    deadline, last_head = time.monotonic() + limit_s, None
    while time.monotonic() < deadline:
        with urllib.request.urlopen(base_url + "/metrics", timeout=30) as response:
            page = response.read().decode()
        gauges = collections.defaultdict(list)
        for line in page.splitlines():
            for name in ("glider_event_live_offset", "glider_event_consumer_offset"):
                if line.startswith(name):
                    gauges[name].append(float(line.rsplit(" ", 1)[1]))
        head = max(gauges["glider_event_live_offset"], default=0.0)
        if head == last_head and all(o >= head for o in gauges["glider_event_consumer_offset"]):
            return
        last_head = head
        time.sleep(0.25)
    log("consumers still behind after the wait; going on")


def fixtures(api: Api, per_page: int) -> dict:
    """Items, states and a filter (state group, assignee, label, priority) whose first page is
    full, from a sample of the project's pages."""
    states = api.results("/states/")
    total = api.get("/work-items/", per_page=1)["total_count"]
    pages = max(1, total // 100)
    sample = []
    for page in sorted({0, pages // 3, (2 * pages) // 3, pages - 1}):
        sample += api.results("/work-items/", per_page=100, cursor=f"100:{page}:0")
    if not sample:
        sys.exit("http_load.py: the project has no work items (was it seeded?)")
    by_group = {}
    for state in states:
        by_group.setdefault(state["group"], state["id"])
    assignees = [a for a, _ in collections.Counter(a for i in sample for a in i["assignees"]).most_common()]
    labels = [l for l, _ in collections.Counter(l for i in sample for l in i["labels"]).most_common()]
    n_assignees, n_labels, matched = 3, 4, 0
    while True:
        filters = {"and": [
            {"state_group__in": ["unstarted", "started"]},
            {"priority__in": ["urgent", "high", "medium"]},
            {"assignees__in": assignees[:n_assignees]},
            {"labels__in": labels[:n_labels]},
        ]}
        encoded = json.dumps(filters, separators=(",", ":"))
        matched = api.get("/work-items/", per_page=per_page, order_by="priority", filters=encoded)["total_count"]
        if matched >= per_page or (n_assignees >= len(assignees) and n_labels >= len(labels)):
            break
        n_assignees, n_labels = n_assignees + 1, n_labels + 1
    if matched == 0:
        sys.exit(f"http_load.py: the filtered list is empty ({encoded})")
    return {
        "total": total,
        "ids": [item["id"] for item in sample][:400],
        "alts": [by_group["unstarted"], by_group["started"]],
        "filters": encoded,
        "matched": matched,
    }


def scenarios(args, fx: dict) -> list:
    items = "/work-items/"
    pages = ",".join(f"{args.per_page}:{p}:0" for p in range(args.pages))
    filtered = urllib.parse.urlencode({"per_page": args.per_page, "order_by": "priority", "filters": fx["filters"]})
    ids = ",".join(fx["ids"])
    return [
        dict(name="list", concurrency=16, path=f"{items}?per_page={args.per_page}&cursor={{id}}", ids=pages,
             raw=["--pages", str(args.pages), "--per-page", str(args.per_page)],
             extra={"items": fx["total"], "per_page": args.per_page, "pages": args.pages}),
        dict(name="list_filtered", concurrency=16, path=f"{items}?{filtered}",
             raw=["--per-page", str(args.per_page), "--filters", fx["filters"], "--order-by", "priority"],
             extra={"items": fx["total"], "matched": fx["matched"], "per_page": args.per_page}),
        dict(name="retrieve", concurrency=16, path=f"{items}{{id}}/?expand=assignees,labels,state", ids=ids,
             raw=["--ids", ids]),
        dict(name="create", concurrency=8, method="POST", path=items, body='{"name":"bench item"}', write=True),
        dict(name="update_state", concurrency=8, method="PATCH", path=f"{items}{{id}}/", ids=ids,
             body='{"state":"{alt}"}', alts=",".join(fx["alts"]), write=True,
             raw=["--ids", ids, "--alts", ",".join(fx["alts"])]),
        dict(name="comment", concurrency=8, method="POST", path=f"{items}{{id}}/comments/", ids=ids,
             body='{"comment_html":"<p>bench comment</p>"}', write=True, raw=["--ids", ids]),
    ]


def wrk(args, api: Api, scenario: dict, requests: int, seconds: float) -> dict:
    env = dict(os.environ, BENCH_METHOD=scenario.get("method", "GET"),
               BENCH_PATH=api.project_path + scenario["path"], BENCH_IDS=scenario.get("ids", ""),
               BENCH_BODY=scenario.get("body", ""), BENCH_ALTS=scenario.get("alts", ""),
               BENCH_API_KEY=args.api_key, BENCH_REQUESTS=str(requests), BENCH_THREADS=str(args.threads))
    if "body" not in scenario:
        env.pop("BENCH_BODY")
    command = ["wrk", f"-t{args.threads}", f"-c{scenario['concurrency']}", f"-d{max(1, round(seconds))}s",
               "--timeout", "10s", "-s", LUA, args.base_url]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


def raw(args, scenario: dict, requests: int, seconds: float, warmup: int) -> dict:
    command = [os.path.join(args.bin, "raw-sql"), "--database-url", args.database_url,
               "--scenario", scenario["name"].replace("_", "-"), "--project", args.project,
               "--concurrency", str(scenario["concurrency"]), "--requests", str(requests),
               "--seconds", str(seconds), "--warmup", str(warmup), *scenario.get("raw", [])]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["figures"]


def summarise(runs: list) -> dict:
    """The median of each figure over the runs, the spread of the rate, errors summed."""
    figures = {}
    for key in runs[0]:
        values = [run[key] for run in runs if isinstance(run.get(key), (int, float))]
        if values:
            figures[key] = statistics.median(values)
    figures["requests_per_s_min"] = min(run["requests_per_s"] for run in runs)
    figures["requests_per_s_max"] = max(run["requests_per_s"] for run in runs)
    for key in ("errors", "non_2xx", "socket_errors", "timeouts"):
        if key in runs[0]:
            figures[key] = sum(run[key] for run in runs)
    figures["runs"] = len(runs)
    return figures


def emit(scenario: str, figures: dict) -> None:
    print(json.dumps({"scenario": scenario, "figures": figures}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--bin", required=True, help="the directory holding raw-sql")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0, help="bound of each run (at most 20)")
    parser.add_argument("--requests", type=int, default=20000, help="bound of each run (at most 50,000)")
    parser.add_argument("--warmup-seconds", type=float, default=2.0)
    parser.add_argument("--per-page", type=int, default=100)
    parser.add_argument("--pages", type=int, default=10, help="list: cycle through the first N pages")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (the client shares the cores)")
    parser.add_argument("--only", help="comma-separated scenario names")
    args = parser.parse_args()
    args.seconds, args.requests = min(args.seconds, 20.0), min(args.requests, 50000)

    api = Api(args.base_url, args.api_key, args.workspace, args.project)
    fx = fixtures(api, args.per_page)
    log(f"{fx['total']} items in the project; filtered list matches {fx['matched']}")
    wanted = set(args.only.split(",")) if args.only else None
    for scenario in scenarios(args, fx):
        if wanted and scenario["name"] not in wanted:
            continue
        name, write = scenario["name"], scenario.get("write", False)
        wrk(args, api, scenario, 1000, args.warmup_seconds)
        if write:
            caught_up(args.base_url)
        http_runs = []
        for _ in range(args.runs):
            http_runs.append(wrk(args, api, scenario, args.requests, args.seconds))
            if write:
                caught_up(args.base_url)
        raw_runs = []
        for i in range(args.runs):
            raw_runs.append(raw(args, scenario, args.requests, args.seconds, 200 if i == 0 else 0))
            if write:
                caught_up(args.base_url)
        endpoint, baseline = summarise(http_runs), summarise(raw_runs)
        endpoint.update(scenario.get("extra", {}), concurrency=scenario["concurrency"])
        endpoint["raw_requests_per_s"] = baseline["requests_per_s"]
        endpoint["raw_ratio"] = baseline["requests_per_s"] / endpoint["requests_per_s"] if endpoint["requests_per_s"] else None
        log(f"{name}: {endpoint['requests_per_s']:.0f} req/s ({endpoint['requests_per_s_min']:.0f}–"
            f"{endpoint['requests_per_s_max']:.0f}), p99 {endpoint['p99_ms']:.1f} ms, errors {endpoint['errors']}; "
            f"raw {baseline['requests_per_s']:.0f} req/s, ratio {endpoint['raw_ratio'] or 0:.2f}")
        emit(f"http_{name}", endpoint)
        emit(f"raw_{name}", baseline)


if __name__ == "__main__":
    main()
