//! Corpus-level behaviour: linking, queries, registry, snapshots and the
//! delta-updated index staying equal to one built from scratch.

use super::checks::testing::{corpus, doc};
use super::*;

const A: &str = "date 2023-08 Sáng nay [[Đại tướng Tô Lâm|person:tô lâm|Đại tướng;Bộ trưởng Bộ Công an]] đến [[Tô Lâm|person:tô lâm]].";
const B: &str = "date 2024-02 Hôm qua [[Tô Lâm|person:tô lâm|Bộ trưởng Bộ Công an]] và [[Nguyễn Xuân Ký|person:nguyễn xuân ký|Bí thư Tỉnh ủy Quảng Ninh]].";
const C: &str =
    "date 2023-10 [[Tô Lâm|person:tô lâm]] và {{Quy định 90|document:quy định 90|ban bí thư}}.";

#[test]
fn entity_view_links_mentions_across_articles_in_date_order() {
    let c = corpus(&[("b", B), ("a", A), ("c", C)]);
    let v = c.entity("person:tô lâm").unwrap();
    assert_eq!(v.kind, Kind::Person);
    assert_eq!(v.name, "Tô Lâm");
    let docs: Vec<&str> = v.mentions.iter().map(|m| &*m.doc).collect();
    assert_eq!(docs, ["a", "a", "c", "b"]);
    assert_eq!(
        v.articles.iter().map(|k| &**k).collect::<Vec<_>>(),
        ["a", "c", "b"]
    );
    assert!(v
        .titles
        .contains(&("Bộ trưởng Bộ Công an".into(), Some("2023-08".into()))));
    assert!(v
        .titles
        .contains(&("Bộ trưởng Bộ Công an".into(), Some("2024-02".into()))));
    let def = c.definition("person:tô lâm").unwrap();
    assert_eq!(&*def.doc, "a");
    assert_eq!(def.span.text(&c.get("a").unwrap().text), "Đại tướng Tô Lâm");
    assert_eq!(c.references("person:tô lâm"), v.mentions);
    assert!(c.entity("person:nobody").is_none());
    assert!(c.entity("").is_none());
    assert!(c.definition("person:nobody").is_none());
}

#[test]
fn replacing_and_removing_updates_the_index_by_delta() {
    let mut c = corpus(&[("a", A), ("b", B)]);
    assert_eq!(c.references("person:tô lâm").len(), 3);
    // Edit b: Tô Lâm gone, Ký stays.
    c.insert_document(doc(
        "b",
        "date 2024-02 [[Nguyễn Xuân Ký|person:nguyễn xuân ký]].",
    ));
    assert_eq!(c.references("person:tô lâm").len(), 2);
    assert_eq!(c.entity("person:tô lâm").unwrap().articles.len(), 1);
    c.remove("a");
    assert!(c.entity("person:tô lâm").is_none());
    assert!(c.search("to lam", 10).is_empty());
    assert_eq!(c.search("ky", 10)[0].name, "Nguyễn Xuân Ký");
}

#[test]
fn incremental_index_equals_a_fresh_build() {
    let versions = [
        ("a", A),
        ("b", B),
        ("c", C),
        ("a", "date 2023-09 [[Tô Lam|person:tô lam]] mới."),
        ("c", "khong header [[Tô Lâm|person:tô lâm]]"),
        ("b", A),
    ];
    let mut inc = Corpus::new();
    for (k, t) in versions {
        inc.insert_document(doc(k, t));
    }
    inc.remove("c");
    let fresh = corpus(&[
        ("a", "date 2023-09 [[Tô Lam|person:tô lam]] mới."),
        ("b", A),
    ]);
    assert_eq!(inc.index, fresh.index);
    // Removing everything leaves nothing behind.
    inc.remove("a");
    inc.remove("b");
    assert_eq!(inc.index, EntityIndex::default());
}

#[test]
fn snapshots_are_independent() {
    let mut c = corpus(&[("a", A)]);
    let snap = c.clone();
    c.insert_document(doc("b", B));
    c.remove("a");
    assert_eq!(snap.references("person:tô lâm").len(), 2);
    assert_eq!(snap.len(), 1);
    assert_eq!(c.references("person:tô lâm").len(), 1);
}

