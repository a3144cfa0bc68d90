-- One tenant's requests for wrk (deploy/local/rate-limit-benchmark.sh): its API key comes from the
-- environment, never the command line; ORDERTRACK_BENCH_PAUSE_MS > 0 paces each connection (a
-- pause after each answer). wrk-result.lua, appended, counts the answers.
wrk.headers["X-Api-Key"] = os.getenv("ORDERTRACK_BENCH_KEY")

local pause = tonumber(os.getenv("ORDERTRACK_BENCH_PAUSE_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

function init(args)
  ok, limited, refused = 0, 0, 0
end
