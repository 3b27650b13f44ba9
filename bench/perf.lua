-- wrk script for `make bench-perf` (bench/perf_http.py).
--
-- With $BODIES set: POST each line of that file (one JSON body a line) to $WRK_PATH (default
-- /v1/assess), cycling through them, each thread starting at a different line, so the server sees
-- varied, realistic requests rather than one repeated body. Without $BODIES: GET $WRK_PATH.
-- At the end, one line `WRKJSON {...}` with the counts and latency percentiles (microseconds).

local path = os.getenv("WRK_PATH") or "/v1/assess"
local bodies_file = os.getenv("BODIES")
local bodies = {}
local next_body = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  if bodies_file ~= nil and bodies_file ~= "" then
    for line in io.lines(bodies_file) do
      if #line > 0 then
        bodies[#bodies + 1] = line
      end
    end
    if #bodies == 0 then
      error("no request bodies in " .. bodies_file)
    end
    next_body = math.random(#bodies)
  end
end

function request()
  if #bodies == 0 then
    return wrk.format("GET", path)
  end
  next_body = next_body % #bodies + 1
  return wrk.format("POST", path, headers, bodies[next_body])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,'
      .. '"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,'
      .. '"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50.0), latency:percentile(90.0), latency:percentile(99.0),
    latency.max, latency.mean
  ))
end
