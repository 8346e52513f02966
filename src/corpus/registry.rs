//! The optional people registry (`entities.json` at the workspace root).
//!
//! ```json
//! {
//!   "people": [
//!     {
//!       "name": "Tô Lâm",
//!       "aliases": ["To Lam"],
//!       "roles": [
//!         { "title": "Bộ trưởng Bộ Công an", "from": "2016-04", "to": "2024-05" },
//!         { "title": "Đại tướng", "from": "2019-01" }
//!       ],
//!       "note": "Tên đầy đủ, chức vụ theo thông cáo chính thức."
//!     }
//!   ]
//! }
//! ```
//!
//! A bare array of people is accepted too. Each person becomes the entity
//! `person:<name key of name>`; every alias spelling maps to that id, so
//! mentions recognised under an alias link to the declared person. Problems
//! (invalid JSON, an entry without a name, a bad date, an alias claimed by two
//! people) are warnings; the valid entries are still used.

use crate::core::text::{canonical_name, name_key};
use crate::core::{Analysis, Span};
use crate::corpus::{DocKey, Document};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// A role a declared person held, with optional `YYYY`, `YYYY-MM` or `YYYY-MM-DD` bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// One declared person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredPerson {
    /// `person:<name key>`.
    pub id: Arc<str>,
    /// Canonical spelling of the declared name.
    pub name: String,
    /// Canonical spellings of the aliases (without the name itself).
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    pub note: Option<String>,
    /// The span of the name's string (without quotes) in the registry text.
    pub span: Span,
}

/// The parsed registry plus its text as a document (so adapters can turn the
/// definition span into a position like for any article).
#[derive(Debug, Clone)]
pub struct Registry {
    pub doc: Arc<Document>,
    pub people: Vec<DeclaredPerson>,
    /// Alias entity id → declared entity id (declared ids map to themselves).
    pub ids: HashMap<Arc<str>, Arc<str>>,
}

impl Registry {
    pub fn key(&self) -> &DocKey {
        &self.doc.key
    }

    /// The declared id for a (possibly alias) id.
    pub fn resolve(&self, id: &str) -> Option<&Arc<str>> {
        self.ids.get(id)
    }

    pub fn person(&self, id: &str) -> Option<&DeclaredPerson> {
        self.people.iter().find(|p| &*p.id == id)
    }

    /// Every raw id that resolves to `id` (the id itself first).
    pub fn members(&self, id: &str) -> Vec<Arc<str>> {
        let mut out: Vec<Arc<str>> = vec![Arc::from(id)];
        for (raw, to) in &self.ids {
            if &**to == id && &**raw != id {
                out.push(raw.clone());
            }
        }
        out.sort_by(|a, b| (&**a != id, a).cmp(&(&**b != id, b)));
        out
    }

