//! Editions: one site holding several submissions (`tests/fixtures/editions/content`), each
//! in a folder of its own (`content/2031-32/`, with its `edition.yaml` and proposals) and
//! published under its own segment (`2031-32/index.html`, `2031-32/{tc,sc,en}/…`), with an
//! archive of them all at the root, `latest/` redirecting to the newest, the site-wide files
//! once at the root, links between editions, and each kind of bad input.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The language prefixes, their `html_lang`, and their index in the texts below.
const LANGS: [(&str, &str); 3] = [("tc", "zh-Hant-HK"), ("sc", "zh-Hans"), ("en", "en")];

/// The site's `base_url` in the fixture's `site.yaml`, and its path.
const BASE: &str = "https://example.org/submissions/";
const BASE_PATH: &str = "/submissions/";

/// The site's own pages (`content/pages/`, not an edition), by slug: at the site's root.
const SITE_PAGES: [&str; 2] = ["about", "privacy"];

/// The site's title (`title:` of `site.yaml`) in tc, sc (converted) and en.
const SITE_TITLE: [&str; 3] = ["晨星工商會財政預算案意見書", "晨星工商会财政预算案意见书", "Morningstar Chamber Budget Submissions"];

/// An edition of the fixture as the tests know it.
struct Edition {
    /// The folder's name, and the URL segment.
    name: &'static str,
    /// `title` and `date` in tc, sc (converted) and en.
    title: [&'static str; 3],
    date: [&'static str; 3],
    /// The pillars in order, each with its proposals (numbered 1, 2… across the pillars):
    /// (slug, number of paragraphs).
    pillars: &'static [(&'static str, &'static [(&'static str, usize)])],
    /// Former slugs (`aliases:` in the Traditional Chinese file): (slug, alias).
    aliases: &'static [(&'static str, &'static str)],
}

/// The fixture's editions, newest first (the order of the archive). `the_fixture_description_
/// matches_the_fixture` checks this against the files.
const EDITIONS: [Edition; 2] = [
    Edition {
        name: "2031-32",
        title: ["2031-32 年度財政預算案建議書", "2031-32 年度财政预算案建议书", "Proposals for the 2031-32 Budget"],
        date: ["2030 年 12 月", "2030 年 12 月", "December 2030"],
        pillars: &[
            ("digital-trade", &[("trade-single-window", 3), ("e-invoicing-phase-two", 2)]),
            ("green-industry", &[("solar-rooftops", 3)]),
            ("skills", &[("apprentice-credits", 2)]),
        ],
        aliases: &[("trade-single-window", "single-window")],
    },
    Edition {
        name: "2030-31",
        title: ["2030-31 年度財政預算案建議書", "2030-31 年度财政预算案建议书", "Proposals for the 2030-31 Budget"],
        date: ["2029 年 12 月", "2029 年 12 月", "December 2029"],
        pillars: &[("digital-trade", &[("e-invoicing", 3), ("sme-cloud-vouchers", 2)]), ("skills", &[("evening-courses", 3)])],
        aliases: &[],
    },
];

const NEWEST: &Edition = &EDITIONS[0];
const OLDER: &Edition = &EDITIONS[1];

/// The English titles of each edition's proposals, in document order (for the search index).
const EN_TITLES: [&[&str]; 2] = [
    &[
        "Extend the Trade Single Window",
        "Take Electronic Invoicing to Its Second Phase",
        "Install Solar Panels on Industrial Building Rooftops",
        "Introduce Tax Deductions for Apprentice Training",
    ],
    &["Introduce Electronic Invoicing for Cross-boundary Trade", "Launch Cloud Service Vouchers for SMEs", "Subsidise Evening Courses for Working People"],
];

/// The proposal of the newest edition that links to a paragraph of the older one
/// (`@/2030-31/proposals/e-invoicing.md#p1-2`), in both authored languages.
const CROSS: &str = "e-invoicing-phase-two";
const CROSS_ZH: &str = "content/2031-32/proposals/e-invoicing-phase-two.zh-Hant.md";
const CROSS_EN: &str = "content/2031-32/proposals/e-invoicing-phase-two.en.md";
/// The proposal of the newest edition that links to a paragraph of its own edition
/// (`@/proposals/trade-single-window.md#p1-3`).
const OWN: &str = "apprentice-credits";
const OWN_EN: &str = "content/2031-32/proposals/apprentice-credits.en.md";

/// A proposal of an edition: (number, slug, pillar, paragraphs).
fn proposals_of(e: &Edition) -> Vec<(u32, &'static str, &'static str, usize)> {
    e.pillars
        .iter()
        .flat_map(|(pillar, list)| list.iter().map(move |(slug, paragraphs)| (*pillar, *slug, *paragraphs)))
        .enumerate()
        .map(|(i, (pillar, slug, paragraphs))| (i as u32 + 1, slug, pillar, paragraphs))
        .collect()
}

