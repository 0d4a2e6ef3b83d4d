//! The built site as a reader and a link checker see it: the pages that exist, the
//! navigation between them, the languages, and links that all resolve.

mod common;
use common::*;
use std::path::{Path, PathBuf};

const LANGS: [(&str, &str); 3] = [("tc", "zh-Hant-HK"), ("sc", "zh-Hans"), ("en", "en")];

#[test]
fn every_edition_has_a_home_four_pillar_pages_and_thirteen_proposal_pages() {
    let site = real_site();
    let pages = html_files(site);
    for (prefix, _) in LANGS {
        let count = |kind: &str| pages.iter().filter(|p| p.starts_with(Path::new(prefix).join(kind))).count();
        assert!(pages.contains(&PathBuf::from(format!("{prefix}/index.html"))));
        assert_eq!(count("pillars"), 4, "{prefix} pillar pages");
        assert_eq!(count("proposals"), 13, "{prefix} proposal pages");
    }
    assert!(pages.contains(&PathBuf::from("index.html")), "root landing page");
    // Per language: home, full text, search, 4 pillars, 13 proposals and 13 short links
    // (/en/6/); plus the landing page and 404.html.
    assert!(pages.contains(&PathBuf::from("404.html")));
    assert_eq!(pages.len(), 3 * (1 + 1 + 1 + 4 + 13 + 13) + 2);
}

#[test]
fn pages_declare_their_language() {
    let site = real_site();
    for (prefix, lang) in LANGS {
        for page in html_files(site).iter().filter(|p| p.starts_with(prefix)) {
            let html = parse_page(&site.join(page));
            let root = html.select(&sel("html")).next().unwrap();
            assert_eq!(root.value().attr("lang"), Some(lang), "{}", page.display());
        }
    }
}

