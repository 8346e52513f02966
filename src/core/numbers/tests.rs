use super::*;

fn header(y: i32, m: u32) -> Header {
    Header {
        year: y,
        month: m,
        span: Span::new(0, 0),
    }
}

/// Renders each annotation as `kind canonical "text" k=v ...`.
fn render(text: &str, h: Option<&Header>) -> Vec<String> {
    scan(text, h)
        .iter()
        .map(|a| {
            let mut s = format!(
                "{} {} {:?}",
                a.kind.as_str(),
                a.canonical,
                a.span.text(text)
            );
            for (k, v) in &a.attrs {
                if k != "precision" && k != "percent_value" && k != "day" && k != "month" {
                    s.push_str(&format!(" {k}={v}"));
                }
            }
            s
        })
        .collect()
}

#[test]
fn recognises_quantities() {
    let h = header(2023, 8);
    let cases: &[(&str, &[&str])] = &[
        (
            "cấp 660.000/660.000 trường hợp",
            &["ratio 660000/660000 \"660.000/660.000\" unit=trường hợp"],
        ),
        (
            "tăng trưởng đạt 6,95%, cao hơn 1,5 %",
            &["percent 6.95 \"6,95%\"", "percent 1.5 \"1,5 %\""],
        ),
        (
            "xếp thứ 7/63 tỉnh thành",
            &["rank 7/63 \"7/63\" of=tỉnh thành"],
        ),
        ("đứng thứ 3 toàn quốc", &["rank 3 \"3\""]),
        (
            "tổng vốn 3 tỷ 200 triệu đồng, thu 2 triệu 500 nghìn",
            &[
                "money 3200000000 \"3 tỷ 200 triệu đồng\" currency=đồng multiplier=1e6",
                "number 2500000 \"2 triệu 500 nghìn\" multiplier=1e3",
            ],
        ),
        (
            "1.200 tỷ 50 triệu 300 nghìn đồng",
            &["money 1200050300000 \"1.200 tỷ 50 triệu 300 nghìn đồng\" currency=đồng multiplier=1e3"],
        ),
        // Not parts of one number: a comma between, a part as large as the
        // multiplier before it, a bigger multiplier, a decimal, no multiplier.
        (
            "2 triệu, 500 nghìn; 2 triệu 1.500 nghìn; 5 nghìn 2 triệu; 2,5 triệu 300 nghìn; 2 triệu 500 người",
            &[
                "number 2000000 \"2 triệu\" multiplier=1e6",
                "number 500000 \"500 nghìn\" multiplier=1e3",
                "number 2000000 \"2 triệu\" multiplier=1e6",
                "number 1500000 \"1.500 nghìn\" multiplier=1e3",
                "number 5000 \"5 nghìn\" multiplier=1e3",
                "number 2000000 \"2 triệu\" multiplier=1e6",
                "number 2500000 \"2,5 triệu\" multiplier=1e6",
                "number 300000 \"300 nghìn\" multiplier=1e3",
                "number 2000000 \"2 triệu\" multiplier=1e6",
                "number 500 \"500 người\" unit=người",
            ],
        ),
        ("lần thứ 2 tổ chức", &["number 2 \"2\" ordinal=true"]),
        (
            "Đại hội lần thứ XIII và lần thứ XVI",
            &[
                "number 13 \"XIII\" ordinal=true roman=true",
                "number 16 \"XVI\" ordinal=true roman=true",
            ],
        ),
        (
            "đạt từ 50 - 70%",
            &["range 50-70 \"50 - 70%\" percent=true"],
        ),
        (
            "giảm từ 5% – 10% số vụ",
            &["range 5-10 \"5% – 10%\" percent=true"],
        ),
        (
            "giai đoạn 2021- 2022 đạt",
            &["range 2021-2022 \"2021- 2022\" years=true"],
        ),
        (
            "từ 5 đến 7 triệu đồng",
            &["range 5000000-7000000 \"5 đến 7 triệu đồng\" currency=đồng multiplier=1e6"],
        ),
        (
            "từ 85.000 đến 1,2 triệu đồng",
            &["range 85000-1200000 \"85.000 đến 1,2 triệu đồng\" currency=đồng"],
        ),
        (
            "khoảng 1.500 tỷ đồng",
            &["money 1500000000000 \"1.500 tỷ đồng\" currency=đồng multiplier=1e9"],
        ),
        (
            "ít nhất 3 tỷ USD",
            &["money 3000000000 \"3 tỷ USD\" currency=USD multiplier=1e9"],
        ),
        (
            "thu 2,5 nghìn tỷ đồng",
            &["money 2500000000000 \"2,5 nghìn tỷ đồng\" currency=đồng multiplier=1e12"],
        ),
        (
            "274 vụ phạm tội, giảm 83 vụ",
            &[
                "number 274 \"274 vụ\" unit=vụ",
                "number 83 \"83 vụ\" unit=vụ",
            ],
        ),
        (
            "541 lượt tập thể, 1.199 lượt cá nhân",
            &[
                "number 541 \"541 lượt tập thể\" unit=lượt tập thể",
                "number 1199 \"1.199 lượt cá nhân\" unit=lượt cá nhân",
            ],
        ),
        (
            "cho 4 đồng chí nguyên lãnh đạo",
            &["number 4 \"4 đồng chí\" unit=đồng chí"],
        ),
        (
            "tăng thêm khoảng 1.000 biên chế",
            &["number 1000 \"1.000 biên chế\" unit=biên chế"],
        ),
        ("Nghị quyết 12 và Nghị quyết số 11, Quy định 90", &[]),
        ("theo Nghị định 100/2019/NĐ-CP và Nghị quyết 12-NQ/TW", &[]),
        ("dịch COVID-19 lúc 7:30 với phiên bản 1.5", &[]),
        (
            "trong số 24 chỉ tiêu",
            &["number 24 \"24 chỉ tiêu\" unit=chỉ tiêu"],
        ),
        ("phục vụ 24/7", &["ratio 24/7 \"24/7\""]),
        ("tổng số 50 người", &["number 50 \"50 người\" unit=người"]),
        (
            "đầu tư 200 tỷ đồng",
            &["money 200000000000 \"200 tỷ đồng\" currency=đồng multiplier=1e9"],
        ),
        (
            "thắng 3-1 trước đối thủ",
            &["number 3 \"3\"", "number 1 \"1\""],
        ),
        // After "năm" a year, though a count noun follows; after "từ" a count.
        (
            "năm 2024 tỉnh dành 450 tỷ đồng, từ 2024 hộ",
            &[
                "date 2024 \"năm 2024\"",
                "money 450000000000 \"450 tỷ đồng\" currency=đồng multiplier=1e9",
                "number 2024 \"2024 hộ\" unit=hộ",
            ],
        ),
        // Quarters: a period, replacing what was read inside ("2/2024" is not February).
        (
            "Trong quý I/2024 và Quý 2 năm 2023, quý III/năm 2022",
            &[
                "date 2024-01/2024-03 \"quý I/2024\"",
                "date 2023-04/2023-06 \"Quý 2 năm 2023\"",
                "date 2022-07/2022-09 \"quý III/năm 2022\"",
            ],
        ),
        (
            "quý 2/2024 và quý IV",
            &[
                "date 2024-04/2024-06 \"quý 2/2024\"",
                "date 2023-10/2023-12 \"quý IV\" year_inferred=true",
            ],
        ),
        (
            "quý V, quý 12 người, quý I/20245, Quý IIa",
            &["number 12 \"12 người\" unit=người"],
        ),
        // Years counted from the header's; Quý as a name or an adjective.
        (
            "quý IV năm trước, quý I năm nay, quý 2 năm tới, quý 3 năm học",
            &[
                "date 2022-10/2022-12 \"quý IV năm trước\" year_inferred=true",
                "date 2023-01/2023-03 \"quý I năm nay\" year_inferred=true",
                "date 2024-04/2024-06 \"quý 2 năm tới\" year_inferred=true",
                // Not a calendar quarter ("năm học" is no year), nor three years.
                "number 3 \"3\" ordinal=true",
            ],
        ),
        (
            "Anh Trần Văn Quý 2 lần được khen, đá quý 2 loại, chi quý 1,5 tỷ đồng",
            &[
                "number 2 \"2 lần\" unit=lần",
                "number 2 \"2\"",
                "money 1500000000 \"1,5 tỷ đồng\" currency=đồng multiplier=1e9",
            ],
        ),
        (
            "Mỗi năm 2000 người thoát nghèo",
            &["number 2000 \"2000 người\" unit=người"],
        ),
        ("từ -5 đến -1 độ C", &["range -5--1 \"-5 đến -1\""]),
        // A minus sign: U+2212 always, a hyphen before a percentage or a
        // temperature; a dash after a number is still a range.
        (
            "GRDP đạt -1,2%, nhiệt độ -3 độ C, có nơi −2°C",
            &[
                "percent -1.2 \"-1,2%\"",
                "number -3 \"-3\"",
                "number -2 \"−2\"",
            ],
        ),
        ("từ −5 đến 1 độ C", &["range -5-1 \"−5 đến 1\""]),
        (
            "giảm từ 20 -30%, giai đoạn 2021 -2025, mã COVID-19, ở mức (-0,5%)",
            &[
                "range 20-30 \"20 -30%\" percent=true",
                "range 2021-2025 \"2021 -2025\" years=true",
                "percent -0.5 \"-0,5%\"",
            ],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(render(text, Some(&h)), *want, "for {text:?}");
    }
}

#[test]
fn recognises_dates() {
    let cases: &[(&str, (i32, u32), &[&str])] = &[
        (
            "Sáng 10/8, Đại tướng",
            (2023, 8),
            &["date 2023-08-10 \"10/8\" year_inferred=true"],
        ),
        (
            "tổ chức vào chiều 12/1.",
            (2024, 1),
            &["date 2024-01-12 \"12/1\" year_inferred=true"],
        ),
        (
            "trong sáng nay 22/2, Bộ trưởng",
            (2024, 2),
            &["date 2024-02-22 \"22/2\" year_inferred=true"],
        ),
        (
            "Ngày 20/12, đoàn công tác",
            (2024, 1),
            &["date 2023-12-20 \"20/12\" year_inferred=true"],
        ),
        // Two days of one month, and a span of days.
        (
            "Kỳ thi diễn ra ngày 27 và 28/6.",
            (2024, 7),
            &[
                "date 2024-06-27 \"27\" year_inferred=true",
                "date 2024-06-28 \"28/6\" year_inferred=true",
            ],
        ),
        (
            "Mưa lớn từ ngày 24 đến 27/6 gây ngập.",
            (2024, 7),
            &["date 2024-06-24/2024-06-27 \"24 đến 27/6\" year_inferred=true"],
        ),
        (
            "Ngày 30/4 năm nay, tỉnh tổ chức",
            (2024, 7),
            &["date 2024-04-30 \"30/4\" year_inferred=true"],
        ),
        (
            "Giỗ Tổ ngày 10/3 âm lịch",
            (2024, 3),
            &["date 2024-03-10 \"10/3\" year_inferred=true calendar=lunar"],
        ),
        // A later month is last year's, unless the article looks ahead to it.
        (
            "Lễ hội sẽ diễn ra ngày 18/9.",
            (2024, 7),
            &["date 2024-09-18 \"18/9\" year_inferred=true"],
        ),
        (
            "yêu cầu chi trả xong trước ngày 15/10.",
            (2024, 9),
            &["date 2024-10-15 \"15/10\" year_inferred=true"],
        ),
        (
            "Hội nghị ngày 15/11 tới bàn về ngân sách.",
            (2024, 9),
            &["date 2024-11-15 \"15/11\" year_inferred=true"],
        ),
        // Past all the same: a document's date, "tới nay", a deadline met,
        // "tính đến" after another date.
        (
            "Kế hoạch số 25/KH-UBND ngày 20/11 của UBND tỉnh.",
            (2024, 3),
            &["date 2023-11-20 \"20/11\" year_inferred=true"],
        ),
        (
            "Từ ngày 25/12 tới nay, tỉnh đã xử lý nhiều vụ.",
            (2024, 3),
            &["date 2023-12-25 \"25/12\" year_inferred=true"],
        ),
        (
            "Các đơn vị đã hoàn thành trước ngày 20/12.",
            (2024, 3),
            &["date 2023-12-20 \"20/12\" year_inferred=true"],
        ),
        (
            "Ngày 3/1, tỉnh cho biết, tính đến ngày 31/12, đã bắt nhiều đối tượng.",
            (2024, 1),
            &[
                "date 2024-01-03 \"3/1\" year_inferred=true",
                "date 2023-12-31 \"31/12\" year_inferred=true",
            ],
        ),
        // A leap day stays in the leap year.
        (
            "Theo Kế hoạch ngày 29/2, các xã sẽ rà soát.",
            (2025, 1),
            &["date 2024-02-29 \"29/2\" year_inferred=true"],
        ),
        (
            "cao điểm từ ngày 15/10 đến ngày 31/12.",
            (2024, 10),
            &[
                "date 2024-10-15 \"15/10\" year_inferred=true",
                "date 2024-12-31 \"31/12\" year_inferred=true",
            ],
        ),
        (
            "năm 2023 và năm 2024",
            (2024, 1),
            &["date 2023 \"năm 2023\"", "date 2024 \"năm 2024\""],
        ),
        (
            "Trong 7 tháng đầu năm 2023, 80%",
            (2023, 8),
            &[
                "date 2023-01/2023-07 \"7 tháng đầu năm 2023\"",
                "percent 80 \"80%\"",
            ],
        ),
        (
            "6 tháng cuối năm 2022",
            (2023, 8),
            &["date 2022-07/2022-12 \"6 tháng cuối năm 2022\""],
        ),
        // Without a year: the publication year's, or counted from it.
        (
            "Trong 6 tháng đầu năm, doanh thu tăng.",
            (2024, 10),
            &["date 2024-01/2024-06 \"6 tháng đầu năm\" year_inferred=true"],
        ),
        (
            "3 tháng cuối năm ngoái, 20 tỷ đồng",
            (2024, 3),
            &[
                "date 2023-10/2023-12 \"3 tháng cuối năm ngoái\" year_inferred=true",
                "money 20000000000 \"20 tỷ đồng\" currency=đồng multiplier=1e9",
            ],
        ),
        // The last months of a year that has not reached them: unread.
        (
            "Riêng 6 tháng cuối năm, tỉnh thu hút 2 tỷ USD",
            (2025, 1),
            &[
                "number 6 \"6\"",
                "money 2000000000 \"2 tỷ USD\" currency=USD multiplier=1e9",
            ],
        ),
        // A school year, or a number after "năm": not a calendar period.
        (
            "6 tháng đầu năm học 2024 - 2025",
            (2024, 10),
            &[
                "number 6 \"6\"",
                "range 2024-2025 \"2024 - 2025\" years=true",
            ],
        ),
        (
            "3 tháng đầu năm 2,5% hộ",
            (2024, 10),
            &["number 3 \"3\"", "percent 2.5 \"2,5%\""],
        ),
        // A year of birth.
        (
            "Lò Văn Sướng (SN 1988) và 12 bánh heroin",
            (2024, 7),
            &[
                "date 1988 \"SN 1988\"",
                "number 12 \"12 bánh heroin\" unit=bánh heroin",
            ],
        ),
        // A house number (số nhà).
        (
            "cửa hàng tại SN 2025, đường Trần Phú",
            (2024, 7),
            &["number 2025 \"2025\""],
        ),
        // Holidays named by their date; a bare d/m without one stays a ratio.
        (
            "Dịp Quốc khánh 2/9 và Ngày Giải phóng miền Nam 30/4; hoàn thành 2/9 chỉ tiêu",
            (2024, 10),
            &[
                "date 2024-09-02 \"2/9\" year_inferred=true",
                "date 2024-04-30 \"30/4\" year_inferred=true",
                "ratio 2/9 \"2/9\" unit=chỉ tiêu",
            ],
        ),
        // The third quarter of a school year, not three years.
        (
            "quý 3 năm học 2024 - 2025",
            (2024, 10),
            &[
                "number 3 \"3\" ordinal=true",
                "range 2024-2025 \"2024 - 2025\" years=true",
            ],
        ),
        (
            "ngày 15/9/2024 diễn ra",
            (2024, 3),
            &["date 2024-09-15 \"15/9/2024\""],
        ),
        (
            "trong tháng 8/2023",
            (2024, 3),
            &["date 2023-08 \"tháng 8/2023\""],
        ),
        (
            "từ tháng 11 năm 2023",
            (2024, 3),
            &["date 2023-11 \"tháng 11 năm 2023\""],
        ),
        (
            "đến tháng 5",
            (2024, 3),
            &["date 2023-05 \"tháng 5\" year_inferred=true"],
        ),
        (
            "ngày 10 tháng 8 năm 2023",
            (2023, 9),
            &["date 2023-08-10 \"10 tháng 8 năm 2023\""],
        ),
        (
            "Ngày 30/2, hội nghị",
            (2024, 3),
            &["date 2024-02-30 \"30/2\" year_inferred=true invalid=true"],
        ),
        (
            "ngày 29/2/2023",
            (2024, 3),
            &["date 2023-02-29 \"29/2/2023\" invalid=true"],
        ),
        (
            "ngày 29/2/2024",
            (2024, 3),
            &["date 2024-02-29 \"29/2/2024\""],
        ),
        (
            "hôm qua (5/3) đoàn",
            (2024, 3),
            &["date 2024-03-05 \"5/3\" year_inferred=true"],
        ),
        (
            "đến 2030 và phấn đấu cuối năm 2024",
            (2024, 2),
            &["date 2030 \"2030\"", "date 2024 \"năm 2024\""],
        ),
        (
            "đạt 5/7 chỉ tiêu",
            (2024, 3),
            &["ratio 5/7 \"5/7\" unit=chỉ tiêu"],
        ),
        (
            "đến 10/12 chỉ tiêu",
            (2024, 3),
            &["ratio 10/12 \"10/12\" unit=chỉ tiêu"],
        ),
    ];
    for (text, (y, m), want) in cases {
        assert_eq!(render(text, Some(&header(*y, *m))), *want, "for {text:?}");
    }
}

#[test]
fn spans_map_back_to_original_text() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = "Tỉnh ủy có 274 vụ, giảm 83 vụ".nfd().collect();
    let p = Prepared::new(&nfd);
    let anns = recognize(&p, None);
    assert_eq!(anns.len(), 2);
    assert_eq!(
        anns[0].span.text(&nfd),
        "274 v\u{1ee5}".nfd().collect::<String>()
    );
}