/// The pages of an edition in one language: home, full text, search, a page per pillar
/// and per proposal, a short link per proposal, and a redirect per alias.
fn pages_per_language(e: &Edition) -> usize {
    let proposals = proposals_of(e).len();
    3 + e.pillars.len() + proposals + proposals + e.aliases.len()
}

/// The pages of an edition in one language, as paths relative to the site root.
fn language_pages(e: &Edition, prefix: &str) -> Vec<PathBuf> {
    let dir = format!("{}/{prefix}", e.name);
    let mut pages: Vec<PathBuf> = ["", "full/", "search/"].iter().map(|p| PathBuf::from(format!("{dir}/{p}index.html"))).collect();
    pages.extend(e.pillars.iter().map(|(slug, _)| PathBuf::from(format!("{dir}/pillars/{slug}/index.html"))));
    for (number, slug, _, _) in proposals_of(e) {
        pages.push(PathBuf::from(format!("{dir}/proposals/{slug}/index.html")));
        pages.push(PathBuf::from(format!("{dir}/{number}/index.html")));
    }
    pages.extend(e.aliases.iter().map(|(_, alias)| PathBuf::from(format!("{dir}/proposals/{alias}/index.html"))));
    pages
}

/// A redirect page of edition `e`: a short link (`NAME/LANG/N/index.html`) or an alias
/// (`NAME/LANG/proposals/OLD/index.html`).
fn is_redirect(e: &Edition, page: &Path) -> bool {
    let folder = page.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    folder.bytes().all(|b| b.is_ascii_digit()) || e.aliases.iter().any(|(_, alias)| *alias == folder)
}

/// The HTML files of the built site, as paths relative to it.
fn pages() -> Vec<PathBuf> {
    html_files(editions_site())
}

fn page(rel: &str) -> scraper::Html {
    parse_page(&editions_site().join(rel))
}

/// Where the first link of `links` into `target` is.
fn first_link_to(links: &[PathBuf], target: &Path) -> usize {
    links.iter().position(|l| l == target).unwrap_or_else(|| panic!("no link to {}: {links:?}", target.display()))
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("no {needle:?} in {text:?}"))
}

#[test]
fn the_fixture_description_matches_the_fixture() {
    let content = repo().join(EDITIONS_FIXTURE);
    let site_yaml = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    assert!(!site_yaml.lines().any(|l| l.starts_with("pillars:")), "the editions layout: no pillars in site.yaml");
    assert!(site_yaml.contains(&format!("base_url: {BASE}")));
    for title in [SITE_TITLE[0], SITE_TITLE[2]] {
        assert!(site_yaml.contains(title), "site.yaml has the title {title}");
    }
    let mut folders: Vec<String> = std::fs::read_dir(&content)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|name| name != "pages")
        .collect();
    folders.sort();
    folders.reverse();
    assert_eq!(folders, EDITIONS.iter().map(|e| e.name).collect::<Vec<_>>(), "the edition folders, newest first");
    let mut pages: Vec<String> = std::fs::read_dir(content.join("pages")).unwrap().map(|f| f.unwrap().file_name().into_string().unwrap()).collect();
    pages.sort();
    let mut expected: Vec<String> = SITE_PAGES.iter().flat_map(|slug| [format!("{slug}.en.md"), format!("{slug}.zh-Hant.md")]).collect();
    expected.sort();
    assert_eq!(pages, expected, "the site's own pages, one file per authored language");
    for (e, en_titles) in EDITIONS.iter().zip(EN_TITLES) {
        let dir = content.join(e.name);
        let edition_yaml = std::fs::read_to_string(dir.join("edition.yaml")).unwrap();
        for text in [e.title[0], e.title[2], e.date[0], e.date[2]] {
            assert!(edition_yaml.contains(text), "{}/edition.yaml has {text}", e.name);
        }
        let slugs: Vec<&str> = edition_yaml.lines().filter_map(|l| l.trim().strip_prefix("slug: ")).collect();
        assert_eq!(slugs, e.pillars.iter().map(|(slug, _)| *slug).collect::<Vec<_>>(), "the pillars of {}/edition.yaml", e.name);
        let mut files: Vec<String> = std::fs::read_dir(dir.join("proposals")).unwrap().map(|f| f.unwrap().file_name().into_string().unwrap()).collect();
        files.sort();
        let mut expected: Vec<String> = proposals_of(e).iter().flat_map(|p| [format!("{}.en.md", p.1), format!("{}.zh-Hant.md", p.1)]).collect();
        expected.sort();
        assert_eq!(files, expected, "{}: one file per proposal per authored language", e.name);
        for ((number, slug, pillar, paragraphs), en_title) in proposals_of(e).into_iter().zip(en_titles.iter()) {
            for lang in ["zh-Hant", "en"] {
                let text = std::fs::read_to_string(dir.join(format!("proposals/{slug}.{lang}.md"))).unwrap();
                let front = format!("---\nnumber: {number}\npillar: {pillar}\nslug: {slug}\n");
                assert!(text.starts_with(&front), "{}/{slug}.{lang}.md starts with {front:?}", e.name);
                let body = text.splitn(3, "---\n").nth(2).unwrap();
                let numbered = microsite::text::markdown::parse(body, lang).paragraph_texts().len();
                assert_eq!(numbered, paragraphs, "{}/{slug}.{lang}.md: numbered paragraphs", e.name);
                if lang == "en" {
                    assert!(text.contains(&format!("title: {en_title}\n")), "{}/{slug}.en.md: title {en_title}", e.name);
                }
                let front_matter = text.split("---\n").nth(1).unwrap();
                let aliases: Vec<&str> = e.aliases.iter().filter(|(s, _)| *s == slug && lang == "zh-Hant").map(|(_, a)| *a).collect();
                let listed = front_matter.lines().find_map(|l| l.strip_prefix("aliases: [")).and_then(|l| l.split_once(']')).map(|(list, _)| list);
                assert_eq!(listed.map_or(vec![], |l| l.split(", ").collect()), aliases, "{}/{slug}.{lang}.md: aliases", e.name);
            }
        }
    }
    // The proposals' slugs differ between the editions, so a page or index of one cannot be
    // taken for the other's.
    let slugs: BTreeSet<&str> = EDITIONS.iter().flat_map(|e| proposals_of(e).into_iter().map(|p| p.1)).collect();
    assert_eq!(slugs.len(), EDITIONS.iter().map(|e| proposals_of(e).len()).sum::<usize>());
}

