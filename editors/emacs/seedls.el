;;; seedls.el --- Seed articles with the seedls language server (eglot) -*- lexical-binding: t; -*-

;; Load it from your init file:
;;   (load "/path/to/seedls/editors/emacs/seedls.el")
;; It defines `seed-mode' (chosen by the `date YYYY-MM' header on the first line),
;; registers seedls with eglot and starts eglot in seed buffers.  Works with
;; Emacs 28 + the eglot package (Debian: elpa-eglot) and Emacs 29+ (built in).

;;; Code:

(require 'eglot)
(require 'project)

(defgroup seedls nil
  "Vietnamese news seed articles with the seedls language server."
  :group 'tools)

(defcustom seedls-server-command '("seedls")
  "Command that starts the seedls language server (stdio)."
  :type '(repeat string))

(defcustom seedls-settings '(:language "vi")
  "Server settings as a plist: :include :exclude :maxFileSize :maxFiles
:maxResults :checks :language :inlayHints :followExternalSymlinks :debounceMs.
Sent as initializationOptions and answered for workspace/configuration \"seedls\"."
  :type 'plist)

(defcustom seedls-root-markers '("seedls.json" "entities.json")
  "Files marking a seed workspace root; looked for before the version-control root."
  :type '(repeat string))

(define-derived-mode seed-mode text-mode "Seed"
  "Major mode for Vietnamese news seed articles (first line `date YYYY-MM ...').")

;; A seed is recognised by its header; malformed dates (`date 24-03') count too,
;; so the server can report them.
(add-to-list 'magic-mode-alist '("\\`[ \t]*date[ \t]" . seed-mode))

(defun seedls--project (dir)
  "A transient project at the nearest folder above DIR holding a root marker."
  (let ((root (seq-some (lambda (marker) (locate-dominating-file dir marker))
                        seedls-root-markers)))
    (when root
      (cons 'transient (expand-file-name root)))))

(add-hook 'project-find-functions #'seedls--project -50)

(defun seedls--contact (_interactive)
  "The eglot contact, read when the server starts (so later customisation counts)."
  (append seedls-server-command (list :initializationOptions seedls-settings)))

(add-to-list 'eglot-server-programs '(seed-mode . seedls--contact))

(defun seedls--workspace-configuration ()
  "Answer workspace/configuration for section seedls."
  (setq-local eglot-workspace-configuration (list :seedls seedls-settings)))

(add-hook 'seed-mode-hook #'seedls--workspace-configuration)
(add-hook 'seed-mode-hook #'eglot-ensure)

(provide 'seedls)
;;; seedls.el ends here
