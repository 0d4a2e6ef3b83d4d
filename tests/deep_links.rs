//! Deep links for the press office: numbered paragraphs with the same anchors in every
//! language, short links, internal links written in Markdown, and `microsite check`.

mod common;
use common::*;
use std::path::Path;

fn anchors(site: &Path, page: &str) -> Vec<(String, String)> {
    let html = parse_page(&site.join(page));
    html.select(&sel("main p.para")).map(|p| (p.value().attr("id").unwrap().to_string(), texts_in(p, ".pnum"))).collect()
}

fn texts_in(el: scraper::ElementRef, css: &str) -> String {
    el.select(&sel(css)).map(text).collect()
}

#[test]
fn every_proposal_has_the_same_numbered_anchors_in_all_three_languages() {
    let site = fixture_site();
    let mut total = 0;
    let mut slugs: Vec<String> = std::fs::read_dir(site.join("tc/proposals")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    slugs.sort();
    let mut expected: Vec<&str> = proposals().iter().map(|p| p.slug).collect();
    expected.sort();
    assert_eq!(slugs, expected);
    for slug in slugs {
        let tc = anchors(site, &format!("tc/proposals/{slug}/index.html"));
        assert_eq!(tc.len(), proposal(&slug).paragraphs, "{slug}");
        for (id, number) in &tc {
            // p3-2 is shown as 3.2
            assert_eq!(id.trim_start_matches('p').replace('-', "."), *number);
        }
        assert_eq!(anchors(site, &format!("sc/proposals/{slug}/index.html")), tc, "{slug} sc");
        assert_eq!(anchors(site, &format!("en/proposals/{slug}/index.html")), tc, "{slug} en");
        total += tc.len();
    }
    assert_eq!(total, paragraph_total());
}

#[test]
fn short_links_lead_to_their_proposal_on_any_static_host() {
    let site = fixture_site();
    let all = proposals();
    let (first, last) = (all[0], all[all.len() - 1]);
    for (prefix, n, slug) in [("en", 3, "drone-trials"), ("tc", first.number, first.slug), ("sc", last.number, last.slug)] {
        let page = format!("{prefix}/{n}/index.html");
        let html = parse_page(&site.join(&page));
        let expected = Path::new(prefix).join(format!("proposals/{slug}/index.html"));
        let refresh = html.select(&sel("meta[http-equiv=refresh]")).next().expect("a meta refresh");
        let url = refresh.value().attr("content").unwrap().split_once("url=").unwrap().1;
        assert_eq!(resolve(Path::new(&page), url), expected);
        let canonical = html.select(&sel("link[rel=canonical]")).next().expect("a canonical link");
        assert_eq!(canonical.value().attr("href").unwrap(), format!("{BASE_URL}{prefix}/proposals/{slug}/"));
        let plain = html.select(&sel("a[data-redirect]")).next().expect("a plain link");
        assert_eq!(resolve(Path::new(&page), plain.value().attr("href").unwrap()), expected);
        assert!(html.select(&sel("script[src][defer]")).next().is_some(), "the fragment-keeping script");
    }
}

#[test]
fn proposal_pages_show_their_short_link() {
    let page = Path::new("en/proposals/drone-trials/index.html");
    let html = parse_page(&fixture_site().join(page));
    let link = html.select(&sel("a.shortlink")).next().expect("a short link");
    assert_eq!(text(link), format!("{BASE_URL}en/3/"), "the full short link, for copying");
    assert_eq!(resolve(page, link.value().attr("href").unwrap()), Path::new("en/3/index.html"));
}

#[test]
fn pages_load_one_deferred_external_script_and_no_inline_script() {
    let site = fixture_site();
    for page in html_files(site) {
        let html = parse_page(&site.join(&page));
        for script in html.select(&sel("script")) {
            assert!(script.value().attr("src").is_some(), "{}: inline script", page.display());
            assert!(script.value().attr("defer").is_some(), "{}: script without defer", page.display());
        }
    }
    let scripts: Vec<_> =
        std::fs::read_dir(site.join("assets")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).filter(|n| n.ends_with(".js")).collect();
    assert_eq!(scripts.len(), 2, "site.js and search.js: {scripts:?}");
    for script in &scripts {
        let stem = script.split('.').next().unwrap();
        assert_eq!(script.len(), format!("{stem}.12345678.js").len(), "a content-hashed name: {script}");
    }
}

#[test]
fn check_passes_on_the_fixture() {
    let project = Project::fixture();
    let out = project.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", stderr(&out));
    assert!(stdout.contains(": 0 problem(s)"), "{stdout}");
    assert!(!project.path("build").exists(), "check never writes build/");
}

/// Runs `check` on a broken project; returns its output after asserting it failed and
/// left build/ alone.
fn check_fails(project: &Project) -> String {
    let build = project.build();
    let before = snapshot(&build);
    let result = project.run(&["check"]);
    let stdout = String::from_utf8_lossy(&result.stdout).into_owned();
    assert!(!result.status.success(), "check should fail:\n{stdout}");
    assert!(snapshot(&build) == before, "check touched build/");
    stdout
}

/// Proposal 4, whose paragraphs the tests add links to: plain paragraphs, no link of its own.
const TRUCKS_ZH: &str = "content/proposals/electric-trucks.zh-Hant.md";
const TRUCKS_EN: &str = "content/proposals/electric-trucks.en.md";

fn add_link(project: &Project, file: &str, markdown: &str) {
    project.edit(file, |s| s.replacen("。\n\n", &format!("。{markdown}\n\n"), 1).replacen(".\n\n", &format!(". {markdown}\n\n"), 1));
}

#[test]
fn internal_markdown_links_are_rewritten_to_each_languages_page() {
    let project = Project::fixture();
    add_link(&project, TRUCKS_ZH, "（見[第 3.3 段](@/proposals/drone-trials.md#p3-3)）");
    add_link(&project, TRUCKS_EN, "(See [paragraph 3.3](@/proposals/drone-trials.md#p3-3).)");
    project.accept(TRUCKS_EN);
    let out = project.run(&["check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let build = project.build();
    for prefix in ["tc", "sc", "en"] {
        let page = format!("{prefix}/proposals/electric-trucks/index.html");
        let html = parse_page(&build.join(&page));
        let link = html.select(&sel("main .body a:not(.pnum)")).next().expect("the internal link");
        let href = link.value().attr("href").unwrap();
        assert!(href.ends_with("#p3-3"), "{href}");
        assert_eq!(resolve(Path::new(&page), href), Path::new(prefix).join("proposals/drone-trials/index.html"), "{prefix}");
    }
}

#[test]
fn the_fixtures_own_links_to_a_proposal_and_to_a_paragraph_lead_to_each_languages_page() {
    // Proposal 5 links to proposal 2 and to paragraph 1.2, in both authored languages.
    let site = fixture_site();
    for prefix in ["tc", "sc", "en"] {
        let page = format!("{prefix}/proposals/shore-power/index.html");
        let html = parse_page(&site.join(&page));
        let links: Vec<&str> = html.select(&sel("main .body a:not(.pnum)")).map(|a| a.value().attr("href").unwrap()).collect();
        assert_eq!(links.len(), 2, "{prefix}: {links:?}");
        assert!(!links[0].contains('#'), "{}", links[0]);
        assert_eq!(resolve(Path::new(&page), links[0]), Path::new(prefix).join("proposals/automated-terminals/index.html"), "{prefix}");
        assert!(links[1].ends_with("#p1-2"), "{}", links[1]);
        assert_eq!(resolve(Path::new(&page), links[1]), Path::new(prefix).join("proposals/cargo-data-platform/index.html"), "{prefix}");
        let target = parse_page(&site.join(resolve(Path::new(&page), links[1])));
        assert!(target.select(&sel("#p1-2")).next().is_some(), "{prefix}: the paragraph exists");
    }
}

/// Builds, breaks a link in the Markdown, and asserts that `build`, `build --strict` and
/// `check` each fail with one error naming the file and line, `build/` left as it was.
/// Returns the error.
fn broken_link_fails(project: &Project, file: &str, markdown: &str, needle: &str) -> String {
    let build = project.build();
    let before = snapshot(&build);
    add_link(project, file, markdown);
    let line = project.read(file).lines().position(|l| l.contains(needle)).unwrap() + 1;
    let mut first = String::new();
    for args in [&["build"][..], &["build", "--strict"], &["check"]] {
        let result = project.run(args);
        let err = stderr(&result);
        assert!(!result.status.success(), "{args:?} should fail:\n{err}");
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "{args:?}: one error:\n{err}");
        assert!(errors[0].contains(&format!("{file}:{line}: broken link")), "{args:?} names the file and line:\n{err}");
        assert!(!err.contains("no such file"), "no echo of the broken link from the pages:\n{err}");
        first = errors[0].to_string();
    }
    assert!(snapshot(&build) == before, "build/ changed after a failed build");
    first
}

#[test]
fn a_link_to_a_proposal_that_does_not_exist_fails_the_build_naming_file_and_line() {
    let project = Project::fixture();
    let err = broken_link_fails(&project, TRUCKS_EN, "(See [the missing one](@/proposals/no-such-proposal.md).)", "no-such-proposal");
    assert!(err.contains("@/proposals/no-such-proposal.md: there is no proposal `no-such-proposal`"), "{err}");
}

#[test]
fn a_link_to_a_paragraph_that_does_not_exist_fails_the_build_naming_file_and_line() {
    let project = Project::fixture();
    let err = broken_link_fails(&project, TRUCKS_ZH, "（見[第 3.9 段](@/proposals/drone-trials.md#p3-9)）", "p3-9");
    assert!(err.contains("@/proposals/drone-trials.md#p3-9") && err.contains("no anchor #p3-9"), "{err}");
}

#[test]
fn check_finds_a_broken_link_in_the_theme_once_per_target_with_how_many_pages_have_it() {
    let project = Project::fixture();
    project.edit("themes/default/templates/pillar.html", |s| s.replacen("<ul class=\"toc\">", "<a href=\"../../nowhere/\">x</a><ul class=\"toc\">", 1));
    let out = check_fails(&project);
    // The pillar pages of each language link to their language's missing page: one line
    // per missing page, naming the first page (in the site's order: its first pillar) and
    // counting the others.
    let (first, others) = (PILLARS[0].0, PILLARS.len() - 1);
    let problem = format!("problem: en/pillars/{first}/index.html: ../../nowhere/: no such file: en/nowhere/index.html (and {others} more link(s) to it)");
    assert!(out.contains(&problem), "{out}");
    assert_eq!(out.matches("../../nowhere/").count(), 3, "one problem per language:\n{out}");
}

#[test]
fn check_finds_a_fragment_missing_from_its_page() {
    let project = Project::fixture();
    project.edit("themes/default/templates/home.html", |s| {
        s.replacen("<h2 class=\"section-title\">", "<a href=\"#nowhere\">x</a><h2 class=\"section-title\">", 1)
    });
    let out = check_fails(&project);
    assert!(out.contains("problem: tc/index.html: #nowhere: tc/index.html has no id \"nowhere\""), "{out}");
}

#[test]
fn check_finds_duplicate_ids() {
    let project = Project::fixture();
    project.edit("themes/default/templates/base.html", |s| s.replacen("<footer class=\"site-footer\">", "<footer class=\"site-footer\" id=\"main\">", 1));
    let out = check_fails(&project);
    assert!(out.contains("id=\"main\": the id is used more than once on the page"), "{out}");
}

#[test]
fn check_finds_paragraph_anchors_out_of_step_between_languages() {
    let project = Project::fixture();
    project.edit(TRUCKS_EN, |s| {
        let cut = s.rfind("\n\n").unwrap();
        s[..cut].to_string() + "\n"
    });
    let out = check_fails(&project);
    assert!(out.contains("en/proposals/electric-trucks/index.html") && out.contains("paragraph anchors differ"), "{out}");
}