#[test]
fn every_edition_has_todays_pages_under_its_own_folder() {
    let site = editions_site();
    let pages = pages();
    for e in &EDITIONS {
        assert!(pages.contains(&PathBuf::from(format!("{}/index.html", e.name))), "{}: the landing page", e.name);
        for (prefix, _) in LANGS {
            let expected = language_pages(e, prefix);
            assert_eq!(expected.len(), pages_per_language(e));
            for page in &expected {
                assert!(pages.contains(page), "{} is missing", page.display());
            }
            let here: Vec<&PathBuf> = pages.iter().filter(|p| p.starts_with(format!("{}/{prefix}", e.name))).collect();
            assert_eq!(here.len(), pages_per_language(e), "{}/{prefix}: {here:?}", e.name);
        }
        // The same paths in every language apart from the prefix.
        let under = |prefix: &str| -> Vec<PathBuf> {
            pages.iter().filter_map(|p| p.strip_prefix(Path::new(e.name).join(prefix)).ok().map(Path::to_path_buf)).collect()
        };
        assert_eq!(under("tc"), under("sc"), "{}", e.name);
        assert_eq!(under("tc"), under("en"), "{}", e.name);
    }
    // At the root: the archive and its three languages, latest/ and its three languages, 404,
    // the site's own pages in each language.
    let mut root: Vec<String> = ["index.html", "latest/index.html", "404.html"].map(String::from).to_vec();
    root.extend(["tc/index.html", "sc/index.html", "en/index.html", "latest/tc/index.html", "latest/sc/index.html", "latest/en/index.html"].map(String::from));
    root.extend(LANGS.iter().flat_map(|(prefix, _)| SITE_PAGES.map(|slug| format!("{prefix}/{slug}/index.html"))));
    for page in &root {
        assert!(site.join(page).is_file(), "{page} is missing");
    }
    let editions: usize = EDITIONS.iter().map(|e| 1 + 3 * pages_per_language(e)).sum();
    assert_eq!(pages.len(), root.len() + editions, "no other page, at the root or in an edition: {pages:?}");
}

#[test]
fn each_editions_home_shows_its_own_title_date_intro_and_pillars() {
    for e in &EDITIONS {
        for (i, (prefix, _)) in LANGS.iter().enumerate() {
            let home = page(&format!("{}/{prefix}/index.html", e.name));
            assert_eq!(texts(&home, ".cover h1"), vec![e.title[i]], "{}/{prefix}", e.name);
            assert_eq!(texts(&home, ".cover .date"), vec![e.date[i]], "{}/{prefix}", e.name);
            assert_eq!(home.select(&sel(".pillar-card")).count(), e.pillars.len(), "{}/{prefix}: the edition's pillars", e.name);
            assert_eq!(home.select(&sel(".pillar-card .toc li")).count(), proposals_of(e).len(), "{}/{prefix}: the edition's proposals", e.name);
        }
    }
    // Only the newest edition has an intro.
    let intro = "year’s proposal on electronic invoicing";
    assert!(texts(&page("2031-32/en/index.html"), "main .intro").concat().contains(intro), "the edition's intro");
    assert!(!body_text(&page("2030-31/en/index.html")).contains(intro), "the other edition's intro is not the older's");
}

