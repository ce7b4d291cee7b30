-- wrk script: candidate search (GET /api/v1/organisation/candidates) as the generated OEPs' users
-- (org-tokens.txt, one bearer token a line), with the criteria a recruiter combines: an
-- occupation, a destination, years of work, a page; or a district, languages, or words over
-- skills and work history. About 3,000 different searches, drawn at random.
local tokens = {}
for line in io.lines("org-tokens.txt") do tokens[#tokens + 1] = line end
local occupations = { "7411", "8322", "7112", "5120", "9313", "7126", "8332", "7212" }
local countries = { "", "SA", "AE", "QA", "OM", "KW", "MY" }
local districts = { "PB-LAHORE", "PB-SIALKOT", "KP-PESHAWAR", "SD-KARACHI-CENTRAL", "PB-RAWALPINDI" }
local languages = { "ar", "en", "pa", "ps" }
local words = { "wiring", "panel", "trailer", "masonry", "cooking", "welding", "plumbing", "shuttering", "driving", "fabrication" }
local function pick(t) return t[math.random(#t)] end
math.randomseed(os.time())
request = function()
  local q
  local r = math.random(10)
  if r <= 6 then
    q = "occupation=" .. pick(occupations)
    local c = pick(countries)
    if c ~= "" then q = q .. "&country=" .. c end
    if math.random(3) == 1 then q = q .. "&experience_years=" .. math.random(1, 5) end
    q = q .. "&page=" .. math.random(1, 5)
  elseif r == 7 then
    q = "district=" .. pick(districts) .. "&occupation=" .. pick(occupations)
  elseif r == 8 then
    q = "languages=" .. pick(languages) .. "&occupation=" .. pick(occupations)
  else
    q = "text=" .. pick(words)
    if math.random(2) == 1 then q = q .. "&country=" .. pick(countries) end
  end
  local headers = { ["Authorization"] = "Bearer " .. pick(tokens) }
  return wrk.format("GET", "/api/v1/organisation/candidates?" .. q, headers)
end
