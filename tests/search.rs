//! The search index each edition ships (assets/search-LANG.*.json): every title and
//! paragraph with its anchor, and a Traditional→Simplified folding table that makes Chinese
//! queries script-blind. `matches` below is the matching rule of themes/default/static/
//! search.js (substring for Chinese, word prefix otherwise), so these tests show the index
//! answers the queries readers type.

mod common;
use common::*;
use std::collections::BTreeMap;

struct Index {
    cjk: bool,
    fold: BTreeMap<char, char>,
    records: Vec<(u32, String, String)>, // (proposal, anchor, text)
}

fn index(prefix: &str) -> Index {
    let dir = real_site().join("assets");
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
        let paragraphs = index.records.iter().filter(|(_, a, _)| !a.is_empty()).count();
        let titles = index.records.iter().filter(|(_, a, _)| a.is_empty()).count();
        assert_eq!((paragraphs, titles), (71, 13), "{prefix}");
    }
    let tc = index("tc");
    let (_, anchor, text) = tc.records.iter().find(|(_, a, _)| a == "p6-3").unwrap();
    assert_eq!(anchor, "p6-3");
    assert!(text.starts_with("除了投入政策資源"), "{text}");
}

#[test]
fn chinese_queries_of_one_or_more_characters_find_the_passages_that_contain_them() {
    let tc = index("tc");
    let found = tc.search("中試");
    assert!(found.contains(&"title 6".to_string()) && found.contains(&"p6-1".to_string()), "{found:?}");
    assert!(found.iter().all(|a| a.contains('6')), "only proposal 6 speaks of 中試: {found:?}");
    assert!(tc.search("試").len() >= found.len(), "a single character works too");
    // Korea's 食品產業園 in 4.1 and the proposed 「香港食品產業園區」 in 4.5.
    assert_eq!(tc.search("食品產業園"), ["title 4", "p4-1", "p4-5"]);
}

#[test]
fn simplified_queries_find_traditional_text_and_the_other_way_round() {
    let tc = index("tc");
    let night = tc.search("夜间经济");
    assert!(night.contains(&"title 10".to_string()) && night.contains(&"p10-1".to_string()), "{night:?}");
    assert_eq!(night, tc.search("夜間經濟"), "either script gives the same results");
    let sc = index("sc");
    assert_eq!(sc.search("碳標籤"), ["p11-2"]);
    assert_eq!(sc.search("碳标签"), ["p11-2"]);
    assert!(tc.fold.get(&'經') == Some(&'经') && tc.fold.get(&'籤') == Some(&'签'), "the folding table covers the text");
    assert!(index("en").fold.is_empty(), "English needs no folding");
}

#[test]
fn english_matches_words_by_prefix() {
    let en = index("en");
    let industrial = en.search("industrial");
    assert!(industrial.len() > 20, "{}", industrial.len());
    assert!(
        en.records.iter().any(|(_, a, x)| industrial.contains(a) && x.contains("industrialisation") && !x.to_lowercase().contains("industrial ")),
        "“industrial” finds “industrialisation”"
    );
    assert!(en.search("dustrial").is_empty(), "but not the middle of a word");
    let gba = en.search("Greater Bay Area");
    assert!(gba.contains(&"p3-5".to_string()) || gba.iter().any(|a| a.starts_with("p3-")), "{gba:?}");
    assert!(en.search("pilot").contains(&"title 6".to_string()));
    assert!(en.search("zzzz").is_empty());
}
