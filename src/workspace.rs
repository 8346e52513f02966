//! Finding and reading seed files on disk (shared by the CLI and the server).
//!
//! [`scan`] walks one root folder: include/exclude globs relative to the root,
//! `.gitignore`/`.ignore` files, a size limit, a file-count limit, UTF-8 only
//! (a BOM is stripped; NUL bytes mean binary), symlinks outside the root not
//! followed unless configured, symlink loops and files vanishing mid-scan
//! survived. Files are read on every core. Nothing is ever written.

use crate::config::Settings;
use crate::core::header::looks_like_seed;
use crate::core::Message;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One seed file read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedFile {
    pub path: PathBuf,
    /// The file's text, without a UTF-8 byte-order mark.
    pub text: String,
}

/// Why a file was not indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Larger than `Settings::max_file_size`.
    TooLarge { size: u64, limit: u64 },
    /// Starts with a UTF-16 byte-order mark.
    Utf16,
    /// Not valid UTF-8 (legacy encodings such as Windows-1258 or TCVN3).
    NotUtf8,
    /// Contains NUL bytes.
    Binary,
    /// A symlink pointing outside the root (`followExternalSymlinks` is off).
    ExternalSymlink { target: PathBuf },
    /// Could not be read (permissions, a symlink loop, ...).
    Unreadable(String),
}

/// A file that was skipped, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

impl Skipped {
    /// One clear line naming the file, in both languages.
    pub fn message(&self) -> Message {
        let p = self.path.display();
        match &self.reason {
            SkipReason::TooLarge { size, limit } => Message::new(
                format!("Bỏ qua {p}: tệp quá lớn ({size} byte, giới hạn {limit}; xem seedls.maxFileSize)."),
                format!("Skipped {p}: file too large ({size} bytes, limit {limit}; see seedls.maxFileSize)."),
            ),
            SkipReason::Utf16 => Message::new(
                format!("Bỏ qua {p}: tệp mã hoá UTF-16, seedls chỉ đọc UTF-8."),
                format!("Skipped {p}: the file is UTF-16 encoded; seedls reads UTF-8 only."),
            ),
            SkipReason::NotUtf8 => Message::new(
                format!("Bỏ qua {p}: không phải văn bản UTF-8 (có thể là Windows-1258 hoặc TCVN3); hãy chuyển sang UTF-8."),
                format!("Skipped {p}: not UTF-8 text (perhaps Windows-1258 or TCVN3); convert it to UTF-8."),
            ),
            SkipReason::Binary => Message::new(
                format!("Bỏ qua {p}: tệp nhị phân (có byte NUL)."),
                format!("Skipped {p}: binary file (contains NUL bytes)."),
            ),
            SkipReason::ExternalSymlink { target } => Message::new(
                format!("Bỏ qua {p}: liên kết tượng trưng trỏ ra ngoài thư mục ({}); bật seedls.followExternalSymlinks để đọc.", target.display()),
                format!("Skipped {p}: symlink points outside the folder ({}); enable seedls.followExternalSymlinks to read it.", target.display()),
            ),
            SkipReason::Unreadable(e) => Message::new(
                format!("Bỏ qua {p}: không đọc được ({e})."),
                format!("Skipped {p}: cannot be read ({e})."),
            ),
        }
    }
}

/// The result of scanning one root.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Seed files, sorted by path.
    pub files: Vec<SeedFile>,
    /// Files matching the globs that could not be indexed, sorted by path.
    pub skipped: Vec<Skipped>,
    /// `.txt` files without a header line (only with the default include glob).
    pub not_seeds: usize,
    /// Set when `max_files` stopped the walk: the limit that was hit.
    pub limit_hit: Option<usize>,
}

impl Scan {
    /// Every message worth showing the user: one per skipped file, plus the limit.
    pub fn messages(&self) -> Vec<Message> {
        let mut out: Vec<Message> = self.skipped.iter().map(Skipped::message).collect();
        if let Some(n) = self.limit_hit {
            out.push(Message::new(
                format!("Dừng lập chỉ mục sau {n} tệp (seedls.maxFiles)."),
                format!("Stopped indexing after {n} files (seedls.maxFiles)."),
            ));
        }
        out
    }
}

/// Optional hooks for long scans (the server reports progress and cancels).
#[derive(Default, Clone, Copy)]
pub struct ScanHooks<'a> {
    /// Called after each candidate file is read: (files done, files total).
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// When set to true, the scan stops early and returns what it has.
    pub cancel: Option<&'a AtomicBool>,
}

