//! `microsite review`: the conversion review report and its sign-off, on a fixture of its
//! own (`tests/fixtures/review/content`: phrases where 著 is 着 and where it stays 著, and
//! reviewed override entries, one of which never fires), and on the editions fixture.

mod common;
use common::*;

const FIXTURE: &str = "tests/fixtures/review/content";
const BASE: &str = "https://review.example/papers/";
const SIGN_OFF: &str = "content/zh-Hans-review.tsv";

/// Runs `microsite review ARGS` on `project`, asserting it succeeded; returns the report.
fn review(project: &Project, args: &[&str]) -> String {
    let report = project.path("review.html");
    let mut all = vec!["review", "--out", report.to_str().unwrap()];
    all.extend(args);
    let out = project.run(&all);
    assert!(out.status.success(), "review failed:\n{}", all_output(&out));
    project.read("review.html")
}

/// The number in the report's summary before `what` (`3 new`).
fn count(report: &str, what: &str) -> usize {
    let at = report.find(&format!(" {what}</span>")).unwrap_or_else(|| panic!("no count of {what}:\n{report}"));
    report[..at].rsplit('>').next().unwrap().trim().parse().unwrap()
}

#[test]
fn the_reviewed_conversions_read_着_and_著作_keeps_著() {
    let project = Project::from_fixture(FIXTURE);
    let build = project.build();
    let page = std::fs::read_to_string(build.join("sc/proposals/authors/index.html")).unwrap();
    for phrase in ["随着", "循着", "本着", "着手", "有着不可", "具有著作权", "正版著作"] {
        assert!(page.contains(phrase), "the sc page reads {phrase}:\n{page}");
    }
    assert!(!page.contains("着作"), "著作 keeps 著");
}

#[test]
fn the_report_lists_著_in_context_linked_to_both_editions_and_the_override_ledger() {
    let project = Project::from_fixture(FIXTURE);
    let report = review(&project, &[]);
    assert!(!project.path("build").exists(), "the report is not a site build");
    assert!(report.contains("opencc-fmmseg 0.") && report.contains("<code>hk2s</code>"), "converter and configuration named");
    assert!(report.contains("content/zh-Hans-overrides.txt</code>: 6 entries"), "the content's override file");
    let theme_entries = std::fs::read_to_string(repo().join("themes/default/strings/zh-Hans-overrides.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count();
    assert!(report.contains(&format!("themes/default/strings/zh-Hans-overrides.txt</code>: {theme_entries} entries")), "the theme's override file");
    // Every 著 of the text, in context, Traditional beside Simplified, linked to its paragraph.
    let row = report.lines().find(|l| l.contains("隨<mark>著</mark>")).unwrap_or_else(|| panic!("隨著 is listed:\n{report}"));
    assert!(row.contains("随<mark>着</mark>"), "{row}");
    assert!(
        row.contains(&format!("href=\"{BASE}tc/proposals/authors/#p1-1\"")) && row.contains(&format!("href=\"{BASE}sc/proposals/authors/#p1-1\"")),
        "{row}"
    );
    let row = report.lines().find(|l| l.contains("具有<mark>著</mark>作權")).expect("具有著作權 is listed");
    assert!(row.contains("具有<mark>著</mark>作权"), "{row}");
    assert!(report.contains("<span class=\"zh\">著</span> (7 occurrences)"), "the 7 places of 著 in the Traditional text");
    // The ledger: each entry with its reason and where it fired; the one that never fires.
    let entry = report.lines().find(|l| l.contains("循著 → 循着")).expect("the 循著 entry");
    assert!(entry.contains("循着 &quot;following&quot;") && entry.contains("#p1-2") && entry.contains("pins what OpenCC alone gives"), "{entry}");
    let never = report.lines().find(|l| l.contains("乾隆 → 乾隆")).expect("the 乾隆 entry");
    assert!(never.contains("never fires"), "{never}");
    let theme = report.lines().find(|l| l.contains("連結 → 链接")).expect("the theme's 連結 entry");
    assert!(theme.contains("the theme's UI string") && theme.contains("OpenCC alone gives 连结"), "the theme's entries fire in its strings: {theme}");
    assert!(report.contains("None: converting the zh-Hans text again changes nothing"));
    assert_eq!(count(&report, "signed off"), 0);
    assert!(count(&report, "new") >= 7);
    assert_eq!(review(&project, &[]), report, "the report is deterministic");
}

#[test]
fn after_sign_off_only_what_is_new_or_changed_is_to_review() {
    let project = Project::from_fixture(FIXTURE);
    let before = review(&project, &[]);
    let total = count(&before, "new");
    let signed = review(&project, &["--sign-off"]);
    assert!(project.read(SIGN_OFF).contains("隨[著]數碼"), "the sign-off file records the occurrences for people too");
    assert_eq!((count(&signed, "new"), count(&signed, "signed off")), (0, total));
    assert_eq!(review(&project, &[]), signed, "a second report after sign-off is the same");
    // A new paragraph with 著 is new (an edit within a few characters of a signed-off
    // occurrence makes it new too: its context changed); a changed rendering of a
    // signed-off context is changed.
    project.edit("content/proposals/authors.zh-Hant.md", |s| format!("{s}\n成效顯著。\n"));
    project.edit("content/zh-Hans-overrides.txt", |s| s.replace("本著\t本着", "本著\t本著"));
    let after = review(&project, &[]);
    assert_eq!(count(&after, "new"), 1, "顯著 is new:\n{after}");
    assert_eq!(count(&after, "changed"), 1, "本著 is changed");
    let to_review = &after[after.find("To review").unwrap()..after.find("<strong>Signed off").unwrap()];
    assert!(to_review.contains("成效顯<mark>著</mark>") && to_review.contains("本<mark>著</mark>公平"), "{to_review}");
    assert!(!to_review.contains("隨<mark>著</mark>"), "what was signed off is not to review again");
}

#[test]
fn a_bad_out_path_or_sign_off_file_is_one_clear_error() {
    let project = Project::from_fixture(FIXTURE);
    let folder = project.path("content");
    let out = project.run(&["review", "--out", folder.to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("--out names a folder"), "{}", all_output(&out));
    project.build();
    let inside = project.path("build/review.html");
    let out = project.run(&["review", "--out", inside.to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("inside the site's output folder"), "{}", all_output(&out));
    assert!(!inside.exists());
    let missing = project.path("no/such/folder/review.html");
    let out = project.run(&["review", "--out", missing.to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("does not exist"), "{}", all_output(&out));
    project.write(SIGN_OFF, "# reviewed\nnot a hash\n");
    let out = project.run(&["review", "--out", project.path("r.html").to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains(&format!("{SIGN_OFF}:2:")), "{}", all_output(&out));
}

#[test]
fn a_site_of_editions_gets_a_section_and_a_sign_off_file_per_edition() {
    let project = Project::editions();
    let report = review(&project, &["--sign-off"]);
    for edition in ["2030-31", "2031-32"] {
        assert!(report.contains(&format!("Edition {edition}: zh-Hans generated from zh-Hant")), "{edition}");
        assert!(project.path(&format!("content/{edition}/zh-Hans-review.tsv")).is_file(), "{edition}'s sign-off file");
        assert!(report.contains(&format!("/{edition}/tc/proposals/")), "links under the edition's folder");
    }
}
