//! Deterministic generator of seed-shaped articles for benchmarks and the
//! smoke test.
//!
//! Shared by `examples/gen_corpus.rs`, `benches/annotate.rs` and
//! `tests/perf_smoke.rs` through `#[path]`. Every sentence template below was
//! written for this generator; the facts (provinces, ministries, document
//! names) are public, the people are invented.
//!
//! Article `i` of a corpus depends only on `(seed, i)`, so corpora of
//! different sizes share their first articles and can be written in any order.
//! A fraction of articles carries exactly one planted inconsistency, recorded
//! with the check code and the 1-based line that should report it.

#![allow(dead_code)] // each user of this module needs a different part of it

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::Path;

/// splitmix64: tiny, fast and good enough to vary templates.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Provinces before the 2025 merger (names only; every one is used as `tỉnh X`).
pub const PROVINCES: &[&str] = &[
    "An Giang",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Phan", "Trịnh", "Đinh", "Mai", "Triệu", "Đàm", "Lương", "Kiều", "Tạ",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Xuân", "Hồng", "Minh", "Quang", "Đức", "Thanh", "Hữu", "Ngọc", "Trọng", "Thế",
    "Công", "Anh", "Bá", "Khắc", "Đình", "Duy",
];
const GIVEN: &[&str] = &[
    "Hùng", "Dũng", "Sơn", "Phong", "Tuấn", "Long", "Lan", "Hương", "Thắng", "Bình", "Cường",
    "Khánh", "Quân", "Thành", "Tâm", "Việt", "Huy", "Trí", "Nghĩa", "Phúc", "Lộc", "Toàn", "Kiên",
    "Nhung", "Yến", "Quyết", "Định", "Vinh", "Tùng", "Đạt", "Hiếu", "Mạnh", "Thảo", "Chiến",
];

/// A local official: name, how the text introduces them, and their role.
#[derive(Clone, Debug)]
pub struct Official {
    pub name: String,
    /// Rank or honorific written before the name (`Đại tá`, `ông`, ...).
    pub before: &'static str,
    /// Office written in apposition, without the province.
    pub role: &'static str,
    pub province: &'static str,
}

/// The one national figure every article mentions (twice), so that at
/// 10,000 articles a single person has about 20,000 mentions.
pub const STAR_NAME: &str = "Lương Quốc Hưng";
/// Spellings of the star that differ only by diacritics (planted `name-variant`).
const STAR_VARIANTS: &[&str] = &["Lương Quốc Hung", "Lương Quôc Hưng", "Lương Quoc Hưng"];

const ROLES: &[(&str, &str)] = &[
    ("ông", "Chủ tịch UBND tỉnh"),
    ("ông", "Bí thư Tỉnh ủy"),
    ("Đại tá", "Giám đốc Công an tỉnh"),
    ("bà", "Phó Chủ tịch UBND tỉnh"),
    ("ông", "Chủ tịch HĐND tỉnh"),
    ("Thượng tá", "Phó Giám đốc Công an tỉnh"),
];

/// Documents always cited with the same type and issuer (consistent controls).
const DOCUMENTS: &[&str] = &[
    "Nghị quyết 12 của Bộ Chính trị",
    "Quy định 90 của Ban Bí thư",
    "Đề án 06 của Chính phủ",
    "Chỉ thị 21 của Ban Bí thư",
    "Kết luận 14 của Bộ Chính trị",
    "Nghị định 100/2019/NĐ-CP",
    "Nghị quyết số 11 của Bộ Chính trị",
];