#[test]
fn each_editions_landing_page_has_its_title_in_every_language_and_links_to_its_three_homes() {
    let site = editions_site();
    for e in &EDITIONS {
        let rel = format!("{}/index.html", e.name);
        let html = page(&rel);
        let body = body_text(&html);
        for title in e.title {
            assert!(body.contains(title), "{rel}: {title}");
        }
        let links = link_targets(Path::new(&rel), &html, BASE_PATH);
        for (prefix, _) in LANGS {
            let home = PathBuf::from(format!("{}/{prefix}/index.html", e.name));
            assert!(links.contains(&home), "{rel} links to {}: {links:?}", home.display());
            assert!(site.join(&home).is_file());
        }
    }
}

#[test]
fn the_archive_lists_every_edition_newest_first_in_every_language_with_working_links() {
    let site = editions_site();
    let html = page("index.html");
    let body = body_text(&html);
    for title in [SITE_TITLE[0], SITE_TITLE[2]] {
        assert!(body.contains(title), "the site's title {title}: {body}");
    }
    for e in &EDITIONS {
        for text in e.title.iter().chain(e.date.iter()) {
            assert!(body.contains(text), "the archive shows {text}: {body}");
        }
    }
    let links = link_targets(Path::new("index.html"), &html, BASE_PATH);
    for (i, (prefix, _)) in LANGS.iter().enumerate() {
        // Newest first: its title before the older one's, and its links too.
        assert!(position(&body, NEWEST.title[i]) < position(&body, OLDER.title[i]), "{prefix}: newest first: {body}");
        let newest = first_link_to(&links, &Path::new(NEWEST.name).join(prefix).join("index.html"));
        let older = first_link_to(&links, &Path::new(OLDER.name).join(prefix).join("index.html"));
        assert!(newest < older, "{prefix}: the newest edition's link first: {links:?}");
    }
    for target in &links {
        assert!(site.join(target).is_file(), "index.html: a link to {} that does not exist", target.display());
    }
}

#[test]
fn the_archive_in_one_language_lists_every_edition_in_that_language_newest_first() {
    let site = editions_site();
    for (i, (prefix, _)) in LANGS.iter().enumerate() {
        let rel = format!("{prefix}/index.html");
        let html = page(&rel);
        let body = body_text(&html);
        for e in &EDITIONS {
            assert!(body.contains(e.title[i]) && body.contains(e.date[i]), "{rel}: the title and date of {}: {body}", e.name);
        }
        assert!(position(&body, NEWEST.title[i]) < position(&body, OLDER.title[i]), "{rel}: newest first: {body}");
        if *prefix == "en" {
            assert!(!body.contains(NEWEST.title[0]) && !body.contains(OLDER.title[0]), "{rel}: no Chinese titles: {body}");
        }
        let links = link_targets(Path::new(&rel), &html, BASE_PATH);
        let newest = first_link_to(&links, &Path::new(NEWEST.name).join(prefix).join("index.html"));
        let older = first_link_to(&links, &Path::new(OLDER.name).join(prefix).join("index.html"));
        assert!(newest < older, "{rel}: the newest edition's link first: {links:?}");
        for target in &links {
            assert!(site.join(target).is_file(), "{rel}: a link to {} that does not exist", target.display());
            for e in &EDITIONS {
                for (other, _) in LANGS.iter().filter(|(p, _)| p != prefix) {
                    assert!(!target.starts_with(Path::new(e.name).join(other)), "{rel}: a link to {} in another language", target.display());
                }
            }
        }
    }
}

#[test]
fn latest_redirects_to_the_newest_edition() {
    let site = editions_site();
    let mut redirects = vec![("latest/index.html".to_string(), format!("{}/index.html", NEWEST.name))];
    redirects.extend(LANGS.iter().map(|(prefix, _)| (format!("latest/{prefix}/index.html"), format!("{}/{prefix}/index.html", NEWEST.name))));
    for (rel, expected) in redirects {
        let html = page(&rel);
        let target = resolve(Path::new(&rel), &refresh_target(&html));
        assert_eq!(target, PathBuf::from(&expected), "{rel}: the meta refresh");
        let links = link_targets(Path::new(&rel), &html, BASE_PATH);
        assert!(links.contains(&target), "{rel}: a plain link to {expected}: {links:?}");
        assert!(site.join(&target).is_file());
    }
}

#[test]
fn the_site_wide_files_are_at_the_root_once_and_never_inside_an_edition() {
    let site = editions_site();
    for file in ["404.html", "sitemap.xml", "robots.txt", "_headers"] {
        assert!(site.join(file).is_file(), "{file} at the root");
    }
    assert!(site.join("assets").is_dir(), "assets/ at the root");
    for entry in walkdir::WalkDir::new(site).min_depth(2) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(site).unwrap();
        let name = entry.file_name().to_string_lossy();
        assert!(!["404.html", "sitemap.xml", "robots.txt", "_headers", "assets"].contains(&name.as_ref()), "{} below the root", rel.display());
    }
    for e in &EDITIONS {
        assert!(site.join(e.name).is_dir());
    }
    let robots = std::fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")), "{robots}");
}

