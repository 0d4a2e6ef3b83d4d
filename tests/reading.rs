//! The editions as a reader gets them, read through their own links: the `/tc/` pages give
//! back the fixture's Traditional Chinese text whole and in order (nothing dropped, doubled
//! or moved on the way from Markdown to page), and the English pages carry no Chinese
//! characters outside the language switcher.

mod common;
use common::*;
use std::path::Path;

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn traditional_chinese_pages_read_through_their_links_give_back_the_authored_text() {
    let site = fixture_site();
    let home_path = Path::new("tc/index.html");
    let home = parse_page(&site.join(home_path));
    let mut text = String::new();
    for css in [".cover .publisher", ".cover h1", ".cover .date", "main .intro"] {
        text.push_str(&texts(&home, css).concat());
    }
    let pillar_links: Vec<String> = home.select(&sel("nav.pillars a")).map(|a| a.value().attr("href").unwrap().to_string()).collect();
    assert_eq!(pillar_links.len(), PILLARS.len(), "a link to each pillar");
    let (mut proposals_read, mut paragraphs) = (0, 0);
    for href in pillar_links {
        let pillar_path = resolve(home_path, &href);
        let pillar = parse_page(&site.join(&pillar_path));
        for css in ["main h1", "main .intro"] {
            text.push_str(&texts(&pillar, css).concat());
        }
        for a in pillar.select(&sel("main .toc a")) {
            let proposal_path = resolve(&pillar_path, a.value().attr("href").unwrap());
            let page = parse_page(&site.join(&proposal_path));
            text.push_str(&texts(&page, "main h1").concat());
            let body = page.select(&sel("main .body")).next().unwrap_or_else(|| panic!("{}: a body", proposal_path.display()));
            text.push_str(&text_without(body, ".pnum, .fnback"));
            paragraphs += body.select(&sel("p.para")).count();
            proposals_read += 1;
        }
    }
    assert_eq!(proposals_read, proposals().len());
    assert_eq!(paragraphs, paragraph_total());

    let source = std::fs::read_to_string(repo().join("tests/fixtures/site.zh-Hant.txt")).unwrap();
    let source: String = source.lines().filter(|l| !l.starts_with('#')).collect();
    let (expected, actual) = (without_whitespace(&source), without_whitespace(&text));
    if expected != actual {
        let at = expected.chars().zip(actual.chars()).take_while(|(a, b)| a == b).count();
        let around = |s: &str| s.chars().skip(at.saturating_sub(20)).take(40).collect::<String>();
        panic!("the tc pages differ from the fixture's text at character {at}:\n  text: …{}…\n  site: …{}…", around(&expected), around(&actual));
    }
}

/// CJK ideographs, kana, hangul and full-width punctuation.
fn chinese(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// The Chinese characters a reader sees on a page (its title and body), outside `skip`.
fn chinese_on(site: &Path, page: &Path, skip: &str) -> String {
    let html = parse_page(&site.join(page));
    let body = html.select(&sel("body")).next().unwrap();
    let visible = text_without(body, skip);
    let title = texts(&html, "title").concat();
    format!("{title}{visible}").chars().filter(|&c| chinese(c)).collect()
}

#[test]
fn english_pages_have_no_chinese_characters_outside_the_language_switcher() {
    let site = fixture_site();
    let pages = html_files(site);
    let english: Vec<_> = pages.iter().filter(|p| p.starts_with("en")).collect();
    assert_eq!(english.len(), pages.iter().filter(|p| p.starts_with("tc")).count(), "every page of the edition");
    for page in english {
        let found = chinese_on(site, page, "nav.langs");
        assert!(found.is_empty(), "{}: Chinese characters {found:?}", page.display());
    }
    // The switcher names the Chinese editions in their own script: what the test would see
    // (each by its short name, 繁, which a phone shows, then its full name).
    assert_eq!(chinese_on(site, Path::new("en/index.html"), "head"), "繁繁體中文简简体中文");
}