/// Sentences without entities or numbers, for realistic density.
const FILLER: &[&str] = &[
    "Công tác tuyên truyền, vận động quần chúng được đẩy mạnh tới từng thôn, bản và tổ dân phố.",
    "Các lực lượng chức năng duy trì nghiêm chế độ trực, sẵn sàng xử lý các tình huống phát sinh.",
    "Nhiều mô hình tự quản về an ninh ở khu dân cư tiếp tục phát huy hiệu quả rõ rệt.",
    "Việc ứng dụng dữ liệu dân cư vào giải quyết thủ tục hành chính giúp người dân tiết kiệm thời gian.",
    "Đội ngũ cán bộ cơ sở được bồi dưỡng thường xuyên về nghiệp vụ và kỹ năng tiếp dân.",
    "Sự phối hợp giữa các sở, ngành với chính quyền địa phương ngày càng nhịp nhàng, chặt chẽ.",
    "Những vụ việc phức tạp đều được nắm bắt từ sớm, giải quyết dứt điểm ngay tại cơ sở.",
    "Hệ thống camera giám sát tại các tuyến phố chính đã hỗ trợ đắc lực cho công tác điều tra.",
    "Địa phương chú trọng cải thiện môi trường đầu tư, tạo thuận lợi cho doanh nghiệp mở rộng sản xuất.",
    "Các trường học phối hợp với công an xã tổ chức chuyên đề phòng ngừa vi phạm pháp luật trong học sinh.",
    "Lực lượng tuần tra được tăng cường vào ban đêm và các dịp lễ, tết.",
    "Người dân tích cực cung cấp thông tin, tố giác tội phạm qua đường dây nóng.",
];

const TOPICS: &[&str] = &[
    "công tác giữ gìn an ninh, trật tự ở địa phương",
    "tiến độ làm sạch dữ liệu dân cư và cấp thẻ căn cước",
    "việc xây dựng lực lượng công an xã chính quy",
    "kết quả phòng, chống tội phạm ma túy trên tuyến biên giới",
    "chương trình chuyển đổi số trong quản lý hành chính",
];

/// A whole vocabulary, built once from the seed.
pub struct Vocabulary {
    /// Officials grouped by province index.
    pub officials: Vec<Vec<Official>>,
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Vocabulary {
    /// Three officials per province. Names are kept apart from each other by at
    /// least two edits once diacritics are removed (and three from the star),
    /// so consistent text never looks like a misspelt name.
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed ^ 0x5EED_0FF1_C1A1);
        let star_key = seedls::core::text::search_key(STAR_NAME);
        let mut keys: Vec<String> = Vec::new();
        let mut officials = Vec::new();
        for (p, province) in PROVINCES.iter().enumerate() {
            let mut here = Vec::new();
            for slot in 0..3 {
                let (before, role) = ROLES[(p + slot * 2) % ROLES.len()];
                let name = loop {
                    let middle = if before == "bà" {
                        "Thị"
                    } else {
                        loop {
                            let m = *rng.pick(MIDDLE);
                            if m != "Thị" {
                                break m;
                            }
                        }
                    };
                    let name = format!("{} {} {}", rng.pick(SURNAMES), middle, rng.pick(GIVEN));
                    let key = seedls::core::text::search_key(&name);
                    if edit_distance(&key, &star_key) >= 3
                        && keys.iter().all(|k| edit_distance(k, &key) >= 2)
                    {
                        keys.push(key);
                        break name;
                    }
                };
                here.push(Official {
                    name,
                    before,
                    role,
                    province,
                });
            }
            officials.push(here);
        }
        Vocabulary { officials }
    }
}

/// The check codes the generator plants, one per planted article.
pub const PLANTED_CODES: &[&str] = &[
    "percent-change",
    "percent-ratio-mismatch",
    "ratio-over-whole",
    "part-exceeds-total",
    "sum-mismatch",
    "rank-out-of-range",
    "percent-out-of-range",
    "range-reversed",
    "invalid-date",
    "doc-type-conflict",
    "name-variant",
    "repeated-word",
    "tone-mark-style",
];

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub seed: u64,
    /// Article `i` carries a planted inconsistency when `i % plant_every == plant_every - 1`
    /// (0 plants nothing).
    pub plant_every: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 2024,
            plant_every: 4,
        }
    }
}

