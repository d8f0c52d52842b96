-- Driven by test/e2e/neovim.test.ts: Neovim's own LSP client against dist/server.js over stdio.
-- Neovim 0.7 has no vim.lsp.start: start_client + buf_attach_client.
local server = os.getenv('NIANBAO_SERVER')
local file = os.getenv('NIANBAO_FILE')
local out = os.getenv('NIANBAO_OUT')

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'nianbao',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)

local result = { attached = id ~= nil }
result.got_diagnostics = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
  table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, severity = d.severity, code = code })
end

local params = { textDocument = vim.lsp.util.make_text_document_params(buf) }
local symbols = client.request_sync('textDocument/documentSymbol', params, 10000, buf)
result.symbols = {}
if symbols and symbols.result then
  for _, s in ipairs(symbols.result) do table.insert(result.symbols, s.name) end
end
local folds = client.request_sync('textDocument/foldingRange', params, 10000, buf)
result.folds = {}
if folds and folds.result then
  for _, f in ipairs(folds.result) do table.insert(result.folds, { f.startLine, f.endLine }) end
end

local err = nil
for _, d in ipairs(result.diagnostics) do if d.severity == 1 then err = d break end end

-- The rule-doc action, as a user runs it: `vim.lsp.buf.code_action()` at the error, the action picked from
-- the menu (vim.ui.select), its command executed as Neovim executes one (it asks the server). Neovim 0.7
-- has no window/showDocument: the server answers with a message naming the page.
local messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, m) table.insert(messages, m.message) end
if err then
  vim.api.nvim_win_set_cursor(0, { err.lnum + 1, err.col })
  local offered = {}
  vim.ui.select = function(items, _, on_choice)
    local pick = nil
    for i, item in ipairs(items) do
      table.insert(offered, item[2].title)
      if item[2].title:find('查看规则', 1, true) then pick = i end
    end
    on_choice(pick and items[pick] or nil, pick)
  end
  vim.lsp.buf.code_action()
  result.doc_message_shown = vim.wait(10000, function() return #messages > 0 end, 50)
  result.doc_offered = offered
  result.doc_messages = messages
end

-- The quick fix for the first error, applied through Neovim's own edit machinery.
if err then
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = params.textDocument,
    range = { start = { line = err.lnum, character = err.col }, ['end'] = { line = err.lnum, character = err.col + 1 } },
    context = { diagnostics = {} },
  }, 10000, buf)
  result.actions = {}
  if actions and actions.result then
    for _, a in ipairs(actions.result) do table.insert(result.actions, a.title) end
    local fix = actions.result[1]
    if fix and fix.edit then
      vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
      -- The line the edit changed (a suggestion may change another line than the diagnostic's first).
      local change = fix.edit.documentChanges and fix.edit.documentChanges[1]
      local line = change and change.edits and change.edits[1].range.start.line or err.lnum
      result.fixed_line = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
      result.fixed_lnum = line
    end
  end
end

local f = io.open(out, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
