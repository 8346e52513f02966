;;; test.el --- Real-client test: Emacs + eglot with editors/emacs/seedls.el -*- lexical-binding: t; -*-
;; Run by tests/e2e/clients/emacs.sh: emacs -Q --batch -l test.el
;; Prints `ok - ...' / `not ok - ...' lines; exits 0 only when all pass.

(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)

(defvar seedls-test-failures 0)
(defvar seedls-test-wait 20)

(defun seedls-test-say (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defun seedls-test-check (ok what &optional detail)
  (if ok
      (seedls-test-say "ok - %s" what)
    (setq seedls-test-failures (1+ seedls-test-failures))
    (seedls-test-say "not ok - %s%s" what (if detail (format ": %s" detail) "")))
  ok)

(defun seedls-test-wait-for (predicate)
  "Process events until PREDICATE is true or the wait runs out."
  (let ((deadline (+ (float-time) seedls-test-wait)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun seedls-test-codes (buffer)
  (with-current-buffer buffer
    (mapcar (lambda (d) (let ((data (flymake-diagnostic-data d))) ; eglot keeps the LSP code here
                          (or (and (listp data) (plist-get (alist-get 'eglot-lsp-diag data) :code))
                              (flymake-diagnostic-text d))))
            (flymake-diagnostics))))

(defun seedls-test-has-code (buffer code)
  ;; Flymake defers its first run until a window shows the buffer: batch has none.
  (with-current-buffer buffer (when (bound-and-true-p flymake-mode) (flymake-start nil t)))
  (seq-some (lambda (c) (and (stringp c) (string-match-p (regexp-quote code) c)))
            (seedls-test-codes buffer)))

(defun seedls-test-open (workspace name)
  (let ((buffer (find-file-noselect (expand-file-name name workspace))))
    (with-current-buffer buffer
      ;; eglot-ensure connects on the next command; batch mode has none.
      (run-hooks 'post-command-hook))
    buffer))

(defun seedls-test-main ()
  (let* ((repo (getenv "SEEDLS_REPO"))
         (workspace (file-name-as-directory (getenv "SEEDLS_E2E_WORKSPACE")))
         (person "Nguyễn Văn Hùng"))
    (seedls-test-say "# Emacs %s, eglot %s" emacs-version
                     (or (ignore-errors (mapconcat #'number-to-string
                                                  (package-desc-version (cadr (assq 'eglot package-alist))) "."))
                         "?"))
    ;; The configuration the README documents.
    (load (expand-file-name "editors/emacs/seedls.el" repo) nil t)
    (setq seedls-server-command (list (getenv "SEEDLS_BIN")))
    (setq seedls-settings '(:language "en"))

    (let ((plain (expand-file-name "../plain-notes.txt" workspace)))
      (with-temp-file plain (insert "Danh sách việc cần làm trong tuần.\n"))
      (with-current-buffer (find-file-noselect plain)
        (seedls-test-check (not (eq major-mode 'seed-mode)) "a .txt without a header is not a seed" major-mode)))

    (let ((header (seedls-test-open workspace "2024-13-sai-ngay.txt"))
          (article (seedls-test-open workspace "2024-01-tong-ket-nam.txt")))
      (seedls-test-check (eq (buffer-local-value 'major-mode article) 'seed-mode)
                         "a file with a `date' header gets seed-mode")
      (unless (seedls-test-check (seedls-test-wait-for (lambda () (with-current-buffer article (eglot-current-server))))
                                 "eglot connected to seedls")
        (error "no server"))
      (let ((server (with-current-buffer article (eglot-current-server))))
        (seedls-test-check (equal (file-name-as-directory (expand-file-name (project-root (eglot--project server))))
                                  (expand-file-name workspace))
                           "workspace root found by seedls.json" (project-root (eglot--project server))))

      (seedls-test-wait-for (lambda () (seedls-test-has-code header "header")))
      (seedls-test-check (seedls-test-has-code header "header") "flymake shows `header' for `date 2024-13'"
                         (seedls-test-codes header))
      (seedls-test-wait-for (lambda () (seedls-test-has-code article "percent-change")))
      (seedls-test-check (seedls-test-has-code article "percent-change") "flymake shows `percent-change' for the planted 18,5%"
                         (seedls-test-codes article))

      (with-current-buffer article
        (goto-char (point-min))
        (search-forward person)
        (backward-char 3)
        (let* ((server (eglot-current-server))
               (hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
               (text (and hover (eglot--hover-info (plist-get hover :contents)))))
          (seedls-test-check (and text (string-match-p (regexp-quote person) text) (string-match-p "Đại tá" text))
                             "hover on a person shows the person card (name, title)" text))))))

(condition-case err
    (seedls-test-main)
  (error (setq seedls-test-failures (1+ seedls-test-failures))
         (seedls-test-say "not ok - test script error: %S" err)))
(seedls-test-say (if (= seedls-test-failures 0) "# all passed" (format "# %d failed" seedls-test-failures)))
(kill-emacs (if (= seedls-test-failures 0) 0 1))