#[test]
fn every_page_loads_the_shared_assets_from_the_root() {
    let site = editions_site();
    let pages = pages();
    let mut checked = 0;
    for page in &pages {
        let html = parse_page(&site.join(page));
        for el in html.select(&sel("link[rel=stylesheet], link[rel=icon], script[src]")) {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            let target = match url.strip_prefix(BASE_PATH) {
                Some(rest) => resolve(Path::new("index.html"), rest),
                None => resolve(page, url),
            };
            assert!(target.starts_with("assets"), "{}: {url} is not in the root's assets/", page.display());
            assert!(site.join(&target).is_file(), "{}: {url} does not exist", page.display());
            checked += 1;
        }
    }
    assert!(checked >= 2 * pages.len(), "a stylesheet and an icon or script on every page: {checked} on {} pages", pages.len());
}

#[test]
fn every_link_on_every_page_resolves_to_a_built_file() {
    let site = editions_site();
    let pages = pages();
    let mut checked = 0;
    for page in &pages {
        let html = parse_page(&site.join(page));
        for target in link_targets(page, &html, BASE_PATH) {
            assert!(site.join(&target).is_file(), "{}: a link to {}, which does not exist", page.display(), target.display());
            checked += 1;
        }
    }
    assert!(checked > 5 * pages.len(), "only {checked} links on {} pages", pages.len());
}

#[test]
fn every_page_of_an_edition_links_to_the_archive_of_its_language() {
    let pages = pages();
    let mut checked = 0;
    for e in &EDITIONS {
        for (prefix, _) in LANGS {
            let archive = PathBuf::from(format!("{prefix}/index.html"));
            for page in pages.iter().filter(|p| p.starts_with(Path::new(e.name).join(prefix)) && !is_redirect(e, p)) {
                let html = page_at(page);
                let links = link_targets(page, &html, BASE_PATH);
                assert!(links.contains(&archive), "{}: no link to the archive {}: {links:?}", page.display(), archive.display());
                checked += 1;
            }
        }
    }
    let expected: usize = EDITIONS.iter().map(|e| 3 * (pages_per_language(e) - proposals_of(e).len() - e.aliases.len())).sum();
    assert_eq!(checked, expected);
}

fn page_at(rel: &Path) -> scraper::Html {
    parse_page(&editions_site().join(rel))
}

#[test]
fn short_links_lead_to_their_own_editions_proposal() {
    for e in &EDITIONS {
        for (number, slug, _, _) in proposals_of(e) {
            for (prefix, _) in LANGS {
                let rel = format!("{}/{prefix}/{number}/index.html", e.name);
                let target = resolve(Path::new(&rel), &refresh_target(&page(&rel)));
                assert_eq!(target, PathBuf::from(format!("{}/{prefix}/proposals/{slug}/index.html", e.name)), "{rel}");
            }
        }
    }
}

#[test]
fn pages_of_an_edition_have_canonical_links_and_alternates_under_their_edition() {
    for e in &EDITIONS {
        let (_, slug, _, _) = proposals_of(e)[0];
        for (prefix, _) in LANGS {
            let html = page(&format!("{}/{prefix}/proposals/{slug}/index.html", e.name));
            let canonical: Vec<&str> = html.select(&sel("link[rel=canonical]")).map(|l| l.value().attr("href").unwrap()).collect();
            assert_eq!(canonical, [format!("{BASE}{}/{prefix}/proposals/{slug}/", e.name)]);
            let alternates: BTreeMap<&str, &str> =
                html.select(&sel("link[rel=alternate][hreflang]")).map(|l| (l.value().attr("hreflang").unwrap(), l.value().attr("href").unwrap())).collect();
            for (other, lang) in LANGS {
                assert_eq!(alternates.get(lang).copied(), Some(format!("{BASE}{}/{other}/proposals/{slug}/", e.name).as_str()), "{}/{prefix}", e.name);
            }
            assert_eq!(texts(&html, "a.shortlink"), [format!("{BASE}{}/{prefix}/1/", e.name)]);
        }
    }
}