/// One generated article and what was planted in it.
pub struct Article {
    pub text: String,
    /// `(code, line)` with a 1-based line.
    pub planted: Option<(&'static str, usize)>,
}

/// Formats an integer the Vietnamese way: `660000` → `660.000`.
pub fn vn_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `100 * num / den` rounded half up to `decimals` places, Vietnamese style (`23,25`).
pub fn vn_percent(num: u64, den: u64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let scaled = (2 * 100 * scale * num + den) / (2 * den);
    let whole = scaled / scale;
    if decimals == 0 {
        return whole.to_string();
    }
    format!(
        "{},{:0width$}",
        whole,
        scaled % scale,
        width = decimals as usize
    )
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Builds articles one at a time.
pub struct Generator {
    pub options: Options,
    vocab: Vocabulary,
}

struct Ctx<'a> {
    rng: Rng,
    year: u64,
    month: u64,
    province: &'static str,
    officials: &'a [Official],
    index: usize,
}

impl Ctx<'_> {
    /// A valid day/month at or before the header month.
    fn past_date(&mut self) -> String {
        let month = self.rng.range(1, self.month);
        let last = if month == self.month {
            28
        } else {
            days_in_month(self.year, month)
        };
        format!("{}/{}", self.rng.range(1, last), month)
    }

    fn official(&mut self) -> Official {
        self.rng.pick(self.officials).clone()
    }

    fn decimals(&mut self) -> u32 {
        *self.rng.pick(&[1, 2, 2])
    }

    /// One consistent sentence with numbers, dates or documents.
    fn fact(&mut self) -> String {
        let y = self.year;
        match self.rng.below(14) {
            0 => {
                let x = self.rng.range(80, 900);
                let dy = self.rng.range(x / 10 + 1, x / 3 + 2);
                let d = self.decimals();
                format!(
                    "Năm {}, toàn tỉnh ghi nhận {} vụ phạm pháp hình sự, giảm {} vụ, tương đương giảm {}% so với năm {}.",
                    y - 1, x, dy, vn_percent(dy, x + dy, d), y - 2
                )
            }
            1 => {
                let x = self.rng.range(20_000, 400_000);
                let dy = self.rng.range(x / 20, x / 4);
                let d = self.decimals();
                format!(
                    "Số tài khoản định danh điện tử được kích hoạt đạt {} tài khoản, tăng {} tài khoản, tương ứng tăng {}% so với cùng kỳ.",
                    vn_int(x), vn_int(dy), vn_percent(dy, x - dy, d)
                )
            }
            2 => {
                let b = self.rng.range(50, 900) * 1000;
                let a = b - self.rng.range(0, b / 5000) * 1000;
                let d = self.decimals();
                format!(
                    "Đến nay, công an các địa phương đã thu nhận {}/{} hồ sơ đề nghị cấp căn cước, đạt {}% kế hoạch.",
                    vn_int(a), vn_int(b), vn_percent(a, b, d)
                )
            }
            3 => format!(
                "Về chỉ số cải cách hành chính, tỉnh {} đang xếp thứ {}/63 trong cả nước.",
                self.province,
                self.rng.range(1, 63)
            ),
            4 => {
                let n = self.rng.range(12, 40);
                let m = self.rng.range(n / 2, n);
                format!(
                    "Trong số {n} chỉ tiêu chủ yếu của nhiệm kỳ, có {m} chỉ tiêu đã đạt hoặc vượt kế hoạch."
                )
            }
            5 => {
                let a = self.rng.range(100, 3000);
                let b = self.rng.range(20, 900);
                format!(
                    "Lực lượng chức năng đã xử lý {} vụ vi phạm trật tự giao thông và {} vụ vi phạm trật tự đô thị, tổng cộng {} vụ.",
                    vn_int(a), vn_int(b), vn_int(a + b)
                )
            }
            6 => {
                let lo = self.rng.range(2, 10);
                let hi = lo + self.rng.range(2, 10);
                format!("Mục tiêu đặt ra cho năm tới là kéo giảm từ {lo}% đến {hi}% số vụ cháy, nổ.")
            }
            7 => format!(
                "Tỉnh đã dành khoảng {} tỷ đồng để đầu tư phương tiện, trang thiết bị cho công an cấp xã.",
                vn_int(self.rng.range(40, 2500))
            ),
            8 => format!(
                "Tỷ lệ điều tra, khám phá các vụ án hình sự đạt {},{}%.",
                self.rng.range(80, 98),
                self.rng.range(1, 9)
            ),
            9 => format!(
                "Có {} lượt tập thể và {} lượt cá nhân được các cấp khen thưởng vì thành tích xuất sắc.",
                self.rng.range(20, 600),
                vn_int(self.rng.range(100, 2400))
            ),
            10 => format!(
                "Tốc độ tăng trưởng kinh tế (GRDP) năm {} ước đạt {},{}%, thu hút thêm {} dự án FDI.",
                y - 1,
                self.rng.range(4, 11),
                self.rng.range(1, 99),
                self.rng.range(3, 40)
            ),
            11 => {
                let d1 = *self.rng.pick(DOCUMENTS);
                let d2 = *self.rng.pick(DOCUMENTS);
                if d1 == d2 {
                    format!("Tỉnh tiếp tục quán triệt, triển khai nghiêm túc {d1}.")
                } else {
                    format!("Tỉnh tiếp tục quán triệt, triển khai nghiêm túc {d1} và {d2}.")
                }
            }
            12 => format!(
                "Từ ngày {}, các đội công tác đã xuống {} xã vùng sâu để hỗ trợ người dân làm thủ tục.",
                self.past_date(),
                self.rng.range(5, 60)
            ),
            _ => format!(
                "Ban Chỉ đạo về ANTT của tỉnh đã tổ chức {} đợt cao điểm tấn công, trấn áp tội phạm trong năm {}.",
                self.rng.range(2, 9),
                y - 1
            ),
        }
    }

