//! Figures, tables, footnotes, quotations, lists and sub-headings, as a secretary writes them
//! in next year's proposals: the editions fixture's newest edition (2031-32) has a figure
//! with a caption (`../images/…`), a six-column table of figures with right-aligned
//! columns, `[^1]` footnotes in two proposals, a quotation, a numbered and a bulleted list
//! and a sub-heading, in both authored languages.

mod common;

use common::*;
use std::path::PathBuf;

const EDITION: &str = "2031-32";
const SOLAR: &str = "solar-rooftops";
const WINDOW: &str = "trade-single-window";
const SOLAR_ZH: &str = "content/2031-32/proposals/solar-rooftops.zh-Hant.md";
const SOLAR_EN: &str = "content/2031-32/proposals/solar-rooftops.en.md";
const IMAGE: &str = "tests/fixtures/editions/content/2031-32/images/rooftop-output.png";

fn page(prefix: &str, slug: &str) -> PathBuf {
    editions_site().join(format!("{EDITION}/{prefix}/proposals/{slug}/index.html"))
}

fn full(prefix: &str) -> PathBuf {
    editions_site().join(format!("{EDITION}/{prefix}/full/index.html"))
}

fn attr<'a>(el: scraper::ElementRef<'a>, name: &str) -> &'a str {
    el.value().attr(name).unwrap_or_else(|| panic!("no {name} on {:?}", el.value()))
}

