//! Nothing of one year's document is in the theme: its Simplified UI wording comes with the
//! theme (`themes/default/strings/zh-Hans-overrides.txt`), whatever the content's override
//! file says, and the search box's examples come from the settings (`search_examples`) or
//! the placeholder is a generic one. The project is a tiny one of the test's own.

mod common;
mod tiny;
use tiny::*;

const CONTENT_OVERRIDES: &str = "content/zh-Hans-overrides.txt";
const THEME_OVERRIDES: &str = "themes/default/strings/zh-Hans-overrides.txt";

/// The search box's placeholder on the search page of the edition at `prefix`.
fn placeholder(tiny: &Tiny, prefix: &str) -> String {
    let page = scraper::Html::parse_document(&tiny.page(&format!("{prefix}/search/index.html")));
    let input = page.select(&scraper::Selector::parse("input#q").unwrap()).next().unwrap_or_else(|| panic!("no search box on the {prefix} search page"));
    input.value().attr("placeholder").unwrap_or_else(|| panic!("no placeholder on the {prefix} search page")).to_string()
}

#[test]
fn a_fresh_content_tree_gets_the_themes_simplified_wording() {
    let tiny = Tiny::new();
    tiny.write(CONTENT_OVERRIDES, "# No corrections of our own.\n");
    tiny.build();
    let proposal = tiny.page("sc/proposals/one/index.html");
    assert!(proposal.contains("复制链接"), "連結 is 链接 in /sc/:\n{proposal}");
    assert!(!proposal.contains("连结"), "not hk2s's 连结");
    let search = tiny.page("sc/search/index.html");
    assert!(search.contains("<h1>搜索</h1>"), "搜尋 is 搜索 in /sc/:\n{search}");
    assert!(!search.contains("搜寻"), "not hk2s's 搜寻");
    assert!(tiny.page("tc/proposals/one/index.html").contains("複製連結"), "the Traditional text is untouched");
}

#[test]
fn without_a_content_override_file_too() {
    let tiny = Tiny::new();
    tiny.build();
    assert!(tiny.page("sc/proposals/one/index.html").contains("复制链接"));
}

#[test]
fn the_contents_entry_wins_over_the_themes() {
    let tiny = Tiny::new();
    tiny.write(CONTENT_OVERRIDES, "# test: the content prefers hk2s's own word here\n搜尋\t搜寻\n");
    tiny.build();
    let search = tiny.page("sc/search/index.html");
    assert!(search.contains("<h1>搜寻</h1>"), "the content's entry applies:\n{search}");
    assert!(tiny.page("sc/proposals/one/index.html").contains("复制链接"), "and the theme's others still do");
}

#[test]
fn a_bad_entry_in_the_themes_file_names_it_and_its_line() {
    let tiny = Tiny::new();
    tiny.edit(THEME_OVERRIDES, |s| format!("{s}# a broken entry\n著手 着手\n"));
    let line = tiny.read(THEME_OVERRIDES).lines().count();
    let out = tiny.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the build should fail:\n{err}");
    assert!(err.contains(&format!("{THEME_OVERRIDES}:{line}:")) && err.contains("source<TAB>target"), "{err}");
}

#[test]
fn without_search_examples_the_placeholder_is_generic() {
    let tiny = Tiny::new();
    tiny.build();
    for prefix in ["tc", "sc", "en"] {
        let text = placeholder(&tiny, prefix);
        assert!(!text.is_empty(), "{prefix}: a placeholder");
        assert!(!text.contains("e.g.") && !text.contains("例如"), "{prefix}: no examples without settings: {text}");
    }
}

#[test]
fn the_search_examples_of_the_settings_fill_the_placeholder() {
    let tiny = Tiny::with_settings("search_examples:\n  zh-Hant: 渡輪、橋樑\n  en: ferries, bridges\n");
    tiny.build();
    assert_eq!(placeholder(&tiny, "en"), "e.g. ferries, bridges");
    assert_eq!(placeholder(&tiny, "tc"), "例如：渡輪、橋樑");
    assert_eq!(placeholder(&tiny, "sc"), "例如：渡轮、桥梁", "converted for the Simplified edition");
}

#[test]
fn search_examples_for_a_language_that_is_not_authored_are_refused() {
    let tiny = Tiny::with_settings("search_examples:\n  zh-Hans: 渡轮\n");
    let out = tiny.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains(&format!("{SITE}:")) && err.contains("search_examples has text for `zh-Hans`"), "{err}");
}
