//! The PDF of each edition and language, on the editions fixture: linked (with its size)
//! from the home, full-text and proposal pages; a PDF whose text holds the language's
//! titles, paragraphs, table cells, list items and footnotes; whose bookmarks list the
//! pillars and proposals; whose fonts are embedded; whose language is set; which links to
//! the proposals' pages. Without a CJK font, the build says so once and makes the rest.
//!
//! Reading a PDF takes poppler-utils (`pdftotext`, `pdffonts`) and `qpdf`; making one takes
//! Noto CJK (`fonts-noto-cjk`). Where either is missing, the assertions on the PDF's
//! contents are skipped with a message, except under CI (`CI` set), where that fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const EDITIONS: &[&str] = &["2030-31", "2031-32"];
const PREFIXES: &[&str] = &["tc", "sc", "en"];

/// The `<html lang>` of each prefix, and the language the PDF records for it.
const LANGS: &[(&str, &str)] = &[("tc", "zh-HK"), ("sc", "zh"), ("en", "en")];

/// Whether `tool` can be run; if not, says so (and fails under CI).
fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-v").output().is_ok();
    if !found {
        assert!(std::env::var_os("CI").is_none(), "{tool} is needed to read the PDFs (apt-get install poppler-utils qpdf)");
        eprintln!("skipped: {tool} not found (apt-get install poppler-utils qpdf); the PDF's contents are not checked");
    }
    found
}

/// The PDF linked from the page `rel` of the editions site, with the link's text.
fn linked_pdf(rel: &str) -> Option<(PathBuf, String)> {
    let page = parse_page(&editions_site().join(rel));
    let link = page.select(&sel("a[type=\"application/pdf\"]")).next()?;
    Some((resolve(Path::new(rel), link.value().attr("href").unwrap()), text(link)))
}