    /// A sentence about a local official.
    fn official_sentence(&mut self) -> String {
        let o = self.official();
        match self.rng.below(4) {
            0 => format!(
                "Tham dự buổi làm việc có {} {}, {} {}.",
                o.before, o.name, o.role, o.province
            ),
            1 => format!(
                "Báo cáo tại hội nghị, {} {} cho biết địa phương đã chủ động rà soát các địa bàn trọng điểm.",
                o.role, o.name
            ),
            2 => format!(
                "Theo {} {}, {} {}, kết quả trên có được là nhờ sự vào cuộc đồng bộ của cả hệ thống chính trị.",
                o.before, o.name, o.role, o.province
            ),
            _ => format!(
                "{} {} đề nghị các đơn vị tiếp tục rà soát, hoàn thiện dữ liệu để phục vụ người dân tốt hơn.",
                capitalise(o.role),
                o.name
            ),
        }
    }

    /// The planted sentence for `code`, which must trigger exactly that check.
    fn planted(&mut self, code: &str) -> String {
        let y = self.year;
        match code {
            "percent-change" => {
                // The classic slip: dividing the fall by the new count.
                let x = self.rng.range(150, 700);
                let dy = self.rng.range(x / 5, x / 2);
                format!(
                    "Trong năm {}, địa bàn tỉnh xảy ra {} vụ trộm cắp tài sản, giảm {} vụ, tương đương giảm {}% so với năm trước.",
                    y - 1, x, dy, vn_percent(dy, x, 2)
                )
            }
            "percent-ratio-mismatch" => {
                let b = self.rng.range(100, 800) * 1000;
                let a = b - self.rng.range(b / 10_000, b / 4000) * 1000;
                format!(
                    "Công an tỉnh đã cấp {}/{} thẻ căn cước cho công dân, đạt {}%.",
                    vn_int(a), vn_int(b), vn_percent(a, b + b / 10, 1)
                )
            }
            "ratio-over-whole" => {
                let b = self.rng.range(100, 500) * 1000;
                let a = b + self.rng.range(1, 40) * 1000;
                format!(
                    "Toàn tỉnh đã kích hoạt {}/{} tài khoản định danh điện tử mức độ hai.",
                    vn_int(a),
                    vn_int(b)
                )
            }
            "part-exceeds-total" => {
                let n = self.rng.range(12, 30);
                let m = n + self.rng.range(2, 8);
                format!("Trong số {n} chỉ tiêu chủ yếu, có {m} chỉ tiêu đã hoàn thành trước thời hạn.")
            }
            "sum-mismatch" => {
                let a = self.rng.range(100, 900);
                let b = self.rng.range(20, 300);
                let total = a + b + self.rng.range(5, 60);
                format!(
                    "Năm qua, lực lượng chức năng phát hiện {a} vụ buôn lậu và {b} vụ gian lận thương mại, tổng cộng {total} vụ."
                )
            }
            "rank-out-of-range" => format!(
                "Về mức độ hài lòng của người dân, tỉnh {} được xếp thứ {}/63 toàn quốc.",
                self.province,
                self.rng.range(64, 80)
            ),
            "percent-out-of-range" => format!(
                "Tỷ lệ khám phá các vụ án nghiêm trọng đạt {},{}%.",
                self.rng.range(101, 130),
                self.rng.range(1, 9)
            ),
            "range-reversed" => {
                let lo = self.rng.range(3, 8);
                let hi = lo + self.rng.range(4, 9);
                format!("Tỉnh phấn đấu kéo giảm từ {hi}% – {lo}% số vụ tai nạn giao thông trong năm tới.")
            }
            "invalid-date" => {
                let date = if self.month >= 5 {
                    "31/4".to_string()
                } else if self.month >= 3 {
                    "30/2".to_string()
                } else {
                    format!("31/11/{}", y - 1)
                };
                format!("Ngày {date}, đoàn kiểm tra liên ngành đã làm việc tại các chốt kiểm soát.")
            }
            "doc-type-conflict" => {
                let k = 200 + self.index % 700;
                format!(
                    "Tỉnh đã ban hành kế hoạch thực hiện Quy định {k} của Ban Bí thư; việc sơ kết Quyết định {k} của Ban Bí thư sẽ được tiến hành vào cuối năm."
                )
            }
            "name-variant" => format!(
                "Các đại biểu đánh giá cao ý kiến chỉ đạo của Bộ trưởng {}.",
                self.rng.pick(STAR_VARIANTS)
            ),
            "repeated-word" => {
                "Công tác tuyên truyền về phòng cháy, chữa cháy đã đã được tổ chức ở nhiều khu dân cư."
                    .to_string()
            }
            "tone-mark-style" => format!(
                "Lãnh đạo Tỉnh uỷ {} cam kết tiếp tục phối hợp chặt chẽ.",
                self.province
            ),
            other => unreachable!("no plant for {other}"),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Generator {
    pub fn new(options: Options) -> Self {
        Generator {
            vocab: Vocabulary::new(options.seed),
            options,
        }
    }

    fn ctx(&self, index: usize) -> Ctx<'_> {
        let mut rng =
            Rng::new(self.options.seed ^ (index as u64).wrapping_mul(0xD134_2543_DE82_EF95));
        let year = rng.range(2023, 2025);
        let month = rng.range(1, 12);
        let p = rng.below(PROVINCES.len() as u64) as usize;
        Ctx {
            rng,
            year,
            month,
            province: PROVINCES[p],
            officials: &self.vocab.officials[p],
            index,
        }
    }

    /// The planted code of article `index`, if any.
    pub fn planted_code(&self, index: usize) -> Option<&'static str> {
        let every = self.options.plant_every;
        if every == 0 || index % every != every - 1 {
            return None;
        }
        Some(PLANTED_CODES[(index / every) % PLANTED_CODES.len()])
    }

    /// Article `index`: about 3.8 KB on average.
    pub fn article(&self, index: usize) -> Article {
        let mut c = self.ctx(index);
        let target = c.rng.range(2800, 4200) as usize;
        self.build(&mut c, target, self.planted_code(index))
    }

    /// A long article of at least `bytes` bytes (edit-latency benchmarks).
    pub fn article_of_size(&self, index: usize, bytes: usize) -> String {
        let mut c = self.ctx(index);
        self.build(&mut c, bytes, None).text
    }

    fn build(&self, c: &mut Ctx<'_>, target: usize, plant: Option<&'static str>) -> Article {
        let lead_day = c.rng.range(1, 28);
        let when = *c.rng.pick(&["Ngày", "Sáng", "Chiều"]);
        let topic = *c.rng.pick(TOPICS);
        let mut paragraphs = vec![format!(
            "{when} {lead_day}/{}, Đại tướng {STAR_NAME}, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an, cùng đoàn công tác của Bộ đã làm việc với Ban Thường vụ Tỉnh ủy {} về {topic}.",
            c.month, c.province
        )];
        let mut len = paragraphs[0].len();
        let mut star_again = false;
        while len < target {
            let mut p = String::new();
            let sentences = c.rng.range(2, 4);
            for s in 0..sentences {
                if s > 0 {
                    p.push(' ');
                }
                let roll = c.rng.below(10);
                if !star_again && paragraphs.len() >= 2 && s == 0 {
                    star_again = true;
                    let _ = write!(
                        p,
                        "Phát biểu chỉ đạo, Bộ trưởng {STAR_NAME} đề nghị tỉnh {} giữ vững thế chủ động, không để bị động, bất ngờ trong mọi tình huống.",
                        c.province
                    );
                } else if roll < 5 {
                    p.push_str(&c.fact());
                } else if roll < 7 {
                    p.push_str(&c.official_sentence());
                } else {
                    let filler = c.rng.pick::<&str>(FILLER);
                    p.push_str(filler);
                }
            }
            len += p.len() + 2;
            paragraphs.push(p);
        }
        let planted = plant.map(|code| {
            // Never in the lead, so the header line stays clean.
            let at = 1 + c.rng.below((paragraphs.len() - 1).max(1) as u64) as usize;
            if at >= paragraphs.len() {
                paragraphs.push(String::new());
            }
            let sentence = c.planted(code);
            let p = &mut paragraphs[at];
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&sentence);
            (code, 1 + 2 * at)
        });
        let mut text = String::with_capacity(len + 32);
        let _ = write!(text, "date {}-{:02} ", c.year, c.month);
        text.push_str(&paragraphs.join("\n\n"));
        text.push('\n');
        Article { text, planted }
    }
}