    /// Parses a registry; never fails. Returns the registry and warnings.
    pub fn parse(key: DocKey, text: String) -> (Registry, Vec<String>) {
        let mut warnings = Vec::new();
        let name_spans = name_value_spans(&text);
        let value: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                warnings.push(format!(
                    "{key}: not valid JSON ({e}); the registry is ignored"
                ));
                Value::Null
            }
        };
        let entries: &[Value] = match &value {
            Value::Array(items) => items,
            Value::Object(map) => match map.get("people") {
                Some(Value::Array(items)) => items,
                Some(other) => {
                    warnings.push(format!("{key}: \"people\" must be a list, got {other}"));
                    &[]
                }
                None => {
                    warnings.push(format!("{key}: expected a \"people\" list"));
                    &[]
                }
            },
            Value::Null => &[],
            other => {
                warnings.push(format!(
                    "{key}: expected an object with a \"people\" list, got {other}"
                ));
                &[]
            }
        };
        let mut people: Vec<DeclaredPerson> = Vec::new();
        let mut ids: HashMap<Arc<str>, Arc<str>> = HashMap::new();
        let mut next_span = 0;
        for (i, entry) in entries.iter().enumerate() {
            let n = i + 1;
            let Some(obj) = entry.as_object() else {
                warnings.push(format!("{key}: person #{n} must be an object, got {entry}"));
                continue;
            };
            let Some(raw_name) = obj.get("name").and_then(Value::as_str) else {
                warnings.push(format!(
                    "{key}: person #{n} has no \"name\" string; skipped"
                ));
                continue;
            };
            let name = canonical_name(raw_name);
            if name.is_empty() {
                warnings.push(format!("{key}: person #{n} has an empty name; skipped"));
                continue;
            }
            let id: Arc<str> = Arc::from(format!("person:{}", name_key(&name)));
            if ids.get(&id).is_some_and(|to| to == &id) {
                warnings.push(format!(
                    "{key}: {name} is declared twice; the later entry is skipped"
                ));
                continue;
            }
            if let Some(owner) = ids.get(&id) {
                warnings.push(format!(
                    "{key}: {name} was listed as an alias of {}; it is now its own person",
                    id_name(owner)
                ));
            }
            ids.insert(id.clone(), id.clone());
            for k in obj.keys() {
                if !matches!(k.as_str(), "name" | "aliases" | "roles" | "note") {
                    warnings.push(format!("{key}: {name}: unknown field \"{k}\" ignored"));
                }
            }
            let mut aliases = Vec::new();
            match obj.get("aliases") {
                None | Some(Value::Null) => {}
                Some(Value::Array(items)) => {
                    for a in items {
                        let Some(a) = a.as_str().map(canonical_name).filter(|a| !a.is_empty())
                        else {
                            warnings.push(format!(
                                "{key}: {name}: alias {a} must be a non-empty string"
                            ));
                            continue;
                        };
                        let alias_id: Arc<str> = Arc::from(format!("person:{}", name_key(&a)));
                        if alias_id == id {
                            continue;
                        }
                        match ids.get(&alias_id) {
                            Some(owner) if owner != &id => warnings.push(format!(
                                "{key}: {name}: alias {a} already belongs to {}; ignored",
                                id_name(owner)
                            )),
                            _ => {
                                ids.insert(alias_id, id.clone());
                                if !aliases.contains(&a) {
                                    aliases.push(a);
                                }
                            }
                        }
                    }
                }
                Some(other) => warnings.push(format!(
                    "{key}: {name}: \"aliases\" must be a list of strings, got {other}"
                )),
            }
            let roles = parse_roles(obj.get("roles"), &key, &name, &mut warnings);
            let note = match obj.get("note") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
                Some(other) => {
                    warnings.push(format!(
                        "{key}: {name}: \"note\" must be a string, got {other}"
                    ));
                    None
                }
            };
            // The n-th `"name": "..."` pair in the text that spells this name.
            let span = name_spans[next_span.min(name_spans.len())..]
                .iter()
                .position(|(_, v)| v == raw_name)
                .map(|p| {
                    next_span += p + 1;
                    name_spans[next_span - 1].0
                })
                .unwrap_or_default();
            people.push(DeclaredPerson {
                id,
                name,
                aliases,
                roles,
                note,
                span,
            });
        }
        let doc = Arc::new(Document::with_analysis(key, text, Analysis::default()));
        (Registry { doc, people, ids }, warnings)
    }
}

fn id_name(id: &str) -> &str {
    id.strip_prefix("person:").unwrap_or(id)
}

fn parse_roles(v: Option<&Value>, key: &str, name: &str, warnings: &mut Vec<String>) -> Vec<Role> {
    let items = match v {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            warnings.push(format!(
                "{key}: {name}: \"roles\" must be a list, got {other}"
            ));
            return Vec::new();
        }
    };
    let mut roles = Vec::new();
    for item in items {
        let (title, from, to) = match item {
            Value::String(t) => (Some(t.as_str()), None, None),
            Value::Object(o) => (
                o.get("title").and_then(Value::as_str),
                o.get("from"),
                o.get("to"),
            ),
            _ => (None, None, None),
        };
        let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) else {
            warnings.push(format!(
                "{key}: {name}: role {item} needs a \"title\" string; skipped"
            ));
            continue;
        };
        let mut date = |v: Option<&Value>, which: &str| -> Option<String> {
            match v {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if valid_date(s.trim()) => Some(s.trim().to_string()),
                Some(other) => {
                    warnings.push(format!(
                        "{key}: {name}: role {title}: \"{which}\" must be YYYY, YYYY-MM or YYYY-MM-DD, got {other}; ignored"
                    ));
                    None
                }
            }
        };
        let from = date(from, "from");
        let to = date(to, "to");
        roles.push(Role {
            title: canonical_name(title),
            from,
            to,
        });
    }
    roles
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible month and day.
fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let in_range = |p: &str, hi: u32| p.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && in_range(m, 12) && digits(d, 2) && in_range(d, 31)
        }
        _ => false,
    }
}

