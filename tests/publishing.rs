//! Publishing: the base URL (from the settings or --base-url) in canonical links, language
//! alternates and link previews; the sitemap; robots.txt; security headers; 404.html.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A preview address, other than the fixture's `base_url`, for `--base-url`.
const PREVIEW: &str = "https://preview.example.net/drafts/round-2/";

fn build_with_base(project: &Project, base: &str) -> std::path::PathBuf {
    let out = project.run(&["build", "--base-url", base]);
    assert!(out.status.success(), "{}", stderr(&out));
    project.path("build")
}

fn attr(page: &scraper::Html, css: &str, name: &str) -> Vec<String> {
    page.select(&sel(css)).map(|e| e.value().attr(name).unwrap_or("").to_string()).collect()
}

#[test]
fn base_url_from_the_command_line_makes_every_absolute_link_point_there() {
    let project = Project::fixture();
    let out = build_with_base(&project, PREVIEW.trim_end_matches('/'));
    let page = parse_page(&out.join("sc/proposals/drone-trials/index.html"));
    assert_eq!(attr(&page, "link[rel=canonical]", "href"), [format!("{PREVIEW}sc/proposals/drone-trials/")]);
    assert_eq!(attr(&page, "meta[property='og:url']", "content"), [format!("{PREVIEW}sc/proposals/drone-trials/")]);
    assert_eq!(attr(&page, "link[rel=alternate][hreflang]", "hreflang"), ["zh-Hant-HK", "zh-Hans", "en", "x-default"]);
    assert_eq!(attr(&page, "link[rel=alternate][hreflang=x-default]", "href"), [PREVIEW]);
    assert_eq!(texts(&page, "a.shortlink"), [format!("{PREVIEW}sc/3/")]);
    // Links between pages stay relative, so the site works wherever it is served.
    assert!(attr(&page, "nav.pillars a", "href").iter().all(|h| h.starts_with("../")));
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(not_found.contains("href=/drafts/round-2/tc/") || not_found.contains("href=\"/drafts/round-2/tc/\""), "404.html links from the base path");
    assert!(std::fs::read_to_string(out.join("robots.txt")).unwrap().contains(&format!("Sitemap: {PREVIEW}sitemap.xml")));
    assert!(std::fs::read_to_string(out.join("_headers")).unwrap().starts_with("/drafts/round-2/*\n"));
    let check = project.run(&["check"]);
    assert!(check.status.success());
}

#[test]
fn a_base_url_that_is_not_absolute_is_an_error() {
    let project = Project::fixture();
    let out = project.run(&["build", "--base-url", "example.org/budget"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--base-url example.org/budget: must be an absolute http:// or https:// URL"), "{}", stderr(&out));
    project.edit("content/site.yaml", |s| s.replacen(&format!("base_url: {BASE_URL}"), "base_url: /budget/", 1));
    let line = line_of(&project.read("content/site.yaml"), "base_url:");
    let out = project.run(&["build"]);
    assert!(stderr(&out).contains(&format!("content/site.yaml:{line}: base_url `/budget/`")), "{}", stderr(&out));
}

#[test]
fn hreflang_alternates_are_reciprocal_on_every_page() {
    let site = fixture_site();
    let base = BASE_URL;
    let mut alternates_of: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for page in html_files(site) {
        let html = parse_page(&site.join(&page));
        let canonical = attr(&html, "link[rel=canonical]", "href");
        if html.select(&sel("meta[name=robots][content=noindex]")).next().is_some() {
            continue; // short links and 404 are not for indexing
        }
        assert_eq!(canonical.len(), 1, "{}: one canonical link", page.display());
        let set: BTreeSet<(String, String)> = html
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| (l.value().attr("hreflang").unwrap().to_string(), l.value().attr("href").unwrap().to_string()))
            .collect();
        assert_eq!(set.len(), 4, "{}: three languages and x-default", page.display());
        alternates_of.insert(canonical[0].clone(), set);
    }
    // Home, full text, pillars, proposals and the site's own pages in each language, and the landing page.
    assert_eq!(alternates_of.len(), 3 * (1 + 1 + PILLARS.len() + proposals().len() + SITE_PAGES.len()) + 1);
    for (url, set) in &alternates_of {
        for (lang, href) in set {
            if lang == "x-default" {
                assert_eq!(href, base);
                continue;
            }
            let twin = alternates_of.get(href).unwrap_or_else(|| panic!("{url} names {href}, which is not a page"));
            assert!(twin.contains(&(lang.clone(), href.clone())), "{href} does not name itself as {lang}");
            if url != BASE_URL {
                assert_eq!(twin, set, "{url} and {href} list different alternates");
            }
        }
    }
}

#[test]
fn the_sitemap_lists_every_page_with_three_alternates_and_x_default() {
    let site = fixture_site();
    let xml = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let sitemap_ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml_ns = "http://www.w3.org/1999/xhtml";
    let root = doc.root_element();
    assert_eq!((root.tag_name().namespace(), root.tag_name().name()), (Some(sitemap_ns), "urlset"));
    let mut locs = BTreeSet::new();
    for url in root.children().filter(|n| n.is_element()) {
        assert_eq!((url.tag_name().namespace(), url.tag_name().name()), (Some(sitemap_ns), "url"));
        let locs_here: Vec<_> = url.children().filter(|n| n.has_tag_name((sitemap_ns, "loc"))).collect();
        assert_eq!(locs_here.len(), 1, "one <loc> per <url>");
        let loc = locs_here[0].text().unwrap().to_string();
        assert!(loc.starts_with(BASE_URL), "{loc}");
        let links: Vec<(String, String)> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml_ns, "link")))
            .map(|l| {
                assert_eq!(l.attribute("rel"), Some("alternate"));
                (l.attribute("hreflang").unwrap().to_string(), l.attribute("href").unwrap().to_string())
            })
            .collect();
        let langs: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["zh-Hant-HK", "zh-Hans", "en", "x-default"], "{loc}");
        assert!(links.iter().any(|(_, href)| *href == loc) || loc == BASE_URL, "{loc} is among its alternates");
        // The page exists in the build.
        let rel = loc.trim_start_matches(BASE_URL);
        assert!(site.join(Path::new(rel)).join("index.html").is_file(), "{loc} is a page of the build");
        assert!(locs.insert(loc), "each page listed once");
    }
    assert_eq!(
        locs.len(),
        3 * (1 + 1 + PILLARS.len() + proposals().len() + SITE_PAGES.len()) + 1,
        "every page of the editions, the site's own pages and the landing page"
    );
}

