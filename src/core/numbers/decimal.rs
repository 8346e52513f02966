//! Exact decimal values: a scaled integer, so `6,95`, `1.500 tỷ` and
//! `83 / 357` compare and round without floating-point surprises.

use std::cmp::Ordering;

/// `mantissa / 10^scale`, always with non-negative scale.
#[derive(Debug, Clone, Copy)]
pub struct Dec {
    pub mantissa: i128,
    pub scale: u32,
}

impl PartialEq for Dec {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Dec {}
impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Dec {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = Dec::align(*self, *other);
        a.cmp(&b)
    }
}

impl std::ops::Neg for Dec {
    type Output = Dec;
    fn neg(self) -> Dec {
        Dec {
            mantissa: -self.mantissa,
            scale: self.scale,
        }
    }
}

impl std::ops::Add for Dec {
    type Output = Dec;
    fn add(self, o: Dec) -> Dec {
        let (a, b) = Dec::align(self, o);
        Dec {
            mantissa: a + b,
            scale: self.scale.max(o.scale),
        }
        .trim()
    }
}

impl std::ops::Sub for Dec {
    type Output = Dec;
    fn sub(self, o: Dec) -> Dec {
        self + (-o)
    }
}

fn pow10(n: u32) -> i128 {
    10i128.pow(n)
}

/// The most digits a literal may have: 30 stay below `i128::MAX` (about 1.7e38).
const MAX_DIGITS: usize = 30;

impl Dec {
    pub const ZERO: Dec = Dec {
        mantissa: 0,
        scale: 0,
    };

    pub fn int(n: i128) -> Dec {
        Dec {
            mantissa: n,
            scale: 0,
        }
    }

    /// Parses a Vietnamese literal: `.` groups thousands, `,` is the decimal
    /// mark (`660.000`, `6,95`, `1.199`).
    pub fn parse_vi(s: &str) -> Option<Dec> {
        let (int_part, frac) = s.split_once(',').unwrap_or((s, ""));
        Dec::from_parts(int_part, Some(b'.'), frac)
    }

    /// Parses a canonical plain decimal (`1500000000000`, `6.95`, `-3`).
    pub fn parse_plain(s: &str) -> Option<Dec> {
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (i, f) = s.split_once('.').unwrap_or((s, ""));
        let d = Dec::from_parts(i, None, f)?;
        Some(if neg { -d } else { d })
    }

    /// The digits of `int_part`, leaving out every `skip` byte (the
    /// thousands dots of a Vietnamese literal) without copying the rest,
    /// then those of `frac`, which give the scale.
    fn from_parts(int_part: &str, skip: Option<u8>, frac: &str) -> Option<Dec> {
        let mut mantissa = 0i128;
        let mut int_digits = 0;
        for b in int_part.bytes().filter(|&b| Some(b) != skip) {
            if !b.is_ascii_digit() || int_digits == MAX_DIGITS {
                return None;
            }
            mantissa = mantissa * 10 + i128::from(b - b'0');
            int_digits += 1;
        }
        if int_digits == 0
            || int_digits + frac.len() > MAX_DIGITS
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        Some(Dec {
            mantissa: frac
                .bytes()
                .fold(mantissa, |m, b| m * 10 + i128::from(b - b'0')),
            scale: frac.len() as u32,
        })
    }

    /// Brings two values to the same scale and returns their mantissas.
    fn align(a: Dec, b: Dec) -> (i128, i128) {
        let s = a.scale.max(b.scale);
        (
            a.mantissa * pow10(s - a.scale),
            b.mantissa * pow10(s - b.scale),
        )
    }

    /// Multiplies by `10^k`.
    pub fn shift(self, k: u32) -> Dec {
        if self.scale >= k {
            Dec {
                mantissa: self.mantissa,
                scale: self.scale - k,
            }
        } else {
            Dec {
                mantissa: self.mantissa * pow10(k - self.scale),
                scale: 0,
            }
        }
        .trim()
    }