#[test]
fn every_link_and_asset_on_every_page_resolves_to_a_built_file() {
    let site = real_site();
    let mut checked = 0;
    for page in html_files(site) {
        let html = parse_page(&site.join(&page));
        for el in html.select(&sel("[href], [src]")) {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if url.starts_with('#') || url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            // 404.html is served at any depth, so it links from the published root path.
            let target = match url.strip_prefix("/budget/2024-25/") {
                Some(rest) => resolve(Path::new("index.html"), rest),
                None => resolve(&page, url),
            };
            assert!(site.join(&target).is_file(), "{}: link {url} → {} does not exist", page.display(), target.display());
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn paths_are_the_same_in_every_language_apart_from_the_prefix() {
    let site = real_site();
    let under = |prefix: &str| -> Vec<PathBuf> { html_files(site).into_iter().filter_map(|p| p.strip_prefix(prefix).ok().map(Path::to_path_buf)).collect() };
    assert_eq!(under("tc"), under("sc"));
    assert_eq!(under("tc"), under("en"));
    assert!(under("tc").contains(&PathBuf::from("proposals/pilot-bases/index.html")));
}

#[test]
fn the_language_switcher_goes_to_the_same_page_in_the_other_languages() {
    let site = real_site();
    let page = Path::new("en/proposals/pilot-bases/index.html");
    let html = parse_page(&site.join(page));
    let targets: Vec<PathBuf> = html.select(&sel("nav.langs a")).map(|a| resolve(page, a.value().attr("href").unwrap())).collect();
    assert_eq!(targets, vec![PathBuf::from("tc/proposals/pilot-bases/index.html"), PathBuf::from("sc/proposals/pilot-bases/index.html")]);
    assert_eq!(texts(&html, "nav.langs [aria-current]"), vec!["English"]);
}

#[test]
fn proposal_pages_have_breadcrumbs_and_previous_next_links_in_document_order() {
    let site = real_site();
    // Proposal 4 closes pillar 1 and proposal 5 opens pillar 2: the chain crosses the boundary.
    let page = Path::new("tc/proposals/food-industrial-park/index.html");
    let html = parse_page(&site.join(page));
    let crumbs: Vec<PathBuf> = html.select(&sel("nav.crumbs a")).map(|a| resolve(page, a.value().attr("href").unwrap())).collect();
    assert_eq!(crumbs, vec![PathBuf::from("tc/index.html"), PathBuf::from("tc/pillars/new-industrialisation/index.html")]);
    let next = html.select(&sel("a[rel=next]")).next().expect("a next link");
    assert_eq!(resolve(page, next.value().attr("href").unwrap()), PathBuf::from("tc/proposals/demand-driven-innovation/index.html"));
    assert!(text(next).contains("5. 構建需求導向的創新機制"), "{}", text(next));
    let prev = html.select(&sel("a[rel=prev]")).next().expect("a previous link");
    assert!(text(prev).contains("3. 打造「香港優勢工業高地」"));

    let first = parse_page(&site.join("en/proposals/industrial-blueprint/index.html"));
    assert!(first.select(&sel("a[rel=prev]")).next().is_none(), "proposal 1 has no previous");
    let last = parse_page(&site.join("en/proposals/mainland-domestic-sales/index.html"));
    assert!(last.select(&sel("a[rel=next]")).next().is_none(), "proposal 13 has no next");
}

#[test]
fn the_home_page_shows_title_publisher_date_and_the_pillars_with_their_proposals() {
    let html = parse_page(&real_site().join("en/index.html"));
    assert_eq!(texts(&html, ".cover h1"), vec!["Proposals for the 2024-25 Budget"]);
    assert_eq!(texts(&html, ".cover .date"), vec!["December 2023"]);
    assert!(texts(&html, ".cover .publisher")[0].contains("Chinese Manufacturers"));
    let cards = texts(&html, ".pillar-card h3");
    assert_eq!(cards.len(), 4);
    assert!(cards[3].contains("Deepening Greater Bay Area Cooperation"));
    let items = texts(&html, ".pillar-card .toc li");
    assert_eq!(items.len(), 13);
    assert!(items[5].contains("6.") && items[5].contains("Build Twin Bases for"), "{}", items[5]);
}

#[test]
fn pillar_pages_list_their_proposals_with_numbers_and_titles() {
    let html = parse_page(&real_site().join("sc/pillars/economy/index.html"));
    assert_eq!(texts(&html, "main h1"), vec!["稳经济激发动能"]);
    let items = texts(&html, "main .toc li");
    assert_eq!(items.len(), 5, "{items:?}");
    assert!(items[0].starts_with("7.") && items[0].contains("加大力度提振内需"), "{}", items[0]);
    assert!(items[4].starts_with("11.") && items[4].contains("推动中小企低碳转型"));
}

#[test]
fn the_landing_page_links_to_the_three_editions_in_their_languages() {
    let site = real_site();
    let html = parse_page(&site.join("index.html"));
    let editions: Vec<(String, String)> = html
        .select(&sel(".editions li"))
        .map(|li| (li.value().attr("lang").unwrap().to_string(), li.select(&sel("a")).next().unwrap().value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(editions, vec![("zh-Hant-HK".into(), "tc/".into()), ("zh-Hans".into(), "sc/".into()), ("en".into(), "en/".into())]);
    assert!(texts(&html, ".editions .enter").contains(&"阅读简体中文版".to_string()));
}

#[test]
fn proposal_paragraphs_carry_structural_ids_and_numbers() {
    let html = parse_page(&real_site().join("en/proposals/pilot-bases/index.html"));
    let ids: Vec<&str> = html.select(&sel("main p.para")).map(|p| p.value().attr("id").unwrap()).collect();
    assert_eq!(ids, ["p6-1", "p6-2", "p6-3", "p6-4", "p6-5", "p6-6", "p6-7"]);
    let numbers = texts(&html, "main p.para .pnum");
    assert_eq!(numbers[2], "6.3");
    let link = html.select(&sel("#p6-3 .pnum")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some("#p6-3"));
}

#[test]
fn english_gets_curly_quotes_and_chinese_keeps_its_own_punctuation() {
    let site = real_site();
    let en = parse_page(&site.join("en/proposals/pilot-bases/index.html"));
    let body = texts(&en, "main .body").concat();
    assert!(body.contains('“') && body.contains('”'), "smart quotes in English");
    assert!(!body.contains('"'), "no straight double quotes left in English");
    let tc = parse_page(&site.join("tc/proposals/pilot-bases/index.html"));
    let body = texts(&tc, "main .body").concat();
    assert!(body.contains("「港版中試」") && !body.contains('“'));
}

#[test]
fn simplified_pages_are_converted_but_urls_and_ids_are_not() {
    let site = real_site();
    let sc = std::fs::read_to_string(site.join("sc/proposals/pilot-bases/index.html")).unwrap();
    let tc = std::fs::read_to_string(site.join("tc/proposals/pilot-bases/index.html")).unwrap();
    let html = parse_page(&site.join("sc/proposals/pilot-bases/index.html"));
    assert_eq!(texts(&html, "main h1").concat().trim(), "6. 建设「港版中试」双基地");
    assert!(texts(&html, "nav.pillars").concat().contains("提升大湾区合作"), "navigation converted");
    assert!(texts(&html, ".skip").concat().contains("跳至正文"));
    assert!(texts(&html, "nav.crumbs").concat().contains("主页"), "UI strings converted");
    assert!(!sc.contains("為") && tc.contains("為"), "no Traditional 為 left on the sc page");
    // The structure is the same: same ids, same links apart from the language prefix.
    let ids = |h: &str| -> Vec<String> { parse_page_str(h).select(&sel("[id]")).map(|e| e.value().attr("id").unwrap().to_string()).collect() };
    assert_eq!(ids(&sc), ids(&tc));
    // The switcher still names Traditional Chinese in Traditional characters.
    assert!(texts(&html, "nav.langs").concat().contains("繁體中文"));
}

fn parse_page_str(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

#[test]
fn two_builds_of_the_same_content_are_byte_identical() {
    let project = Project::real();
    let first = snapshot(&project.build());
    let second = snapshot(&project.build());
    assert_eq!(first.len(), second.len());
    assert!(first == second, "the second build differs from the first");
}
