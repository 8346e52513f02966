" seedls for Vim through ALE (https://github.com/dense-analysis/ale).
"   set runtimepath+=/path/to/seedls/editors/vim
"   let g:seedls_executable = 'seedls'             " optional
"   let g:seedls_settings = {'language': 'en'}     " optional, server settings
if exists('g:loaded_seedls')
  finish
endif
let g:loaded_seedls = 1

" The workspace root: the nearest folder above the file holding seedls.json,
" entities.json or .git (in that order), else the file's folder.
function! SeedlsProjectRoot(buffer) abort
  let l:dir = fnamemodify(bufname(a:buffer), ':p:h')
  for l:marker in ['seedls.json', 'entities.json']
    let l:found = findfile(l:marker, fnameescape(l:dir) . ';')
    if !empty(l:found)
      return fnamemodify(l:found, ':p:h')
    endif
  endfor
  let l:git = finddir('.git', fnameescape(l:dir) . ';')
  return empty(l:git) ? l:dir : fnamemodify(l:git, ':p:h:h')
endfunction

function! s:Register() abort
  if exists('s:registered')
    return 1
  endif
  if exists('*ale#linter#Define') || !empty(globpath(&runtimepath, 'autoload/ale/linter.vim'))
    let s:registered = 1
    call ale#linter#Define('seed', {
    \   'name': 'seedls',
    \   'lsp': 'stdio',
    \   'executable': {buffer -> get(g:, 'seedls_executable', 'seedls')},
    \   'command': '%e',
    \   'project_root': function('SeedlsProjectRoot'),
    \   'language': 'seed',
    \   'initialization_options': {buffer -> get(g:, 'seedls_settings', {})},
    \   'lsp_config': {buffer -> {'seedls': get(g:, 'seedls_settings', {})}},
    \})
  endif
  return exists('s:registered')
endfunction

" ALE may come on the runtimepath after this plugin (plugin managers): try again
" once everything is loaded.
if !s:Register()
  augroup seedls_register
    autocmd!
    autocmd VimEnter * call s:Register()
  augroup END
endif
