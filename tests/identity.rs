//! The publisher's identity from the content: the logo (with its description in every
//! language and its size) or, without one, the publisher's name as a wordmark, linking to
//! `publisher_url`; the colour, which makes the accent stylesheet, the favicon and the
//! browser's theme colour, refused at its line when text in it would not be readable; the
//! print-only header that names the publication, the edition, the date and the page's
//! address; the full text's print button.

mod common;
use common::*;

const LANGS: [&str; 3] = ["tc", "sc", "en"];

/// A small logo: a plain drawing, 240 by 60.
const LOGO: &str =
    r##"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60"><rect width="240" height="60" fill="#0b3d6e"/></svg>"##;

fn attr(page: &scraper::Html, css: &str, name: &str) -> Vec<String> {
    page.select(&sel(css)).filter_map(|e| e.value().attr(name).map(str::to_string)).collect()
}

/// The pages every kind of template makes, in one language: home, a proposal, the full text.
fn pages(out: &std::path::Path, lang: &str) -> Vec<std::path::PathBuf> {
    let slug = proposals()[0].slug;
    ["", &format!("proposals/{slug}/"), "full/"].iter().map(|p| out.join(format!("{lang}/{p}index.html"))).collect()
}

fn add_settings(project: &Project, yaml: &str) {
    project.edit("content/site.yaml", |s| format!("{s}\n{yaml}"));
}

#[test]
fn a_logo_shows_in_every_header_with_its_description_in_the_page_s_language_and_its_size() {
    let project = Project::fixture();
    project.write("content/images/logo.svg", LOGO);
    add_settings(
        &project,
        "publisher_url: https://www.harbour-chamber.example/\nlogo:\n  file: images/logo.svg\n  alt:\n    zh-Hant: 港航物流商會標誌\n    en: Harbour Chamber logo\n",
    );
    let out = project.build();
    let logos: Vec<_> = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("logo."))
        .collect();
    assert_eq!(logos.len(), 1, "the logo is published once: {logos:?}");
    assert_eq!(std::fs::read_to_string(out.join("assets").join(&logos[0])).unwrap(), LOGO);
    for (lang, alt) in [("tc", "港航物流商會標誌"), ("sc", "港航物流商会标志"), ("en", "Harbour Chamber logo")] {
        for path in pages(&out, lang) {
            let page = parse_page(&path);
            let shown = format!("{path:?}");
            assert_eq!(attr(&page, "header a.publisher-mark img.logo", "alt"), [alt], "{shown}");
            assert_eq!(attr(&page, "header a.publisher-mark img.logo", "width"), ["240"], "{shown}");
            assert_eq!(attr(&page, "header a.publisher-mark img.logo", "height"), ["60"], "{shown}");
            assert_eq!(attr(&page, "header a.publisher-mark", "href"), ["https://www.harbour-chamber.example/"], "{shown}");
            let src = &attr(&page, "header img.logo", "src")[0];
            assert!(resolve(&path, src).ends_with(format!("assets/{}", logos[0])) && resolve(&path, src).is_file(), "{shown}: {src}");
            assert!(page.select(&sel(".wordmark")).next().is_none(), "{shown}: no wordmark beside a logo");
        }
    }
    // The landing page: the logo in its first language, and the titles in every language.
    let landing = parse_page(&out.join("index.html"));
    assert_eq!(attr(&landing, ".masthead img.logo", "alt"), ["港航物流商會標誌"]);
    assert_eq!(landing.select(&sel("h1.front-title span[lang]")).count(), 3);
}

#[test]
fn without_a_logo_the_publisher_s_name_is_the_wordmark_linked_to_its_website_if_set() {
    let out = fixture_site();
    for (lang, name) in [("tc", "香港港航物流商會"), ("sc", "香港港航物流商会"), ("en", "Hong Kong Port and Shipping Logistics Chamber")] {
        for path in pages(out, lang) {
            let page = parse_page(&path);
            assert_eq!(texts(&page, "header span.publisher-mark .wordmark"), [name], "{path:?}");
            assert!(page.select(&sel("header a.publisher-mark, img.logo")).next().is_none(), "{path:?}: no link without publisher_url, no logo");
        }
    }
    let landing = parse_page(&out.join("index.html"));
    assert_eq!(texts(&landing, ".masthead .wordmark"), ["香港港航物流商會", "香港港航物流商会", "Hong Kong Port and Shipping Logistics Chamber"]);

    let project = Project::fixture();
    add_settings(&project, "publisher_url: https://www.harbour-chamber.example/about/\n");
    let out = project.build();
    let page = parse_page(&out.join("en/index.html"));
    assert_eq!(attr(&page, "header a.publisher-mark", "href"), ["https://www.harbour-chamber.example/about/"]);
    assert_eq!(texts(&page, "header a.publisher-mark .wordmark"), ["Hong Kong Port and Shipping Logistics Chamber"]);
}

