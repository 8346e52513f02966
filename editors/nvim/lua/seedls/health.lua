-- :checkhealth seedls — Neovim 0.7 (require("health").report_*), 0.8-0.9
-- (vim.health.report_*) and 0.10+ (vim.health.start/ok/warn/error).
local M = {}

local function reporter()
  local h = vim.health
  if h and h.start then
    return h
  end
  local legacy = h or require("health")
  return {
    start = legacy.report_start,
    ok = legacy.report_ok,
    warn = legacy.report_warn,
    error = legacy.report_error,
    info = legacy.report_info,
  }
end

function M.check()
  local health = reporter()
  local seedls = require("seedls")
  health.start("seedls")

  local version = vim.version and vim.version() or nil
  if version then
    health.info(string.format("Neovim %d.%d.%d", version.major, version.minor, version.patch))
  end
  if vim.fn.has("nvim-0.11") == 1 then
    health.ok("client start: vim.lsp.config + vim.lsp.enable")
  elseif vim.lsp.start then
    health.ok("client start: vim.lsp.start")
  else
    health.ok("client start: vim.lsp.start_client + vim.lsp.buf_attach_client")
  end

  local exe = seedls.config.cmd[1]
  if vim.fn.executable(exe) == 1 then
    local out = vim.fn.system({ exe, "--version" })
    if vim.v.shell_error == 0 and vim.trim(out) ~= "" then
      health.ok(string.format("server: %s (%s)", vim.fn.exepath(exe), vim.trim(out)))
    else
      health.ok(string.format("server: %s", vim.fn.exepath(exe)))
    end
  else
    health.error(
      string.format("server executable %q not found", exe),
      { "In a clone of the seedls repository run `cargo install --path .`", "or pass cmd = { '/path/to/seedls' } to require('seedls').setup()" }
    )
  end

  local group_ok = pcall(vim.api.nvim_get_autocmds, { group = "seedls" })
  if group_ok then
    health.ok("setup() has run: seed files are detected by their `date YYYY-MM` header")
  else
    health.warn("require('seedls').setup() has not run", { "Call require('seedls').setup() in your init.lua" })
  end

  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local running = 0
  for _, client in ipairs(get()) do
    if client.name == "seedls" then
      running = running + 1
      health.info(string.format("client %d running for %s", client.id, client.config.root_dir or "?"))
    end
  end
  if running == 0 then
    health.info("no seedls client running (open a seed file to start one)")
  end
end

return M
