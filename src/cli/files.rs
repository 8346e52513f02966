//! INTERIM stand-in for `crate::workspace` (the server teammate's scanner),
//! with the same names and shapes (`scan`, `read_text`, `Scan`, `Skipped`),
//! so the CLI switches to the shared scanner by changing one `use` line.
//! Deliberately minimal: include/exclude globs, .gitignore, size limit,
//! UTF-8 only with the BOM stripped, the header rule for the default glob.

use crate::config::Settings;
use crate::core::header::looks_like_seed;
use crate::core::Message;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedFile {
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    TooLarge { size: u64, limit: u64 },
    NotUtf8,
    Binary,
    Unreadable(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

impl Skipped {
    pub fn message(&self) -> Message {
        let p = self.path.display();
        match &self.reason {
            SkipReason::TooLarge { size, limit } => Message::new(
                format!("Bỏ qua {p}: tệp quá lớn ({size} byte, giới hạn {limit}; xem seedls.maxFileSize)."),
                format!("Skipped {p}: file too large ({size} bytes, limit {limit}; see seedls.maxFileSize)."),
            ),
            SkipReason::NotUtf8 => Message::new(
                format!("Bỏ qua {p}: không phải văn bản UTF-8; hãy chuyển sang UTF-8."),
                format!("Skipped {p}: not UTF-8 text; convert it to UTF-8."),
            ),
            SkipReason::Binary => Message::new(
                format!("Bỏ qua {p}: tệp nhị phân (có byte NUL)."),
                format!("Skipped {p}: binary file (contains NUL bytes)."),
            ),
            SkipReason::Unreadable(e) => Message::new(
                format!("Bỏ qua {p}: không đọc được ({e})."),
                format!("Skipped {p}: cannot be read ({e})."),
            ),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub files: Vec<SeedFile>,
    pub skipped: Vec<Skipped>,
    pub not_seeds: usize,
}

pub fn read_text(path: &Path, max_size: u64) -> Result<String, Option<SkipReason>> {
    let bytes = std::fs::read(path).map_err(|e| Some(SkipReason::Unreadable(e.to_string())))?;
    if bytes.len() as u64 > max_size {
        return Err(Some(SkipReason::TooLarge {
            size: bytes.len() as u64,
            limit: max_size,
        }));
    }
    if bytes.contains(&0) {
        return Err(Some(SkipReason::Binary));
    }
    let mut text = String::from_utf8(bytes).map_err(|_| Some(SkipReason::NotUtf8))?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

fn glob_set(globs: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = Glob::new(g) {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

pub fn scan(root: &Path, settings: &Settings) -> Scan {
    let include = glob_set(&settings.include);
    let exclude = glob_set(&settings.exclude);
    let needs_header = settings.include == Settings::default().include;
    let mut scan = Scan::default();
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if !include.is_match(rel) || exclude.is_match(rel) {
            continue;
        }
        let path = entry.into_path();
        match read_text(&path, settings.max_file_size) {
            Ok(text) if !needs_header || looks_like_seed(&text) => {
                scan.files.push(SeedFile { path, text })
            }
            Ok(_) => scan.not_seeds += 1,
            Err(Some(reason)) => scan.skipped.push(Skipped { path, reason }),
            Err(None) => {}
        }
    }
    scan
}
