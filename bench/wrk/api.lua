-- wrk script for every benchmarked endpoint: `wrk -s bench/wrk/api.lua URL -- ENDPOINT DATAFILE`.
-- Requests rotate over many users' tokens and many posts, as real traffic does, and every answer
-- that is not 2xx counts as an error (wrk itself counts only 4xx/5xx, so a 301 would pass).
-- DATAFILE lines: "token SESSION_KEY OWN_POST_ID", "apikey KEY", "post ID", "login USERNAME PASSWORD".
-- The floors: "floor" (an empty view), "raw-list" and "raw-detail" (bench/floor/raw.py).

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

local endpoint
local tokens, apikeys, posts, logins = {}, {}, {}, {}
local turn = 0
non_2xx = 0
first_error = ""

function init(args)
  endpoint = args[1]
  for line in io.lines(args[2]) do
    local kind, a, b = line:match("^(%S+) (%S+) ?(%S*)$")
    if kind == "token" then
      table.insert(tokens, {key = a, own_post = b})
    elseif kind == "apikey" then
      table.insert(apikeys, a)
    elseif kind == "post" then
      table.insert(posts, a)
    elseif kind == "login" then
      table.insert(logins, {username = a, password = b})
    end
  end
  -- Threads start at different places in the lists.
  turn = thread_number * 7919
end

local function pick(list)
  turn = turn + 1
  return list[turn % #list + 1]
end

local function json_headers(token)
  local headers = {["Content-Type"] = "application/json", ["Accept"] = "application/json"}
  if token then
    headers["Authorization"] = "Token " .. token
  end
  return headers
end

function request()
  if endpoint == "floor" then
    return wrk.format("GET", "/floor/", json_headers(nil))
  elseif endpoint == "raw-list" then
    return wrk.format("GET", "/raw/posts/", json_headers(pick(tokens).key))
  elseif endpoint == "raw-detail" then
    local token = pick(tokens)
    return wrk.format("GET", "/raw/posts/" .. pick(posts) .. "/", json_headers(token.key))
  elseif endpoint == "list" then
    return wrk.format("GET", "/api/v1/posts/", json_headers(pick(tokens).key))
  elseif endpoint == "detail" then
    local token = pick(tokens)
    return wrk.format("GET", "/api/v1/posts/" .. pick(posts) .. "/", json_headers(token.key))
  elseif endpoint == "list-apikey" then
    return wrk.format("GET", "/api/v1/posts/", json_headers(pick(apikeys)))
  elseif endpoint == "detail-apikey" then
    local key = pick(apikeys)
    return wrk.format("GET", "/api/v1/posts/" .. pick(posts) .. "/", json_headers(key))
  elseif endpoint == "create" then
    local body = string.format('{"title": "Bench post %d", "body": "Written by the benchmark."}', turn)
    return wrk.format("POST", "/api/v1/posts/", json_headers(pick(tokens).key), body)
  elseif endpoint == "update" then
    local token = pick(tokens)
    local body = string.format('{"title": "Updated %d", "body": "Updated by the benchmark."}', turn)
    return wrk.format("PUT", "/api/v1/posts/" .. token.own_post .. "/", json_headers(token.key), body)
  elseif endpoint == "login" then
    local login = pick(logins)
    local body = string.format('{"username": "%s", "password": "%s"}', login.username, login.password)
    return wrk.format("POST", "/api/v1/dj-rest-auth/login/", json_headers(nil), body)
  end
  error("unknown endpoint " .. tostring(endpoint))
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
    if first_error == "" then
      first_error = status .. " " .. string.sub(body or "", 1, 300)
    end
  end
end

local function json_string(text)
  return '"' .. text:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local errors = summary.errors
  local bad, first = 0, ""
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non_2xx")
    if first == "" then
      first = thread:get("first_error")
    end
  end
  -- One JSON line for bench/run.py; times in microseconds.
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "non_2xx": %d, "socket_errors": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "first_error": %s}\n',
    summary.requests, summary.duration, bad,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, json_string(first)
  ))
end
