//! Translation freshness (`microsite status`): a translation records the hashes of the
//! source paragraphs it follows, so that an edited Traditional paragraph makes its English
//! paragraph stale (reported by `status`, warned by `build`, fatal under `--strict` and in
//! `check`) until `status --accept` records the new source; missing paragraphs and records
//! are reported; accepting touches nothing but the record.

mod common;
use common::*;

/// The fixture's proposal 3, four paragraphs.
const DRONE_ZH: &str = "content/proposals/drone-trials.zh-Hant.md";
const DRONE_EN: &str = "content/proposals/drone-trials.en.md";
/// Its second paragraph's opening, in the Traditional text.
const SECOND_ZH: &str = "本會建議政府在長洲";

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The line of `status` output about proposal `slug`.
fn row<'a>(report: &'a str, slug: &str) -> &'a str {
    report.lines().find(|l| l.split_whitespace().nth(1) == Some(slug)).unwrap_or_else(|| panic!("no line for {slug} in:\n{report}"))
}

/// Edits the second paragraph of the Traditional text of proposal 3.
fn edit_second_paragraph(project: &Project) {
    project.edit(DRONE_ZH, |s| s.replacen("為期兩年", "為期三年", 1));
}

#[test]
fn the_fixture_starts_up_to_date() {
    let project = Project::fixture();
    let out = project.run(&["status", "--strict"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let report = stdout(&out);
    let total = paragraph_total();
    assert!(report.starts_with(&format!("en translated from zh-Hant: {total} paragraph(s) up to date, 0 stale, 0 missing\n")), "{report}");
    for p in proposals() {
        let cells: Vec<String> = row(&report, p.slug).split_whitespace().map(str::to_string).collect();
        assert_eq!(cells, [p.number.to_string(), p.slug.to_string(), p.paragraphs.to_string(), "0".into(), "0".into()], "{report}");
    }
}

#[test]
fn an_edited_source_paragraph_makes_its_translation_stale_until_accepted() {
    let project = Project::fixture();
    let before = snapshot(&project.build());
    let english = project.read(DRONE_EN);
    edit_second_paragraph(&project);

    // `status` names the paragraph; it is a report (exit 0) unless --strict.
    let out = project.run(&["status"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    let up_to_date = (proposal("drone-trials").paragraphs - 1).to_string();
    assert!(report.starts_with(&format!("en translated from zh-Hant: {} paragraph(s) up to date, 1 stale, 0 missing", paragraph_total() - 1)), "{report}");
    let cells: Vec<&str> = row(&report, "drone-trials").split_whitespace().collect();
    assert_eq!(cells, ["3", "drone-trials", &up_to_date, "1", "0", "stale:", "¶3.2"], "{report}");
    assert!(!project.run(&["status", "--strict"]).status.success(), "--strict fails on a stale paragraph");

    // `build --strict` and `check` fail, naming both files at the paragraph's lines.
    let strict = project.run(&["build", "--strict"]);
    assert!(!strict.status.success());
    let err = stderr(&strict);
    let en_line = line_of(&english, "two-year");
    let zh_line = line_of(&project.read(DRONE_ZH), SECOND_ZH);
    let expected = format!("drone-trials.en.md:{en_line}: stale translation: paragraph 3.2");
    assert!(err.contains(&expected) && err.contains(&format!("drone-trials.zh-Hant.md:{zh_line})")), "{expected}, zh line {zh_line}:\n{err}");
    assert!(snapshot(&project.path("build")) == before, "build/ untouched");
    let check = project.run(&["check"]);
    assert!(!check.status.success() && stdout(&check).contains(&expected), "{}", stdout(&check));

    // A plain build warns once.
    let plain = project.run(&["build"]);
    assert!(plain.status.success());
    let warnings: Vec<String> = stderr(&plain).lines().filter(|l| l.starts_with("warning:")).map(str::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains(&expected), "{warnings:?}");

    // The translator updates the English, then accepts it: both clear.
    project.edit(DRONE_EN, |s| s.replacen("two-year", "three-year", 1));
    let english = project.read(DRONE_EN);
    let said = project.accept(DRONE_EN);
    assert!(said.contains("drone-trials.en.md: recorded the 4 paragraph(s) of") && said.contains("stale before: ¶3.2"), "{said}");
    let report = stdout(&project.run(&["status", "--strict"]));
    assert!(report.starts_with(&format!("en translated from zh-Hant: {} paragraph(s) up to date, 0 stale, 0 missing", paragraph_total())), "{report}");
    let strict = project.run(&["build", "--strict"]);
    assert!(strict.status.success(), "{}", stderr(&strict));
    assert!(project.run(&["check"]).status.success());

    // Accepting changed the one recorded hash and nothing else.
    let after = project.read(DRONE_EN);
    let changed: Vec<(&str, &str)> = english.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(english.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].0.ends_with("# 3.2") && changed[0].1.ends_with("# 3.2"), "{changed:?}");
}

#[test]
fn accepting_a_file_that_records_nothing_adds_the_record_and_keeps_every_other_byte() {
    let project = Project::fixture();
    // A file with comments, Windows line endings, and no record yet.
    let record_start = project.read(DRONE_EN).find("translated_from:").unwrap();
    let record_end = project.read(DRONE_EN)[record_start..].find("---").unwrap() + record_start;
    project.edit(DRONE_EN, |s| format!("{}# reviewed by the secretariat\n{}", &s[..record_start], &s[record_end..]).replace('\n', "\r\n"));
    let without = project.read(DRONE_EN);

    let report = stdout(&project.run(&["status"]));
    assert!(row(&report, "drone-trials").ends_with("missing: ¶3.1, ¶3.2, ¶3.3, ¶3.4"), "{report}");
    let strict = project.run(&["build", "--strict"]);
    assert!(strict.status.success(), "a translation that records nothing is for `status` to report, not a build warning: {}", stderr(&strict));

    let said = project.accept(DRONE_EN);
    assert!(said.contains("missing before: ¶3.1, ¶3.2, ¶3.3, ¶3.4"), "{said}");
    let with = project.read(DRONE_EN);
    let closing = without.find("\r\n---\r\n").unwrap() + 2;
    assert_eq!(&with[..closing], &without[..closing], "everything before the record kept");
    assert_eq!(&with[with.len() - (without.len() - closing)..], &without[closing..], "the closing line and body kept byte for byte");
    let record = &with[closing..with.len() - (without.len() - closing)];
    assert_eq!(record.lines().count(), 5, "{record}");
    assert!(record.starts_with("translated_from:") && record.split("\r\n").filter(|l| !l.is_empty()).all(|l| !l.contains('\n')), "{record:?}");
    assert!(project.run(&["status", "--strict"]).status.success());
}

#[test]
fn a_paragraph_the_translation_lacks_is_missing() {
    let project = Project::fixture();
    project.edit(DRONE_EN, |s| s[..s.trim_end().rfind("\n\n").unwrap() + 1].to_string());
    let out = project.run(&["status"]);
    assert!(out.status.success());
    let report = stdout(&out);
    let cells: Vec<&str> = row(&report, "drone-trials").split_whitespace().collect();
    assert_eq!(cells, ["3", "drone-trials", "3", "0", "1", "missing:", "¶3.4"], "{report}");
    assert!(!project.run(&["status", "--strict"]).status.success());

    // A missing file: every paragraph missing, and the file named.
    project.remove(DRONE_EN);
    let report = stdout(&project.run(&["status"]));
    let row = row(&report, "drone-trials");
    assert!(row.contains("no file ") && row.contains("drone-trials.en.md") && row.split_whitespace().nth(4) == Some("4"), "{report}");
}

#[test]
fn accept_refuses_what_is_not_a_translated_proposal_and_writes_nothing() {
    let project = Project::fixture();
    edit_second_paragraph(&project);
    let english = project.read(DRONE_EN);
    project.write("content/notes.en.md", "---\nnumber: 3\n---\n");
    for (file, says) in [
        (DRONE_ZH, "is the zh-Hant text, the source the translations follow"),
        ("content/notes.en.md", "is not a translated proposal file of this project"),
        ("content/proposals/no-such.en.md", "cannot find the file"),
    ] {
        // Named with a good file first: nothing is written unless every file is good.
        let out = project.run(&["status", "--accept", &project.path(DRONE_EN).to_string_lossy(), &project.path(file).to_string_lossy()]);
        assert!(!out.status.success(), "{file}");
        let err = stderr(&out);
        assert!(err.contains(&project.path(file).to_string_lossy().to_string()) && err.contains(says), "{file}: {err}");
        assert_eq!(project.read(DRONE_EN), english, "{file}: nothing written");
    }
}

#[test]
fn in_a_site_of_editions_each_edition_is_reported_and_accepted() {
    let project = Project::editions();
    let report = stdout(&project.run(&["status"]));
    let headings: Vec<&str> = report.lines().filter(|l| l.contains("translated from")).collect();
    assert_eq!(headings.len(), 2, "{report}");
    assert!(headings[0].starts_with("2031-32: en translated from zh-Hant:") && headings[1].starts_with("2030-31: en translated from zh-Hant:"), "{report}");
    assert!(headings.iter().all(|h| h.ends_with(" 0 stale, 0 missing")), "{report}");

    let (zh, en) = ("content/2030-31/proposals/e-invoicing.zh-Hant.md", "content/2030-31/proposals/e-invoicing.en.md");
    project.edit(zh, |s| {
        let body = s.rfind("\n---\n").unwrap() + 5;
        let last = s.trim_end().rfind('。').unwrap();
        assert!(last > body, "a full stop in the body");
        format!("{}！{}", &s[..last], &s[last + '。'.len_utf8()..])
    });
    let report = stdout(&project.run(&["status"]));
    let edition = report.split("\n\n").find(|part| part.starts_with("2030-31:")).unwrap();
    assert!(edition.contains(" 1 stale, 0 missing") && row(edition, "e-invoicing").contains("stale: ¶"), "{report}");
    let strict = project.run(&["build", "--strict"]);
    assert!(!strict.status.success() && stderr(&strict).contains("e-invoicing.en.md:"), "{}", stderr(&strict));
    project.accept(en);
    assert!(project.run(&["status", "--strict"]).status.success());
    assert!(project.run(&["build", "--strict"]).status.success());
}

#[test]
fn a_new_proposal_starts_up_to_date_and_goes_stale_when_its_source_is_written() {
    let project = Project::fixture();
    let out = project.run(&["new", "proposal", "--pillar", "logistics-talent", "night-shifts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let number = (proposals().len() + 1).to_string();
    let report = stdout(&project.run(&["status"]));
    let cells: Vec<&str> = row(&report, "night-shifts").split_whitespace().collect();
    assert_eq!(cells, [number.as_str(), "night-shifts", "1", "0", "0"], "{report}");
    project.edit("content/proposals/night-shifts.zh-Hant.md", |s| s.replacen("〔建議的第一段", "〔建議的首段", 1));
    let report = stdout(&project.run(&["status"]));
    assert!(row(&report, "night-shifts").ends_with(&format!("stale: ¶{number}.1")), "{report}");
}

#[test]
fn a_record_that_is_not_a_hash_is_an_error_naming_its_line() {
    let project = Project::fixture();
    // The hash recorded for paragraph 3.2, one digit short.
    let english = project.read(DRONE_EN);
    let line = line_of(&english, "# 3.2");
    let recorded = english.lines().nth(line as usize - 1).unwrap().split_whitespace().nth(1).unwrap().to_string();
    let short = &recorded[..7];
    project.edit(DRONE_EN, |s| s.replacen(&format!("- {recorded} # 3.2"), &format!("- {short} # 3.2"), 1));
    for command in [&["build"][..], &["status"], &["check"]] {
        let out = project.run(command);
        assert!(!out.status.success(), "{command:?}");
        let err = stderr(&out);
        assert!(err.contains(&format!("drone-trials.en.md:{line}: translated_from: `{short}` is not a paragraph hash")), "{command:?}: {err}");
    }
}
