//! The built site as a reader and a link checker see it: the pages that exist, the
//! navigation between them, the languages, and links that all resolve.

mod common;
use common::*;
use std::path::{Path, PathBuf};

const LANGS: [(&str, &str); 3] = [("tc", "zh-Hant-HK"), ("sc", "zh-Hans"), ("en", "en")];

/// The main proposal of these tests: number 3, the last of pillar 1, four paragraphs.
const MAIN: &str = "drone-trials";

#[test]
fn the_fixture_description_the_tests_use_matches_the_fixture() {
    // common::PILLARS describes the fixture; its files must say the same.
    let site_yaml = std::fs::read_to_string(repo().join(FIXTURE).join("site.yaml")).unwrap();
    let slugs: Vec<&str> = site_yaml.lines().filter_map(|l| l.trim().strip_prefix("slug: ")).collect();
    assert_eq!(slugs, PILLARS.iter().map(|(slug, _)| *slug).collect::<Vec<_>>(), "the pillars of site.yaml");
    let mut files: Vec<String> =
        std::fs::read_dir(repo().join(FIXTURE).join("proposals")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    let mut expected: Vec<String> = proposals().iter().flat_map(|p| [format!("{}.en.md", p.slug), format!("{}.zh-Hant.md", p.slug)]).collect();
    expected.sort();
    assert_eq!(files, expected, "one file per proposal per authored language");
    let mut pages: Vec<(u32, String, String)> = Vec::new();
    for entry in std::fs::read_dir(repo().join(FIXTURE).join("pages")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let text = std::fs::read_to_string(repo().join(FIXTURE).join("pages").join(&name)).unwrap();
        let field = |key: &str| text.lines().find_map(|l| l.strip_prefix(key)).unwrap_or_else(|| panic!("{name} has no {key}")).to_string();
        let (slug, lang) = name.strip_suffix(".md").unwrap().rsplit_once('.').unwrap();
        let described = SITE_PAGES.iter().position(|(s, _, _)| *s == slug).unwrap_or_else(|| panic!("{name} is not in SITE_PAGES"));
        let title = if lang == "en" { SITE_PAGES[described].2 } else { SITE_PAGES[described].1 };
        assert_eq!(field("title: "), title, "{name}");
        pages.push((field("order: ").parse().unwrap(), slug.to_string(), lang.to_string()));
    }
    pages.sort();
    let expected: Vec<(u32, String, String)> =
        SITE_PAGES.iter().enumerate().flat_map(|(i, (slug, _, _))| ["en", "zh-Hant"].map(|l| (i as u32 + 1, slug.to_string(), l.to_string()))).collect();
    assert_eq!(pages, expected, "one file per page per authored language, in the order SITE_PAGES lists them");
    for p in proposals() {
        for lang in ["zh-Hant", "en"] {
            let text = std::fs::read_to_string(repo().join(FIXTURE).join(format!("proposals/{}.{lang}.md", p.slug))).unwrap();
            let front = format!("---\nnumber: {}\npillar: {}\nslug: {}\n", p.number, p.pillar, p.slug);
            assert!(text.starts_with(&front), "{}.{lang}.md starts with {front:?}", p.slug);
        }
    }
    assert!(PILLARS.iter().all(|(_, list)| !list.is_empty()), "every pillar has a proposal");
}

#[test]
fn every_edition_has_a_home_a_page_per_pillar_and_a_page_per_proposal() {
    let site = fixture_site();
    let pages = html_files(site);
    let (pillars, proposals) = (PILLARS.len(), proposals().len());
    for (prefix, _) in LANGS {
        let count = |kind: &str| pages.iter().filter(|p| p.starts_with(Path::new(prefix).join(kind))).count();
        assert!(pages.contains(&PathBuf::from(format!("{prefix}/index.html"))));
        assert_eq!(count("pillars"), pillars, "{prefix} pillar pages");
        assert_eq!(count("proposals"), proposals, "{prefix} proposal pages");
    }
    assert!(pages.contains(&PathBuf::from("index.html")), "root landing page");
    // Per language: home, full text, search, the pillars, the proposals, a short link per
    // proposal (/en/3/) and the site's own pages; plus the landing page and 404.html.
    assert!(pages.contains(&PathBuf::from("404.html")));
    assert_eq!(pages.len(), 3 * (1 + 1 + 1 + pillars + proposals + proposals + SITE_PAGES.len()) + 2);
}

#[test]
fn pages_declare_their_language() {
    let site = fixture_site();
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
    let site = fixture_site();
    let mut checked = 0;
    let pages = html_files(site);
    for page in &pages {
        let html = parse_page(&site.join(page));
        for el in html.select(&sel("[href], [src]")) {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if url.starts_with('#') || url.contains("://") || url.starts_with("mailto:") || url.starts_with("tel:") {
                continue;
            }
            // 404.html is served at any depth, so it links from the published root path.
            let target = match url.strip_prefix(BASE_PATH) {
                Some(rest) => resolve(Path::new("index.html"), rest),
                None => resolve(page, url),
            };
            assert!(site.join(&target).is_file(), "{}: link {url} → {} does not exist", page.display(), target.display());
            checked += 1;
        }
    }
    // Every page links to its stylesheet, script, icon, the editions, the pillars…
    assert!(checked > 10 * pages.len(), "only {checked} links checked on {} pages", pages.len());
}

#[test]
fn paths_are_the_same_in_every_language_apart_from_the_prefix() {
    let site = fixture_site();
    let under = |prefix: &str| -> Vec<PathBuf> { html_files(site).into_iter().filter_map(|p| p.strip_prefix(prefix).ok().map(Path::to_path_buf)).collect() };
    assert_eq!(under("tc"), under("sc"));
    assert_eq!(under("tc"), under("en"));
    assert!(under("tc").contains(&PathBuf::from(format!("proposals/{MAIN}/index.html"))));
}

#[test]
fn the_language_switcher_goes_to_the_same_page_in_the_other_languages() {
    let site = fixture_site();
    let page = PathBuf::from(format!("en/proposals/{MAIN}/index.html"));
    let html = parse_page(&site.join(&page));
    let targets: Vec<PathBuf> = html.select(&sel("nav.langs a")).map(|a| resolve(&page, a.value().attr("href").unwrap())).collect();
    assert_eq!(targets, vec![PathBuf::from(format!("tc/proposals/{MAIN}/index.html")), PathBuf::from(format!("sc/proposals/{MAIN}/index.html"))]);
    // The name a screen reader reads (a phone shows the short form, `EN`, beside it).
    assert_eq!(texts(&html, "nav.langs [aria-current] .lang-name"), vec!["English"]);
}

#[test]
fn proposal_pages_have_breadcrumbs_and_previous_next_links_in_document_order() {
    let site = fixture_site();
    // Proposal 3 closes pillar 1 and proposal 4 opens pillar 2: the chain crosses the boundary.
    let page = Path::new("tc/proposals/drone-trials/index.html");
    let html = parse_page(&site.join(page));
    let crumbs: Vec<PathBuf> = html.select(&sel("nav.crumbs a")).map(|a| resolve(page, a.value().attr("href").unwrap())).collect();
    assert_eq!(crumbs, vec![PathBuf::from("tc/index.html"), PathBuf::from("tc/pillars/smart-port/index.html")]);
    let next = html.select(&sel("a[rel=next]")).next().expect("a next link");
    assert_eq!(resolve(page, next.value().attr("href").unwrap()), PathBuf::from("tc/proposals/electric-trucks/index.html"));
    assert!(text(next).contains("4. 加快電動貨車普及"), "{}", text(next));
    let prev = html.select(&sel("a[rel=prev]")).next().expect("a previous link");
    assert!(text(prev).contains("2. 資助碼頭自動化改造"), "{}", text(prev));

    let all = proposals();
    let (first, last) = (all[0], all[all.len() - 1]);
    let first_page = parse_page(&site.join(format!("en/proposals/{}/index.html", first.slug)));
    assert!(first_page.select(&sel("a[rel=prev]")).next().is_none(), "proposal 1 has no previous");
    let last_page = parse_page(&site.join(format!("en/proposals/{}/index.html", last.slug)));
    assert!(last_page.select(&sel("a[rel=next]")).next().is_none(), "proposal {} has no next", last.number);
    assert!(last_page.select(&sel("a[rel=prev]")).next().is_some());
}

#[test]
fn the_home_page_shows_title_publisher_date_and_the_pillars_with_their_proposals() {
    let html = parse_page(&fixture_site().join("en/index.html"));
    assert_eq!(texts(&html, ".cover h1"), vec!["Submission on the 2031-32 Budget"]);
    assert_eq!(texts(&html, ".cover .date"), vec!["November 2030"]);
    assert!(texts(&html, ".cover .publisher")[0].contains("Port and Shipping Logistics Chamber"));
    assert!(texts(&html, "main .intro").concat().contains("seven proposals for the 2031-32 Budget"), "the site's intro");
    let cards = texts(&html, ".pillar-card h3");
    assert_eq!(cards.len(), PILLARS.len());
    assert!(cards[2].contains("Nurturing Logistics Talent"), "{}", cards[2]);
    let items = texts(&html, ".pillar-card .toc li");
    assert_eq!(items.len(), proposals().len());
    assert!(items[2].contains("3.") && items[2].contains("Run “Outlying Islands Drone Delivery” Trials"), "{}", items[2]);
}

#[test]
fn pillar_pages_list_their_proposals_with_numbers_and_titles() {
    let html = parse_page(&fixture_site().join("sc/pillars/green-freight/index.html"));
    assert_eq!(texts(&html, "main h1"), vec!["推动绿色货运"]);
    assert_eq!(texts(&html, "main .intro em"), vec!["尽快"], "the pillar's intro, converted, its Markdown rendered");
    let items = texts(&html, "main .toc li");
    assert_eq!(items.len(), PILLARS[1].1.len(), "{items:?}");
    assert!(items[0].starts_with("4.") && items[0].contains("加快电动货车普及"), "{}", items[0]);
    assert!(items[1].starts_with("5.") && items[1].contains("为远洋船舶提供岸电"), "{}", items[1]);
    let first = parse_page(&fixture_site().join("en/pillars/smart-port/index.html"));
    assert!(texts(&first, "main .intro").concat().contains("the foundation of Hong Kong’s logistics industry"), "an English pillar intro");
}

#[test]
fn the_landing_page_links_to_the_three_editions_in_their_languages() {
    let site = fixture_site();
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
    let html = parse_page(&fixture_site().join(format!("en/proposals/{MAIN}/index.html")));
    let ids: Vec<&str> = html.select(&sel("main p.para")).map(|p| p.value().attr("id").unwrap()).collect();
    assert_eq!(ids, ["p3-1", "p3-2", "p3-3", "p3-4"]);
    let numbers = texts(&html, "main p.para .pnum");
    assert_eq!(numbers[2], "3.3");
    let link = html.select(&sel("#p3-3 .pnum")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some("#p3-3"));
}

#[test]
fn english_gets_curly_quotes_and_chinese_keeps_its_own_punctuation() {
    let site = fixture_site();
    let en = parse_page(&site.join(format!("en/proposals/{MAIN}/index.html")));
    let body = texts(&en, "main .body").concat();
    assert!(body.contains('“') && body.contains('”'), "smart quotes in English");
    assert!(!body.contains('"'), "no straight double quotes left in English");
    let tc = parse_page(&site.join(format!("tc/proposals/{MAIN}/index.html")));
    let body = texts(&tc, "main .body").concat();
    assert!(body.contains("「離島無人機配送」") && !body.contains('“'));
}

#[test]
fn simplified_pages_are_converted_but_urls_and_ids_are_not() {
    let site = fixture_site();
    let sc = std::fs::read_to_string(site.join(format!("sc/proposals/{MAIN}/index.html"))).unwrap();
    let tc = std::fs::read_to_string(site.join(format!("tc/proposals/{MAIN}/index.html"))).unwrap();
    let html = parse_page(&site.join(format!("sc/proposals/{MAIN}/index.html")));
    assert_eq!(texts(&html, "main h1").concat().trim(), "3. 开展“离岛无人机配送”试验");
    assert!(texts(&html, "nav.pillars").concat().contains("推动绿色货运"), "navigation converted");
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
    let project = Project::fixture();
    let first = snapshot(&project.build());
    let second = snapshot(&project.build());
    assert_eq!(first.len(), second.len());
    assert!(first == second, "the second build differs from the first");
}
