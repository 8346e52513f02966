//! Behaviour of the whole recogniser on small hand-written sentences.

use super::recognize_text;
use crate::core::types::{Annotation, Kind};
use unicode_normalization::UnicodeNormalization;

fn of_kind(text: &str, kind: Kind) -> Vec<(String, Annotation)> {
    recognize_text(text)
        .into_iter()
        .filter(|a| a.kind == kind)
        .map(|a| (text[a.span.start..a.span.end].to_string(), a))
        .collect()
}

fn texts(text: &str, kind: Kind) -> Vec<String> {
    of_kind(text, kind).into_iter().map(|(t, _)| t).collect()
}

/// Each person mention as written, with its entity, and "(inferred)" when
/// it is one.
fn people_linked(text: &str) -> Vec<String> {
    of_kind(text, Kind::Person)
        .into_iter()
        .map(|(t, a)| {
            let inferred = if a.inferred { " (inferred)" } else { "" };
            format!("{t} → {}{inferred}", a.entity)
        })
        .collect()
}

#[test]
fn every_spelling_of_a_name_is_one_entity() {
    let spellings = [
        "Ông Đặng Văn Hùng phát biểu.".to_string(),
        "Ông Ðặng Văn Hùng phát biểu.".to_string(),
        "Ông Đặng Văn Hùng phát biểu.".nfd().collect::<String>(),
        "Ông Đặng  Văn   Hùng phát biểu.".to_string(),
    ];
    for s in &spellings {
        let people = of_kind(s, Kind::Person);
        assert_eq!(people.len(), 1, "{s:?}");
        let (written, a) = &people[0];
        assert_eq!(a.canonical, "Đặng Văn Hùng", "{s:?}");
        assert_eq!(a.entity, "person:đặng văn hùng", "{s:?}");
        // The span covers exactly the name as written in the original text.
        assert_eq!(
            crate::core::text::canonical_name(written),
            "Đặng Văn Hùng",
            "{s:?}"
        );
    }
}

#[test]
fn a_typographic_apostrophe_is_the_same_name() {
    for s in ["Bà H’Hen Niê dự họp.", "Bà H'Hen Niê dự họp."] {
        let people = of_kind(s, Kind::Person);
        assert_eq!(people.len(), 1, "{s:?}");
        assert_eq!(people[0].1.canonical, "H'Hen Niê", "{s:?}");
        assert_eq!(people[0].1.entity, "person:h'hen niê", "{s:?}");
    }
}

#[test]
fn old_and_new_tone_styles_give_one_entity() {
    let old = of_kind(
        "Thượng tá Huỳnh Ngọc Thủy, Ủy viên Ban Thường vụ Tỉnh ủy Khánh Hòa",
        Kind::Person,
    );
    let new = of_kind(
        "Thượng tá Huỳnh Ngọc Thuỷ, Uỷ viên Ban Thường vụ Tỉnh uỷ Khánh Hoà",
        Kind::Person,
    );
    assert_eq!(old[0].1.entity, new[0].1.entity);
    assert_eq!(new[0].1.canonical, "Huỳnh Ngọc Thủy");
    assert_eq!(
        new[0].1.titles,
        ["Thượng tá", "Ủy viên Ban Thường vụ Tỉnh ủy Khánh Hòa"]
    );
    let places_old = of_kind("tỉnh Khánh Hòa", Kind::Place);
    let places_new = of_kind("tỉnh Khánh Hoà", Kind::Place);
    assert_eq!(places_old[0].1.entity, "place:khánh hòa");
    assert_eq!(places_new[0].1.entity, "place:khánh hòa");
}

#[test]
fn places_that_start_with_a_family_name_are_not_people() {
    for text in [
        "Hà Nội và Hà Giang đã ký kết hợp tác.",
        "Thái Bình, Thái Nguyên cùng tham gia.",
        "Cao Bằng nằm ở phía bắc.",
        "Lâm Đồng có khí hậu mát mẻ.",
        "Đoàn công tác đến Quảng Ninh.",
        "Hà Lan và Mông Cổ ký kết hợp tác.",
        "Đại sứ Hàn Quốc thăm Hà Nội.",
    ] {
        assert!(
            texts(text, Kind::Person).is_empty(),
            "{text}: {:?}",
            texts(text, Kind::Person)
        );
        assert!(!texts(text, Kind::Place).is_empty(), "{text}");
    }
}

