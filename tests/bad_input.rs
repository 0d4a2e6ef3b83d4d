//! Bad input: each mistake a secretariat can make gets one clear error naming the file
//! (and line), a non-zero exit, and the previous `build/` left exactly as it was.

mod common;
use common::*;

/// Builds the fixture project once, breaks it with `breakage`, builds again, and checks the
/// failure: non-zero exit, one `error:` naming `file` (with `:line` when given) and
/// containing `says`, and the earlier output untouched. Returns the error text.
fn assert_rejected(breakage: impl FnOnce(&Project), file: &str, line: Option<u64>, says: &str) -> String {
    let located = match line {
        Some(n) => format!("{file}:{n}:"),
        None => format!("{file}:"),
    };
    assert_build_rejected(&Project::fixture(), breakage, &located, says)
}

/// The fixture's proposal 3 (pillar `smart-port`), in Chinese.
const MAIN: &str = "content/proposals/drone-trials.zh-Hant.md";

#[test]
fn malformed_front_matter_yaml() {
    let err = assert_rejected(|p| p.edit(MAIN, |s| s.replacen("number: 3", "number: [3", 1)), MAIN, Some(2), "invalid YAML");
    assert!(err.contains("number: [3"), "the snippet shows the offending line:\n{err}");
}

#[test]
fn front_matter_that_is_never_closed() {
    assert_rejected(|p| p.edit(MAIN, |s| s.replacen("\n---\n", "\n", 2)), MAIN, Some(1), "never closed");
}

#[test]
fn a_required_field_missing() {
    assert_rejected(|p| p.edit(MAIN, |s| s.replacen("slug: drone-trials\n", "", 1)), MAIN, None, "missing field `slug`");
}

#[test]
fn a_number_that_is_not_a_number() {
    assert_rejected(|p| p.edit(MAIN, |s| s.replacen("number: 3", "number: three", 1)), MAIN, Some(2), "invalid");
}

#[test]
fn a_duplicate_key() {
    assert_rejected(|p| p.edit(MAIN, |s| s.replacen("number: 3\n", "number: 3\nnumber: 4\n", 1)), MAIN, Some(3), "duplicate mapping key");
}

#[test]
fn an_unknown_pillar() {
    let err = assert_rejected(|p| p.edit(MAIN, |s| s.replacen("pillar: smart-port", "pillar: smart", 1)), MAIN, Some(3), "unknown pillar `smart`");
    assert!(err.contains("green-freight"), "the error lists the pillars there are:\n{err}");
}

#[test]
fn two_proposals_with_the_same_number() {
    // Proposal 2 renumbered 3: the files are read in name order, so proposal 3's English
    // file is the second to claim the number.
    let err = assert_rejected(
        |p| {
            p.edit("content/proposals/automated-terminals.zh-Hant.md", |s| s.replacen("number: 2", "number: 3", 1));
            p.edit("content/proposals/automated-terminals.en.md", |s| s.replacen("number: 2", "number: 3", 1));
        },
        "content/proposals/drone-trials.en.md",
        Some(2),
        "proposal number 3 is already used by",
    );
    assert!(err.contains("automated-terminals"), "{err}");
}

#[test]
fn two_proposals_with_the_same_slug() {
    let copy = "content/proposals/archive/drone-trials.zh-Hant.md";
    let err = assert_rejected(|p| p.write(copy, p.read(MAIN).replacen("number: 3", "number: 99", 1)), MAIN, Some(4), "slug `drone-trials` is already used by");
    assert!(err.contains("archive/drone-trials.zh-Hant.md"), "the error names the other file:\n{err}");
}

#[test]
fn slugs_that_are_not_plain_ascii_lowercase_and_hyphens() {
    for bad in ["../drone-trials", "drone/trials", "Drone-Trials", "無人機", "drone_trials", "-drone", ""] {
        let yaml = if bad.is_empty() { "''".to_string() } else { format!("'{bad}'") };
        assert_rejected(|p| p.edit(MAIN, |s| s.replacen("slug: drone-trials", &format!("slug: {yaml}"), 1)), MAIN, Some(4), "is not a slug");
    }
}

