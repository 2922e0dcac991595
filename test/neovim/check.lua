-- A second real LSP client: Neovim 0.7's built-in client, headless. Started by test/neovim/neovim.test.ts as
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/neovim/check.lua'
-- with PINPOINT_SERVER (dist/server.js) and PINPOINT_WORKSPACE (a prepared folder) in the environment.
-- The client is configured as a Neovim user would (settings pushed on init, as nvim-lspconfig does).
-- It attaches a Markdown buffer to the server, asks for diagnostics, hover, completion and definition,
-- changes a corpus file on disk, and writes one JSON object with what it saw to standard output.
-- NOTE: Neovim 0.7 has no vim.lsp.start (0.8) and print() goes to the message area, so this uses
-- vim.lsp.start_client, vim.lsp.buf_attach_client and io.stdout:write. vim.wait checks its condition
-- whenever an event arrives and gives up at the deadline; nothing here sleeps for a fixed time.

local server = os.getenv('PINPOINT_SERVER')
local workspace = os.getenv('PINPOINT_WORKSPACE')
local result = { steps = {} }
local diagnostics = {}
local published = 0

local function finish()
  io.stdout:write(vim.fn.json_encode(result) .. '\n')
  vim.cmd('qall!')
end

local function step(name, value)
  table.insert(result.steps, name)
  result[name] = value
end

local ok, failure = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'pinpoint',
    cmd = { 'node', server, '--stdio' },
    root_dir = workspace,
    workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'workspace' } },
    -- The corpus is in texts/, not corpus/. Neovim 0.7 does not offer workspace/configuration; like
    -- nvim-lspconfig, the settings are pushed with workspace/didChangeConfiguration once initialized.
    settings = { pinpoint = { corpus = { paths = { 'texts' } } } },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, params)
        diagnostics[params.uri] = params.diagnostics
        published = published + 1
      end,
    },
  })
  assert(client_id, 'the client did not start')

  local brief = workspace .. '/brief.md'
  vim.cmd('edit ' .. vim.fn.fnameescape(brief))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'
  local uri = vim.uri_from_bufnr(bufnr)
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the buffer')

  local function flags(line)
    for _, diagnostic in ipairs(diagnostics[uri] or {}) do
      if diagnostic.range.start.line == line then
        return true
      end
    end
    return false
  end
  -- The first diagnostics, or those after the pushed settings took effect (line 3 cites texts/).
  assert(vim.wait(15000, function() return diagnostics[uri] ~= nil and not flags(3) end, 10) or diagnostics[uri] ~= nil, 'no diagnostics for the brief')
  local client = vim.lsp.get_client_by_id(client_id)
  step('capabilities', {
    hover = client.server_capabilities.hoverProvider and true or false,
    definition = client.server_capabilities.definitionProvider and true or false,
    completion = client.server_capabilities.completionProvider ~= nil,
  })
  local codes = {}
  for _, diagnostic in ipairs(diagnostics[uri]) do
    table.insert(codes, { line = diagnostic.range.start.line, code = diagnostic.code, source = diagnostic.source })
  end
  step('diagnostics', codes)

  -- Line 0 is `See [2023-JS §3.4] now.`: UTF-16 character 14 is the 3 after §.
  local position = { textDocument = { uri = uri }, position = { line = 0, character = 14 } }
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', position, 10000)
  local hover_text = ''
  for _, response in pairs(hover or {}) do
    if response.result and response.result.contents then
      local contents = response.result.contents
      hover_text = hover_text .. (contents.value or vim.fn.json_encode(contents))
    end
  end
  step('hover', hover_text)

  local definition = vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', position, 10000)
  local locations = {}
  for _, response in pairs(definition or {}) do
    local found = response.result
    if found and found.uri then
      found = { found }
    end
    for _, location in ipairs(found or {}) do
      table.insert(locations, { uri = location.uri or location.targetUri, line = (location.range or location.targetSelectionRange).start.line })
    end
  end
  step('definition', locations)

  -- Line 1 is `And [2023-JS §3.`: complete at its end (UTF-16 character 16).
  local completion = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = 1, character = 16 } }, 10000)
  local labels = {}
  for _, response in pairs(completion or {}) do
    local list = response.result or {}
    for _, item in ipairs(list.items or list) do
      table.insert(labels, item.label)
    end
  end
  step('completion', labels)

  -- A corpus file changes on disk; Neovim 0.7 sends no file events, so the server must watch by itself.
  local before = published
  local target = workspace .. '/texts/2099-NVIM.md'
  local temporary = workspace .. '/2099-NVIM.tmp'
  local file = assert(io.open(temporary, 'w'))
  file:write('---\nid: 2099-NVIM\ntitle: Written by Neovim\n---\n\nOne.\n\nTwo.\n\nThree.\n')
  file:close()
  assert(os.rename(temporary, target))
  local updated = vim.wait(15000, function()
    return published > before and not flags(2)
  end, 10)
  local remaining = {}
  for _, diagnostic in ipairs(diagnostics[uri]) do
    table.insert(remaining, { line = diagnostic.range.start.line, code = diagnostic.code })
  end
  step('afterCorpusChange', { updated = updated, diagnostics = remaining })

  vim.lsp.stop_client(client_id)
  step('stopped', vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 10))
end)

if not ok then
  result.error = tostring(failure)
end
finish()
