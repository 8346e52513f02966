" A seed article starts with `date YYYY-MM` (optional spaces first). Malformed
" dates (`date 24-03`) count too, so the server can report them.
autocmd BufNewFile,BufRead * if (&filetype ==# '' || &filetype ==# 'text') && getline(1) =~# '^\s*date\s' | set filetype=seed | endif
