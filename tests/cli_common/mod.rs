//! Helpers for the CLI tests: run the real binary on temporary folders of
//! fixture articles written for these tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh, empty folder under Cargo's per-target temp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (relative path → bytes) under a fresh folder.
pub fn folder(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = temp_dir(name);
    for (rel, bytes) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `seedls ARGS` in `cwd`.
pub fn seedls(cwd: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_seedls"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the seedls binary runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Parses JSON Lines.
pub fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Every file under `dir` with its bytes, to prove nothing was written.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

// Fixture articles, written for these tests in the style of the seeds.

/// Consistent article, Tô Lâm with a specific title, Quy định 90.
pub const HA_TINH: &str = " date 2024-03 Chiều 14/3, Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an có buổi làm việc với Ban Thường vụ Tỉnh ủy Hà Tĩnh về việc thực hiện Quy định 90 của Ban Bí thư.\n\nTheo báo cáo của Công an tỉnh Hà Tĩnh, năm 2023 lực lượng chức năng đã phát hiện 312 vụ vi phạm về trật tự xã hội.\n\nKết thúc buổi làm việc, Bộ trưởng Tô Lâm đề nghị tỉnh tiếp tục quan tâm tới lực lượng công an xã.\n";

/// Consistent article mentioning Tô Lâm again.
pub const NGHE_AN: &str = " date 2024-04 Sáng 9/4, Bộ trưởng Bộ Công an Tô Lâm đến thăm và giao nhiệm vụ cho cán bộ, chiến sĩ Công an tỉnh Nghệ An.\n\nPhát biểu tại buổi gặp mặt, Bộ trưởng Tô Lâm ghi nhận những cố gắng của lực lượng trong năm qua.\n";

/// A third consistent article with Tô Lâm.
pub const THANH_HOA: &str = " date 2024-02 Ngày 20/2, Đại tướng Tô Lâm dự hội nghị tổng kết công tác bảo đảm an ninh trật tự tại tỉnh Thanh Hóa.\n\nHội nghị đánh giá công tác phối hợp giữa các lực lượng đạt nhiều kết quả.\n";

/// Planted: "Tô Lam" (diacritic dropped) and "Quyết định 90 của Ban Bí thư".
pub const QUANG_BINH: &str = " date 2024-05 Ngày 6/5, Bộ trưởng Tô Lam làm việc với lãnh đạo tỉnh Quảng Bình về kết quả thực hiện Quyết định 90 của Ban Bí thư.\n\nTỉnh cho biết đã hoàn thành phần lớn các chỉ tiêu đề ra cho năm 2024.\n";

/// No header at all.
pub const NO_HEADER: &str =
    "Ghi chú biên tập: bài này còn thiếu dòng ngày đăng.\n\nĐoạn thứ hai của ghi chú.\n";

/// A malformed header.
pub const BAD_MONTH: &str =
    " date 2024-13 Trong tháng, Công an huyện đã tổ chức nhiều đợt tuần tra.\n";