/// Which files are seed files: the include/exclude globs of the settings.
#[derive(Debug, Clone)]
pub struct SeedFilter {
    include: GlobSet,
    exclude: GlobSet,
    /// With the default include glob a `.txt` file must also start with a header.
    needs_header: bool,
}

impl SeedFilter {
    pub fn new(settings: &Settings) -> Self {
        SeedFilter {
            include: glob_set(&settings.include),
            exclude: glob_set(&settings.exclude),
            needs_header: settings.include == Settings::default().include,
        }
    }

    /// Whether a path (relative to its root, `/`-separated) matches the globs.
    pub fn matches(&self, relative: &Path) -> bool {
        self.include.is_match(relative) && !self.exclude.is_match(relative)
    }

    /// Whether a matching file with this text is a seed: files matching
    /// user-configured include globs always are; with the default `**/*.txt`
    /// the first line must look like a header.
    pub fn is_seed_text(&self, text: &str) -> bool {
        !self.needs_header || looks_like_seed(text)
    }
}

fn glob_set(globs: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        // Settings validated the globs; an invalid one is simply left out.
        if let Ok(glob) = GlobBuilder::new(g).literal_separator(true).build() {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Reads a file as seed text: size limit, NUL bytes, UTF-16 and UTF-8 checks,
/// BOM stripped. `Err(None)` means the file disappeared (not worth a message).
pub fn read_text(path: &Path, max_size: u64) -> Result<String, Option<SkipReason>> {
    use std::io::Read;
    // The size from the open file: a second lookup by path cost a system
    // call per file.
    let mut file = std::fs::File::open(path).map_err(io_reason)?;
    let size = file.metadata().map_err(io_reason)?.len();
    if size > max_size {
        return Err(Some(SkipReason::TooLarge {
            size,
            limit: max_size,
        }));
    }
    // One byte past the limit is enough to know a file grew beyond it.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.by_ref()
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_reason)?;
    if bytes.len() as u64 > max_size {
        // It grew while being read: report its size now, not what was read.
        let read = bytes.len() as u64;
        return Err(Some(SkipReason::TooLarge {
            size: file.metadata().map_or(read, |m| m.len().max(read)),
            limit: max_size,
        }));
    }
    decode(bytes)
}

/// Bytes to seed text (see [`read_text`]).
pub fn decode(bytes: Vec<u8>) -> Result<String, Option<SkipReason>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Some(SkipReason::Utf16));
    }
    if bytes.contains(&0) {
        return Err(Some(SkipReason::Binary));
    }
    // Validated with SIMD: std's check costs about 10 instructions a byte on
    // Vietnamese text, whose ASCII runs are too short for its fast path.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(Some(SkipReason::NotUtf8));
    }
    // SAFETY: validated just above.
    let mut text = unsafe { String::from_utf8_unchecked(bytes) };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

fn io_reason(e: std::io::Error) -> Option<SkipReason> {
    match e.kind() {
        ErrorKind::NotFound => None,
        _ => Some(SkipReason::Unreadable(e.to_string())),
    }
}

/// Scans `root` for seed files (see the module docs).
pub fn scan(root: &Path, settings: &Settings) -> Scan {
    scan_with(root, settings, ScanHooks::default())
}

/// [`scan`] with progress and cancellation.
///
/// When `root` is a file rather than a folder, that one file is read and is a
/// seed whatever its name or first line (the user named it explicitly, e.g.
/// `seedls check bai.txt`, and should see a `header` error if it has none).
pub fn scan_with(root: &Path, settings: &Settings, hooks: ScanHooks<'_>) -> Scan {
    if root.is_file() {
        let mut scan = Scan::default();
        match read_text(root, settings.max_file_size) {
            Ok(text) => scan.files.push(SeedFile {
                path: root.to_path_buf(),
                text,
            }),
            Err(Some(reason)) => scan.skipped.push(Skipped {
                path: root.to_path_buf(),
                reason,
            }),
            Err(None) => {}
        }
        if let Some(p) = hooks.progress {
            p(1, 1);
        }
        return scan;
    }
    let filter = SeedFilter::new(settings);
    let cancelled = || hooks.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    let (candidates, mut skipped, limit_hit) = walk(root, settings, &filter, &cancelled);
    let total = candidates.len();
    let mut scan = Scan {
        limit_hit,
        ..Scan::default()
    };
    // Read on every core; results come back in the walk's (sorted) order.
    crate::parallel::map_in_order(
        candidates.iter().collect(),
        |path: &PathBuf| (!cancelled()).then(|| read_text(path, settings.max_file_size)),
        |i, read| {
            let Some(read) = read else {
                return; // cancelled
            };
            if let Some(p) = hooks.progress {
                p(i + 1, total);
            }
            let path = candidates[i].clone();
            match read {
                Ok(text) if filter.is_seed_text(&text) => scan.files.push(SeedFile { path, text }),
                Ok(_) => scan.not_seeds += 1,
                Err(Some(reason)) => skipped.push(Skipped { path, reason }),
                Err(None) => {} // deleted since the walk saw it
            }
        },
    );
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    scan.skipped = skipped;
    scan
}