#[test]
fn awards_slogans_outlets_and_offices_are_not_people() {
    for text in [
        "được trao Huân chương Hồ Chí Minh và Huân chương Bảo vệ Tổ quốc hạng Nhì.",
        "phong trào thi đua “Vì an ninh Tổ quốc” năm 2024",
        "TPO - Theo Tiền Phong, Chủ tịch nước đã ký quyết định.",
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương.",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tổ chức lễ ra quân.",
        "Bệnh viện Bạch Mai tiếp nhận bệnh nhân trên đường Lê Duẩn.",
        "Phát biểu tại hội nghị, Đồng thời nhấn mạnh.",
        "Du khách dạo quanh Hồ Gươm và Hồ Tây.",
        "Công ty TNHH Hoàng Long và Trường THPT Chu Văn An.",
    ] {
        assert!(
            texts(text, Kind::Person).is_empty(),
            "{text}: {:?}",
            texts(text, Kind::Person)
        );
    }
}

#[test]
fn people_keep_their_family_name_even_when_it_is_also_a_place_word() {
    let text = "Ông Nguyễn Thái Bình và bà Hồ Thị Hà Giang dự họp; Chủ tịch Hồ Chí Minh.";
    assert_eq!(
        texts(text, Kind::Person),
        ["Nguyễn Thái Bình", "Hồ Thị Hà Giang", "Hồ Chí Minh"]
    );
}

#[test]
fn titles_before_and_after_the_name() {
    let text = "Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký gặp Giám đốc Công an tỉnh, Đại tá Lê Văn Dũng, Ủy viên Ban Thường vụ Tỉnh ủy.";
    let people = of_kind(text, Kind::Person);
    assert_eq!(people[0].0, "Nguyễn Xuân Ký");
    assert_eq!(people[0].1.titles, ["Bí thư Tỉnh ủy Quảng Ninh"]);
    assert_eq!(people[1].0, "Lê Văn Dũng");
    assert_eq!(
        people[1].1.titles,
        [
            "Giám đốc Công an tỉnh",
            "Đại tá",
            "Ủy viên Ban Thường vụ Tỉnh ủy"
        ]
    );
}

#[test]
fn organisations_take_the_longest_sensible_span() {
    let text = "Ban Thường vụ Tỉnh ủy Lạng Sơn, UBND tỉnh Lạng Sơn, Đảng ủy Công an Trung ương, Phòng Cảnh sát điều tra tội phạm về ma túy thuộc Công an tỉnh Lạng Sơn và Công an xã.";
    assert_eq!(
        texts(text, Kind::Organization),
        [
            "Ban Thường vụ Tỉnh ủy Lạng Sơn",
            "UBND tỉnh Lạng Sơn",
            "Đảng ủy Công an Trung ương",
            "Phòng Cảnh sát điều tra tội phạm về ma túy thuộc Công an tỉnh Lạng Sơn",
        ]
    );
    // The inner place and the acronym are annotated too.
    assert_eq!(
        texts(text, Kind::Place),
        ["Lạng Sơn", "Lạng Sơn", "Lạng Sơn"]
    );
    let acronyms = of_kind(text, Kind::Acronym);
    assert_eq!(acronyms[0].0, "UBND");
    assert_eq!(acronyms[0].1.entity, "acronym:UBND");
    assert_eq!(acronyms[0].1.attr("expansion"), Some("Ủy ban nhân dân"));
}

#[test]
fn committee_members_judges_and_insurance_offices_are_titles() {
    let text = "Bà Trần Thị Lan, Tỉnh ủy viên, Giám đốc BHXH tỉnh cho biết. Phiên tòa do Thẩm phán Nguyễn Hữu Tình chủ tọa.";
    let people = of_kind(text, Kind::Person);
    assert_eq!(
        people[0].1.titles,
        ["Bà", "Tỉnh ủy viên", "Giám đốc BHXH tỉnh"]
    );
    assert_eq!(people[1].1.titles, ["Thẩm phán"]);
    // "Tỉnh ủy viên" names a member, not the committee.
    assert_eq!(texts(text, Kind::Organization), ["BHXH tỉnh"]);
}