/// Every `"name": "<value>"` pair in the text, in order: the span of the value
/// (inside the quotes) and the decoded value.
fn name_value_spans(text: &str) -> Vec<(Span, String)> {
    let bytes = text.as_bytes();
    // Every string literal, as (start of opening quote, end after closing quote).
    let mut strings = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
            strings.push((start, i));
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    for pair in strings.windows(2) {
        let ((ks, ke), (vs, ve)) = (pair[0], pair[1]);
        if &text[ks..ke] != "\"name\"" || ve < vs + 2 {
            continue;
        }
        if text[ke..vs].trim() != ":" {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<String>(&text[vs..ve]) {
            out.push((Span::new(vs + 1, ve - 1), value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Registry, Vec<String>) {
        Registry::parse(Arc::from("entities.json"), text.to_string())
    }

    #[test]
    fn declares_people_with_aliases_roles_and_spans() {
        let text = r#"{"people": [
  {"name": "Tô Lâm", "aliases": ["To Lam", "Tô  Lâm"],
   "roles": [{"title": "Bộ trưởng Bộ Công an", "from": "2016-04", "to": "2024-05"}, "Đại tướng"],
   "note": "Ghi chú"},
  {"name": "Nguyễn Xuân Ký", "roles": []}
]}"#;
        let (r, w) = parse(text);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(r.people.len(), 2);
        let p = &r.people[0];
        assert_eq!(&*p.id, "person:tô lâm");
        assert_eq!(p.aliases, ["To Lam"]);
        assert_eq!(p.span.text(text), "Tô Lâm");
        assert_eq!(p.roles[0].from.as_deref(), Some("2016-04"));
        assert_eq!(p.roles[1].title, "Đại tướng");
        assert_eq!(p.note.as_deref(), Some("Ghi chú"));
        assert_eq!(
            r.resolve("person:to lam").map(|s| &**s),
            Some("person:tô lâm")
        );
        assert_eq!(
            r.resolve("person:tô lâm").map(|s| &**s),
            Some("person:tô lâm")
        );
        assert_eq!(r.people[1].span.text(text), "Nguyễn Xuân Ký");
        assert_eq!(r.members("person:tô lâm").len(), 2);
    }

    #[test]
    fn bad_input_warns_and_keeps_the_good_entries() {
        let (r, w) = parse("{ not json");
        assert!(r.people.is_empty());
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("not valid JSON"), "{w:?}");

        let text = r#"[
  {"name": "Lê Văn A", "aliases": ["Le Van A"], "roles": [{"title": "Giám đốc", "from": "2024-13"}], "age": 3},
  {"aliases": ["X"]},
  "Trần B",
  {"name": "Phạm C", "aliases": ["Le Van A", 5]},
  {"name": "Lê Văn A"}
]"#;
        let (r, w) = parse(text);
        assert_eq!(r.people.len(), 2, "{w:?}");
        assert_eq!(r.people[0].roles[0].from, None);
        assert_eq!(w.len(), 7, "{w:#?}");
        assert_eq!(
            r.resolve("person:le van a").map(|s| &**s),
            Some("person:lê văn a")
        );
    }

    #[test]
    fn dates() {
        for ok in ["2024", "2024-05", "2024-05-31"] {
            assert!(valid_date(ok), "{ok}");
        }
        for bad in [
            "24",
            "2024-5",
            "2024-13",
            "2024-05-32",
            "x",
            "2024-05-01-01",
        ] {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
