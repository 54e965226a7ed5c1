-- A mix of Range requests on the IPA: resumed downloads (offset to the end, capped at 4 MiB
-- by a bounded range), 1 MiB windows anywhere, the zip's tail (suffix range) and its head.
-- Same fixed seed on both servers, so both get the same sequence.
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local size = tonumber(os.getenv("IPA_SIZE"))
local MiB = 1024 * 1024
math.randomseed(7)
request = function()
  local k = math.random(4)
  local r
  if k == 1 then
    local s = math.random(0, size - 4 * MiB)
    r = string.format("bytes=%d-%d", s, s + 4 * MiB - 1)
  elseif k == 2 then
    local s = math.random(0, size - MiB)
    r = string.format("bytes=%d-%d", s, s + MiB - 1)
  elseif k == 3 then
    r = "bytes=-65536"
  else
    r = "bytes=0-65535"
  end
  return wrk.format("GET", nil, { ["Range"] = r })
end
done = report