/// Where article `index` lives inside a corpus directory: 1,000 per folder.
pub fn relative_path(index: usize) -> String {
    format!("{:03}/{:06}.txt", index / 1000, index)
}

/// A planted inconsistency: which file, which check, which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub path: String,
    pub code: &'static str,
    pub line: usize,
}

/// Writes articles `0..n` under `dir` and a `planted.tsv` manifest
/// (path, code, line); returns the manifest and the total bytes of text.
pub fn write_corpus(dir: &Path, n: usize, options: Options) -> io::Result<(Vec<Planted>, u64)> {
    let generator = Generator::new(options);
    let mut planted = Vec::new();
    let mut bytes = 0u64;
    for i in 0..n {
        let article = generator.article(i);
        let rel = relative_path(i);
        let path = dir.join(&rel);
        if i % 1000 == 0 {
            std::fs::create_dir_all(path.parent().expect("has a folder"))?;
        }
        std::fs::write(&path, &article.text)?;
        bytes += article.text.len() as u64;
        if let Some((code, line)) = article.planted {
            planted.push(Planted {
                path: rel,
                code,
                line,
            });
        }
    }
    let mut manifest = io::BufWriter::new(std::fs::File::create(dir.join("planted.tsv"))?);
    for p in &planted {
        writeln!(manifest, "{}\t{}\t{}", p.path, p.code, p.line)?;
    }
    manifest.flush()?;
    Ok((planted, bytes))
}