type Walked = (Vec<PathBuf>, Vec<Skipped>, Option<usize>);

/// Lists candidate files (matching the globs, not ignored), sorted, deduplicated
/// by their real location.
fn walk(
    root: &Path,
    settings: &Settings,
    filter: &SeedFilter,
    cancelled: &dyn Fn() -> bool,
) -> Walked {
    let root_real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let follow_external = settings.follow_external_symlinks;
    let external: Arc<Mutex<Vec<Skipped>>> = Arc::default();
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .follow_links(true)
        .require_git(false)
        .hidden(true)
        .parents(false)
        .sort_by_file_path(|a, b| a.cmp(b));
    {
        let root_real = root_real.clone();
        let external = external.clone();
        builder.filter_entry(move |entry| {
            if follow_external || !entry.path_is_symlink() {
                return true;
            }
            match std::fs::canonicalize(entry.path()) {
                Ok(target) if target.starts_with(&root_real) => true,
                Ok(target) => {
                    external
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(Skipped {
                            path: entry.path().to_path_buf(),
                            reason: SkipReason::ExternalSymlink { target },
                        });
                    false
                }
                // A dangling link or a loop: the walker reports loops itself.
                Err(_) => false,
            }
        });
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut seen_real = HashSet::new();
    let mut limit_hit = None;
    // Folders reached through a symbolic link: only paths under one of them (or
    // links themselves) need `canonicalize` (a dozen system calls) to find the
    // file's real location; any other path is the real root plus its relative path.
    let mut linked_dirs: Vec<PathBuf> = Vec::new();
    for item in builder.build() {
        if cancelled() {
            break;
        }
        let entry = match item {
            Ok(e) => e,
            Err(err) => {
                if let Some(path) = error_path(&err) {
                    let rel = path.strip_prefix(root).unwrap_or(&path);
                    if filter.matches(rel) || err.is_io() {
                        skipped.push(Skipped {
                            path,
                            reason: SkipReason::Unreadable(err.to_string()),
                        });
                    }
                }
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            if entry.path_is_symlink() {
                linked_dirs.push(entry.path().to_path_buf());
            }
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if !filter.matches(rel) {
            continue;
        }
        // The same file reached twice (through a symlink inside the root) is indexed once.
        let linked = entry.path_is_symlink()
            || linked_dirs.iter().any(|d| entry.path().starts_with(d))
            || entry.path().strip_prefix(root).is_err();
        let real = if linked {
            std::fs::canonicalize(entry.path()).unwrap_or_else(|_| entry.path().into())
        } else {
            root_real.join(rel)
        };
        if !seen_real.insert(real) {
            continue;
        }
        if files.len() >= settings.max_files {
            limit_hit = Some(settings.max_files);
            break;
        }
        files.push(entry.into_path());
    }
    skipped.extend(external.lock().unwrap_or_else(|e| e.into_inner()).drain(..));
    (files, skipped, limit_hit)
}

/// The path an `ignore` walk error is about, if any.
fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => error_path(err),
        ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rules() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFdate 2024-01 x".to_vec()),
            Ok("date 2024-01 x".into())
        );
        assert_eq!(
            decode(b"\xFF\xFEd\0".to_vec()),
            Err(Some(SkipReason::Utf16))
        );
        assert_eq!(decode(b"a\0b".to_vec()), Err(Some(SkipReason::Binary)));
        // "Hà Nội" in Windows-1258 bytes is not UTF-8.
        assert_eq!(
            decode(b"H\xE0 N\xF4i".to_vec()),
            Err(Some(SkipReason::NotUtf8))
        );
    }

    #[test]
    fn decode_accepts_exactly_what_std_accepts() {
        let long = "Đắk Lắk – Lạng Sơn ".repeat(20);
        let mut cases: Vec<Vec<u8>> = vec![
            b"\xC0\x80".to_vec(),         // overlong
            b"\xED\xA0\x80".to_vec(),     // surrogate
            b"\xF4\x90\x80\x80".to_vec(), // beyond U+10FFFF
            b"\xE1\xBB".to_vec(),         // cut short
            long.as_bytes().to_vec(),
        ];
        // Every way of cutting a long text, which cuts characters at every
        // place of the SIMD blocks.
        for cut in 0..long.len() {
            cases.push(long.as_bytes()[..cut].to_vec());
            let mut broken = long.as_bytes().to_vec();
            broken[cut] = 0xFF;
            cases.push(broken);
        }
        for bytes in cases {
            let std_ok = std::str::from_utf8(&bytes).is_ok();
            let decoded = decode(bytes.clone());
            assert_eq!(decoded.is_ok(), std_ok, "{bytes:?}");
            if let Ok(text) = decoded {
                assert_eq!(text.as_bytes(), &bytes[..]);
            }
        }
    }

    #[test]
    fn filter_default_needs_header() {
        let f = SeedFilter::new(&Settings::default());
        assert!(f.matches(Path::new("a.txt")));
        assert!(f.matches(Path::new("x/y/a.txt")));
        assert!(!f.matches(Path::new("a.md")));
        assert!(f.is_seed_text(" date 2023-08 Hà Nội"));
        assert!(!f.is_seed_text("ghi chú"));
        let custom = Settings {
            include: vec!["bai/*.txt".into()],
            exclude: vec!["bai/nhap*.txt".into()],
            ..Settings::default()
        };
        let f = SeedFilter::new(&custom);
        assert!(f.matches(Path::new("bai/a.txt")));
        assert!(!f.matches(Path::new("bai/sub/a.txt")));
        assert!(!f.matches(Path::new("bai/nhap1.txt")));
        assert!(f.is_seed_text("ghi chú"));
    }

    struct Dir(PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    fn dir(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("seedls-ws-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }

    #[test]
    fn scan_reads_seeds_skips_the_rest_and_stops_at_the_limit() {
        let d = dir("scan");
        let w = |rel: &str, text: &[u8]| {
            let p = d.0.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        w(
            "a.txt",
            " date 2024-01 Xã Tả Phìn có thêm đường bê tông.".as_bytes(),
        );
        w("x/b.txt", "date 2024-02 Huyện Sa Pa đón khách.".as_bytes());
        w("ghi-chu.txt", "Không phải bài.".as_bytes());
        w(
            "lon.txt",
            format!("date 2024-03 {}", "a".repeat(500)).as_bytes(),
        );
        #[cfg(unix)]
        std::os::unix::fs::symlink(d.0.join("x"), d.0.join("lien-ket")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(d.0.join("a.txt"), d.0.join("ban-sao.txt")).unwrap();
        let settings = Settings {
            max_file_size: 200,
            ..Settings::default()
        };
        let scan = scan(&d.0, &settings);
        let names: Vec<_> = scan
            .files
            .iter()
            .map(|f| f.path.strip_prefix(&d.0).unwrap().to_path_buf())
            .collect();
        // b.txt is reached twice (directly and through the folder link) and
        // a.txt twice (directly and through the file link); each is read once.
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&PathBuf::from("a.txt")));
        assert_eq!(scan.not_seeds, 1);
        assert_eq!(scan.skipped.len(), 1);
        assert!(matches!(
            scan.skipped[0].reason,
            SkipReason::TooLarge {
                size: 513,
                limit: 200
            }
        ));
        assert!(scan.skipped[0].message().en.contains("lon.txt"));
        assert_eq!(scan.limit_hit, None);

        let limited = super::scan(
            &d.0,
            &Settings {
                max_files: 1,
                ..Settings::default()
            },
        );
        assert_eq!(limited.files.len() + limited.not_seeds, 1);
        assert_eq!(limited.limit_hit, Some(1));
        assert!(limited
            .messages()
            .last()
            .unwrap()
            .en
            .contains("seedls.maxFiles"));
        // A file named explicitly is a seed even without a header.
        let one = super::scan(&d.0.join("ghi-chu.txt"), &Settings::default());
        assert_eq!(one.files.len(), 1);
        // A file that vanished is not worth a message.
        assert_eq!(read_text(&d.0.join("khong-co.txt"), 100), Err(None));
    }
}