#[test]
fn schools_named_after_people_are_organisations() {
    let text = "Em Trần Minh Đức, học sinh Trường THPT chuyên Lê Hồng Phong, đạt giải Nhất; Trường THCS Nguyễn Du khai giảng.";
    assert_eq!(
        texts(text, Kind::Organization),
        ["Trường THPT chuyên Lê Hồng Phong", "Trường THCS Nguyễn Du"]
    );
    assert_eq!(texts(text, Kind::Person), ["Trần Minh Đức"]);
}

#[test]
fn company_and_bank_names_run_through_legal_form_and_trade() {
    let cases = [
        (
            "Công ty TNHH Xây dựng Bình Minh trúng thầu.",
            "Công ty TNHH Xây dựng Bình Minh",
        ),
        (
            "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam tài trợ vốn.",
            "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam",
        ),
        (
            "Giám đốc Công ty Cổ phần Phần mềm Sao Mai phát biểu.",
            "Công ty Cổ phần Phần mềm Sao Mai",
        ),
        (
            "Tổng công ty Điện lực miền Bắc cấp điện.",
            "Tổng công ty Điện lực miền Bắc",
        ),
        // Verbs and grammatical words after the name are not part of it.
        (
            "Tập đoàn Hòa Phát xây dựng nhà máy mới.",
            "Tập đoàn Hòa Phát",
        ),
        (
            "Công ty Hòa Phát cùng Sở Tài chính ký kết.",
            "Công ty Hòa Phát",
        ),
        ("Công ty Vinamilk cho biết.", "Công ty Vinamilk"),
        (
            "Tập đoàn Vingroup khởi công Khu đô thị mới.",
            "Tập đoàn Vingroup",
        ),
        // Another body after "và", or a person's name, ends the company's.
        (
            "Công ty Minh Phát và Sở Tài chính ký kết.",
            "Công ty Minh Phát",
        ),
        (
            "Chủ tịch Công ty Thuận An Nguyễn Duy Hưng bị bắt.",
            "Công ty Thuận An",
        ),
    ];
    for (text, org) in cases {
        assert_eq!(texts(text, Kind::Organization)[0], org, "{text}");
    }
    assert_eq!(
        texts(
            "Chủ tịch Công ty Thuận An Nguyễn Duy Hưng bị bắt.",
            Kind::Person
        ),
        ["Nguyễn Duy Hưng"]
    );
    // The end of a company name is not a person.
    let text = "Công ty CP Đầu tư Xây dựng Hà Thành nhận thầu.";
    assert!(texts(text, Kind::Person).is_empty(), "{text}");
    assert!(texts("Công ty cho biết sẽ tăng giá.", Kind::Organization).is_empty());
}

#[test]
fn documents_with_issuers_and_official_numbers() {
    let text = "Thực hiện Nghị quyết 12 của Bộ Chính trị, Quy định 90 của Ban Bí thư, Nghị quyết số 11, Đề án 06 của Thủ tướng Chính phủ, Nghị quyết số 12-NQ/TW ngày 16/3/2022 của Bộ Chính trị và Nghị định 100/2019/NĐ-CP; Kế hoạch 2024 chưa có.";
    let docs = of_kind(text, Kind::Document);
    let summary: Vec<(&str, &str)> = docs
        .iter()
        .map(|(t, a)| (t.as_str(), a.entity.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("Nghị quyết 12", "document:nghị quyết 12|bộ chính trị"),
            ("Quy định 90", "document:quy định 90|ban bí thư"),
            ("Nghị quyết số 11", "document:nghị quyết 11|"),
            ("Đề án 06", "document:đề án 06|thủ tướng chính phủ"),
            ("Nghị quyết số 12-NQ/TW", "document:12-nq/tw|"),
            ("Nghị định 100/2019/NĐ-CP", "document:100/2019/nđ-cp|"),
        ]
    );
    // The type written before the number wins over a guess from the symbol.
    let indictment = of_kind(
        "Viện kiểm sát ban hành Cáo trạng số 112/CT-VKS-P3.",
        Kind::Document,
    );
    assert_eq!(indictment[0].1.canonical, "Cáo trạng 112/CT-VKS-P3");
    let q90 = &docs[1].1;
    assert_eq!(q90.attr("type"), Some("Quy định"));
    assert_eq!(q90.attr("number"), Some("90"));
    assert_eq!(q90.attr("issuer"), Some("Ban Bí thư"));
    // No acronym is reported inside a document number.
    assert!(
        texts(text, Kind::Acronym).is_empty(),
        "{:?}",
        texts(text, Kind::Acronym)
    );
}