#[test]
fn search_ignores_diacritics_and_ranks_exact_then_prefix() {
    let c = corpus(&[
        ("a", A),
        ("b", B),
        (
            "d",
            "date 2024-03 [[Tô Lâm Sơn|person:tô lâm sơn]] và [[Lâm Văn Tô|person:lâm văn tô]].",
        ),
    ]);
    let names = |q: &str| -> Vec<String> { c.search(q, 10).into_iter().map(|s| s.name).collect() };
    assert_eq!(names("to lam"), ["Tô Lâm", "Tô Lâm Sơn"]);
    assert_eq!(names("TÔ LÂM"), ["Tô Lâm", "Tô Lâm Sơn"]);
    assert_eq!(names("lam"), ["Lâm Văn Tô", "Tô Lâm", "Tô Lâm Sơn"]);
    assert_eq!(names("nguyen x"), ["Nguyễn Xuân Ký"]);
    assert_eq!(names("quang ninh"), Vec::<String>::new());
    assert_eq!(names("quy dinh 90"), Vec::<String>::new());
    let c2 = corpus(&[("c", C)]);
    assert_eq!(
        c2.search("quy dinh", 5)[0].id,
        "document:quy định 90|ban bí thư"
    );
    let top = &c.search("to lam", 1)[0];
    assert_eq!(top.mention_count, 3);
    assert_eq!(top.article_count, 2);
    assert_eq!(&*top.definition.as_ref().unwrap().doc, "a");
    assert!(c.search("to lam", 0).is_empty());
    assert_eq!(c.search("", 100).len(), 4);
}

const REGISTRY: &str = r#"{
  "people": [
    {
      "name": "Tô Lâm",
      "aliases": ["Tô Lam", "To Lam"],
      "roles": [{"title": "Bộ trưởng Bộ Công an", "from": "2016-04", "to": "2024-05"}],
      "note": "Ghi chú của biên tập viên"
    }
  ]
}"#;

#[test]
fn registry_aliases_link_to_the_declared_person_and_define_it() {
    let mut c = corpus(&[
        ("a", A),
        (
            "e",
            "date 2024-04 [[To Lam|person:to lam]] và [[Tô Lam|person:tô lam]].",
        ),
    ]);
    let w = c.set_registry(Arc::from("entities.json"), REGISTRY.to_string());
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.resolve("person:to lam"), "person:tô lâm");
    let v = c.entity("person:to lam").unwrap();
    assert_eq!(v.id, "person:tô lâm");
    assert_eq!(v.name, "Tô Lâm");
    assert_eq!(v.mentions.len(), 4);
    assert_eq!(v.articles.len(), 2);
    assert_eq!(v.note.as_deref(), Some("Ghi chú của biên tập viên"));
    assert_eq!(v.roles[0].to.as_deref(), Some("2024-05"));
    let def = c.definition("person:tô lam").unwrap();
    assert_eq!(&*def.doc, "entities.json");
    let reg = c
        .get("entities.json")
        .expect("the registry is a document for positions");
    assert_eq!(def.span.text(&reg.text), "Tô Lâm");
    assert_eq!(v.declared, Some(def));
    assert_eq!(c.len(), 2, "the registry is not an article");
    assert_eq!(c.references("person:tô lâm").len(), 4);
    // Search finds the declared person once, under its declared name.
    let hits = c.search("to lam", 10);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].name, "Tô Lâm");
    assert_eq!(hits[0].mention_count, 4);
    // No name-variant for declared aliases.
    assert!(c.findings("e").is_empty());
    // A declared person nobody mentions yet still has a card and a definition.
    let mut c = Corpus::new();
    c.set_registry(Arc::from("r.json"), r#"[{"name": "Lê Văn Bình"}]"#.into());
    let v = c.entity("person:lê văn bình").unwrap();
    assert!(v.mentions.is_empty());
    assert_eq!(c.search("binh", 5).len(), 1);
    // Clearing the registry unlinks aliases.
    c.clear_registry();
    assert!(c.entity("person:lê văn bình").is_none());
}