#[test]
fn the_sitemap_lists_every_page_of_every_edition_with_its_language_alternates() {
    let site = editions_site();
    let xml = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let sitemap_ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml_ns = "http://www.w3.org/1999/xhtml";
    let root = doc.root_element();
    assert_eq!((root.tag_name().namespace(), root.tag_name().name()), (Some(sitemap_ns), "urlset"));
    // Every indexed page of every edition: home, full text, pillars, proposals, in each language.
    let mut required = BTreeSet::new();
    for e in &EDITIONS {
        for (prefix, _) in LANGS {
            let dir = format!("{BASE}{}/{prefix}/", e.name);
            required.insert(dir.clone());
            required.insert(format!("{dir}full/"));
            required.extend(e.pillars.iter().map(|(slug, _)| format!("{dir}pillars/{slug}/")));
            required.extend(proposals_of(e).iter().map(|p| format!("{dir}proposals/{}/", p.1)));
        }
    }
    // Besides them, only the landing and archive pages may be listed.
    let mut allowed = required.clone();
    allowed.insert(BASE.to_string());
    allowed.extend(LANGS.iter().map(|(prefix, _)| format!("{BASE}{prefix}/")));
    // And the site's own pages, once, at the root.
    allowed.extend(LANGS.iter().flat_map(|(prefix, _)| SITE_PAGES.map(|slug| format!("{BASE}{prefix}/{slug}/"))));
    allowed.extend(EDITIONS.iter().map(|e| format!("{BASE}{}/", e.name)));
    let mut locs = BTreeSet::new();
    for url in root.children().filter(|n| n.is_element()) {
        let loc = url.children().find(|n| n.has_tag_name((sitemap_ns, "loc"))).and_then(|n| n.text()).expect("a <loc>").to_string();
        assert!(allowed.contains(&loc), "{loc} is not a page to index");
        let rel = loc.strip_prefix(BASE).unwrap();
        assert!(site.join(rel).join("index.html").is_file(), "{loc} is a page of the build");
        let alternates: BTreeMap<String, String> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml_ns, "link")))
            .map(|l| (l.attribute("hreflang").unwrap().to_string(), l.attribute("href").unwrap().to_string()))
            .collect();
        if required.contains(&loc) {
            let (edition, rest) = rel.split_once('/').unwrap();
            let rest = rest.split_once('/').unwrap().1;
            let langs: Vec<&str> = alternates.keys().map(String::as_str).collect();
            assert_eq!(langs, ["en", "x-default", "zh-Hans", "zh-Hant-HK"], "{loc}");
            for (prefix, lang) in LANGS {
                assert_eq!(alternates[lang], format!("{BASE}{edition}/{prefix}/{rest}"), "{loc}: {lang}");
            }
            assert!(alternates["x-default"].starts_with(BASE), "{loc}");
        }
        assert!(locs.insert(loc), "each page listed once");
    }
    let missing: Vec<&String> = required.difference(&locs).collect();
    assert!(missing.is_empty(), "not in the sitemap: {missing:?}");
}

#[test]
fn a_link_to_another_edition_leads_to_its_paragraph_in_every_language() {
    let site = editions_site();
    for (prefix, _) in LANGS {
        let rel = format!("{}/{prefix}/proposals/{CROSS}/index.html", NEWEST.name);
        let html = page(&rel);
        let hrefs: Vec<&str> = html.select(&sel("main .body a:not(.pnum)")).map(|a| a.value().attr("href").unwrap()).collect();
        assert_eq!(hrefs.len(), 1, "{rel}: {hrefs:?}");
        assert!(hrefs[0].ends_with("#p1-2"), "{rel}: {}", hrefs[0]);
        let target = resolve(Path::new(&rel), hrefs[0]);
        assert_eq!(target, PathBuf::from(format!("{}/{prefix}/proposals/e-invoicing/index.html", OLDER.name)), "{rel}");
        let other = parse_page(&site.join(&target));
        assert!(other.select(&sel("#p1-2")).next().is_some(), "{}: the paragraph exists", target.display());
    }
}

#[test]
fn a_link_within_an_edition_stays_in_it_in_every_language() {
    for (prefix, _) in LANGS {
        let rel = format!("{}/{prefix}/proposals/{OWN}/index.html", NEWEST.name);
        let html = page(&rel);
        let hrefs: Vec<&str> = html.select(&sel("main .body a:not(.pnum)")).map(|a| a.value().attr("href").unwrap()).collect();
        assert_eq!(hrefs.len(), 1, "{rel}: {hrefs:?}");
        assert!(hrefs[0].ends_with("#p1-3"), "{rel}: {}", hrefs[0]);
        assert_eq!(resolve(Path::new(&rel), hrefs[0]), PathBuf::from(format!("{}/{prefix}/proposals/trade-single-window/index.html", NEWEST.name)), "{rel}");
    }
}

