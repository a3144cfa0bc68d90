-- The end of every wrk script of the benchmarks (appended to it by Wrk.script): each thread
-- numbered ("first", for scripts that share out work), answers counted by status (429s apart from
-- other refusals; a script's init sets ok, limited and refused to 0), and a last line with what
-- wrk's own report lacks: those counts and the latency percentiles in microseconds.
local threads = {}
local started = 0

function setup(thread)
  thread:set("first", started)
  started = started + 1
  table.insert(threads, thread)
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