#[test]
fn bad_registry_is_a_warning_not_a_failure() {
    let mut c = corpus(&[("a", A)]);
    let w = c.set_registry(Arc::from("entities.json"), "{\"people\": [".into());
    assert_eq!(w.len(), 1);
    assert_eq!(c.references("person:tô lâm").len(), 2);
    assert_eq!(&*c.definition("person:tô lâm").unwrap().doc, "a");
}

#[test]
fn findings_with_settings_filter_cross_article_checks() {
    let qd = "date 2024-02 {{Quyết định 90|document:quyết định 90|ban bí thư}}.";
    let c = corpus(&[("c", C), ("q", qd)]);
    assert_eq!(c.findings("q").len(), 1);
    let (off, _) =
        Settings::from_json(&serde_json::json!({"checks": {"doc-type-conflict": "off"}}));
    assert!(c.findings_with("q", &off).is_empty());
    let (err, _) =
        Settings::from_json(&serde_json::json!({"checks": {"doc-type-conflict": "error"}}));
    assert_eq!(
        c.findings_with("q", &err)[0].severity,
        core::Severity::Error
    );
    assert!(c.findings("missing").is_empty());
}

/// Scale: 10,000 articles, one person with 20,000 mentions. Generous bounds
/// (debug build, shared machine); the benchmarks measure the real figures.
#[test]
fn queries_stay_fast_on_a_large_corpus() {
    let mut c = Corpus::new();
    for i in 0..10_000 {
        let text = format!(
            "date 20{:02}-{:02} [[Tô Lâm|person:tô lâm|Bộ trưởng Bộ Công an;Đại tướng]] gặp [[Nguyễn Văn A{i}|person:nguyễn văn a{i}]] rồi [[Tô Lâm|person:tô lâm]].",
            10 + i % 15,
            1 + i % 12
        );
        c.insert_document(doc(&format!("doc{i:05}"), &text));
    }
    let t = std::time::Instant::now();
    let refs = c.references("person:tô lâm");
    let refs_time = t.elapsed();
    assert_eq!(refs.len(), 20_000);
    let t = std::time::Instant::now();
    let view = c.entity("person:tô lâm").unwrap();
    let entity_time = t.elapsed();
    assert_eq!(view.mentions.len(), 20_000);
    // (i % 15, i % 12) gives lcm(15, 12) = 60 distinct months.
    assert_eq!(view.titles.len(), 2 * 60);
    let t = std::time::Instant::now();
    let def = c.definition("person:tô lâm").unwrap();
    let def_time = t.elapsed();
    assert_eq!(c.get(&def.doc).unwrap().date().as_deref(), Some("2010-01"));
    let t = std::time::Instant::now();
    let hits = c.search("nguyen van a12", 20);
    let search_time = t.elapsed();
    assert_eq!(hits[0].name, "Nguyễn Văn A12");
    let t = std::time::Instant::now();
    let snap = c.clone();
    c.insert_document(doc("doc00001", "date 2030-01 [[Tô Lâm|person:tô lâm]]."));
    let edit_time = t.elapsed();
    assert_eq!(snap.references("person:tô lâm").len(), 20_000);
    assert_eq!(c.references("person:tô lâm").len(), 19_999);
    let t = std::time::Instant::now();
    let _ = c.findings("doc00002");
    let findings_time = t.elapsed();
    eprintln!(
        "entity {entity_time:?}, references {refs_time:?}, definition {def_time:?}, search {search_time:?}, snapshot+edit {edit_time:?}, findings {findings_time:?}"
    );
    assert!(refs_time.as_millis() < 500, "{refs_time:?}");
    assert!(def_time.as_millis() < 50, "{def_time:?}");
    assert!(entity_time.as_millis() < 500, "{entity_time:?}");
    assert!(search_time.as_millis() < 50, "{search_time:?}");
    assert!(edit_time.as_millis() < 50, "{edit_time:?}");
    assert!(findings_time.as_millis() < 50, "{findings_time:?}");
}