#[test]
fn a_slug_that_does_not_match_its_file_name() {
    assert_rejected(|p| p.edit(MAIN, |s| s.replacen("slug: drone-trials", "slug: drone-trial", 1)), MAIN, Some(4), "does not match the file name");
}

#[test]
fn a_file_that_is_not_utf8() {
    let en = "content/proposals/drone-trials.en.md";
    assert_rejected(
        |p| {
            let mut bytes = p.read(en).into_bytes();
            bytes.extend_from_slice(b"\nCaf\xe9 in Latin-1\n");
            p.write(en, bytes);
        },
        en,
        None,
        "not valid UTF-8",
    );
}

#[test]
fn a_file_for_a_generated_language() {
    let sc = "content/proposals/drone-trials.zh-Hans.md";
    assert_rejected(|p| p.write(sc, p.read(MAIN)), sc, None, "generated from `zh-Hant`");
}

#[test]
fn a_template_syntax_error() {
    let tpl = "themes/default/templates/proposal.html";
    let err = assert_rejected(|p| p.edit(tpl, |s| s.replacen("{% if proposal.fallback %}", "{% if proposal.fallback", 1)), tpl, None, "template error");
    let line = Project::theme_only().read(tpl).lines().position(|l| l.contains("{% if proposal.fallback %}")).unwrap() + 2;
    assert!(err.contains(&format!("proposal.html:{line}:")), "the error points at line {line} of the template:\n{err}");
}

#[test]
fn a_template_error_found_while_rendering() {
    let tpl = "themes/default/templates/proposal.html";
    assert_rejected(|p| p.edit(tpl, |s| s.replacen("{{ proposal.title }}", "{{ proposal.titel.text }}", 1)), tpl, None, "`titel` is not defined");
}

#[test]
fn a_template_partial_that_does_not_exist() {
    // Two templates include it: one error, on the first include's file and line, naming
    // the missing file once.
    let partial = "themes/default/templates/partials/meta.html";
    let includer = "themes/default/templates/base.html";
    let line = Project::theme_only().read(includer).lines().position(|l| l.contains("partials/meta.html")).unwrap() as u64 + 1;
    let err = assert_rejected(|p| p.remove(partial), includer, Some(line), "Unknown template `partials/meta.html`");
    assert_eq!(err.matches(partial).count(), 1, "names the missing file once:\n{err}");
    assert!(err.contains("there is no file"), "{err}");
    assert!(err.contains("1 more place"), "{err}");
}

#[test]
fn site_settings_missing_a_translation() {
    let site = "content/site.yaml";
    let line = line_of(&Project::fixture().read(site), "- number: 3");
    assert_rejected(
        |p| p.edit(site, |s| s.replacen("      en: Nurturing Logistics Talent\n", "", 1)),
        site,
        Some(line),
        "pillars[3].title has no text for `en`",
    );
}

#[test]
fn malformed_site_settings() {
    let site = "content/site.yaml";
    let line = line_of(&Project::fixture().read(site), "theme: default");
    assert_rejected(|p| p.edit(site, |s| s.replacen("theme: default", "theme: [default", 1)), site, Some(line), "invalid YAML");
}

#[test]
fn a_malformed_override_entry() {
    let overrides = "content/zh-Hans-overrides.txt";
    // A space where the TAB should be.
    assert_rejected(|p| p.write(overrides, "# why\n貨櫃 集装箱\n"), overrides, Some(2), "source<TAB>target");
}

#[test]
fn an_override_entry_without_its_reason() {
    let overrides = "content/zh-Hans-overrides.txt";
    assert_rejected(|p| p.write(overrides, "# a reviewed entry\n著手\t着手\n\n著名\t着名\n"), overrides, Some(4), "no comment line directly above it");
}
