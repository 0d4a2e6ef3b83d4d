//! How content becomes HTML: text from front matter is escaped, Markdown features the
//! secretariat may use are rendered, and editors may wrap Chinese lines freely.

mod common;
use common::*;

#[test]
fn front_matter_text_is_escaped() {
    let project = Project::real();
    project.edit("content/proposals/pilot-bases.en.md", |s| s.replacen("title: 'Build Twin Bases", "title: '<script>alert(1)</script> & Build Twin Bases", 1));
    let out = project.build();
    let page = parse_page(&out.join("en/proposals/pilot-bases/index.html"));
    assert!(page.select(&sel("script:not([src])")).next().is_none(), "markup from front matter must not become an element");
    assert!(texts(&page, "main h1").concat().contains("<script>alert(1)</script> & Build Twin Bases"));
    assert!(texts(&page, "title").concat().contains("<script>alert(1)</script> & Build Twin Bases"));
}

#[test]
fn english_titles_get_typographic_quotes() {
    let page = parse_page(&real_site().join("en/proposals/pilot-bases/index.html"));
    assert!(texts(&page, "main h1").concat().contains("Build Twin Bases for “Hong Kong-style Pilot Trials”"));
    let tc = parse_page(&real_site().join("tc/proposals/pilot-bases/index.html"));
    assert!(texts(&tc, "main h1").concat().contains("建設「港版中試」雙基地"));
}

#[test]
fn tables_and_footnotes_render() {
    let project = Project::real();
    project.edit("content/proposals/pilot-bases.en.md", |s| format!("{s}\n| Year | Fund |\n| --- | --- |\n| 2024 | RMB10 billion[^1] |\n\n[^1]: Shenzhen.\n"));
    let out = project.build();
    let page = parse_page(&out.join("en/proposals/pilot-bases/index.html"));
    assert_eq!(texts(&page, "main table td").first().map(String::as_str), Some("2024"));
    assert!(page.select(&sel("main .footnote-definition")).next().is_some());
}

#[test]
fn chinese_lines_wrapped_in_the_source_join_without_spaces() {
    let project = Project::real();
    let file = "content/proposals/pilot-bases.zh-Hant.md";
    project.edit(file, |s| s.replacen("海外和內地的實踐均證明，", "海外和內地的\n實踐均證明，", 1));
    let out = project.build();
    let page = parse_page(&out.join("tc/proposals/pilot-bases/index.html"));
    let first = text_without(page.select(&sel("#p6-1")).next().unwrap(), ".pnum");
    assert!(first.contains("海外和內地的實踐均證明，"), "{first}");
}