/// Four articles with a misspelt name and a document cited under two types.
const RECOGNISED: [(&str, &str); 4] = [
    ("a", " date 2024-02 Ngày 20/2, Đại tướng Tô Lâm dự hội nghị tại tỉnh Thanh Hóa."),
    ("b", " date 2024-03 Chiều 14/3, Bộ trưởng Bộ Công an Tô Lâm làm việc với tỉnh Hà Tĩnh về việc thực hiện Quy định 90 của Ban Bí thư."),
    ("c", " date 2024-04 Sáng 9/4, Bộ trưởng Tô Lâm thăm Công an tỉnh Nghệ An."),
    ("d", " date 2024-05 Ngày 6/5, Bộ trưởng Tô Lam làm việc với tỉnh Quảng Bình về Quyết định 90 của Ban Bí thư."),
];

/// The same checks on real text through the recogniser (not hand-made annotations).
#[test]
fn cross_article_checks_on_recognised_text() {
    let mut c = Corpus::new();
    for (k, t) in RECOGNISED {
        c.insert(Arc::from(k), t.to_string());
    }
    fn codes(c: &Corpus, k: &str) -> Vec<(&'static str, String)> {
        let d = c.get(k).unwrap().clone();
        c.findings(k)
            .into_iter()
            .map(|f| (f.code, f.span.text(&d.text).to_string()))
            .collect()
    }
    assert_eq!(
        codes(&c, "d"),
        [
            ("name-variant", "Tô Lam".to_string()),
            ("doc-type-conflict", "Quyết định 90".to_string())
        ]
    );
    assert_eq!(
        codes(&c, "b"),
        [("doc-type-conflict", "Quy định 90".to_string())]
    );
    assert!(codes(&c, "a").is_empty() && codes(&c, "c").is_empty());
    // Fixing the article by an edit clears both, here and in the other article.
    c.insert(
        Arc::from("d"),
        " date 2024-05 Ngày 6/5, Bộ trưởng Tô Lâm làm việc với tỉnh Quảng Bình về Quy định 90 của Ban Bí thư.".to_string(),
    );
    assert!(codes(&c, "d").is_empty(), "{:?}", codes(&c, "d"));
    assert!(codes(&c, "b").is_empty());
    assert_eq!(c.references("person:tô lâm").len(), 4);
    assert_eq!(c.search("to lam", 5)[0].article_count, 4);
}

/// The card reads titles and counts from the index; they must match what a
/// walk over every mention (`entity`) finds, after edits and removals too.
#[test]
fn card_agrees_with_the_full_entity_view_after_edits() {
    let mut corpus = Corpus::new();
    corpus.insert(
        "a".into(),
        " date 2024-03 Chủ tịch UBND tỉnh Nguyễn Văn An đến dự. Ông An cho biết kế hoạch.".into(),
    );
    corpus.insert(
        "b".into(),
        " date 2023-11 Bí thư Tỉnh ủy Nguyễn Văn An phát biểu tại hội nghị.".into(),
    );
    corpus.insert(
        "c".into(),
        " date 2024-07 Nguyễn Văn An, Chủ tịch UBND tỉnh, đã ký văn bản.".into(),
    );
    corpus.insert("b".into(), " date 2023-11 Nguyễn Văn An phát biểu.".into());
    corpus.remove("c");
    let Some(id) = corpus
        .get("a")
        .unwrap()
        .analysis
        .annotations
        .iter()
        .find(|x| x.kind == Kind::Person && !x.entity.is_empty())
        .map(|x| x.entity.clone())
    else {
        panic!("a person in article a")
    };
    let view = corpus.entity(&id).unwrap();
    let card = corpus.card(&id, 1, 1).unwrap();
    assert_eq!(card.mention_count, view.mentions.len());
    assert_eq!(card.article_count, view.articles.len());
    assert_eq!(
        card.inferred_count,
        view.mentions.iter().filter(|m| m.inferred).count()
    );
    let mut walked: Vec<(String, Vec<String>)> = Vec::new();
    for (t, d) in &view.titles {
        let i = match walked.iter().position(|(x, _)| x == t) {
            Some(i) => i,
            None => {
                walked.push((t.clone(), Vec::new()));
                walked.len() - 1
            }
        };
        if let Some(d) = d {
            if !walked[i].1.contains(d) {
                walked[i].1.push(d.clone());
            }
        }
    }
    walked.iter_mut().for_each(|(_, d)| d.sort());
    assert!(!walked.is_empty(), "the fixture gives the person titles");
    assert_eq!(card.titles, walked);
    assert_eq!(card.articles.len(), 1);
    assert_eq!(card.articles[0].doc, view.articles[0]);
    assert_eq!(card.first_mentions, view.mentions[..1]);
    // Removing every article leaves no title behind in the index.
    corpus.remove("a");
    corpus.remove("b");
    assert!(corpus.card(&id, 5, 5).is_none());
}