/// The PDFs were made (the machine has the fonts); if not, says so (and fails under CI).
fn pdfs_made() -> bool {
    let made = linked_pdf("2031-32/en/full/index.html").is_some();
    if !made {
        assert!(std::env::var_os("CI").is_none(), "no PDF was made: CI must have fonts-noto-cjk installed");
        eprintln!("skipped: no CJK font on this machine (apt-get install fonts-noto-cjk), so the build made no PDF");
    }
    made
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Runs `tool ARGS PDF AFTER`: its standard output.
fn run(tool: &str, args: &[&str], pdf: &Path, after: &[&str]) -> String {
    let out = Command::new(tool).args(args).arg(pdf).args(after).output().unwrap_or_else(|e| panic!("run {tool}: {e}"));
    assert!(out.status.success(), "{tool} {args:?} {} failed: {}", pdf.display(), stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_edition_and_language_has_a_pdf_linked_with_its_size_from_its_home_full_text_and_proposals() {
    if !pdfs_made() {
        return;
    }
    let site = editions_site();
    for edition in EDITIONS {
        for prefix in PREFIXES {
            let full = format!("{edition}/{prefix}/full/index.html");
            let (pdf, label) = linked_pdf(&full).unwrap_or_else(|| panic!("{full} links to no PDF"));
            assert_eq!(pdf, PathBuf::from(format!("{edition}/{prefix}/{edition}.pdf")), "{full}");
            let bytes = std::fs::read(site.join(&pdf)).unwrap();
            assert!(bytes.starts_with(b"%PDF-"), "{} is no PDF", pdf.display());
            // The size shown is the file's: "1.2 MB" or "851 KB".
            let size = if bytes.len() < 1_000_000 { format!("{} KB", bytes.len().div_ceil(1000)) } else { format!("{:.1} MB", bytes.len() as f64 / 1e6) };
            assert!(label.contains(&size) && label.contains("PDF"), "{full}: the link reads {label:?}, the file is {size}");
            let mut pages = vec![format!("{edition}/{prefix}/index.html")];
            for entry in std::fs::read_dir(site.join(format!("{edition}/{prefix}/proposals"))).unwrap() {
                let page = format!("{edition}/{prefix}/proposals/{}/index.html", entry.unwrap().file_name().to_string_lossy());
                // A renamed proposal's former address is a redirect page, not a proposal.
                let html = std::fs::read_to_string(site.join(&page)).unwrap();
                if !html.contains("http-equiv=\"refresh\"") && !html.contains("http-equiv=refresh") {
                    pages.push(page);
                }
            }
            for page in pages {
                assert_eq!(linked_pdf(&page), Some((pdf.clone(), label.clone())), "{page} should link to the same PDF");
            }
        }
    }
    // The same name in every language but the prefix; none where there is no edition.
    assert!(!site.join("tc/document.pdf").exists());
}

#[test]
fn each_pdf_holds_its_languages_titles_paragraphs_tables_lists_and_footnotes() {
    if !pdfs_made() || !have("pdftotext") {
        return;
    }
    let site = editions_site();
    for edition in EDITIONS {
        for prefix in PREFIXES {
            let full_rel = format!("{edition}/{prefix}/full/index.html");
            let full = parse_page(&site.join(&full_rel));
            let pdf = site.join(format!("{edition}/{prefix}/{edition}.pdf"));
            let text = no_space(&run("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf, &["-"]).replace("\u{c}", ""));
            // In the order the PDF draws its text (`-raw`: a table cell by cell, not line by line).
            // What the full-text page shows of the submission, each piece as it reads there.
            let mut pieces: Vec<(&str, String)> = Vec::new();
            for (what, css, skip) in [
                ("title", ".full-proposal h3", "nothing"),
                ("pillar", ".full-pillar h2", "nothing"),
                ("paragraph", ".full-proposal .body p.para", ".pnum"),
                ("table cell", ".full-proposal .body td, .full-proposal .body th", "nothing"),
                ("list item", ".full-proposal .body li:not(.footnotes li)", "nothing"),
                ("footnote", ".full-proposal .footnotes li", ".fnback"),
                ("caption", ".full-proposal figcaption", "nothing"),
            ] {
                for el in full.select(&sel(css)) {
                    pieces.push((what, no_space(&text_without(el, skip))));
                }
            }
            for what in ["title", "paragraph", "table cell", "list item", "footnote"] {
                assert!(pieces.iter().any(|(w, _)| *w == what) || edition != &"2031-32", "{full_rel} has no {what}: the fixture should");
            }
            for (what, piece) in &pieces {
                assert!(text.contains(piece.as_str()), "{}: the {what} «{piece}» of {full_rel} is not in its text", pdf.display());
            }
            // Each language's own text: the Simplified PDF is converted, the Traditional one is not.
            let cjk = text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
            match *prefix {
                "en" => assert!(cjk == 0, "{}: Chinese characters in the English PDF", pdf.display()),
                _ => assert!(cjk > 100, "{}: too little Chinese text", pdf.display()),
            }
        }
    }
}

/// The bookmarks' titles, in order, and the catalog and annotations, as qpdf reads them.
fn qpdf_json(pdf: &Path) -> serde_json::Value {
    serde_json::from_str(&run("qpdf", &["--json=2"], pdf, &[])).expect("qpdf's JSON")
}

fn outline_titles(node: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String)>) {
    for item in node.as_array().into_iter().flatten() {
        out.push((depth, item["title"].as_str().unwrap_or_default().to_string()));
        outline_titles(&item["kids"], depth + 1, out);
    }
}

#[test]
fn each_pdf_has_bookmarks_per_pillar_and_proposal_its_language_and_links_to_the_proposals() {
    if !pdfs_made() || !have("qpdf") {
        return;
    }
    let site = editions_site();
    for edition in EDITIONS {
        for (prefix, lang) in LANGS {
            let full_rel = format!("{edition}/{prefix}/full/index.html");
            let full = parse_page(&site.join(&full_rel));
            let pdf = site.join(format!("{edition}/{prefix}/{edition}.pdf"));
            let json = qpdf_json(&pdf);
            let mut outline = Vec::new();
            outline_titles(&json["outlines"], 0, &mut outline);
            // As the full text's contents list them: each pillar, and under it its proposals.
            let mut expected = Vec::new();
            for pillar in full.select(&sel(".full-pillar")) {
                let title = text(pillar.select(&sel("h2")).next().unwrap());
                expected.push((0, title.split_whitespace().collect::<Vec<_>>().join(" ")));
                for q in pillar.select(&sel(".full-proposal h3")) {
                    expected.push((1, text(q).split_whitespace().collect::<Vec<_>>().join(" ")));
                }
            }
            let outline: Vec<(usize, String)> = outline.into_iter().map(|(d, t)| (d, t.split_whitespace().collect::<Vec<_>>().join(" "))).collect();
            assert_eq!(outline, expected, "{}: bookmarks", pdf.display());

            let objects = json["qpdf"][1].as_object().expect("qpdf's objects");
            let catalog = objects.values().find(|o| o["value"]["/Type"] == "/Catalog").expect("a catalog");
            assert_eq!(catalog["value"]["/Lang"], format!("u:{lang}"), "{}: the document's language", pdf.display());
            // Each proposal's heading links to its page on the site, in this language.
            let all = json.to_string();
            for q in full.select(&sel(".full-proposal .short a")) {
                let page = resolve(Path::new(&full_rel), q.value().attr("href").unwrap());
                let url = format!("https://example.org/submissions/{}", page.parent().unwrap().display()) + "/";
                assert!(all.contains(&format!("u:{url}")), "{}: no link to {url}", pdf.display());
            }
        }
    }
}

#[test]
fn each_pdf_embeds_subsets_of_its_fonts_and_records_the_contents_date() {
    if !pdfs_made() || !have("pdffonts") || !have("pdfinfo") {
        return;
    }
    let site = editions_site();
    for edition in EDITIONS {
        for prefix in PREFIXES {
            let pdf = site.join(format!("{edition}/{prefix}/{edition}.pdf"));
            let fonts = run("pdffonts", &[], &pdf, &[]);
            let rows: Vec<Vec<&str>> = fonts.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
            assert!(!rows.is_empty(), "{}: no fonts\n{fonts}", pdf.display());
            for row in &rows {
                // name, type…, encoding, emb, sub, uni, object number, generation
                let (emb, sub) = (row[row.len() - 5], row[row.len() - 4]);
                assert_eq!((emb, sub), ("yes", "yes"), "{}: a font not embedded as a subset\n{fonts}", pdf.display());
                // Chinese in Noto CJK; English in a Latin face where the machine has one.
                let latin = ["Liberation", "DejaVu"].iter().any(|f| row[0].contains(f));
                assert!(row[0].contains("Noto") || (*prefix == "en" && latin), "{}: {fonts}", pdf.display());
            }
            let info = run("pdfinfo", &[], &pdf, &[]);
            assert!(info.contains("Page size:") && info.contains("(A4)"), "{}: not A4\n{info}", pdf.display());
            // The editions' dates are December 2029 and December 2030: never the build's clock.
            let year = if *edition == "2030-31" { "2029" } else { "2030" };
            let created = info.lines().find(|l| l.starts_with("CreationDate:")).unwrap_or_else(|| panic!("no creation date\n{info}"));
            assert!(created.contains("Dec  1 ") && created.contains(year), "{}: {created}", pdf.display());
        }
    }
}

/// Runs `microsite ARGS` on `project` with `MICROSITE_FONT_DIR` set to `fonts`.
fn build_with_fonts(project: &Project, fonts: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_microsite")).args(args).arg("--root").arg(project.root()).env("MICROSITE_FONT_DIR", fonts).output().expect("run microsite")
}

#[test]
fn without_a_cjk_font_the_build_says_so_once_and_makes_everything_else_strict_too() {
    let project = Project::editions();
    let empty = tempfile::tempdir().unwrap();
    for args in [&["build"][..], &["build", "--strict"][..]] {
        let out = build_with_fonts(&project, empty.path(), args);
        let said = stderr(&out);
        assert!(out.status.success(), "{args:?} failed without fonts:\n{said}");
        let notes: Vec<&str> = said.lines().filter(|l| l.contains("CJK font")).collect();
        assert_eq!(notes.len(), 1, "{args:?} should say once that no PDF was made:\n{said}");
        assert!(notes[0].starts_with("note: no PDF made") && notes[0].contains("fonts-noto-cjk") && notes[0].contains("MICROSITE_FONT_DIR"), "{}", notes[0]);
        assert!(!said.contains("warning"), "{said}");
        let build = project.path("build");
        let files: Vec<PathBuf> = snapshot(&build).into_keys().collect();
        assert!(!files.iter().any(|f| f.extension().is_some_and(|x| x == "pdf")), "no PDF without fonts");
        for edition in EDITIONS {
            for prefix in PREFIXES {
                let full = build.join(format!("{edition}/{prefix}/full/index.html"));
                let page = parse_page(&full);
                assert!(page.select(&sel("a[type=\"application/pdf\"]")).next().is_none(), "{}: a link to no PDF", full.display());
                assert!(page.select(&sel(".full-proposal")).count() >= 3, "{}: the pages are still made", full.display());
            }
        }
    }
}
