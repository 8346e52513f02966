-- seedls for Neovim: detects seed articles and starts the seedls language server.
-- Works on Neovim 0.7 (Debian bookworm) up to 0.11+; the server does all analysis.
--
--   require("seedls").setup({ cmd = { "seedls" }, settings = { language = "en" } })

local M = {}

local uv = vim.loop or vim.uv

M.defaults = {
  -- The server command. `seedls` (and `seedls --stdio`) speak LSP over stdio.
  cmd = { "seedls" },
  -- Server settings (see the README): include, exclude, maxFileSize, maxFiles,
  -- maxResults, checks, language, inlayHints, followExternalSymlinks, debounceMs.
  -- Sent as initializationOptions and answered for workspace/configuration "seedls".
  settings = {},
  -- The workspace root is the nearest folder holding one of these (first marker wins),
  -- else the file's own folder.
  root_markers = { "seedls.json", "entities.json", ".git" },
  -- Extra client options passed through to the LSP client (on_attach, capabilities, ...).
  on_attach = nil,
  capabilities = nil,
}

M.config = vim.deepcopy(M.defaults)

local install_hint = "seedls: server executable %q not found. Install it from a clone of the repository with "
  .. "`cargo install --path .` (puts seedls on PATH), or set cmd = { '/path/to/seedls' } in require('seedls').setup()."

--- True when `line` is a seed header: optional spaces, then `date` and a space.
--- Malformed dates (`date 24-03`) count too, so the server can report them.
function M.is_header(line)
  return type(line) == "string" and line:match("^%s*date%s") ~= nil
end

local function path_join(a, b)
  if a:sub(-1) == "/" then
    return a .. b
  end
  return a .. "/" .. b
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ":h")
end

local function exists(path)
  return uv.fs_stat(path) ~= nil
end

--- The workspace root for a file: the nearest ancestor holding the first marker
--- found (markers are tried in order), else the file's folder.
function M.root_for(path)
  local start = dirname(vim.fn.fnamemodify(path, ":p"))
  for _, marker in ipairs(M.config.root_markers) do
    local dir = start
    while dir and dir ~= "" do
      if exists(path_join(dir, marker)) then
        return dir
      end
      local parent = dirname(dir)
      if parent == dir then
        break
      end
      dir = parent
    end
  end
  return start
end

local function glob_matches(globs, relative)
  for _, glob in ipairs(globs or {}) do
    local regex = vim.fn.glob2regpat(glob)
    if vim.fn.match(relative, regex) >= 0 or vim.fn.match("/" .. relative, regex) >= 0 then
      return true
    end
  end
  return false
end

--- True when the buffer is a seed article: its first line is a header, or the
--- user configured `settings.include` globs (relative to the workspace root) and
--- the file matches one of them and no `settings.exclude` glob.
function M.is_seed(bufnr)
  local first = vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1]
  if M.is_header(first) then
    return true
  end
  local include = M.config.settings.include
  local name = vim.api.nvim_buf_get_name(bufnr)
  if include == nil or name == "" then
    return false
  end
  if type(include) == "string" then
    include = { include }
  end
  local exclude = M.config.settings.exclude
  if type(exclude) == "string" then
    exclude = { exclude }
  end
  local full = vim.fn.fnamemodify(name, ":p")
  local root = M.root_for(full)
  local relative = full:sub(#root + 2)
  return glob_matches(include, relative) and not glob_matches(exclude, relative)
end

local function detect(bufnr)
  local ft = vim.bo[bufnr].filetype
  if (ft == "" or ft == "text") and M.is_seed(bufnr) then
    vim.bo[bufnr].filetype = "seed"
  end
end

local warned_missing = false
local function executable_or_warn()
  local exe = M.config.cmd[1]
  if vim.fn.executable(exe) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    vim.notify(string.format(install_hint, exe), vim.log.levels.ERROR)
  end
  return false
end

local function client_config(root)
  return {
    name = "seedls",
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = {
      { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ":t") },
    },
    init_options = M.config.settings,
    settings = { seedls = M.config.settings },
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
  }
end

-- Neovim 0.7: no vim.lsp.start; one client per root, attached by hand.
local clients_by_root = {}
local function start_0_7(bufnr)
  local root = M.root_for(vim.api.nvim_buf_get_name(bufnr))
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config(root))
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

-- Neovim 0.8-0.10: vim.lsp.start reuses a running client with the same name and root.
local function start_0_8(bufnr)
  local root = M.root_for(vim.api.nvim_buf_get_name(bufnr))
  vim.lsp.start(client_config(root), { bufnr = bufnr })
end

local function has_lsp_config()
  return vim.fn.has("nvim-0.11") == 1 and vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

--- The config table for `vim.lsp.config("seedls", ...)` (Neovim 0.11+).
function M.lsp_config()
  return {
    cmd = M.config.cmd,
    filetypes = { "seed" },
    root_dir = function(bufnr, on_dir)
      on_dir(M.root_for(vim.api.nvim_buf_get_name(bufnr)))
    end,
    init_options = M.config.settings,
    settings = { seedls = M.config.settings },
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
  }
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup("seedls", { clear = true })

  vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
    group = group,
    pattern = "*",
    callback = function(args)
      detect(args.buf)
    end,
  })
  -- Filetype detection may set `text` after us: look again.
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "text",
    callback = function(args)
      vim.schedule(function()
        if vim.api.nvim_buf_is_valid(args.buf) then
          detect(args.buf)
        end
      end)
    end,
  })

  if has_lsp_config() then
    vim.lsp.config("seedls", M.lsp_config())
    if executable_or_warn() then
      vim.lsp.enable("seedls")
    end
  else
    local start = vim.lsp.start and start_0_8 or start_0_7
    vim.api.nvim_create_autocmd("FileType", {
      group = group,
      pattern = "seed",
      callback = function(args)
        if executable_or_warn() then
          start(args.buf)
        end
      end,
    })
  end

  vim.api.nvim_create_user_command("SeedlsRestart", M.restart, { desc = "Restart the seedls language server" })

  -- Buffers loaded before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.api.nvim_buf_get_name(bufnr) ~= "" then
      local before = vim.bo[bufnr].filetype
      detect(bufnr)
      if before == "seed" and vim.bo[bufnr].filetype == "seed" then
        -- Re-fire FileType so the client attaches.
        vim.api.nvim_exec_autocmds("FileType", { buffer = bufnr, modeline = false })
      end
    end
  end
end

--- Restarts every seedls client (after installing a new server binary).
function M.restart()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  for _, client in ipairs(get()) do
    if client.name == "seedls" then
      vim.lsp.stop_client(client.id)
    end
  end
  clients_by_root = {}
  vim.defer_fn(function()
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "seed" then
        vim.api.nvim_exec_autocmds("FileType", { buffer = bufnr, modeline = false })
      end
    end
  end, 500)
end

return M