#[test]
fn every_page_carries_a_description_open_graph_tags_and_the_content_security_policy() {
    let site = fixture_site();
    let expected_locale = [("tc", "zh_HK"), ("sc", "zh_CN"), ("en", "en_GB")];
    for page in html_files(site) {
        let html = parse_page(&site.join(&page));
        let name = page.display().to_string();
        let csp = attr(&html, "meta[http-equiv=Content-Security-Policy]", "content");
        assert_eq!(csp.len(), 1, "{name}: CSP");
        assert!(csp[0].contains("default-src 'self'") && !csp[0].contains("unsafe-inline"), "{name}: {}", csp[0]);
        if name.contains("/proposals/") || name.ends_with("index.html") && !name.contains('/') {
            let description = attr(&html, "meta[name=description]", "content");
            assert!(description.len() == 1 && description[0].chars().count() > 10, "{name}: description {description:?}");
            for property in ["og:title", "og:description", "og:site_name", "og:locale", "og:url", "og:type"] {
                assert_eq!(attr(&html, &format!("meta[property='{property}']"), "content").len(), 1, "{name}: {property}");
            }
            assert_eq!(attr(&html, "meta[property='og:locale:alternate']", "content").len(), 2, "{name}");
            assert_eq!(attr(&html, "meta[name='twitter:card']", "content").len(), 1, "{name}");
        }
        for (prefix, locale) in expected_locale {
            if name.starts_with(&format!("{prefix}/proposals/")) {
                assert_eq!(attr(&html, "meta[property='og:locale']", "content"), [locale], "{name}");
            }
        }
    }
    let headers = std::fs::read_to_string(site.join("_headers")).unwrap();
    let page_csp = attr(&parse_page(&site.join("en/index.html")), "meta[http-equiv=Content-Security-Policy]", "content").remove(0);
    assert!(headers.contains(&format!("Content-Security-Policy: {page_csp}; frame-ancestors 'none'")), "the same policy as the pages");
}

#[test]
fn a_share_image_is_copied_and_announced_to_link_previews() {
    let project = Project::fixture();
    project.write("content/share.png", b"\x89PNG\r\n\x1a\n fake but present");
    project.edit("content/site.yaml", |s| s.replacen("theme: default\n", "theme: default\nshare_image: share.png\n", 1));
    let out = project.build();
    assert!(out.join("assets/share.png").is_file());
    let page = parse_page(&out.join("en/index.html"));
    assert_eq!(attr(&page, "meta[property='og:image']", "content"), [format!("{BASE_URL}assets/share.png")]);
    assert_eq!(attr(&page, "meta[name='twitter:card']", "content"), ["summary_large_image"]);
}

#[test]
fn a_missing_share_image_is_an_error_naming_the_setting() {
    let project = Project::fixture();
    project.edit("content/site.yaml", |s| s.replacen("theme: default\n", "theme: default\nshare_image: nowhere.png\n", 1));
    let line = line_of(&project.read("content/site.yaml"), "share_image:");
    let out = project.run(&["build"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains(&format!("content/site.yaml:{line}: share_image `nowhere.png`: no such file under content/")), "{}", stderr(&out));
}

#[test]
fn the_404_page_offers_the_three_editions() {
    let site = fixture_site();
    let html = parse_page(&site.join("404.html"));
    let links = attr(&html, ".editions a", "href");
    assert_eq!(links, [format!("{BASE_PATH}tc/"), format!("{BASE_PATH}sc/"), format!("{BASE_PATH}en/")]);
    assert!(texts(&html, "h1").concat().contains("Page not found"));
    let css = attr(&html, "link[rel=stylesheet]", "href");
    assert!(css[0].starts_with(&format!("{BASE_PATH}assets/style.")), "styled like the site: {css:?}");
}