    /// Divides by `10^k`.
    pub fn unshift(self, k: u32) -> Dec {
        Dec {
            mantissa: self.mantissa,
            scale: self.scale + k,
        }
        .trim()
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_integer(self) -> bool {
        self.trim().scale == 0
    }

    /// Removes trailing zero decimals.
    pub fn trim(mut self) -> Dec {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    /// Digits after the decimal mark as written (before trimming).
    pub fn decimals(self) -> u32 {
        self.scale
    }

    /// The plain decimal string used as `canonical`: `660000`, `6.95`.
    pub fn plain(self) -> String {
        let d = self.trim();
        let padded = padded_digits(d.mantissa.unsigned_abs(), d.scale as usize);
        let (i, f) = padded.split_at(padded.len() - d.scale as usize);
        let mut out = String::with_capacity(i.len() + f.len() + 2);
        if d.mantissa < 0 {
            out.push('-');
        }
        out.push_str(i);
        if !f.is_empty() {
            out.push('.');
            out.push_str(f);
        }
        out
    }

    /// Vietnamese formatting with exactly `decimals` digits after the comma
    /// and `.` grouping thousands: `1.199`, `23,25`.
    pub fn vi(self, decimals: u32) -> String {
        let r = self.round_to(decimals);
        let neg = r.mantissa < 0;
        let s = decimals as usize;
        let padded = padded_digits(r.mantissa.unsigned_abs(), s);
        let (i, f) = padded.split_at(padded.len() - s);
        let mut grouped = String::new();
        for (k, c) in i.chars().enumerate() {
            if k > 0 && (i.len() - k) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(c);
        }
        let mut out = String::new();
        if neg {
            out.push('-');
        }
        out.push_str(&grouped);
        if s > 0 {
            out.push(',');
            out.push_str(f);
        }
        out
    }

    /// English formatting (`,` groups thousands, `.` is the decimal mark).
    pub fn en(self, decimals: u32) -> String {
        self.vi(decimals)
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect()
    }

    /// English formatting with as many decimals as needed (trimmed).
    pub fn en_auto(self) -> String {
        let t = self.trim();
        self.en(t.scale)
    }

    /// Vietnamese formatting with as many decimals as needed (trimmed).
    pub fn vi_auto(self) -> String {
        let t = self.trim();
        self.vi(t.scale)
    }

    /// Rounds half away from zero to `decimals` digits.
    pub fn round_to(self, decimals: u32) -> Dec {
        if self.scale <= decimals {
            return Dec {
                mantissa: self.mantissa * pow10(decimals - self.scale),
                scale: decimals,
            };
        }
        let div = pow10(self.scale - decimals);
        let q = self.mantissa / div;
        let r = self.mantissa % div;
        let q = if 2 * r.abs() >= div {
            q + self.mantissa.signum()
        } else {
            q
        };
        Dec {
            mantissa: q,
            scale: decimals,
        }
    }
}

/// An exact fraction `num / den` (den > 0), for quotients such as 83/357.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub num: i128,
    pub den: i128,
}

impl Ratio {
    /// `a / b`, or `None` when `b` is zero.
    pub fn div(a: Dec, b: Dec) -> Option<Ratio> {
        let (x, y) = Dec::align(a, b);
        if y == 0 {
            return None;
        }
        let (x, y) = if y < 0 { (-x, -y) } else { (x, y) };
        Some(Ratio { num: x, den: y })
    }

    pub fn times(self, k: i128) -> Ratio {
        Ratio {
            num: self.num * k,
            den: self.den,
        }
    }

    /// The value rounded half up to `decimals` digits.
    pub fn round(self, decimals: u32) -> Dec {
        let n = self.num * pow10(decimals);
        let q = n.div_euclid(self.den);
        let r = n.rem_euclid(self.den);
        let q = if 2 * r >= self.den { q + 1 } else { q };
        Dec {
            mantissa: q,
            scale: decimals,
        }
    }

    /// The value truncated towards zero to `decimals` digits.
    pub fn truncate(self, decimals: u32) -> Dec {
        let n = self.num * pow10(decimals);
        Dec {
            mantissa: n / self.den,
            scale: decimals,
        }
    }

    /// Whether `written` is this value rounded (half up) or truncated to the
    /// decimals it is written with. Reporters do both, so both are accepted.
    pub fn matches_written(self, written: Dec) -> bool {
        let d = written.decimals();
        written == self.round(d) || written == self.truncate(d)
    }