#[test]
fn search_indexes_are_per_edition_and_per_language() {
    let site = editions_site();
    let mut indexes = BTreeSet::new();
    for (e, en_titles) in EDITIONS.iter().zip(EN_TITLES) {
        let other_titles = EN_TITLES.iter().find(|t| **t != en_titles).unwrap();
        for (prefix, _) in LANGS {
            let rel = format!("{}/{prefix}/search/index.html", e.name);
            let html = page(&rel);
            let index = html.select(&sel("[data-index]")).next().expect("the search form names its index").value().attr("data-index").unwrap();
            let file = resolve(Path::new(&rel), index);
            let json = std::fs::read_to_string(site.join(&file)).unwrap_or_else(|err| panic!("{rel}: {}: {err}", file.display()));
            serde_json::from_str::<serde_json::Value>(&json).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
            if prefix == "en" {
                for title in en_titles {
                    assert!(json.contains(title), "{}: {title}", file.display());
                }
                for title in *other_titles {
                    assert!(!json.contains(title), "{}: another edition's {title}", file.display());
                }
            }
            assert!(indexes.insert(file), "{rel}: an index of its own");
        }
    }
    assert_eq!(indexes.len(), EDITIONS.len() * LANGS.len());
}

#[test]
fn each_edition_has_its_own_simplified_overrides() {
    // 2031-32 has a reviewed entry 貨櫃 → 集装箱; 2030-31 has none, so hk2s's 货柜 stays.
    let newest = std::fs::read_to_string(editions_site().join("2031-32/sc/proposals/trade-single-window/index.html")).unwrap();
    assert!(newest.contains("集装箱") && !newest.contains("货柜"), "2031-32's override reaches its pages");
    let older = std::fs::read_to_string(editions_site().join("2030-31/sc/proposals/e-invoicing/index.html")).unwrap();
    assert!(older.contains("货柜") && !older.contains("集装箱"), "2031-32's override stays out of 2030-31's pages");
    assert!(std::fs::read_to_string(editions_site().join("2030-31/tc/proposals/e-invoicing/index.html")).unwrap().contains("貨櫃"));
}

#[test]
fn check_passes_on_every_edition_with_no_problem() {
    let project = Project::editions();
    let out = project.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", stderr(&out));
    assert!(stdout.contains(": 0 problem(s)"), "{stdout}");
    assert!(!project.path("build").exists(), "check never writes build/");
}

#[test]
fn check_looks_into_the_older_edition_too() {
    // The older edition's English proposal 3 loses its last paragraph: out of step with the
    // Chinese, which only check (or a build's warning) finds.
    let project = Project::editions();
    project.edit("content/2030-31/proposals/evening-courses.en.md", |s| {
        let cut = s.trim_end().rfind("\n\n").unwrap();
        s[..cut].to_string() + "\n"
    });
    let out = project.run(&["check"]);
    let all = all_output(&out);
    assert!(!out.status.success(), "check should fail:\n{all}");
    assert!(all.lines().any(|l| l.starts_with("problem:") && l.contains("2030-31") && l.contains("evening-courses")), "{all}");
}

#[test]
fn build_prints_a_line_per_edition_with_its_page_count() {
    let project = Project::editions();
    let out = project.run(&["build"]);
    let all = all_output(&out);
    assert!(out.status.success(), "{all}");
    for e in &EDITIONS {
        let lines: Vec<&str> = all.lines().filter(|l| l.contains(&format!("{}:", e.name))).collect();
        assert_eq!(lines.len(), 1, "one line for {}:\n{all}", e.name);
        // Its pages in the three languages, with or without its landing page.
        let count = 3 * pages_per_language(e);
        let numbers: Vec<usize> = lines[0].split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
        assert!(numbers.contains(&count) || numbers.contains(&(count + 1)), "{}: {count} or {} pages: {}", e.name, count + 1, lines[0]);
    }
}

/// Builds the editions project once, breaks it with `breakage`, and checks that `build`
/// and `check` then fail: non-zero exit, one `error:` naming `located` (`FILE:` or
/// `FILE:LINE:`) and containing `says`, the earlier output untouched and no staging folder
/// left. Returns the build's error.
fn assert_rejected(breakage: impl FnOnce(&Project), located: &str, says: &str) -> String {
    let project = Project::editions();
    let err = assert_build_rejected(&project, breakage, located, says);
    let before = snapshot(&project.path("build"));
    let check = project.run(&["check"]);
    assert!(!check.status.success(), "check should fail too:\n{}", all_output(&check));
    assert!(all_output(&check).contains(located), "check names {located} too:\n{}", all_output(&check));
    assert!(snapshot(&project.path("build")) == before, "check touched build/");
    err.lines().find(|l| l.starts_with("error:")).unwrap_or_default().to_string()
}

#[test]
fn an_edition_folder_without_its_edition_yaml() {
    assert_rejected(|p| p.remove("content/2030-31/edition.yaml"), "content/2030-31", "edition.yaml");
}

#[test]
fn a_new_edition_folder_with_nothing_in_it_yet() {
    assert_rejected(|p| std::fs::create_dir_all(p.path("content/2032-33/proposals")).unwrap(), "content/2032-33", "edition.yaml");
}

#[test]
fn an_edition_yaml_without_its_title() {
    let file = "content/2031-32/edition.yaml";
    let title = format!("title:\n  zh-Hant: {}\n  en: {}\n", NEWEST.title[0], NEWEST.title[2]);
    assert_rejected(|p| p.edit(file, |s| s.replacen(&title, "", 1)), file, "title");
}