#[test]
fn abbreviated_ministries_and_departments() {
    let text = "Bộ trưởng Bộ GD&ĐT Nguyễn Kim Sơn làm việc với Sở TN&MT và Sở LĐ-TB&XH tỉnh.";
    let people = of_kind(text, Kind::Person);
    assert_eq!(people[0].0, "Nguyễn Kim Sơn");
    assert_eq!(people[0].1.titles, ["Bộ trưởng Bộ GD&ĐT"]);
    assert_eq!(
        texts(text, Kind::Organization),
        ["Bộ GD&ĐT", "Sở TN&MT", "Sở LĐ-TB&XH tỉnh"]
    );
    let more = "Sở GD-ĐT, Sở TNMT và Phòng GD&ĐT huyện Mai Sơn cùng dự.";
    assert_eq!(
        texts(more, Kind::Organization),
        ["Sở GD-ĐT", "Sở TNMT", "Phòng GD&ĐT huyện Mai Sơn"]
    );
    let acronyms = of_kind(text, Kind::Acronym);
    let expansions: Vec<(&str, Option<&str>)> = acronyms
        .iter()
        .map(|(t, a)| (t.as_str(), a.attr("expansion")))
        .collect();
    assert_eq!(
        expansions,
        [
            ("GD&ĐT", Some("Giáo dục và Đào tạo")),
            ("TN&MT", Some("Tài nguyên và Môi trường")),
            ("LĐ-TB&XH", Some("Lao động - Thương binh và Xã hội")),
        ]
    );
}

#[test]
fn document_numbers_with_thousands_groups_are_one_number() {
    let text = "Quyết định số 2.135/QĐ-UBND ngày 12/8/2024 của UBND tỉnh và Kế hoạch số 1.250 của huyện; 1.208 trường hợp.";
    let docs = of_kind(text, Kind::Document);
    let summary: Vec<(&str, Option<&str>)> = docs
        .iter()
        .map(|(t, a)| (t.as_str(), a.attr("number")))
        .collect();
    assert_eq!(
        summary,
        [
            ("Quyết định số 2.135/QĐ-UBND", Some("2.135/QĐ-UBND")),
            ("Kế hoạch số 1.250", Some("1.250")),
        ]
    );
}

#[test]
fn places_with_level_words_and_provinces() {
    let text = "Tại xã Tân Lập, huyện Văn Quan, tỉnh Lạng Sơn và TP Hồ Chí Minh.";
    let places = of_kind(text, Kind::Place);
    let names: Vec<&str> = places.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(names, ["Tân Lập", "Văn Quan", "Lạng Sơn", "Hồ Chí Minh"]);
    assert_eq!(places[0].1.attr("level"), Some("xã"));
    assert_eq!(places[0].1.attr("province"), Some("Lạng Sơn"));
    assert_eq!(places[1].1.attr("level"), Some("huyện"));
    assert_eq!(places[3].1.attr("level"), Some("thành phố"));
    assert!(texts(text, Kind::Person).is_empty());
}

#[test]
fn an_office_without_a_holder_is_not_inferred() {
    let text = "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an dự. Bằng khen của Chủ tịch UBND tỉnh được trao; Bộ trưởng Bộ Công an đã tặng quà.";
    let people = of_kind(text, Kind::Person);
    assert_eq!(people.len(), 2);
    assert!(people[1].1.inferred);
    assert_eq!(people[1].0, "Bộ trưởng Bộ Công an");
    assert_eq!(people[1].1.entity, people[0].1.entity);
}