#[test]
fn the_first_line_skips_a_header_standing_alone() {
    let same = Document::new(
        "a".into(),
        " date 2024-05 Sáng 2/5, đoàn công tác làm việc.".into(),
    );
    assert_eq!(same.first_line(), "Sáng 2/5, đoàn công tác làm việc.");
    let alone = Document::new(
        "b".into(),
        " date 2024-05\n\n  Sáng 2/5, đoàn công tác làm việc.\n".into(),
    );
    assert_eq!(alone.first_line(), "Sáng 2/5, đoàn công tác làm việc.");
    let empty = Document::new("c".into(), " date 2024-05\n".into());
    assert_eq!(empty.first_line(), "");
    let no_header = Document::new("d".into(), "Không có dòng ngày\nDòng hai".into());
    assert_eq!(no_header.first_line(), "Không có dòng ngày");
}

#[test]
fn a_corpus_for_checks_finds_what_a_full_one_finds_and_keeps_no_query_keys() {
    let articles = [
        ("a", A),
        ("b", B),
        ("c", C),
        // A misspelt name (one tone mark) and a known title: a cross-article finding.
        (
            "d",
            "date 2024-03 [[Tô Lăm|person:tô lăm|Bộ trưởng Bộ Công an]] phát biểu.",
        ),
    ];
    let full = corpus(&articles);
    let mut lean = Corpus::for_checks();
    for (key, marked) in articles {
        lean.insert_document(doc(key, marked));
    }
    let mut any = false;
    for (key, _) in articles {
        let found = lean.findings(key);
        any |= !found.is_empty();
        assert_eq!(found, full.findings(key), "{key}");
    }
    assert!(any, "the fixture should give a cross-article finding");
    assert!(!full.search("to lam", 10).is_empty());
    assert!(lean.search("to lam", 10).is_empty());
    let card_titles = |c: &Corpus| c.card("person:tô lâm", 5, 5).map(|v| v.titles.len());
    assert!(card_titles(&full) > Some(0));
    assert_eq!(card_titles(&lean), Some(0));
    // Taking an article back works the same without the query keys.
    lean.remove("d");
    assert!(lean.findings("a").iter().eq(full.findings("a").iter()));
}

