//! The search index each edition ships (assets/search-LANG.*.json): every title and
//! paragraph with its anchor, and a Traditional→Simplified folding table, made from the
//! converter's characters and phrases, that makes Chinese queries script-blind. `search`
//! below is the matching rule of themes/default/static/search.js (fold, then substring for
//! Chinese, word prefix otherwise), so these tests show the index answers the queries
//! readers type.

mod common;
use common::*;
use std::collections::BTreeMap;

struct Index {
    cjk: bool,
    fold: BTreeMap<char, char>,
    records: Vec<(u32, String, String)>, // (proposal, anchor, text)
}

fn index(prefix: &str) -> Index {
    let dir = fixture_site().join("assets");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("search-{prefix}.")))
        .unwrap_or_else(|| panic!("no search index for {prefix}"));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    Index {
        cjk: json["cjk"].as_bool().unwrap(),
        fold: json["fold"].as_object().unwrap().iter().map(|(k, v)| (k.chars().next().unwrap(), v.as_str().unwrap().chars().next().unwrap())).collect(),
        records: json["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["n"].as_u64().unwrap() as u32, r["a"].as_str().unwrap().to_string(), r["x"].as_str().unwrap().to_string()))
            .collect(),
    }
}

impl Index {
    fn normalise(&self, text: &str) -> String {
        let folded: String = text.chars().map(|c| *self.fold.get(&c).unwrap_or(&c)).collect();
        if self.cjk {
            folded
        } else {
            folded.to_lowercase()
        }
    }

    /// The anchors (or `title N`) of the records matching `query`, as search.js finds them.
    fn search(&self, query: &str) -> Vec<String> {
        let terms: Vec<String> = self.normalise(query).split_whitespace().map(str::to_string).collect();
        self.records
            .iter()
            .filter(|(_, _, text)| {
                let text = self.normalise(text);
                terms.iter().all(|term| {
                    text.match_indices(term.as_str()).any(|(at, _)| self.cjk || at == 0 || !text[..at].chars().next_back().is_some_and(char::is_alphanumeric))
                })
            })
            .map(|(n, a, _)| if a.is_empty() { format!("title {n}") } else { a.clone() })
            .collect()
    }
}

#[test]
fn every_title_and_paragraph_is_indexed_with_its_anchor() {
    for prefix in ["tc", "sc", "en"] {
        let index = index(prefix);
        // Each numbered paragraph, and the lists, tables and notes that belong to it.
        let paragraphs = index.records.iter().filter(|(_, a, _)| a.starts_with('p')).map(|(_, a, _)| a).collect::<std::collections::BTreeSet<_>>().len();
        let titles = index.records.iter().filter(|(_, a, _)| a.is_empty()).count();
        assert_eq!((paragraphs, titles), (paragraph_total(), proposals().len()), "{prefix}");
    }
    let tc = index("tc");
    let (_, anchor, text) = tc.records.iter().find(|(_, a, _)| a == "p3-3").unwrap();
    assert_eq!(anchor, "p3-3");
    assert!(text.starts_with("試驗應優先運送藥物"), "{text}");
    // The Chinese lines wrapped in the source are joined in the index too.
    assert!(text.contains("能夠及時取得所需的藥物"), "{text}");
}

#[test]
fn chinese_queries_of_one_or_more_characters_find_the_passages_that_contain_them() {
    let tc = index("tc");
    let found = tc.search("無人機");
    assert!(found.contains(&"title 3".to_string()) && found.contains(&"p3-1".to_string()), "{found:?}");
    assert!(found.iter().all(|a| a == "title 3" || a.starts_with("p3-")), "only proposal 3 speaks of 無人機: {found:?}");
    assert!(tc.search("機").len() > found.len(), "a single character works too");
    // 離島 in the title, in 3.1 (離島居民, 離島物流) and in the trial's name in 3.2.
    assert_eq!(tc.search("離島"), ["title 3", "p3-1", "p3-2"]);
}

#[test]
fn simplified_queries_find_traditional_text_and_the_other_way_round() {
    let tc = index("tc");
    let trucks = tc.search("电动货车");
    assert_eq!(trucks, ["title 4", "p4-1", "p4-2"]);
    assert_eq!(trucks, tc.search("電動貨車"), "either script gives the same results");
    let sc = index("sc");
    assert_eq!(sc.search("充電樁"), ["p4-2"]);
    assert_eq!(sc.search("充电桩"), ["p4-2"]);
    assert!(tc.fold.get(&'電') == Some(&'电') && tc.fold.get(&'樁') == Some(&'桩'), "the folding table covers the text");
    assert!(index("en").fold.is_empty(), "English needs no folding");
}

#[test]
fn phrase_conversions_fold_too_so_either_script_finds_either_edition() {
    // 6.2 of the fixture: 藉此 and 復甦, which the converter makes 借此 and 复苏 as phrases
    // (藉 and 甦 alone stay as they are).
    let (tc, sc) = (index("tc"), index("sc"));
    let text = |index: &Index| index.records.iter().find(|(_, a, _)| a == "p6-2").unwrap().2.clone();
    assert!(text(&tc).contains("藉此紓緩人手短缺，支持業界復甦"), "{}", text(&tc));
    assert!(text(&sc).contains("借此纾缓人手短缺，支持业界复苏"), "{}", text(&sc));
    for query in ["复苏", "復甦", "借此", "藉此", "借此紓緩", "支持业界复苏"] {
        assert_eq!(tc.search(query), ["p6-2"], "{query} on tc");
        assert_eq!(sc.search(query), ["p6-2"], "{query} on sc");
    }
    assert_eq!(tc.search("甦"), ["p6-2"], "one character of a phrase still finds it");
    // Quotation marks fold as the Simplified edition writes them (the fixture's `quotes: curly`).
    for index in [&tc, &sc] {
        assert_eq!(index.search("「離島無人機配送」"), ["title 3", "p3-2"]);
        assert_eq!(index.search("“离岛无人机配送”"), ["title 3", "p3-2"]);
    }
}

#[test]
fn folding_once_is_enough() {
    // search.js folds each character once: what a character folds to folds no further.
    for prefix in ["tc", "sc"] {
        let index = index(prefix);
        for (from, to) in &index.fold {
            assert!(!index.fold.contains_key(to), "{prefix}: {from} → {to} → {}", index.fold[to]);
        }
    }
}

#[test]
fn english_matches_words_by_prefix() {
    let en = index("en");
    // “electric” in 4's title, 4.1 and 4.2; “electricity” in 5.1 and 5.3.
    let electric = en.search("electric");
    assert_eq!(electric, ["title 4", "p4-1", "p4-2", "p5-1", "p5-3"]);
    assert!(
        en.records.iter().any(|(_, a, x)| electric.contains(a) && x.contains("electricity") && !x.to_lowercase().contains("electric ")),
        "“electric” finds “electricity”"
    );
    assert!(en.search("lectric").is_empty(), "but not the middle of a word");
    // 5.1 twice: its own text, and the quotation that belongs to it.
    assert_eq!(en.search("Shore Power"), ["title 5", "p5-1", "p5-1", "p5-2", "p5-3"], "every word, in any case");
    assert!(en.search("drone").contains(&"title 3".to_string()));
    assert!(en.search("zzzz").is_empty());
}
