-- One HTTP load scenario for wrk (bench/http.py runs it). Configured by environment:
--   BENCH_METHOD     GET (default), POST, PATCH, …
--   BENCH_PATH       request path; "{id}" is replaced by the next of BENCH_IDS
--   BENCH_IDS        comma-separated values cycled through "{id}" (optional)
--   BENCH_BODY       request body; "{alt}" is replaced by the next of BENCH_ALTS (optional)
--   BENCH_ALTS       comma-separated values for "{alt}": the next one each time the list of
--                    ids starts over, so an item alternates between them (optional)
--   BENCH_API_KEY    sent as X-Api-Key
--   BENCH_REQUESTS   total responses to wait for across all threads (0: only wrk's -d bounds it)
--   BENCH_THREADS    the -t given to wrk (each thread stops after its share of BENCH_REQUESTS)
-- wrk sleeps for its whole -d before it reports, so a thread that has its share stops, notes
-- the time and interrupts that sleep (SIGINT, as Ctrl-C does); the rate is then computed from
-- the threads' own clocks (first request to last response), not from -d.
-- done() prints one JSON object: requests, seconds, requests_per_s, p50/p95/p99/max latency in
-- ms, errors (connect + read + write + timeout + non-2xx) and non_2xx on its own.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
  int getpid(void);
  int kill(int pid, int signal);
]]
local CLOCK_MONOTONIC, SIGINT = 1, 2

local function now()
  local t = ffi.new("bench_timespec")
  ffi.C.clock_gettime(CLOCK_MONOTONIC, t)
  return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end

local function split(text)
  local values = {}
  for value in string.gmatch(text or "", "[^,]+") do
    values[#values + 1] = value
  end
  return values
end

local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local body = os.getenv("BENCH_BODY")
local ids = split(os.getenv("BENCH_IDS"))
local alts = split(os.getenv("BENCH_ALTS"))
local total = tonumber(os.getenv("BENCH_REQUESTS") or "0") or 0
local threads = tonumber(os.getenv("BENCH_THREADS") or "1") or 1
local headers = {
  ["X-Api-Key"] = os.getenv("BENCH_API_KEY") or "",
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json",
}

-- Main state: every thread, so done() can add up their counters.
local all_threads = {}
local next_index = 0

function setup(thread)
  thread:set("index", next_index)
  next_index = next_index + 1
  all_threads[#all_threads + 1] = thread
end

-- Thread state.
local index, share, sent, received, non_2xx = 0, 0, 0, 0, 0

function init(args)
  index = tonumber(wrk.thread:get("index")) or 0
  wrk.thread:set("started", now())
  if total > 0 then
    share = math.floor(total / threads)
    if index < total % threads then share = share + 1 end
  end
end

local function pick(values, n)
  if #values == 0 then return "" end
  return values[(n % #values) + 1]
end

function request()
  -- Threads start at different places in the lists so they do not all hit the same row.
  local n = sent + index * 7919
  sent = sent + 1
  local this_path = string.gsub(path, "{id}", pick(ids, n))
  local this_body = body and string.gsub(body, "{alt}", pick(alts, math.floor(n / math.max(#ids, 1)))) or nil
  return wrk.format(method, this_path, headers, this_body)
end

function response(status, _, _)
  received = received + 1
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
    wrk.thread:set("non_2xx", non_2xx)
  end
  if share > 0 and received == share then
    wrk.thread:set("ended", now())
    wrk.thread:stop()
    ffi.C.kill(ffi.C.getpid(), SIGINT)
  end
end

function done(summary, latency, _)
  local non, first, last, all_ended = 0, math.huge, 0, true
  for _, thread in ipairs(all_threads) do
    non = non + (tonumber(thread:get("non_2xx")) or 0)
    first = math.min(first, tonumber(thread:get("started")) or math.huge)
    local ended = tonumber(thread:get("ended"))
    if ended then last = math.max(last, ended) else all_ended = false end
  end
  local e = summary.errors
  -- Threads stopped by the count: their clocks; otherwise wrk's -d bound ended the run.
  local seconds = (all_ended and last > first) and (last - first) or summary.duration / 1e6
  local ms = function(p) return latency:percentile(p) / 1000 end
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"requests_per_s":%.1f,"p50_ms":%.3f,"p95_ms":%.3f,' ..
    '"p99_ms":%.3f,"max_ms":%.3f,"errors":%d,"non_2xx":%d,"socket_errors":%d,"timeouts":%d}\n',
    summary.requests, seconds, summary.requests / seconds, ms(50), ms(95), ms(99),
    latency.max / 1000, e.connect + e.read + e.write + e.timeout + non, non,
    e.connect + e.read + e.write, e.timeout))
end
