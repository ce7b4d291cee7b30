-- wrk script: the final-test attempt page (GET /test/{attempt}) of random started attempts, each
-- with its trainee's session cookie (targets.txt from `psk-load exam --targets`).
local t = {}
for line in io.lines("targets.txt") do
  local a, q, o, web, api = line:match("(%S+) (%S+) (%S+) (%S+) (%S+)")
  t[#t + 1] = { a = a, web = web }
end
math.randomseed(os.time())
request = function()
  local x = t[math.random(#t)]
  return wrk.format("GET", "/test/" .. x.a, { ["Cookie"] = "pss_session=" .. x.web, ["Accept-Encoding"] = "gzip" })
end
