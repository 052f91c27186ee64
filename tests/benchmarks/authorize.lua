-- wrk script for the IdentityCenter authorize benchmark: POSTs the same JSON body (a real, sealed session
-- token) with the resource service's bearer key to whatever URL wrk is given (/api/authorize or /api/bare).
-- IC_BENCH_BODY: path of the JSON body; IC_BENCH_KEY: the service key.
local f = assert(io.open(os.getenv("IC_BENCH_BODY"), "r"))
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("IC_BENCH_KEY")
