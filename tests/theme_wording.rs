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

#[test]
fn the_simplified_ui_says_print_load_and_find_as_on_the_mainland() {
    let tiny = Tiny::new();
    // The document's own 載入 ("go down in history") and 尋找 ("seek") are other words: the
    // theme's entries are the UI's phrases, and leave them as hk2s converts them.
    tiny.edit(&file("one", "zh-Hant"), |s| s.replace("一段文字。", "尋找商機，載入史冊。"));
    tiny.build();
    let search = tiny.page("sc/search/index.html");
    let full = tiny.page("sc/full/index.html");
    assert!(full.contains("打印") && !full.contains("列印"), "列印 is 打印 in /sc/:\n{full}");
    assert!(search.contains("正在加载") && !search.contains("载入"), "載入 is 加载 in /sc/:\n{search}");
    assert!(search.contains("在页面中查找") && !search.contains("寻找"), "尋找 is 查找 in /sc/:\n{search}");
    // The search box's label: what to search, not "search suggestions" (搜索建议).
    assert!(search.contains("搜索建议书内容") && !search.contains("搜索建议内容"), "{search}");
    let proposal = tiny.page("sc/proposals/one/index.html");
    assert!(proposal.contains("寻找商机，载入史册。"), "the content's own words:\n{proposal}");
    let tc = tiny.page("tc/search/index.html");
    assert!(tc.contains("正在載入") && tc.contains("在頁面中尋找") && tiny.page("tc/full/index.html").contains("列印"), "the Traditional text is untouched");
}

#[test]
fn one_search_result_is_singular_in_english() {
    let tiny = Tiny::new();
    tiny.build();
    let data = |prefix: &str, key: &str| {
        let page = scraper::Html::parse_document(&tiny.page(&format!("{prefix}/search/index.html")));
        let form = page.select(&scraper::Selector::parse("form.search-form").unwrap()).next().unwrap_or_else(|| panic!("no search form on {prefix}"));
        form.value().attr(key).unwrap_or_else(|| panic!("no {key} on the {prefix} search form")).to_string()
    };
    assert_eq!(data("en", "data-results-one"), "1 result");
    assert_eq!(data("en", "data-results"), "{n} results");
    assert_eq!(data("tc", "data-results-one"), "找到 1 個結果");
    assert_eq!(data("sc", "data-results-one"), "找到 1 个结果");
    // search.js takes the singular for exactly one result.
    let script = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/search.js")).unwrap();
    assert!(script.contains("results.length === 1 ? data.resultsOne : data.results"), "search.js uses data-results-one");
}
