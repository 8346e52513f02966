-- The init.lua a user would write (see "Editors" in README.md), pointed at this checkout.
local plugin = os.getenv("SEEDLS_NVIM_PLUGIN")
vim.opt.runtimepath:prepend(plugin)
require("seedls").setup({
  cmd = { os.getenv("SEEDLS_BIN") or "seedls" },
  settings = { language = "en" },
})
