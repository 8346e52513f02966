//! Settings shared by the server (initializationOptions, `workspace/configuration`
//! section `seedls`, didChangeConfiguration) and the CLI (`seedls.json` at the
//! corpus root). Unknown keys are ignored; invalid values fall back to the
//! defaults and are reported as warnings, never as failures.

use crate::core::types::{Lang, Severity};
use serde_json::Value;
use std::collections::BTreeMap;

/// What a check's severity is set to by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckLevel {
    Off,
    On(Severity),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Globs (relative to a workspace folder) of files to index.
    pub include: Vec<String>,
    /// Globs of files to skip.
    pub exclude: Vec<String>,
    /// Files larger than this are skipped with a message.
    pub max_file_size: u64,
    /// At most this many files are indexed per workspace folder.
    pub max_files: usize,
    /// At most this many results for references / workspace symbols / completion.
    pub max_results: usize,
    /// Per-check overrides by code: `"off"` or a severity.
    pub checks: BTreeMap<String, CheckLevel>,
    /// Language of diagnostic messages and hover cards.
    pub language: Lang,
    /// Inlay hints for resolved dates and ratio percentages.
    pub inlay_hints: bool,
    /// Follow symlinks that point outside the workspace folder.
    pub follow_external_symlinks: bool,
    /// Debounce before diagnostics are recomputed after an edit.
    pub debounce_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            include: vec!["**/*.txt".to_string()],
            exclude: Vec::new(),
            max_file_size: 10 * 1024 * 1024,
            max_files: 200_000,
            max_results: 50_000,
            checks: BTreeMap::new(),
            language: Lang::Vi,
            inlay_hints: false,
            follow_external_symlinks: false,
            debounce_ms: 200,
        }
    }
}