#[test]
fn a_figure_shows_its_picture_with_its_size_caption_and_converted_description_in_every_language() {
    let picture = std::fs::read(repo().join(IMAGE)).unwrap();
    for (prefix, caption, alt) in [
        ("tc", "圖一：試點大廈天台太陽能板的每年發電量（2026 至 2030 年）", "試點工業大廈"),
        ("sc", "图一：试点大厦天台太阳能板的每年发电量（2026 至 2030 年）", "试点工业大厦"),
        ("en", "Figure 1: Yearly output of the pilot buildings’ rooftop solar panels (2026 to 2030)", "Bar chart of the yearly output"),
    ] {
        for (path, lazy) in [(page(prefix, SOLAR), false), (full(prefix), true)] {
            let html = parse_page(&path);
            let figures: Vec<_> = html.select(&sel(".body figure")).collect();
            assert_eq!(figures.len(), 1, "{}: one figure", path.display());
            let img = figures[0].select(&sel("img")).next().expect("a picture in the figure");
            assert_eq!((attr(img, "width"), attr(img, "height"), attr(img, "decoding")), ("800", "450", "async"), "{}", path.display());
            assert_eq!(img.value().attr("loading"), lazy.then_some("lazy"), "{}: lazy only below the first screen", path.display());
            assert!(attr(img, "alt").starts_with(alt), "{}: alt {:?}", path.display(), attr(img, "alt"));
            assert_eq!(texts(&html, ".body figcaption"), vec![caption.to_string()], "{}", path.display());
            let file = resolve(&path, attr(img, "src"));
            assert_eq!(std::fs::read(&file).unwrap(), picture, "{} shows the fixture's picture", path.display());
        }
    }
    let copies: Vec<_> = std::fs::read_dir(editions_site().join("assets/img")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(copies.len(), 1, "the picture is copied once for every page and language: {copies:?}");
}

#[test]
fn the_paragraph_after_a_figure_table_or_list_keeps_its_number_and_the_blocks_have_none() {
    let html = parse_page(&page("en", SOLAR));
    let numbers = texts(&html, ".body .pnum");
    assert_eq!(numbers, ["3.1", "3.2", "3.3"]);
    let html = parse_page(&page("tc", WINDOW));
    assert_eq!(texts(&html, ".body .pnum"), ["1.1", "1.2", "1.3"]);
    assert_eq!(texts(&html, ".body ol:not(.footnotes ol) li"), ["貨櫃申報；", "戰略物品許可證；", "食物進口證明書。"]);
    assert_eq!(texts(&html, ".body h2"), ["與貿易夥伴互通"]);
    assert_eq!(html.select(&sel(".body h2")).next().map(|h| attr(h, "id")), Some("h1-1"));
    assert_eq!(texts(&html, ".body blockquote"), ["一站式平台的價值，在於企業只須遞交一次資料。"]);
    // In the full text the proposal's title is an <h3> under its pillar's <h2>: the
    // sub-heading goes two levels down.
    let full = parse_page(&full("tc"));
    assert_eq!(texts(&full, ".body h4#h1-1"), ["與貿易夥伴互通"]);
    assert_eq!(full.select(&sel(".body h2")).count(), 0);
}

#[test]
fn a_table_scrolls_in_a_labelled_box_with_numbers_aligned_by_class_and_no_inline_style() {
    for (prefix, label) in [("tc", "表 3.2"), ("sc", "表 3.2"), ("en", "Table 3.2")] {
        let path = page(prefix, SOLAR);
        let html = parse_page(&path);
        let boxes: Vec<_> = html.select(&sel(".body div.table")).collect();
        assert_eq!(boxes.len(), 1, "{}", path.display());
        assert_eq!((attr(boxes[0], "role"), attr(boxes[0], "tabindex"), attr(boxes[0], "aria-label")), ("region", "0", label));
        let headers: Vec<_> = boxes[0].select(&sel("thead th")).collect();
        assert_eq!(headers.len(), 6);
        assert!(headers.iter().all(|th| attr(*th, "scope") == "col"));
        let numeric: Vec<bool> = headers.iter().map(|th| th.value().attr("class") == Some("num")).collect();
        assert_eq!(numeric, [false, true, true, true, true, true], "{}: the right-aligned columns", path.display());
        let cells = boxes[0].select(&sel("tbody td.num")).count();
        assert_eq!(cells, 15, "{}: five numeric cells in each of three rows", path.display());
    }
    for file in html_files(editions_site()) {
        let html = std::fs::read_to_string(editions_site().join(&file)).unwrap();
        assert!(!html.contains("style="), "{}: an inline style, which the Content-Security-Policy blocks", file.display());
    }
}

#[test]
fn footnotes_have_ids_of_their_proposal_links_both_ways_and_come_after_the_body() {
    for prefix in ["tc", "sc", "en"] {
        let path = full(prefix);
        let html = parse_page(&path);
        // Two proposals each have a note [^1]: on the full text they meet.
        let notes: Vec<&str> = html.select(&sel(".footnotes li")).map(|li| attr(li, "id")).collect();
        assert_eq!(notes, ["fn-1-1", "fn-3-1"], "{}", path.display());
        for (note, reference) in [("fn-1-1", "fnref-1-1"), ("fn-3-1", "fnref-3-1")] {
            let r = html.select(&sel(&format!("sup.fnref a#{reference}"))).next().unwrap_or_else(|| panic!("{}: no reference {reference}", path.display()));
            assert_eq!(attr(r, "href"), format!("#{note}"));
            let back = html.select(&sel(&format!("li#{note} a.fnback"))).next().expect("a link back");
            assert_eq!(attr(back, "href"), format!("#{reference}"));
        }
    }
    let sc = parse_page(&page("sc", SOLAR));
    assert_eq!(
        texts(&sc, ".footnotes li p").iter().map(|t| t.trim_end_matches(['↩', '\u{fe0e}', ' ']).to_string()).collect::<Vec<_>>(),
        ["收益按各单位的用电量计算，由大厦管理公司每季结算。"]
    );
    let en = parse_page(&page("en", SOLAR));
    let body = en.select(&sel(".body")).next().unwrap();
    let after_last_paragraph = body.html().rfind("id=\"p3-3\"").unwrap() < body.html().find("class=\"footnotes\"").unwrap();
    assert!(after_last_paragraph, "the notes come after the last paragraph");
}

#[test]
fn search_finds_table_cells_list_items_quotations_captions_headings_and_footnotes() {
    let index = std::fs::read_dir(editions_site().join("assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("search-{EDITION}-tc.")))
        .expect("the tc index of the newest edition");
    let index: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(index).unwrap()).unwrap();
    let records = index["records"].as_array().unwrap();
    let find = |needle: &str| {
        let r = records.iter().find(|r| r["x"].as_str().unwrap().contains(needle)).unwrap_or_else(|| panic!("{needle} is not in the index"));
        (r["a"].as_str().unwrap().to_string(), r["w"].as_str().unwrap().to_string())
    };
    assert_eq!(find("葵涌及荃灣工業區"), ("p3-2".into(), "3.2".into()), "a table row links to its paragraph");
    assert_eq!(find("每季結算"), ("fn-3-1".into(), "註 1".into()), "a footnote links to itself");
    assert_eq!(find("只須遞交一次資料"), ("p1-2".into(), "1.2".into()), "a quotation");
    assert_eq!(find("戰略物品許可證"), ("p1-2".into(), "1.2".into()), "a list item");
    assert_eq!(find("圖一"), ("p3-1".into(), "3.1".into()), "a caption");
    assert_eq!(find("與貿易夥伴互通"), ("h1-1".into(), String::new()), "a sub-heading links to itself");
}

fn image_line(project: &Project, file: &str) -> u64 {
    line_of(&project.read(file), "](../images/")
}

#[test]
fn a_missing_picture_is_an_error_at_its_line_and_nothing_is_written() {
    let project = Project::editions();
    let line = image_line(&project, SOLAR_ZH);
    let err = assert_build_rejected(
        &project,
        |p| p.edit(SOLAR_ZH, |t| t.replace("../images/rooftop-output.png", "../images/rooftop-outptu.png")),
        &format!("{SOLAR_ZH}:{line}:"),
        "no such file",
    );
    assert!(err.contains("content/2031-32/images/rooftop-outptu.png"), "the error says where it looked:\n{err}");
}

#[test]
fn a_picture_from_another_site_or_outside_content_or_of_the_wrong_type_is_refused() {
    for (dest, says) in [
        ("https://example.org/chart.png", "Content-Security-Policy"),
        ("../../../themes/default/static/favicon.svg", "leads out of content/"),
        ("/images/rooftop-output.png", "without `/` at the start"),
        ("../images/chart.bmp", "must be a .png, .jpg, .gif, .webp or .svg"),
        ("../images/not-a-picture.png", "not the PNG image its name says"),
    ] {
        let project = Project::editions();
        project.write("content/2031-32/images/chart.bmp", "BM");
        project.write("content/2031-32/images/not-a-picture.png", "<html>");
        let line = image_line(&project, SOLAR_EN);
        assert_build_rejected(&project, |p| p.edit(SOLAR_EN, |t| t.replace("../images/rooftop-output.png", dest)), &format!("{SOLAR_EN}:{line}:"), says);
    }
}

#[test]
fn a_picture_may_be_named_from_the_editions_folder_and_an_svg_works() {
    let project = Project::editions();
    project.write(
        "content/2031-32/images/map.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"><rect width="640" height="360" fill="#8f1d21"/></svg>"##,
    );
    project.edit(SOLAR_EN, |t| t.replace("../images/rooftop-output.png", "images/map.svg"));
    project.edit(SOLAR_ZH, |t| t.replace("../images/rooftop-output.png", "images/map.svg"));
    let out = project.run(&["build", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = project.path(&format!("build/{EDITION}/en/proposals/{SOLAR}/index.html"));
    let html = parse_page(&path);
    let img = html.select(&sel("figure img")).next().unwrap();
    assert_eq!((attr(img, "width"), attr(img, "height")), ("640", "360"));
    assert!(resolve(&path, attr(img, "src")).is_file());
}

#[test]
fn a_table_or_list_that_differs_between_the_languages_is_reported_where_it_differs() {
    let project = Project::editions();
    project.edit(SOLAR_EN, |t| t.replace("| Chai Wan industrial area | 5 | 480 | 518 | 363 | 1,554,000 |\n", ""));
    let out = project.run(&["build"]);
    assert!(out.status.success(), "a warning, not an error: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("after paragraph 3.2") && err.contains("a table of 4 rows and 6 columns") && err.contains("a table of 3 rows and 6 columns"), "{err}");
    let strict = project.run(&["build", "--strict"]);
    assert!(!strict.status.success(), "--strict fails on it");
}

#[test]
fn footnotes_that_cannot_work_are_warnings_at_their_lines() {
    let project = Project::editions();
    project.edit(SOLAR_EN, |t| t.replace("together.[^1]", "together.[^2]"));
    let text = project.read(SOLAR_EN);
    let (reference, note) = (line_of(&text, "together.[^2]"), line_of(&text, "[^1]: "));
    let out = project.run(&["build"]);
    let err = stderr(&out);
    assert!(err.contains(&format!("{SOLAR_EN}:{reference}: [^2] is not a footnote")), "{err}");
    assert!(err.contains(&format!("{SOLAR_EN}:{note}: footnote [^1] is never referenced")), "{err}");
    assert!(!project.run(&["build", "--strict"]).status.success());
}
