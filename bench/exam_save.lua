-- wrk script: answer saves (PUT /api/v1/test/attempts/{attempt}/answers/{question}) for random
-- questions of started attempts, with each trainee's bearer token (targets.txt from
-- `psk-load exam --targets`).
local t = {}
for line in io.lines("targets.txt") do
  local a, q, o, web, api = line:match("(%S+) (%S+) (%S+) (%S+) (%S+)")
  t[#t + 1] = { a = a, q = q, o = o, api = api }
end
math.randomseed(os.time())
request = function()
  local x = t[math.random(#t)]
  return wrk.format("PUT", "/api/v1/test/attempts/" .. x.a .. "/answers/" .. x.q,
    { ["Authorization"] = "Bearer " .. x.api, ["Content-Type"] = "application/json" },
    '{"options":["' .. x.o .. '"]}')
end
