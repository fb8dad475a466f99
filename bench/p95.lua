-- wrk prints the 95th percentile of the latency (microseconds) and the failures.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("P95_US %d\n", latency:percentile(95)))
  io.write(string.format("P50_US %d\n", latency:percentile(50)))
  io.write(string.format("REQUESTS %d\n", summary.requests))
  io.write(string.format("FAILED %d\n",
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
