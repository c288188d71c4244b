-- Rotates over the targets file given after `--`: one "path<TAB>cookie" line per request to
-- make, so a page's load spreads over many objects and viewers. `done` prints one JSON line.
local targets = {}
local next_index = 1

function init(args)
  for line in io.lines(args[1]) do
    local path, cookie = line:match("^([^\t]+)\t(.*)$")
    if path then
      targets[#targets + 1] = { path = path, cookie = cookie }
    end
  end
  -- Each wrk thread starts at its own place in the list.
  next_index = (wrk.thread:get("id") or 0) % #targets + 1
end

function setup(thread)
  setup_count = (setup_count or 0) + 1
  thread:set("id", setup_count * 7919)
end

function request()
  local target = targets[next_index]
  next_index = next_index % #targets + 1
  return wrk.format("GET", target.path, { Cookie = target.cookie })
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p95_ms": %.3f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, errors))
end