#[test]
fn a_long_article_is_fast_enough_for_every_keystroke() {
    // Warm up the word lists, then time a ~20 KB article.
    let _ = recognize_text("Tô Lâm");
    let paragraph = "Chiều 4/9, Ban Thường vụ Tỉnh ủy Lào Cai tiếp đoàn công tác do Trung tướng Lê Quốc Hùng, Thứ trưởng Bộ Công an dẫn đầu; Đại tá Hà Văn Tuấn, Giám đốc Công an tỉnh báo cáo ANTT và GRDP tăng 7,1% theo Nghị quyết số 12.\n\n";
    let text = paragraph.repeat(20_000 / paragraph.len() + 1);
    let start = std::time::Instant::now();
    let runs = 5;
    for _ in 0..runs {
        std::hint::black_box(recognize_text(&text));
    }
    let each = start.elapsed() / runs;
    // Generous bound for unoptimised test builds on a shared machine; release
    // builds take well under 2 ms (see `cargo run --release --example entities_dump`).
    assert!(each.as_millis() < 200, "{each:?} for {} bytes", text.len());
}

#[test]
fn an_honorific_with_a_given_name_refers_back_to_the_person() {
    let text = "Ông Phạm Đức Long, Giám đốc Sở Xây dựng, chủ trì. Ông Long cho biết tiến độ đạt yêu cầu; theo ông Long, quý IV sẽ xong.";
    let people = of_kind(text, Kind::Person);
    let written: Vec<&str> = people.iter().map(|(t, _)| t.as_str()).collect();
    // The capitalised "Ông" is the honorific, not the family name Ông.
    assert_eq!(written, ["Phạm Đức Long", "Long", "Long"]);
    for (_, a) in &people[1..] {
        assert!(a.inferred);
        assert_eq!(a.entity, "person:phạm đức long");
        assert_eq!(a.canonical, "Phạm Đức Long");
    }
}

#[test]
fn a_given_name_is_not_guessed() {
    // Two different people named Hải: "bà Hải" could be either.
    let two = "Bà Lê Thị Hải và bà Vũ Thu Hải cùng dự. Bà Hải phát biểu.";
    assert_eq!(texts(two, Kind::Person), ["Lê Thị Hải", "Vũ Thu Hải"]);
    // An honorific of the other gender: no link.
    let other = "Ông Nguyễn Văn Nam dự họp. Bà Nam cũng có mặt. Bà Nguyễn Thị Lan phát biểu. Ông Lan gật đầu.";
    assert_eq!(
        texts(other, Kind::Person),
        ["Nguyễn Văn Nam", "Nguyễn Thị Lan"]
    );
    // Nobody named earlier has the given name. Before two syllables, Ông is
    // still the family name.
    let none =
        "Ông Hoàng Minh Sơn dự họp. Ông Tuấn phát biểu. Ông Ích Khiêm là tên một danh tướng.";
    assert_eq!(
        texts(none, Kind::Person),
        ["Hoàng Minh Sơn", "Ông Ích Khiêm"]
    );
}

#[test]
fn names_of_the_central_highlands_are_called_by_their_given_name() {
    let text = "Ông Y Biêr Niê, Chủ tịch HĐND tỉnh, và bà H'Hen Niê dự họp. Ông Y Thanh Hà Niê Kđăm cũng dự. Theo ông Y Biêr, huyện cần làm ngay; Bà H’Hen đồng ý. Ông Biêr và Ông Y Thanh ký biên bản.";
    assert_eq!(
        people_linked(text),
        [
            "Y Biêr Niê → person:y biêr niê",
            "H'Hen Niê → person:h'hen niê",
            "Y Thanh Hà Niê Kđăm → person:y thanh hà niê kđăm",
            "Y Biêr → person:y biêr niê (inferred)",
            "H’Hen → person:h'hen niê (inferred)",
            "Biêr → person:y biêr niê (inferred)",
            "Y Thanh → person:y thanh hà niê kđăm (inferred)",
        ]
    );
}

