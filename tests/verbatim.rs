//! The Traditional Chinese edition is the source document, verbatim: following the built
//! site's own links (home → pillars → proposals) and reading its text gives back
//! `tests/source.zh-Hant.txt`, the PDF extract, character for character (whitespace aside).

mod common;
use common::*;

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn traditional_chinese_pages_reproduce_the_source_document() {
    let site = real_site();
    let home_path = std::path::Path::new("tc/index.html");
    let home = parse_page(&site.join(home_path));
    let mut text = String::new();
    for css in [".cover .publisher", ".cover h1"] {
        text.push_str(&texts(&home, css).concat());
    }
    let pillar_links: Vec<String> = home.select(&sel("nav.pillars a")).map(|a| a.value().attr("href").unwrap().to_string()).collect();
    assert_eq!(pillar_links.len(), 4, "the document has four pillars");
    let mut proposals = 0;
    let mut paragraphs = 0;
    for href in pillar_links {
        let pillar_path = resolve(home_path, &href);
        let pillar = parse_page(&site.join(&pillar_path));
        text.push_str(&texts(&pillar, "main h1").concat());
        for a in pillar.select(&sel("main .toc a")) {
            let proposal_path = resolve(&pillar_path, a.value().attr("href").unwrap());
            let page = parse_page(&site.join(&proposal_path));
            text.push_str(&texts(&page, "main h1").concat());
            for p in page.select(&sel("main .body p.para")) {
                text.push_str(&text_without(p, ".pnum"));
                paragraphs += 1;
            }
            proposals += 1;
        }
    }
    text.push_str(&texts(&home, ".cover .date").concat());
    assert_eq!(proposals, 13);
    assert_eq!(paragraphs, 71);

    let source = std::fs::read_to_string(repo().join("tests/source.zh-Hant.txt")).unwrap();
    let (expected, actual) = (without_whitespace(&source), without_whitespace(&text));
    if expected != actual {
        let at = expected.chars().zip(actual.chars()).take_while(|(a, b)| a == b).count();
        let around = |s: &str| s.chars().skip(at.saturating_sub(20)).take(40).collect::<String>();
        panic!("the tc pages differ from the source at character {at}:\n  source: …{}…\n  site:   …{}…", around(&expected), around(&actual));
    }
}

#[test]
fn the_kept_source_copy_is_the_shared_original() {
    // The copy in tests/ must not drift from ../shared/source when that is present.
    let shared = repo().join("../shared/source/cma-budget-2024-25.zh-Hant.txt");
    if let Ok(original) = std::fs::read(&shared) {
        assert_eq!(std::fs::read(repo().join("tests/source.zh-Hant.txt")).unwrap(), original);
    }
}