#[test]
fn roman_numerals() {
    assert_eq!(roman_value("XIII"), Some(13));
    assert_eq!(roman_value("XIX"), Some(19));
    assert_eq!(roman_value("IIII"), None);
    assert_eq!(roman_value("MCMXCIV"), Some(1994));
}

#[test]
fn twenty_kilobytes_scan_quickly() {
    let para = "Trong năm 2023, toàn tỉnh xảy ra 274 vụ phạm tội, giảm 83 vụ, tương đương giảm 23,25% so với năm 2022; đạt 660.000/660.000 trường hợp, xếp thứ 7/63 tỉnh thành, Sáng 10/8 có 1.500 tỷ đồng.\n\n";
    let text = para.repeat(20_000 / para.len() + 1);
    let start = std::time::Instant::now();
    let n = scan(&text, Some(&header(2024, 1))).len();
    let took = start.elapsed();
    assert!(n > 500);
    // Generous bound for unoptimised test builds on a shared machine.
    assert!(took.as_millis() < 200, "took {took:?}");
}

#[test]
fn next_digit_finds_what_a_byte_scan_finds() {
    let mut texts: Vec<Vec<u8>> = (0u8..=255)
        .map(|b| {
            let mut t = b"abcdefghijk".to_vec();
            t.insert(b as usize % 11, b);
            t
        })
        .collect();
    texts.push("Tỉnh Lạng Sơn có 12 xã; ngày 5/8".as_bytes().to_vec());
    texts.push(b"/:/:/:/:/:/:/:/:09".to_vec());
    texts.push(Vec::new());
    for t in &texts {
        for from in 0..=t.len() {
            let by_bytes = (from..t.len())
                .find(|&i| t[i].is_ascii_digit())
                .unwrap_or(t.len());
            assert_eq!(super::next_digit(t, from), by_bytes, "{t:?} from {from}");
        }
    }
}