#[test]
fn an_edition_yaml_without_its_date() {
    let file = "content/2030-31/edition.yaml";
    let date = format!("date:\n  zh-Hant: {}\n  en: {}\n", OLDER.date[0], OLDER.date[2]);
    assert_rejected(|p| p.edit(file, |s| s.replacen(&date, "", 1)), file, "date");
}

#[test]
fn two_edition_folders_whose_names_differ_only_in_case() {
    // On a case-insensitive file system (macOS, Windows) their pages would overwrite each
    // other. Which of the two is "the second" depends on the order of reading: either name.
    let project = Project::editions();
    let out = project.build();
    let before = snapshot(&out);
    project.copy_dir("content/2031-32", "content/extra-edition");
    assert!(project.run(&["build"]).status.success(), "a third edition alone is fine");
    let before_third = snapshot(&out);
    assert!(before_third != before);
    project.copy_dir("content/2031-32", "content/Extra-Edition");
    let result = project.run(&["build"]);
    let err = stderr(&result);
    assert!(!result.status.success(), "the build should fail:\n{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "exactly one error:\n{err}");
    assert!(errors[0].contains("content/Extra-Edition") || errors[0].contains("content/extra-edition"), "the error names the folder:\n{err}");
    assert!(snapshot(&out) == before_third, "build/ changed after a failed build");
}

#[test]
fn a_link_to_an_edition_that_does_not_exist() {
    let file = CROSS_EN;
    let line = line_of(&Project::editions().read(file), "@/2030-31/");
    assert_rejected(|p| p.edit(file, |s| s.replacen("@/2030-31/", "@/2029-30/", 1)), &format!("{file}:{line}:"), "2029-30");
}

#[test]
fn a_link_to_a_paragraph_the_other_edition_lacks() {
    let file = CROSS_ZH;
    let line = line_of(&Project::editions().read(file), "#p1-2");
    assert_rejected(|p| p.edit(file, |s| s.replacen("e-invoicing.md#p1-2", "e-invoicing.md#p1-9", 1)), &format!("{file}:{line}:"), "p1-9");
}

#[test]
fn a_link_to_a_proposal_the_other_edition_lacks() {
    // solar-rooftops is a proposal of 2031-32 only.
    let file = CROSS_EN;
    let line = line_of(&Project::editions().read(file), "@/2030-31/");
    assert_rejected(
        |p| p.edit(file, |s| s.replacen("@/2030-31/proposals/e-invoicing.md#p1-2", "@/2030-31/proposals/solar-rooftops.md", 1)),
        &format!("{file}:{line}:"),
        "solar-rooftops",
    );
}

#[test]
fn a_link_without_an_edition_stays_within_its_own() {
    // e-invoicing is a proposal of 2030-31 (with a paragraph 1.3), not of 2031-32.
    let file = OWN_EN;
    let line = line_of(&Project::editions().read(file), "@/proposals/trade-single-window.md");
    assert_rejected(
        |p| p.edit(file, |s| s.replacen("@/proposals/trade-single-window.md#p1-3", "@/proposals/e-invoicing.md#p1-3", 1)),
        &format!("{file}:{line}:"),
        "e-invoicing",
    );
}

#[test]
fn proposals_are_numbered_within_their_edition() {
    // 2031-32's proposal 4 renumbered 5: a gap in that edition (whatever the other has).
    let zh = "content/2031-32/proposals/apprentice-credits.zh-Hant.md";
    assert_rejected(
        |p| {
            for file in [zh, "content/2031-32/proposals/apprentice-credits.en.md"] {
                p.edit(file, |s| s.replacen("number: 4\n", "number: 5\n", 1));
            }
        },
        &format!("{zh}:2:"),
        "missing: 4",
    );
}

#[test]
fn new_proposal_writes_into_the_newest_edition_or_the_one_named() {
    let project = Project::editions();
    let newest = project.run(&["new", "proposal", "-p", "skills", "night-classes"]);
    let into_older = project.run(&["new", "proposal", "--edition", "2030-31", "-p", "skills", "weekend-classes"]);
    for result in [&newest, &into_older] {
        assert!(result.status.success(), "{}", stderr(result));
    }
    // 2031-32 is the newest; the older edition's next number is 4 (it has 3 proposals).
    assert!(project.path("content/2031-32/proposals/night-classes.zh-Hant.md").is_file(), "{}", stderr(&newest));
    assert!(project.read("content/2030-31/proposals/weekend-classes.en.md").contains("number: 4"));
    let unknown = project.run(&["new", "proposal", "--edition", "1999-00", "-p", "skills", "x"]);
    assert!(!unknown.status.success() && stderr(&unknown).contains("there is no edition `1999-00` (editions: 2031-32, 2030-31)"), "{}", stderr(&unknown));
}
