-- wrk script: a phone streaming a lesson video, as 256 KB range requests at random offsets of
-- the file, with a trainee's session cookie. Set by bench/media.sh: MEDIA_PATH, MEDIA_BYTES and
-- MEDIA_COOKIE.
local path, size, cookie = os.getenv("MEDIA_PATH"), tonumber(os.getenv("MEDIA_BYTES")), os.getenv("MEDIA_COOKIE")
local chunk = 262144
math.randomseed(os.time())
request = function()
  local from = math.random(0, math.max(0, size - chunk))
  local to = math.min(size - 1, from + chunk - 1)
  return wrk.format("GET", path, { ["Cookie"] = cookie, ["Range"] = "bytes=" .. from .. "-" .. to })
end