impl Settings {
    /// The effective severity of a finding with `code` whose default is `default`,
    /// or `None` when the user turned the check off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.checks.get(code) {
            Some(CheckLevel::Off) => None,
            Some(CheckLevel::On(s)) => Some(*s),
            None => Some(default),
        }
    }

    /// Reads settings from JSON. Accepts either the settings object itself or
    /// an object with a `seedls` key holding it. Returns the settings and a
    /// list of human-readable warnings for values that were ignored.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut s = Settings::default();
        let mut warnings = Vec::new();
        s.merge_json(value, &mut warnings);
        (s, warnings)
    }

    /// Applies the keys present in `value` on top of `self`.
    pub fn merge_json(&mut self, value: &Value, warnings: &mut Vec<String>) {
        let value = match value.get("seedls") {
            Some(inner) if inner.is_object() => inner,
            _ => value,
        };
        let Some(obj) = value.as_object() else {
            if !value.is_null() {
                warnings.push(format!(
                    "seedls settings must be a JSON object, got {value}; using defaults"
                ));
            }
            return;
        };
        for (key, v) in obj {
            match key.as_str() {
                "include" | "exclude" => match string_list(v) {
                    Some(list) => match validate_globs(&list) {
                        Ok(()) if key == "include" => self.include = list,
                        Ok(()) => self.exclude = list,
                        Err(e) => warnings.push(format!(
                            "seedls.{key}: {e}; keeping {:?}",
                            if key == "include" {
                                &self.include
                            } else {
                                &self.exclude
                            }
                        )),
                    },
                    None => warnings.push(format!(
                        "seedls.{key} must be a list of glob strings, got {v}"
                    )),
                },
                "maxFileSize" => match v.as_u64() {
                    Some(n) if n > 0 => self.max_file_size = n,
                    _ => warnings.push(format!(
                        "seedls.maxFileSize must be a positive number of bytes, got {v}"
                    )),
                },
                "maxFiles" => match v.as_u64() {
                    Some(n) if n > 0 => self.max_files = n as usize,
                    _ => warnings.push(format!(
                        "seedls.maxFiles must be a positive number, got {v}"
                    )),
                },
                "maxResults" => match v.as_u64() {
                    Some(n) if n > 0 => self.max_results = n as usize,
                    _ => warnings.push(format!(
                        "seedls.maxResults must be a positive number, got {v}"
                    )),
                },
                "language" => match v.as_str() {
                    Some("vi") => self.language = Lang::Vi,
                    Some("en") => self.language = Lang::En,
                    _ => {
                        warnings.push(format!("seedls.language must be \"vi\" or \"en\", got {v}"))
                    }
                },
                "inlayHints" => match v.as_bool() {
                    Some(b) => self.inlay_hints = b,
                    None => {
                        warnings.push(format!("seedls.inlayHints must be true or false, got {v}"))
                    }
                },
                "followExternalSymlinks" => match v.as_bool() {
                    Some(b) => self.follow_external_symlinks = b,
                    None => warnings.push(format!(
                        "seedls.followExternalSymlinks must be true or false, got {v}"
                    )),
                },
                "debounceMs" => match v.as_u64() {
                    Some(n) if n <= 10_000 => self.debounce_ms = n,
                    _ => warnings.push(format!(
                        "seedls.debounceMs must be a number of milliseconds up to 10000, got {v}"
                    )),
                },
                "checks" => match v.as_object() {
                    Some(map) => {
                        for (code, level) in map {
                            let parsed = match level.as_str() {
                                Some("off") => Some(CheckLevel::Off),
                                Some(s) => Severity::parse(s).map(CheckLevel::On),
                                None => level.as_bool().map(|on| {
                                    if on {
                                        CheckLevel::On(default_or_warning())
                                    } else {
                                        CheckLevel::Off
                                    }
                                }),
                            };
                            match parsed {
                                Some(CheckLevel::On(_)) if level.as_bool() == Some(true) => {
                                    self.checks.remove(code);
                                }
                                Some(p) => {
                                    self.checks.insert(code.clone(), p);
                                }
                                None => warnings.push(format!(
                                    "seedls.checks.{code} must be \"off\", \"error\", \"warning\", \"information\" or \"hint\", got {level}"
                                )),
                            }
                        }
                    }
                    None => warnings.push(format!(
                        "seedls.checks must be an object of code → severity, got {v}"
                    )),
                },
                _ => {}
            }
        }
    }
}

// `true` means "on at its default severity": the entry is removed instead.
fn default_or_warning() -> Severity {
    Severity::Warning
}

fn string_list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

fn validate_globs(list: &[String]) -> Result<(), String> {
    for g in list {
        globset::Glob::new(g).map_err(|e| format!("invalid glob {g:?} ({e})"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_and_overrides() {
        let (s, w) = Settings::from_json(&json!({
            "seedls": {
                "include": ["articles/**/*.txt"],
                "exclude": "drafts/**",
                "language": "en",
                "checks": { "repeated-word": "off", "percent-change": "error", "name-variant": true }
            }
        }));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(s.include, ["articles/**/*.txt"]);
        assert_eq!(s.exclude, ["drafts/**"]);
        assert_eq!(s.language, Lang::En);
        assert_eq!(s.severity("repeated-word", Severity::Warning), None);
        assert_eq!(
            s.severity("percent-change", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            s.severity("name-variant", Severity::Warning),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn invalid_values_warn_and_keep_defaults() {
        let (s, w) = Settings::from_json(&json!({
            "include": ["[unclosed"],
            "language": "fr",
            "maxFileSize": -3,
            "checks": { "percent-change": "loud" }
        }));
        assert_eq!(s, Settings::default());
        assert_eq!(w.len(), 4, "{w:?}");
        let (s, w) = Settings::from_json(&json!("nonsense"));
        assert_eq!(s, Settings::default());
        assert_eq!(w.len(), 1);
        let (_, w) = Settings::from_json(&Value::Null);
        assert!(w.is_empty());
    }
}