#[test]
fn a_family_name_or_a_prefix_alone_calls_nobody() {
    // The family name Niê at the end is not how anyone is called; nor is the
    // prefix alone; the prefix Y says he is a man, so "bà Biêr" is not him.
    let text = "Ông Y Biêr Niê dự họp. Ông Niê nói trước. Ông Y gật đầu. Bà Biêr ghi chép.";
    assert_eq!(texts(text, Kind::Person), ["Y Biêr Niê"]);
    // With nobody named earlier, "Ông Y Thanh" is Y Thanh, not a person
    // with the family name Ông.
    assert_eq!(texts("Ông Y Thanh phát biểu.", Kind::Person), ["Y Thanh"]);
}

#[test]
fn a_capitalised_honorific_before_part_of_an_earlier_name_is_no_family_name() {
    let text = "Ông Phạm Đức Long, Giám đốc Sở Xây dựng, chủ trì. Ông Đức Long cho biết tiến độ đạt yêu cầu. Ông Ama Kông, nghệ nhân, dự. Theo ông Kông, cần giữ cồng chiêng.";
    assert_eq!(
        people_linked(text),
        [
            "Phạm Đức Long → person:phạm đức long",
            "Đức Long → person:phạm đức long (inferred)",
            "Ama Kông → person:ama kông",
            "Kông → person:ama kông (inferred)",
        ]
    );
}

#[test]
fn hmong_names_are_called_by_their_last_syllables() {
    let text = "Anh Giàng A Páo ở bản Sà Phìn. Anh A Páo cho biết, ông Sùng A Lử cũng trồng thảo quả. Ông A Lử nói thêm.";
    assert_eq!(
        people_linked(text),
        [
            "Giàng A Páo → person:giàng a páo",
            "A Páo → person:giàng a páo (inferred)",
            "Sùng A Lử → person:sùng a lử",
            "A Lử → person:sùng a lử (inferred)",
        ]
    );
}

#[test]
fn names_of_kon_tum_are_a_prefix_and_a_name_after_an_honorific() {
    let text =
        "Ông A Pớt, Giám đốc Sở Y tế, và bà Y Ngọc dự họp. Ông A Pớt cho biết đã phun thuốc.";
    let people = of_kind(text, Kind::Person);
    let found: Vec<(&str, &[String])> = people
        .iter()
        .map(|(t, a)| (t.as_str(), a.titles.as_slice()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "A Pớt",
                &["Ông".to_string(), "Giám đốc Sở Y tế".to_string()][..]
            ),
            ("Y Ngọc", &["bà".to_string()][..]),
            ("A Pớt", &["Ông".to_string()][..]),
        ]
    );
    // Without an honorific, or with a lone letter (anonymised: "ông A",
    // "chị Y"), nobody.
    let none = "Bác sĩ Y Ngọc khám. Ông A cho biết, chị Y cũng đồng ý. Khu A Bắc dự.";
    assert!(texts(none, Kind::Person).is_empty());
}

#[test]
fn names_led_by_a_prefix_end_in_the_family_name() {
    let text = "Ông Y Thanh Hà Niê Kđăm, Phó Chủ tịch Quốc hội, làm việc tại Đắk Lắk. Dự có bà H'Hen Niê và ông Y Biêr Niê; Ông Y Biêr Niê phát biểu. Ông Rơ Mah Tuân và ông Ksor Phước Hà cùng dự.";
    assert_eq!(
        texts(text, Kind::Person),
        [
            "Y Thanh Hà Niê Kđăm",
            "H'Hen Niê",
            "Y Biêr Niê",
            "Y Biêr Niê",
            "Rơ Mah Tuân",
            "Ksor Phước Hà"
        ]
    );
    let people = of_kind(text, Kind::Person);
    assert_eq!(people[0].1.titles, ["Ông", "Phó Chủ tịch Quốc hội"]);
    assert_eq!(people[1].1.entity, "person:h'hen niê");
    // Without a family name at the end, a capital Y is not a name prefix;
    // nor is it before a family name alone.
    let not_names =
        "Trường Đại học Y Hà Nội cử 5 bác sĩ. Bác sĩ Y Ngọc khen. Sở Y tế tỉnh Gia Lai dự. Y Nay dự.";
    assert!(texts(not_names, Kind::Person).is_empty());
}
