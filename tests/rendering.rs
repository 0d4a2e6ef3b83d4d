//! How content becomes HTML: text from front matter is escaped, Markdown features the
//! secretariat may use are rendered, and editors may wrap Chinese lines freely.

mod common;
use common::*;

/// The fixture's proposal 3: an English title with straight quotes, Chinese lines wrapped.
const MAIN_EN: &str = "content/proposals/drone-trials.en.md";
const MAIN_ZH: &str = "content/proposals/drone-trials.zh-Hant.md";

#[test]
fn front_matter_text_is_escaped() {
    let project = Project::fixture();
    project.edit(MAIN_EN, |s| s.replacen("title: 'Run ", "title: '<script>alert(1)</script> & Run ", 1));
    let out = project.build();
    let page = parse_page(&out.join("en/proposals/drone-trials/index.html"));
    assert!(page.select(&sel("script:not([src])")).next().is_none(), "markup from front matter must not become an element");
    assert!(texts(&page, "main h1").concat().contains("<script>alert(1)</script> & Run “Outlying"));
    assert!(texts(&page, "title").concat().contains("<script>alert(1)</script> & Run “Outlying"));
}

#[test]
fn english_titles_get_typographic_quotes() {
    let page = parse_page(&fixture_site().join("en/proposals/drone-trials/index.html"));
    assert!(texts(&page, "main h1").concat().contains("Run “Outlying Islands Drone Delivery” Trials"));
    let tc = parse_page(&fixture_site().join("tc/proposals/drone-trials/index.html"));
    assert!(texts(&tc, "main h1").concat().contains("開展「離島無人機配送」試驗"));
}

#[test]
fn tables_and_footnotes_render_in_every_language() {
    // Proposal 2 has a table between its paragraphs 2.2 and 2.3, and a footnote.
    for (prefix, first_cell, note) in
        [("tc", "2031-32", "金額以 2030 年價格計算。"), ("sc", "2031-32", "金额以 2030 年价格计算。"), ("en", "2031-32", "Amounts at 2030 prices.")]
    {
        let page = parse_page(&fixture_site().join(format!("{prefix}/proposals/automated-terminals/index.html")));
        assert_eq!(texts(&page, "main table td").first().map(String::as_str), Some(first_cell), "{prefix}");
        assert_eq!(texts(&page, "main table th").len(), 2, "{prefix}: a header row");
        assert_eq!(texts(&page, "main table tbody tr").len(), 3, "{prefix}");
        let reference = page.select(&sel("main #p2-2 .fnref a")).next().unwrap_or_else(|| panic!("{prefix}: the footnote's mark in 2.2"));
        let target = reference.value().attr("href").unwrap().trim_start_matches('#');
        assert_eq!(target, "fn-2-1", "{prefix}: the note's id names its proposal");
        let definition = page.select(&sel("main .footnotes li")).next().unwrap_or_else(|| panic!("{prefix}: the footnote"));
        assert_eq!(definition.value().attr("id"), Some(target), "{prefix}: the mark links to the footnote");
        assert!(text(definition).contains(note), "{prefix}: {}", text(definition));
        // The table and the footnote are not numbered paragraphs.
        assert_eq!(page.select(&sel("main p.para")).count(), 3, "{prefix}");
    }
}

#[test]
fn tables_and_footnotes_added_to_a_proposal_render() {
    let project = Project::fixture();
    project.edit(MAIN_EN, |s| format!("{s}\n| Year | Flights |\n| --- | --- |\n| 2032 | 1,200[^1] |\n\n[^1]: Estimate.\n"));
    let out = project.build();
    let page = parse_page(&out.join("en/proposals/drone-trials/index.html"));
    assert_eq!(texts(&page, "main table td").first().map(String::as_str), Some("2032"));
    assert_eq!(page.select(&sel("main .footnotes li")).map(|li| li.value().attr("id").unwrap()).collect::<Vec<_>>(), ["fn-3-1"]);
}

#[test]
fn lists_emphasis_headings_and_quotes_render_in_every_language() {
    let site = fixture_site();
    for prefix in ["tc", "sc", "en"] {
        let data = parse_page(&site.join(format!("{prefix}/proposals/cargo-data-platform/index.html")));
        assert_eq!(data.select(&sel("main .body ul > li")).count(), 3, "{prefix}: the list of proposal 1");
        assert_eq!(data.select(&sel("main #p1-3 strong")).count(), 1, "{prefix}: bold in 1.3");
        assert_eq!(data.select(&sel("main p.para")).count(), 3, "{prefix}: list items are not numbered paragraphs");

        let talent = parse_page(&site.join(format!("{prefix}/proposals/apprenticeships/index.html")));
        assert_eq!(talent.select(&sel("main .body h2")).count(), 2, "{prefix}: the headings of proposal 6");
        assert_eq!(talent.select(&sel("main #p6-3 em")).count(), 2, "{prefix}: italics in 6.3");
        let ids: Vec<&str> = talent.select(&sel("main p.para")).map(|p| p.value().attr("id").unwrap()).collect();
        assert_eq!(ids, ["p6-1", "p6-2", "p6-3"], "{prefix}: headings are not numbered");

        let shore = parse_page(&site.join(format!("{prefix}/proposals/shore-power/index.html")));
        let quote = texts(&shore, "main .body blockquote").concat();
        assert!(!quote.trim().is_empty(), "{prefix}: the quotation of proposal 5");
        assert_eq!(shore.select(&sel("main .body blockquote p.para")).count(), 0, "{prefix}: a quotation is not a numbered paragraph");
    }
    let quote = texts(&parse_page(&site.join("en/proposals/shore-power/index.html")), "main blockquote").concat();
    assert!(quote.contains("“as long as the charges are reasonable, shipping lines are happy to use shore power.”"), "{quote}");
    let heading = texts(&parse_page(&site.join("sc/proposals/apprenticeships/index.html")), "main .body h2");
    assert_eq!(heading, ["现况", "建议"], "headings converted");
}

#[test]
fn chinese_lines_wrapped_in_the_source_join_without_spaces() {
    // The fixture's 3.3 and 3.4 are written on several lines.
    let source = std::fs::read_to_string(repo().join(FIXTURE).join("proposals/drone-trials.zh-Hant.md")).unwrap();
    assert!(source.contains("及時取得\n所需的藥物"), "the fixture wraps a line inside a phrase");
    let page = parse_page(&fixture_site().join("tc/proposals/drone-trials/index.html"));
    let third = text_without(page.select(&sel("#p3-3")).next().unwrap(), ".pnum");
    assert!(third.contains("診所合作，確保長者") && third.contains("能夠及時取得所需的藥物。"), "{third}");
    let sc = parse_page(&fixture_site().join("sc/proposals/drone-trials/index.html"));
    let fourth = text_without(sc.select(&sel("#p3-4")).next().unwrap(), ".pnum");
    assert!(fourth.contains("检讨相关法例，为无人机货运"), "{fourth}");

    // And a line break an editor adds anywhere.
    let project = Project::fixture();
    project.edit(MAIN_ZH, |s| s.replacen("離島居民購買日用品和藥物，", "離島居民購買\n日用品和藥物，", 1));
    let out = project.build();
    let page = parse_page(&out.join("tc/proposals/drone-trials/index.html"));
    let first = text_without(page.select(&sel("#p3-1")).next().unwrap(), ".pnum");
    assert!(first.contains("離島居民購買日用品和藥物，"), "{first}");
}