#[test]
fn the_colour_sets_the_accent_the_favicon_and_the_theme_colour() {
    let project = Project::fixture();
    add_settings(&project, "colour: \"#0B3D6E\"\n");
    let out = project.build();
    let mut icons = Vec::new();
    for lang in LANGS {
        for path in pages(&out, lang) {
            let page = parse_page(&path);
            assert_eq!(attr(&page, "meta[name=theme-color]", "content"), ["#0b3d6e"], "{path:?}");
            let sheets = attr(&page, "link[rel=stylesheet]", "href");
            assert_eq!(sheets.len(), 2, "the theme's stylesheet, then the colour's: {sheets:?}");
            let css = std::fs::read_to_string(resolve(&path, &sheets[1])).unwrap();
            assert!(css.contains("--accent: #0b3d6e"), "{css}");
            let icon = resolve(&path, &attr(&page, "link[rel=icon]", "href")[0]);
            icons.push(icon.clone());
            let svg = std::fs::read_to_string(&icon).unwrap();
            // The publisher's first character on its colour.
            assert!(svg.contains("fill=\"#0b3d6e\"") && svg.contains(">香</text>"), "{svg}");
            assert!(!std::fs::read_to_string(&path).unwrap().contains("style="), "{path:?}: no inline style");
        }
    }
    icons.dedup();
    assert_eq!(icons.len(), 1, "one favicon for every page");
    // The dark-mode tint is lighter than the colour: a light text colour on a dark page.
    let css = std::fs::read_to_string(resolve(&out.join("en/index.html"), &attr(&parse_page(&out.join("en/index.html")), "link[rel=stylesheet]", "href")[1]))
        .unwrap();
    let dark = css.split("prefers-color-scheme: dark").nth(1).expect("a dark-mode block");
    let tint = dark.split("--accent: #").nth(1).map(|s| &s[..6]).expect("a dark accent");
    assert!(u32::from_str_radix(&tint[..2], 16).unwrap() > 0x0b + 0x60, "dark-mode accent #{tint}");

    // Without the setting: the theme's own colours and favicon, no theme colour.
    let plain = parse_page(&fixture_site().join("en/index.html"));
    assert!(attr(&plain, "meta[name=theme-color]", "content").is_empty());
    assert_eq!(attr(&plain, "link[rel=stylesheet]", "href").len(), 1);
    assert!(attr(&plain, "link[rel=icon]", "href")[0].ends_with("assets/favicon.svg"));
}

#[test]
fn a_colour_too_light_for_text_or_not_a_colour_is_refused_at_its_line() {
    let project = Project::fixture();
    let line = project.read("content/site.yaml").lines().count() as u64 + 2;
    let err = assert_build_rejected(&project, |p| add_settings(p, "colour: \"#f5c400\"\n"), &format!("content/site.yaml:{line}:"), "too light");
    assert!(err.contains("4.5:1") && err.contains("would do"), "{err}");
    let project = Project::fixture();
    let line = project.read("content/site.yaml").lines().count() as u64 + 2;
    assert_build_rejected(&project, |p| add_settings(p, "colour: crimson\n"), &format!("content/site.yaml:{line}:"), "#rrggbb");
}

#[test]
fn a_bad_logo_is_refused_at_its_line() {
    let project = Project::fixture();
    let line = project.read("content/site.yaml").lines().count() as u64 + 3; // the mapping's first line, `file:`
    let logo = "logo:\n  file: images/logo.svg\n  alt:\n    zh-Hant: 標誌\n    en: Logo\n";
    let err = assert_build_rejected(
        &project,
        |p| {
            p.write("content/images/logo.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 4" onload="alert(1)"></svg>"#);
            add_settings(p, logo);
        },
        &format!("content/site.yaml:{line}:"),
        "script",
    );
    assert!(err.contains("logo `images/logo.svg`"), "{err}");

    let project = Project::fixture();
    project.write("content/images/logo.svg", LOGO);
    let line = project.read("content/site.yaml").lines().count() as u64 + 3; // the mapping's first line, `file:`
    assert_build_rejected(
        &project,
        |p| add_settings(p, "logo:\n  file: images/logo.svg\n  alt:\n    zh-Hant: 標誌\n"),
        &format!("content/site.yaml:{line}:"),
        "no text for `en`",
    );

    let project = Project::fixture();
    project.write("content/images/logo.png", LOGO);
    let line = project.read("content/site.yaml").lines().count() as u64 + 3; // the mapping's first line, `file:`
    assert_build_rejected(&project, |p| add_settings(p, &logo.replace("logo.svg", "logo.png")), &format!("content/site.yaml:{line}:"), "not the PNG image");
}

#[test]
fn a_printed_page_names_the_publication_the_edition_the_date_and_its_address() {
    let out = fixture_site();
    for lang in LANGS {
        for p in proposals() {
            let dir = format!("{lang}/proposals/{}/", p.slug);
            let page = parse_page(&out.join(format!("{dir}index.html")));
            let head = texts(&page, ".print-only.print-head p");
            assert_eq!(head.len(), 2, "{dir}: {head:?}");
            let title = texts(&page, "a.brand")[0].clone();
            let name = texts(&page, "nav.langs .current .lang-name")[0].clone();
            assert!(head[0].contains(&title) && head[0].contains(&name), "{dir}: {head:?}");
            assert!(head[1].ends_with(&format!("{BASE_URL}{dir}")), "{dir}: the page's address: {head:?}");
        }
    }
    // The date is the document's (from the settings), in the page's language.
    let settings = std::fs::read_to_string(repo().join(FIXTURE).join("site.yaml")).unwrap();
    let en_date = settings
        .split("\ndate:")
        .nth(1)
        .and_then(|d| d.lines().find(|l| l.trim_start().starts_with("en:")))
        .unwrap()
        .split_once(':')
        .unwrap()
        .1
        .trim()
        .to_string();
    let page = parse_page(&out.join("en/full/index.html"));
    assert!(texts(&page, ".print-head p")[1].starts_with(&en_date), "{en_date}");
    // The full text's print button: without JavaScript, a link to the instructions beside it.
    assert_eq!(attr(&page, "a.print-button[data-print]", "href"), ["#print"]);
    assert_eq!(page.select(&sel("#print p")).count(), 1);
    let css = std::fs::read_dir(out.join("assets")).unwrap().map(|e| e.unwrap().path()).find(|p| p.to_string_lossy().contains("style.")).unwrap();
    let css = std::fs::read_to_string(css).unwrap();
    assert!(css.contains(".print-only { display: none; }") && css.contains(".print-only { display: block; }"), "hidden on screen, shown on paper");
}
