-- Real-client test: Neovim (0.7 to 0.12) with editors/nvim loaded by init.lua.
-- Run by tests/e2e/nvim.sh: nvim --headless -u init.lua -i NONE -n -c 'luafile test.lua'
-- Prints one `ok`/`not ok` line per assertion and exits 0 only if all pass.

local workspace = assert(os.getenv("SEEDLS_E2E_WORKSPACE"), "SEEDLS_E2E_WORKSPACE not set")
local timeout_ms = tonumber(os.getenv("SEEDLS_E2E_WAIT_MS") or "20000")
local failures = 0

local function say(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

local function check(ok, what, detail)
  if ok then
    say("ok - " .. what)
  else
    failures = failures + 1
    say("not ok - " .. what .. (detail and (": " .. detail) or ""))
  end
  return ok
end

-- Record every publishDiagnostics (an empty list counts as received).
local published = {}
local original_handler = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  if result and result.uri then
    published[vim.uri_to_fname(result.uri)] = result.diagnostics
  end
  return original_handler(err, result, ctx, config)
end

local function buf_clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

local function open(name)
  vim.cmd("edit " .. vim.fn.fnameescape(workspace .. "/" .. name))
  return vim.api.nvim_get_current_buf(), vim.fn.expand("%:p")
end

-- Position (0-based line, column in the client's encoding) of `needle` in the buffer.
local function find(bufnr, needle, encoding)
  for row, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local byte = line:find(needle, 1, true)
    if byte then
      local prefix = line:sub(1, byte - 1)
      local column = #prefix
      if encoding ~= "utf-8" then
        column = 0
        for i = 1, #prefix do
          local b = prefix:byte(i)
          if b < 0x80 or b >= 0xC0 then -- not a continuation byte: a new character
            column = column + ((encoding == "utf-16" and b >= 0xF0) and 2 or 1)
          end
        end
      end
      return { line = row - 1, character = column }, row, byte
    end
  end
  error("not in buffer: " .. needle)
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout_ms)
  if not responses then
    return nil, tostring(err)
  end
  for _, response in pairs(responses) do
    if response.error then
      return nil, vim.inspect(response.error)
    end
    return response.result
  end
  return nil, "no response"
end

local function hover_text(result)
  local contents = result and result.contents
  if type(contents) == "string" then
    return contents
  elseif type(contents) == "table" and contents.value then
    return contents.value
  elseif type(contents) == "table" then
    local parts = {}
    for _, item in ipairs(contents) do
      parts[#parts + 1] = type(item) == "string" and item or item.value
    end
    return table.concat(parts, "\n")
  end
  return ""
end

local function as_locations(result)
  if result == nil then
    return {}
  end
  if result.uri or result.targetUri then
    return { result }
  end
  return result
end

local function count(haystack, needle)
  local n, from = 0, 1
  while true do
    local s, e = haystack:find(needle, from, true)
    if not s then
      return n
    end
    n, from = n + 1, e + 1
  end
end

local function codes(list)
  local out = {}
  for _, d in ipairs(list or {}) do
    out[#out + 1] = tostring(d.code)
  end
  return table.concat(out, ",")
end

local function has_code(list, code)
  for _, d in ipairs(list or {}) do
    if d.code == code then
      return true
    end
  end
  return false
end

local function main()
  local version = vim.version()
  say(string.format("# Neovim %d.%d.%d", version.major, version.minor, version.patch))
  local person, renamed = "Nguyễn Văn Hùng", "Nguyễn Văn Hưng"

  -- A .txt without the header is left alone.
  local plain = vim.fn.fnamemodify(workspace, ":h") .. "/plain-notes.txt"
  vim.fn.writefile({ "Danh sách việc cần làm trong tuần.", "", "Gọi điện cho phòng biên tập." }, plain)
  vim.cmd("edit " .. vim.fn.fnameescape(plain))
  check(vim.bo.filetype ~= "seed", "a .txt without a header is not a seed", vim.bo.filetype)

  local bufnr, path = open("2024-01-tong-ket-nam.txt")
  check(vim.bo[bufnr].filetype == "seed", "a file with a `date` header gets filetype seed", vim.bo[bufnr].filetype)
  local attached = vim.wait(timeout_ms, function()
    return #buf_clients(bufnr) > 0
  end, 50)
  if not check(attached, "seedls client attached") then
    return
  end
  local client = buf_clients(bufnr)[1]
  check(client.name == "seedls", "client is named seedls", client.name)
  check(client.config.root_dir == workspace, "workspace root found by seedls.json", tostring(client.config.root_dir))
  local encoding = client.offset_encoding or "utf-16"
  say("# position encoding " .. encoding)

  local header_buf, header_path = open("2024-13-sai-ngay.txt")
  check(#buf_clients(header_buf) > 0 or vim.wait(timeout_ms, function()
    return #buf_clients(header_buf) > 0
  end, 50), "second seed file attached to the same server")
  local all_clients = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  check(#all_clients == 1, "one server for the workspace", tostring(#all_clients))

  -- Diagnostics.
  vim.wait(timeout_ms, function()
    return has_code(published[header_path], "header")
  end, 50)
  check(has_code(published[header_path], "header"), "diagnostic `header` for `date 2024-13`", codes(published[header_path]))
  vim.wait(timeout_ms, function()
    return has_code(published[path], "percent-change") and has_code(published[path], "repeated-word")
  end, 50)
  check(has_code(published[path], "percent-change"), "diagnostic `percent-change` for the planted 18,5%", codes(published[path]))
  check(has_code(published[path], "repeated-word"), "diagnostic `repeated-word` for `và và`", codes(published[path]))
  check(#vim.diagnostic.get(header_buf) > 0, "vim.diagnostic shows them in the buffer")

  vim.cmd("buffer " .. bufnr)
  local position, row, byte = find(bufnr, person, encoding)
  local text_document = { uri = vim.uri_from_bufnr(bufnr) }

  -- Hover: the person card.
  local hover, err = request(bufnr, "textDocument/hover", { textDocument = text_document, position = position })
  local text = hover_text(hover)
  check(text:find(person, 1, true) ~= nil and text:find("Đại tá", 1, true) ~= nil, "hover on a person shows the person card (name, title)", err or text)

  -- Definition: the first mention in the earliest article.
  local definition
  definition, err = request(bufnr, "textDocument/definition", { textDocument = text_document, position = position })
  local target = as_locations(definition)[1]
  local target_uri = target and (target.uri or target.targetUri)
  local target_range = target and (target.range or target.targetSelectionRange)
  check(
    target_uri ~= nil and vim.uri_to_fname(target_uri):match("2023%-06%-hoi%-nghi%-so%-ket%.txt$") ~= nil and target_range.start.line == 0,
    "definition jumps to the first mention in the other article",
    err or vim.inspect(definition)
  )

  -- References: 2 mentions in the 2023 article, 1 here.
  local references
  references, err = request(bufnr, "textDocument/references", {
    textDocument = text_document,
    position = position,
    context = { includeDeclaration = true },
  })
  local files = {}
  for _, location in ipairs(references or {}) do
    files[location.uri] = true
  end
  check(references ~= nil and #references == 3 and vim.tbl_count(files) == 2, "references: 3 mentions in 2 articles", err or vim.inspect(references))

  -- Rename through the client's own command (prepareRename, rename, apply edit).
  vim.api.nvim_win_set_cursor(0, { row, byte - 1 + 2 })
  vim.lsp.buf.rename(renamed)
  vim.wait(timeout_ms, function()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n"):find(renamed, 1, true) ~= nil
  end, 50)
  local here = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  local other_buf = vim.fn.bufnr(workspace .. "/2023-06-hoi-nghi-so-ket.txt")
  local other = other_buf > 0 and table.concat(vim.api.nvim_buf_get_lines(other_buf, 0, -1, false), "\n") or ""
  check(
    count(here, renamed) == 1 and count(here, person) == 0 and count(other, renamed) == 2 and count(other, person) == 0,
    "rename applies in both articles",
    string.format("here %d/%d, other article %d/%d (new/old)", count(here, renamed), count(here, person), count(other, renamed), count(other, person))
  )
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  failures = failures + 1
  say("not ok - test script error: " .. tostring(err))
end
say(failures == 0 and "# all passed" or ("# " .. failures .. " failed"))
if failures == 0 then
  vim.cmd("qall!")
else
  vim.cmd("cquit! 1")
end
