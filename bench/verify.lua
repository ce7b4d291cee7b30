-- wrk script: GET /api/v1/certificates/{number} for random real numbers (numbers.txt, one a line).
local numbers = {}
for line in io.lines("numbers.txt") do numbers[#numbers + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/certificates/" .. numbers[math.random(#numbers)])
end
