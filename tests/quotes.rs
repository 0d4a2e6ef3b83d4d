//! The quotation marks of the Simplified Chinese edition: the fixture's `zh-Hans` language
//! says `quotes: curly`, so every text of the `/sc/` pages reads “” and ‘’ (GB/T 15834)
//! where the Traditional text has 「」 and 『』, and code and addresses keep theirs. The
//! setting changes nothing else, `corner` (the default) keeps the marks as written, and a
//! bad value names the settings file and line.

mod common;
use common::*;
use std::path::Path;

/// The fixture's proposal 3, whose title and paragraph 3.2 quote 「離島無人機配送」.
const MAIN_ZH: &str = "content/proposals/drone-trials.zh-Hant.md";
const SITE: &str = "content/site.yaml";

fn count(text: &str, marks: &[char]) -> usize {
    text.chars().filter(|c| marks.contains(c)).count()
}

#[test]
fn simplified_pages_read_curly_quotes_wherever_the_traditional_ones_read_corner_brackets() {
    let site = fixture_site();
    let mut quoted = 0;
    for tc_page in html_files(site).iter().filter(|p| p.starts_with("tc")) {
        let sc_page = Path::new("sc").join(tc_page.strip_prefix("tc").unwrap());
        let tc = std::fs::read_to_string(site.join(tc_page)).unwrap();
        let sc = std::fs::read_to_string(site.join(&sc_page)).unwrap();
        assert_eq!(count(&sc, &['「', '」', '『', '』']), 0, "{}: no corner bracket left", sc_page.display());
        assert_eq!(count(&sc, &['“']), count(&tc, &['「']), "{}: a “ for every 「 of {}", sc_page.display(), tc_page.display());
        assert_eq!(count(&sc, &['”']), count(&tc, &['」']), "{}", sc_page.display());
        quoted += count(&tc, &['「']);
    }
    assert!(quoted > 0, "the fixture quotes");
    let page = parse_page(&site.join("sc/proposals/drone-trials/index.html"));
    assert_eq!(texts(&page, "main h1").concat().trim(), "3. 开展“离岛无人机配送”试验", "the title");
    assert!(texts(&page, "title").concat().contains("开展“离岛无人机配送”试验"), "the page's <title>");
    let og = page.select(&sel("meta[property='og:title']")).next().unwrap().value().attr("content").unwrap();
    assert!(og.contains("“离岛无人机配送”"), "the link preview: {og}");
    assert!(texts(&page, "#p3-2").concat().contains("为期两年的“离岛无人机配送”试验"), "the paragraph");
    let full = std::fs::read_to_string(site.join("sc/full/index.html")).unwrap();
    assert!(full.contains("受访会员普遍认为：“只要收费合理，船公司乐意使用岸电。”"), "a quotation on the full text");
    let search = std::fs::read_to_string(site.join("sc/search/index.html")).unwrap();
    assert!(search.contains("找不到“{q}”的结果"), "the theme's UI strings");
    let index = std::fs::read_dir(site.join("assets")).unwrap().map(|e| e.unwrap().path()).find(|p| p.to_string_lossy().contains("search-sc.")).unwrap();
    let index = std::fs::read_to_string(index).unwrap();
    assert!(index.contains("为期两年的“离岛无人机配送”试验"), "the search index");
}

