-- wrk script: POST /open311/v2/requests.json with form bodies at positions taken from the demo city's cases.
-- The driver script writes target/bench-open311/points.txt ("lon lat" per line) and exports OPEN311_KEY.
local points = {}
for line in io.lines("target/bench-open311/points.txt") do
  local lon, lat = line:match("([%d%.%-]+)%s+([%d%.%-]+)")
  if lon then points[#points + 1] = { lon, lat } end
end
local key = os.getenv("OPEN311_KEY")
local service = os.getenv("OPEN311_SERVICE") or "M-06010"
local n = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

request = function()
  n = n + 1
  local p = points[(n % #points) + 1]
  local body = "api_key=" .. key .. "&service_code=" .. service .. "&lat=" .. p[2] .. "&long=" .. p[1]
    .. "&description=bench+" .. n .. "&email=bench%40example.org&first_name=Bench&phone=13800000000"
  return wrk.format(nil, nil, nil, body)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("p50_ms %.2f\np90_ms %.2f\np99_ms %.2f\nmax_ms %.2f\nrps %.1f\nerrors %d\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
