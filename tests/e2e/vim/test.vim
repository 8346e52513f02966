" Real-client test: Vim 9 + ALE with editors/vim. Run by tests/e2e/clients/vim.sh:
"   vim -N -u vimrc -i NONE -n -es -S test.vim
" Prints `ok - ...` / `not ok - ...` lines; exits 0 only when all pass.
let s:failures = 0
let s:wait_ms = 20000

function! s:Say(line) abort
  call writefile([a:line], '/dev/stdout', 'a')
endfunction

function! s:Check(ok, what, ...) abort
  if a:ok
    call s:Say('ok - ' . a:what)
  else
    let s:failures += 1
    call s:Say('not ok - ' . a:what . (a:0 ? ': ' . string(a:1) : ''))
  endif
  return a:ok
endfunction

function! s:WaitFor(expr) abort
  let l:waited = 0
  while !eval(a:expr) && l:waited < s:wait_ms
    sleep 50m
    let l:waited += 50
  endwhile
  return eval(a:expr)
endfunction

function! s:Codes(buffer) abort
  return map(copy(ale#engine#GetLoclist(a:buffer)), 'get(v:val, "code", "")')
endfunction

function! s:PreviewText() abort
  for l:buffer in range(1, bufnr('$'))
    if bufexists(l:buffer) && getbufvar(l:buffer, '&filetype') =~# 'ale-preview'
      return join(getbufline(l:buffer, 1, '$'), "\n")
    endif
  endfor
  return ''
endfunction

function! s:Main() abort
  let l:workspace = $SEEDLS_E2E_WORKSPACE
  let l:person = 'Nguyễn Văn Hùng'
  call s:Say('# Vim ' . (v:version / 100) . '.' . (v:version % 100) . ', ALE ' . (exists('*ale#Has') ? 'loaded' : 'missing'))

  call writefile(['Danh sách việc cần làm trong tuần.'], l:workspace . '/../plain-notes.txt')
  execute 'edit ' . fnameescape(l:workspace . '/../plain-notes.txt')
  call s:Check(&filetype !=# 'seed', 'a .txt without a header is not a seed', &filetype)

  execute 'edit ' . fnameescape(l:workspace . '/2024-13-sai-ngay.txt')
  let l:header = bufnr('')
  call s:Check(&filetype ==# 'seed', 'a file with a `date` header gets filetype seed', &filetype)
  call s:Check(SeedlsProjectRoot(l:header) ==# l:workspace, 'workspace root found by seedls.json', SeedlsProjectRoot(l:header))
  ALELint
  call s:WaitFor('index(s:Codes(' . l:header . '), "header") >= 0')
  call s:Check(index(s:Codes(l:header), 'header') >= 0, 'ALE shows `header` for `date 2024-13`', s:Codes(l:header))

  execute 'edit ' . fnameescape(l:workspace . '/2024-01-tong-ket-nam.txt')
  let l:article = bufnr('')
  ALELint
  call s:WaitFor('index(s:Codes(' . l:article . '), "percent-change") >= 0')
  call s:Check(index(s:Codes(l:article), 'percent-change') >= 0, 'ALE shows `percent-change` for the planted 18,5%', s:Codes(l:article))

  " ALE sends byte columns; the start of the name is inside it in either unit here.
  call cursor(search('\V' . l:person, 'w'), 0)
  call cursor(line('.'), stridx(getline('.'), l:person) + 1)
  ALEHover
  call s:WaitFor('stridx(s:PreviewText(), "' . l:person . '") >= 0')
  let l:text = s:PreviewText()
  call s:Check(stridx(l:text, l:person) >= 0 && stridx(l:text, 'Đại tá') >= 0, 'hover on a person shows the person card (name, title)', l:text)
endfunction

try
  call s:Main()
catch
  let s:failures += 1
  call s:Say('not ok - test script error: ' . v:exception . ' at ' . v:throwpoint)
endtry
call s:Say(s:failures == 0 ? '# all passed' : '# ' . s:failures . ' failed')
execute (s:failures == 0 ? 'qall!' : 'cquit! 1')