    pub fn cmp_dec(self, d: Dec) -> Ordering {
        // num/den vs m/10^s  <=>  num*10^s vs m*den
        (self.num * pow10(d.scale)).cmp(&(d.mantissa * self.den))
    }
}

/// The digits of `n`, with zeros in front up to `scale + 1` digits (`005`
/// for 5 with scale 2), to be split before the last `scale`. Sixty-four-bit
/// numbers are printed as such: printing a `u128` divides in software.
fn padded_digits(n: u128, scale: usize) -> String {
    let digits = match u64::try_from(n) {
        Ok(small) => small.to_string(),
        Err(_) => n.to_string(),
    };
    if digits.len() > scale {
        return digits;
    }
    let mut padded = "0".repeat(scale + 1 - digits.len());
    padded.push_str(&digits);
    padded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vietnamese_literals() {
        assert_eq!(Dec::parse_vi("660.000").unwrap().plain(), "660000");
        assert_eq!(Dec::parse_vi("6,95").unwrap().plain(), "6.95");
        assert_eq!(Dec::parse_vi("1.199").unwrap().plain(), "1199");
        assert_eq!(Dec::parse_vi("0,5").unwrap().plain(), "0.5");
        assert_eq!(Dec::parse_plain("-0.005").unwrap().plain(), "-0.005");
        assert_eq!(Dec::parse_plain("0").unwrap().plain(), "0");
        // Past 64 bits: printed by the 128-bit path.
        let big = Dec::parse_plain("123456789012345678901234.5").unwrap();
        assert_eq!(big.plain(), "123456789012345678901234.5");
        assert_eq!(big.vi(1), "123.456.789.012.345.678.901.234,5");
        assert_eq!(
            Dec::parse_vi("1.500").unwrap().shift(9).plain(),
            "1500000000000"
        );
        assert_eq!(Dec::parse_vi("2,50").unwrap().decimals(), 2);
        assert_eq!(Dec::parse_plain("-3.25").unwrap().vi(2), "-3,25");
    }

    #[test]
    fn parse_vi_reads_what_the_dotless_digits_would_give() {
        // As it was written: the digits without dots, read as a plain decimal.
        let by_string = |s: &str| {
            let (int_part, frac) = s.split_once(',').unwrap_or((s, ""));
            let digits: String = int_part.chars().filter(|c| *c != '.').collect();
            Dec::from_parts(&digits, None, frac)
        };
        let thirty = "9".repeat(30);
        let cases = [
            "",
            ".",
            ",",
            "0",
            "00",
            "1.199",
            "660.000",
            "6,95",
            ",5",
            "5,",
            "1..2",
            ".5",
            "1,2,3",
            "1.2,3.4",
            "12a",
            "1 2",
            "١٢",
            "1,٢",
            &thirty,
            &format!("{thirty}1"),
            &format!("{thirty},"),
            &format!("{thirty},1"),
            &format!("1.{thirty}"),
            &format!("{},{}", "9".repeat(20), "9".repeat(10)),
            &format!("{},{}", "9".repeat(20), "9".repeat(11)),
        ];
        for s in cases {
            assert_eq!(Dec::parse_vi(s), by_string(s), "{s:?}");
        }
    }

    #[test]
    fn formats_vietnamese() {
        assert_eq!(Dec::parse_plain("1199").unwrap().vi(0), "1.199");
        assert_eq!(Dec::parse_plain("23.249").unwrap().vi(2), "23,25");
        assert_eq!(Dec::parse_plain("1234567.5").unwrap().vi(1), "1.234.567,5");
        assert_eq!(Dec::parse_plain("0.05").unwrap().vi(2), "0,05");
        assert_eq!(Dec::parse_plain("12.5").unwrap().vi(0), "13");
    }

    #[test]
    fn exact_quotients() {
        let r = Ratio::div(Dec::int(83), Dec::int(357)).unwrap().times(100);
        assert_eq!(r.round(2).vi(2), "23,25");
        assert!(r.matches_written(Dec::parse_vi("23,25").unwrap()));
        assert!(r.matches_written(Dec::parse_vi("23,2").unwrap()));
        assert!(r.matches_written(Dec::parse_vi("23").unwrap()));
        assert!(!r.matches_written(Dec::parse_vi("23,3").unwrap()));
        assert!(!r.matches_written(Dec::parse_vi("25").unwrap()));
        // 1/8 = 12,5 %: both 13 (half up) and 12 (truncated) are accepted.
        let e = Ratio::div(Dec::int(1), Dec::int(8)).unwrap().times(100);
        assert!(e.matches_written(Dec::int(13)));
        assert!(e.matches_written(Dec::int(12)));
        assert!(!e.matches_written(Dec::int(11)));
    }
}
