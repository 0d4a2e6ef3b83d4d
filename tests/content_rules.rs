//! The content rules about the document as a whole (README, "Content rules"): each broken
//! rule is one error naming the file and line to correct, and the previous `build/` stays
//! as it was. The project is a tiny one of the test's own (`tests/tiny/`).

mod common;
mod tiny;
use tiny::*;

#[test]
fn the_tiny_project_keeps_every_rule() {
    let tiny = Tiny::new();
    tiny.build();
    assert!(tiny.page("en/pillars/beta/index.html").contains("Proposal three"));
}

#[test]
fn a_pillar_without_proposals() {
    let site = site_yaml("") + "  - number: 3\n    slug: gamma\n    title: { zh-Hant: 丙, en: Gamma }\n";
    let line = line_of(&site, "- number: 3");
    let err = assert_rejected(|t| t.write(SITE, &site), SITE, line, "pillars[3] (gamma) has no proposals");
    assert!(err.contains("pillar: gamma"), "the error says how to mend it:\n{err}");
}

#[test]
fn a_pillar_left_without_proposals_by_moving_its_last_one() {
    let site = site_yaml("");
    let err = assert_rejected(|t| t.renumber("three", 3, "alpha"), SITE, line_of(&site, "- number: 2"), "pillars[2] (beta) has no proposals");
    assert!(!err.contains("gap"), "{err}");
}

#[test]
fn a_gap_in_the_numbers_names_the_proposal_after_it_and_the_missing_number() {
    let err = assert_rejected(|t| t.renumber("three", 4, "beta"), &file("three", "zh-Hant"), 2, "proposal number 4 leaves a gap; missing: 3");
    assert!(err.contains("numbered 1 to 3"), "{err}");
}

#[test]
fn every_missing_number_is_named() {
    let err = assert_rejected(
        |t| {
            t.renumber("two", 3, "alpha");
            t.renumber("three", 7, "beta");
        },
        &file("two", "zh-Hant"),
        2,
        "missing: 2, 4 to 6",
    );
    assert!(err.contains("proposal number 3 leaves a gap"), "{err}");
}

#[test]
fn numbers_that_do_not_start_at_one() {
    assert_rejected(|t| t.renumber("one", 4, "beta"), &file("two", "zh-Hant"), 2, "proposal number 2 leaves a gap; missing: 1");
}

#[test]
fn a_number_used_twice() {
    // A rule the model already had, here with the tiny project: the second file is named.
    assert_rejected(|t| t.renumber("two", 1, "alpha"), &file("two", "en"), 2, "proposal number 1 is already used by");
}

#[test]
fn numbers_out_of_the_pillars_order() {
    // Proposal 3 back in pillar 1 after proposal 2 went to pillar 2.
    let err = assert_rejected(
        |t| {
            t.renumber("two", 2, "beta");
            t.renumber("three", 3, "alpha");
        },
        &file("three", "zh-Hant"),
        2,
        "proposal 3 is in pillar 1 (alpha) but comes after proposal 2 of pillar 2 (beta)",
    );
    assert!(err.contains("in the order of the pillars in"), "{err}");
}

#[test]
fn a_slug_that_disagrees_with_its_file_name() {
    // A rule the model already had, here with the tiny project.
    assert_rejected(|t| t.edit(&file("two", "en"), |s| s.replacen("slug: two", "slug: second", 1)), &file("two", "en"), 4, "does not match the file name");
}