#[test]
fn similar_people_are_those_sharing_a_neighbour_key_through_edits() {
    // What the index keeps, against the definition: two people are similar
    // when their neighbour keys meet.
    fn check(c: &Corpus) {
        let people: Vec<&Arc<str>> = c
            .index
            .entities
            .iter()
            .filter(|(_, e)| e.kind == Kind::Person)
            .map(|(id, _)| id)
            .collect();
        let keys =
            |id: &str| index::neighbour_keys(&crate::core::text::search_key(index::id_body(id)));
        for a in &people {
            let mut expected: Vec<Arc<str>> = people
                .iter()
                .filter(|b| *b != a && keys(b).iter().any(|k| keys(a).contains(k)))
                .map(|b| (*b).clone())
                .collect();
            expected.sort();
            assert_eq!(c.index.entities.get(*a).unwrap().similar, expected, "{a}");
        }
    }
    let lam = "date 2024-01 [[Tô Lâm|person:tô lâm]].";
    let lam_bare = "date 2024-02 [[Tô Lam|person:tô lam]].";
    let ky = "date 2024-03 [[Nguyễn Xuân Ký|person:nguyễn xuân ký]] và [[Nguyễn Xuân Kí|person:nguyễn xuân kí]].";
    let ha = "date 2024-04 [[Nguyễn Văn Hà|person:nguyễn văn hà]] và [[Nguyễn Văn Hải|person:nguyễn văn hải]] và [[Tô Lâm|person:tô lâm]].";
    let mut c = Corpus::new();
    for (k, t) in [("a", lam), ("b", lam_bare), ("c", ky), ("d", ha)] {
        c.insert_document(doc(k, t));
        check(&c);
    }
    assert_eq!(
        c.index.entities.get("person:tô lâm").unwrap().similar,
        [Arc::<str>::from("person:tô lam")]
    );
    assert_eq!(
        c.index
            .entities
            .get("person:nguyễn văn hà")
            .unwrap()
            .similar,
        [Arc::<str>::from("person:nguyễn văn hải")]
    );
    c.remove("b");
    check(&c);
    assert!(c
        .index
        .entities
        .get("person:tô lâm")
        .unwrap()
        .similar
        .is_empty());
    c.insert_document(doc(
        "d",
        "date 2024-04 [[Nguyễn Văn Hà|person:nguyễn văn hà]].",
    ));
    check(&c);
    assert!(c
        .index
        .entities
        .get("person:nguyễn văn hà")
        .unwrap()
        .similar
        .is_empty());
}

#[test]
fn ranked_articles_order_and_check_as_unranked_ones() {
    let articles = [
        ("b", B),
        ("a", A),
        (
            "d",
            "date 2024-03 [[Tô Lăm|person:tô lăm|Bộ trưởng Bộ Công an]] phát biểu.",
        ),
        ("c", C),
        ("0e", "date 2023-08 [[Tô Lâm|person:tô lâm]] đến."),
    ];
    let plain = corpus(&articles);
    let mut ranked = Corpus::for_checks();
    let mut keys: Vec<&str> = articles.iter().map(|(k, _)| *k).collect();
    keys.sort();
    for (key, marked) in articles {
        let rank = keys.iter().position(|k| *k == key).unwrap() as u32;
        let indexed = Indexed::new(doc(key, marked)).ranked(rank);
        ranked.insert_indexed(indexed);
    }
    let order = |c: &Corpus| -> Vec<String> {
        let e = c.index.entities.get("person:tô lâm").unwrap();
        e.docs.keys().map(|o| o.key.to_string()).collect()
    };
    assert_eq!(order(&ranked), ["0e", "a", "c", "b"]);
    assert_eq!(order(&ranked), order(&plain));
    for (key, _) in articles {
        assert_eq!(ranked.findings(key), plain.findings(key), "{key}");
    }
    assert!(articles.iter().any(|(k, _)| !ranked.findings(k).is_empty()));
}

/// `seedls check` indexes people and documents only: the findings are the
/// same as with every entity indexed, and the places and organisations of
/// the articles are not in its index.
#[test]
fn indexing_for_checks_keeps_the_checked_kinds_and_the_same_findings() {
    let mut full = Corpus::new();
    let mut lean = Corpus::for_checks();
    for (k, t) in RECOGNISED {
        full.insert(Arc::from(k), t.to_string());
        lean.insert_indexed(Indexed::for_checks(Document::new(
            Arc::from(k),
            t.to_string(),
        )));
    }
    let kinds = |c: &Corpus| -> std::collections::BTreeSet<String> {
        c.index
            .entities
            .values()
            .map(|e| format!("{:?}", e.kind))
            .collect()
    };
    assert_eq!(
        kinds(&full),
        ["Document", "Organization", "Person", "Place"]
            .map(String::from)
            .into()
    );
    assert_eq!(
        kinds(&lean),
        ["Document", "Person"].map(String::from).into()
    );
    let mut found = 0;
    for (k, _) in RECOGNISED {
        assert_eq!(lean.findings(k), full.findings(k), "{k}");
        found += lean.findings(k).len();
    }
    assert_eq!(found, 3, "two findings in d, one in b");
}