#[test]
fn code_and_addresses_keep_their_marks_while_text_titles_and_settings_convert() {
    let project = Project::fixture();
    project.edit(MAIN_ZH, |s| {
        s.replacen(
            "並簡化試驗期間的飛行許可申請。",
            "並簡化試驗期間的飛行許可申請，代號 `「試驗」`，見[『航道』指引](https://example.org/「航道」/ \"「民航處」指引\")。\n\n```\n「航道」設定\n```",
            1,
        )
    });
    project.edit(SITE, |s| s.replacen("zh-Hant: 建設智慧港口", "zh-Hant: 建設「智慧港口」", 1).replacen("數碼化和自動化", "『數碼化』和自動化", 1));
    let out = project.build();
    let tc = parse_page(&out.join("tc/proposals/drone-trials/index.html"));
    let sc = parse_page(&out.join("sc/proposals/drone-trials/index.html"));
    assert_eq!(texts(&sc, "#p3-2 code"), ["「試驗」"], "a code span keeps its marks (and its characters)");
    assert_eq!(texts(&sc, "main pre code"), ["「航道」設定\n"], "so does a code block");
    let link = |page: &scraper::Html| page.select(&sel("#p3-2 a[title]")).next().unwrap().value().clone();
    let (tc_link, sc_link) = (link(&tc), link(&sc));
    assert_eq!(sc_link.attr("href"), tc_link.attr("href"), "the address is not converted");
    assert!(sc_link.attr("href").unwrap().contains("%E3%80%8C"), "its 「 stays as written (percent-encoded)");
    assert_eq!(sc_link.attr("title"), Some("“民航处”指引"), "a link's title is text a reader sees");
    assert!(texts(&sc, "#p3-2 a").concat().contains("‘航道’指引"), "『』 become ‘’");
    let pillar = parse_page(&out.join("sc/pillars/smart-port/index.html"));
    assert!(texts(&pillar, "main h1").concat().contains("建设“智慧港口”"), "a pillar title");
    assert!(texts(&pillar, "main .intro").concat().contains("‘数码化’和自动化"), "a pillar intro");
    assert!(texts(&sc, "nav.pillars").concat().contains("建设“智慧港口”"), "the navigation");
}

#[test]
fn the_setting_changes_the_quotation_marks_and_nothing_else() {
    let project = Project::fixture();
    let curly = snapshot(&project.build());
    project.edit(SITE, |s| s.replacen("    quotes: curly\n", "    quotes: corner\n", 1));
    let corner = snapshot(&project.build());
    let page = String::from_utf8(corner[Path::new("sc/proposals/drone-trials/index.html")].clone()).unwrap();
    assert!(page.contains("开展「离岛无人机配送」试验"), "`corner` keeps the marks as written");
    let curly_quotes = |bytes: &[u8]| -> String {
        String::from_utf8_lossy(bytes)
            .chars()
            .map(|c| match c {
                '「' => '“',
                '」' => '”',
                '『' => '‘',
                '』' => '’',
                c => c,
            })
            .collect()
    };
    let mut compared = 0;
    // The pages, as text (the PDF's text is compressed: its marks are not bytes to compare).
    let pages = corner.iter().filter(|(p, _)| p.starts_with("sc") && !p.starts_with("sc/search") && p.extension().is_none_or(|x| x != "pdf"));
    for (path, bytes) in pages {
        assert_eq!(String::from_utf8_lossy(&curly[path]), curly_quotes(bytes), "{}", path.display());
        compared += 1;
    }
    assert!(compared > proposals().len(), "every Simplified page but search");
    // Without the setting, as with `corner`.
    project.edit(SITE, |s| s.replacen("    quotes: corner\n", "", 1));
    assert!(snapshot(&project.build()) == corner, "`corner` is the default");
}

#[test]
fn a_quotes_setting_that_is_unknown_or_on_an_authored_language_names_its_line() {
    let project = Project::fixture();
    let line = line_of(&project.read(SITE), "quotes: curly");
    assert_build_rejected(
        &project,
        |p| p.edit(SITE, |s| s.replacen("quotes: curly", "quotes: fancy", 1)),
        &format!("{SITE}:{line}:"),
        "unknown `quotes: fancy`; use `corner`",
    );
    let project = Project::fixture();
    let edited = project.read(SITE).replacen("    name: 繁體中文\n", "    name: 繁體中文\n    quotes: curly\n", 1);
    let line = line_of(&edited, "quotes: curly");
    assert_build_rejected(&project, |p| p.write(SITE, &edited), &format!("{SITE}:{line}:"), "`quotes` is a setting of a generated language");
}
