-- One tenant's requests for wrk (deploy/local/rate-limit-benchmark.sh): its API key comes from the
-- environment, never the command line; ORDERTRACK_BENCH_PAUSE_MS > 0 paces each connection (a
-- pause after each answer); the last line is what wrk's own report lacks: answers counted by status
-- (429s apart from other refusals) and the latency percentiles in microseconds.
wrk.headers["X-Api-Key"] = os.getenv("ORDERTRACK_BENCH_KEY")

local pause = tonumber(os.getenv("ORDERTRACK_BENCH_PAUSE_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, limited, refused = 0, 0, 0
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 429 then
    limited = limited + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local ok, limited, refused = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("ok")
    limited = limited + thread:get("limited")
    refused = refused + thread:get("refused")
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK-RESULT {"requests":%d,"durationMicros":%d,"ok":%d,"limited":%d,"refused":%d,'
      .. '"socketErrors":%d,"timeouts":%d,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"max":%d}\n',
    summary.requests, summary.duration, ok, limited, refused,
    errors.connect + errors.read + errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency.max))
end
