-- Signed courier webhooks for wrk (deploy/local/ingest-benchmark.sh): each line of the file named
-- by ORDERTRACK_BENCH_PUSHES is one push, "<webhook-id>\t<timestamp>\t<signature>\t<body>", signed
-- beforehand (wrk's Lua has no HMAC). Each thread starts at its own share of the lines and goes
-- round them; a push sent twice is a redelivery, which the gateway answers the same way.
-- wrk-result.lua, appended, counts the answers.
local lines = {}
for line in io.lines(os.getenv("ORDERTRACK_BENCH_PUSHES")) do
  table.insert(lines, line)
end

-- Formatted in init, not when the script loads: wrk sets the Host header in its own init.
function init(args)
  pushes = {}
  for _, line in ipairs(lines) do
    local id, timestamp, signature, body = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)\t(.*)")
    table.insert(pushes, wrk.format("POST", os.getenv("ORDERTRACK_BENCH_PATH"), {
      ["Content-Type"] = "application/json",
      ["webhook-id"] = id,
      ["webhook-timestamp"] = timestamp,
      ["webhook-signature"] = signature,
    }, body))
  end
  ok, limited, refused = 0, 0, 0
  next_push = (first * 7919) % #pushes
end

function request()
  next_push = next_push % #pushes + 1
  return pushes[next_push]
end
