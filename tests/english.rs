//! The English edition: complete (aligned paragraph for paragraph with the Chinese), free
//! of Chinese characters outside deliberate bilingual names, and using the official names
//! of `tests/glossary.tsv` wherever the Chinese text uses them.

mod common;
use common::*;
use std::collections::BTreeMap;

struct Entry {
    zh: Vec<String>,
    en: Vec<String>,
}

fn glossary() -> Vec<Entry> {
    let text = std::fs::read_to_string(repo().join("tests/glossary.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (zh, en) = l.split_once('\t').unwrap_or_else(|| panic!("glossary line without a TAB: {l}"));
            Entry {
                zh: zh.split('|').map(|s| s.chars().filter(|c| !c.is_whitespace()).collect()).collect(),
                en: en.split('|').map(|s| s.trim().to_lowercase()).collect(),
            }
        })
        .collect()
}

/// Body (after the front matter) and title of a content file.
fn body_and_title(path: &std::path::Path) -> (String, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut parts = text.splitn(3, "---\n");
    parts.next();
    let front = parts.next().unwrap();
    let title = front.lines().find_map(|l| l.strip_prefix("title: ")).unwrap_or("").to_string();
    (parts.next().unwrap().to_string(), title)
}

fn slugs() -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(repo().join("content/proposals"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".zh-Hant.md").map(str::to_string))
        .collect();
    slugs.sort();
    slugs
}

/// The glossary entries a Chinese text uses, taking the longest form at each position.
fn names_used<'a>(zh: &str, glossary: &'a [Entry]) -> BTreeMap<usize, &'a Entry> {
    let chars: Vec<char> = zh.chars().filter(|c| !c.is_whitespace()).collect();
    let forms: Vec<(Vec<char>, usize)> = glossary.iter().enumerate().flat_map(|(i, e)| e.zh.iter().map(move |f| (f.chars().collect(), i))).collect();
    let mut used = BTreeMap::new();
    let mut at = 0;
    while at < chars.len() {
        let best = forms.iter().filter(|(f, _)| chars[at..].starts_with(f)).max_by_key(|(f, _)| f.len());
        match best {
            Some((form, i)) => {
                used.insert(*i, &glossary[*i]);
                at += form.len();
            }
            None => at += 1,
        }
    }
    used
}

#[test]
fn every_glossary_name_a_proposal_uses_appears_in_its_english_form() {
    let glossary = glossary();
    assert!(glossary.len() > 60);
    let mut missing = Vec::new();
    let mut checked = 0;
    for slug in slugs() {
        let (zh, _) = body_and_title(&repo().join(format!("content/proposals/{slug}.zh-Hant.md")));
        let (en, title) = body_and_title(&repo().join(format!("content/proposals/{slug}.en.md")));
        let en = format!("{title}\n{en}").replace('*', "").to_lowercase();
        for entry in names_used(&zh, &glossary).values() {
            checked += 1;
            if !entry.en.iter().any(|form| en.contains(form.as_str())) {
                missing.push(format!("{slug}: {} → {}", entry.zh.join("/"), entry.en.join(" | ")));
            }
        }
    }
    assert!(checked > 100, "only {checked} uses checked");
    assert!(missing.is_empty(), "official names missing from the English text:\n{}", missing.join("\n"));
}

#[test]
fn the_glossary_check_notices_a_missing_name() {
    let glossary = glossary();
    let used = names_used("位於河套區的港深創科園以「產學研 1+計劃」", &glossary);
    let mut forms: Vec<&str> = used.values().map(|e| e.en[0].as_str()).collect();
    forms.sort();
    // 產學研 inside the scheme's name is not counted on its own, nor 河套 inside 河套區.
    assert_eq!(forms, ["hong kong-shenzhen innovation and technology park", "lok ma chau loop", "research, academic and industry sectors one-plus scheme"]);
}

#[test]
fn english_proposal_pages_have_as_many_paragraphs_as_the_chinese_ones() {
    let site = real_site();
    for slug in slugs() {
        let count = |lang: &str| parse_page(&site.join(format!("{lang}/proposals/{slug}/index.html"))).select(&sel("main p.para")).count();
        assert_eq!(count("en"), count("tc"), "{slug}");
        assert!(count("en") > 0, "{slug} has an English text");
    }
}

#[test]
fn english_pages_have_no_chinese_characters_outside_the_language_switcher() {
    let site = real_site();
    let cjk = |c: char| markdown_wide(c);
    for page in html_files(site).into_iter().filter(|p| p.starts_with("en")) {
        let html = parse_page(&site.join(&page));
        let body = html.select(&sel("body")).next().unwrap();
        let visible = text_without(body, "nav.langs");
        let title = texts(&html, "title").concat();
        let found: String = format!("{title}{visible}").chars().filter(|&c| cjk(c)).collect();
        assert!(found.is_empty(), "{}: Chinese characters {found:?}", page.display());
    }
}

fn markdown_wide(c: char) -> bool {
    microsite::text::markdown::is_wide(c)
}
