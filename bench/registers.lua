-- wrk script: the public registers of issue 14 (item 9), as a worker checks an offer: an OEP by
-- licence number or name, a job demand by its number (demands.txt), the blacklist.
local demands = {}
for line in io.lines("demands.txt") do demands[#demands + 1] = line end
math.randomseed(os.time() + 1)
request = function()
  local r = math.random(4)
  if r == 1 then
    return wrk.format("GET", "/api/v1/registers/oeps?q=" .. (5000 + math.random(0, 49)) .. "%2FISB")
  elseif r == 2 then
    return wrk.format("GET", "/api/v1/registers/oeps?q=load%20promoters%20" .. math.random(0, 49))
  elseif r == 3 then
    return wrk.format("GET", "/registers/demands/" .. demands[math.random(#demands)])
  end
  return wrk.format("GET", "/api/v1/registers/blacklisted-employers")
end
