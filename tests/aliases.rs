//! Aliases: a renamed proposal lists its former slugs (`aliases:`), and each former address,
//! in every language, is a page that sends the reader on to the current one as the short
//! links do (meta refresh, canonical link, plain link, the fragment kept by the script),
//! left out of the sitemap. A link written by a former slug leads to the current page, with
//! a warning; an alias that names something else is an error at its line.

mod common;
use common::*;
use std::path::{Path, PathBuf};

const LANGS: [&str; 3] = ["tc", "sc", "en"];

/// Renames proposal `old` of the fixture to `new` (its files and `slug:`), and lists
/// `aliases` in each of its files (by language code, as YAML flow lists).
fn rename(project: &Project, old: &str, new: &str, aliases: &[(&str, &str)]) {
    for (lang, list) in aliases {
        let (from, to) = (format!("content/proposals/{old}.{lang}.md"), format!("content/proposals/{new}.{lang}.md"));
        std::fs::rename(project.path(&from), project.path(&to)).unwrap();
        project.edit(&to, |s| s.replacen(&format!("slug: {old}\n"), &format!("slug: {new}\naliases: {list}\n"), 1));
    }
}

/// The file under the site root that a link on redirect page `page` leads to.
fn lands_on(page: &str, href: &str) -> PathBuf {
    resolve(Path::new(page), href)
}

#[test]
fn a_renamed_proposals_former_addresses_redirect_to_it_in_every_language() {
    let project = Project::fixture();
    let p = proposal("drone-trials");
    // Two former slugs, listed in the Chinese file; the English repeats one of them.
    rename(&project, "drone-trials", "island-drone-delivery", &[("zh-Hant", "[drone-trials, drone-delivery]"), ("en", "[drone-trials]")]);
    let site = project.build();
    for prefix in LANGS {
        let current = format!("{prefix}/proposals/island-drone-delivery/");
        let title = text(parse_page(&site.join(&current).join("index.html")).select(&sel("h1")).next().expect("the proposal's title"));
        for alias in ["drone-trials", "drone-delivery"] {
            let page = format!("{prefix}/proposals/{alias}/index.html");
            assert!(site.join(&page).is_file(), "{page} exists");
            let html = parse_page(&site.join(&page));
            assert_eq!(lands_on(&page, &refresh_target(&html)), Path::new(&current).join("index.html"), "{page}: the meta refresh (no JavaScript)");
            let plain = html.select(&sel("a[data-redirect]")).next().expect("a plain link, which the script follows keeping the fragment");
            assert_eq!(lands_on(&page, plain.value().attr("href").unwrap()), Path::new(&current).join("index.html"), "{page}: the plain link");
            let words = |t: &str| t.split_whitespace().collect::<String>();
            assert_eq!(words(&text(plain)), words(&title), "{page}: names the proposal as its title does ({}. …)", p.number);
            let canonical = html.select(&sel("link[rel=canonical]")).next().expect("a canonical link");
            assert_eq!(canonical.value().attr("href").unwrap(), format!("{BASE_URL}{current}"), "{page}");
            let robots = html.select(&sel("meta[name=robots]")).next().expect("a robots meta");
            assert_eq!(robots.value().attr("content"), Some("noindex"), "{page}");
            let script = html.select(&sel("script[src][defer]")).next().expect("the fragment-keeping script");
            assert!(site.join(lands_on(&page, script.value().attr("src").unwrap())).is_file(), "{page}: the script exists");
        }
    }
    // Only the current address is published for search engines.
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(&format!("<loc>{BASE_URL}en/proposals/island-drone-delivery/</loc>")), "{sitemap}");
    assert!(!sitemap.contains("/drone-trials/") && !sitemap.contains("/drone-delivery/"), "no alias in the sitemap:\n{sitemap}");
    // `check` proves every page, the redirects included, resolves.
    let out = project.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains(": 0 problem(s)"), "{stdout}{}", stderr(&out));
}

#[test]
fn check_reports_an_alias_redirect_that_leads_nowhere() {
    let project = Project::fixture();
    rename(&project, "drone-trials", "island-drone-delivery", &[("zh-Hant", "[drone-trials, drone-delivery]"), ("en", "[]")]);
    // A theme whose redirect pages lead one folder too far: the short link and both
    // former addresses of each language point at a page that does not exist.
    project.edit("themes/default/templates/redirect.html", |s| s.replacen("url={{ target }}", "url={{ target }}gone/", 1));
    let out = project.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "check should fail:\n{stdout}");
    let n = proposal("drone-trials").number;
    for prefix in LANGS {
        let problem = format!(
            "problem: {prefix}/{n}/index.html: ../../{prefix}/proposals/island-drone-delivery/gone/: no such file: {prefix}/proposals/island-drone-delivery/gone/index.html (and 2 more link(s) to it)"
        );
        assert!(stdout.contains(&problem), "the two alias pages counted with the short link:\n{stdout}");
    }
}

#[test]
fn a_link_by_a_former_slug_leads_to_the_current_page_with_a_warning_naming_it() {
    let project = Project::fixture();
    // shore-power links to `@/proposals/cargo-data-platform.md#p1-2` in both languages.
    rename(&project, "cargo-data-platform", "freight-data-platform", &[("zh-Hant", "[cargo-data-platform]"), ("en", "[]")]);
    let file = "content/proposals/shore-power.en.md";
    let line = line_of(&project.read(file), "@/proposals/cargo-data-platform.md#p1-2");
    let out = project.run(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let warning = format!("{file}:{line}: link @/proposals/cargo-data-platform.md#p1-2 names proposal 1 by its former slug `cargo-data-platform`: it leads there, but write @/proposals/freight-data-platform.md#p1-2");
    assert!(err.contains(&warning), "{err}");
    let page = "en/proposals/shore-power/index.html";
    let html = parse_page(&project.path("build").join(page));
    let hrefs: Vec<&str> = html.select(&sel("main a[href]")).filter_map(|a| a.value().attr("href")).filter(|h| h.contains("data-platform")).collect();
    let [href] = hrefs.as_slice() else { panic!("one link to the platform: {hrefs:?}") };
    assert!(href.ends_with("/freight-data-platform/#p1-2"), "straight to the current page, not through the redirect: {href}");
    assert_eq!(lands_on(page, href), Path::new("en/proposals/freight-data-platform/index.html"));
    for args in [&["build", "--strict"][..], &["check"]] {
        let result = project.run(args);
        assert!(!result.status.success(), "{args:?} fails on the warning");
        assert!(all_output(&result).contains(&format!("{file}:{line}:")), "{args:?}:\n{}", all_output(&result));
    }
}

/// Lists `aliases: LIST` in proposal `slug`'s Traditional Chinese file; returns the line.
fn list_aliases(project: &Project, slug: &str, list: &str) -> u64 {
    let file = format!("content/proposals/{slug}.zh-Hant.md");
    project.edit(&file, |s| s.replacen(&format!("slug: {slug}\n"), &format!("slug: {slug}\naliases: {list}\n"), 1));
    line_of(&project.read(&file), "aliases:")
}

#[test]
fn an_alias_that_names_a_current_proposal_or_another_alias_is_an_error_at_its_line() {
    let file = |slug: &str| format!("content/proposals/{slug}.zh-Hant.md");
    // The slug of another proposal of the edition.
    let project = Project::fixture();
    let mut line = 0;
    assert_build_rejected(&project, |p| line = list_aliases(p, "drone-trials", "[old-drones, automated-terminals]"), &format!("{}:", file("drone-trials")), "");
    let err = stderr(&project.run(&["build"]));
    let says = format!("{}:{line}: aliases: `automated-terminals` is the slug of proposal 2 (", file("drone-trials"));
    assert!(err.contains(&says) && err.contains("content/proposals/automated-terminals."), "{err}");
    // The proposal's own slug.
    let project = Project::fixture();
    assert_build_rejected(&project, |p| line = list_aliases(p, "drone-trials", "[drone-trials]"), &format!("{}:", file("drone-trials")), "own slug");
    assert!(stderr(&project.run(&["build"])).contains(&format!("{}:{line}:", file("drone-trials"))));
    // An alias another proposal lists already: the error is on the later file, naming the first.
    let project = Project::fixture();
    let first = list_aliases(&project, "drone-trials", "[drones]");
    assert_build_rejected(&project, |p| line = list_aliases(p, "electric-trucks", "[drones]"), &format!("{}:", file("electric-trucks")), "");
    let err = stderr(&project.run(&["build"]));
    let says = format!("{}:{line}: aliases: `drones` is already an alias of proposal 3 (drone-trials, ", file("electric-trucks"));
    let first_listed = format!("{}:{first})", file("drone-trials"));
    assert!(err.contains(&says) && err.contains(&first_listed), "{err}");
    // `check` says the same, and fails.
    let out = project.run(&["check"]);
    assert!(!out.status.success() && all_output(&out).contains(&says) && all_output(&out).contains(&first_listed), "{}", all_output(&out));
    // Not a slug; twice in one file.
    for (list, says) in [("[Drone_Trials]", "`Drone_Trials` is not a slug"), ("[drones, drones]", "`drones` is listed twice in this file")] {
        let project = Project::fixture();
        assert_build_rejected(&project, |p| line = list_aliases(p, "drone-trials", list), &format!("{}:", file("drone-trials")), says);
        assert!(stderr(&project.run(&["build"])).contains(&format!("{}:{line}: aliases: {says}", file("drone-trials"))));
    }
}

#[test]
fn each_edition_has_its_own_aliases_and_a_link_into_another_edition_by_a_former_slug_is_followed() {
    let project = Project::editions();
    // The newest edition's proposal takes the older edition's slug as a former slug of its
    // own; the older edition's proposal gets a former slug that a link of the newest uses.
    project.edit("content/2031-32/proposals/e-invoicing-phase-two.zh-Hant.md", |s| {
        s.replacen("slug: e-invoicing-phase-two\n", "slug: e-invoicing-phase-two\naliases: [e-invoicing]\n", 1)
    });
    project.edit("content/2030-31/proposals/e-invoicing.zh-Hant.md", |s| s.replacen("slug: e-invoicing\n", "slug: e-invoicing\naliases: [e-invoices]\n", 1));
    let file = "content/2031-32/proposals/e-invoicing-phase-two.en.md";
    project.edit(file, |s| s.replacen("@/2030-31/proposals/e-invoicing.md#p1-2", "@/2030-31/proposals/e-invoices.md#p1-2", 1));
    let line = line_of(&project.read(file), "@/2030-31/proposals/e-invoices.md#p1-2");
    let out = project.run(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let warning = format!("{file}:{line}: link @/2030-31/proposals/e-invoices.md#p1-2 names proposal 1 by its former slug `e-invoices`: it leads there, but write @/2030-31/proposals/e-invoicing.md#p1-2");
    assert_eq!(err.matches(&warning).count(), 1, "one warning:\n{err}");
    let site = project.path("build");
    for prefix in LANGS {
        // The newest edition's alias redirects within the newest edition…
        let page = format!("2031-32/{prefix}/proposals/e-invoicing/index.html");
        let html = parse_page(&site.join(&page));
        assert_eq!(lands_on(&page, &refresh_target(&html)), PathBuf::from(format!("2031-32/{prefix}/proposals/e-invoicing-phase-two/index.html")));
        // …while the older edition's proposal of that slug is untouched, and its own alias
        // redirects to it.
        let older = parse_page(&site.join(format!("2030-31/{prefix}/proposals/e-invoicing/index.html")));
        assert!(older.select(&sel("#p1-2")).next().is_some(), "2030-31/{prefix}: the proposal itself");
        let page = format!("2030-31/{prefix}/proposals/e-invoices/index.html");
        let html = parse_page(&site.join(&page));
        assert_eq!(lands_on(&page, &refresh_target(&html)), PathBuf::from(format!("2030-31/{prefix}/proposals/e-invoicing/index.html")));
    }
    // The link by the former slug goes straight to the older edition's current page.
    let page = "2031-32/en/proposals/e-invoicing-phase-two/index.html";
    let html = parse_page(&site.join(page));
    let href = html.select(&sel("main a[href*='2030-31']")).filter_map(|a| a.value().attr("href")).next().expect("the link into 2030-31");
    assert!(href.ends_with("2030-31/en/proposals/e-invoicing/#p1-2"), "{href}");
    assert_eq!(lands_on(page, href), Path::new("2030-31/en/proposals/e-invoicing/index.html"));
}

#[test]
fn the_editions_fixtures_alias_redirects_and_stays_out_of_the_sitemap() {
    let site = editions_site();
    for prefix in LANGS {
        let page = format!("2031-32/{prefix}/proposals/single-window/index.html");
        let html = parse_page(&site.join(&page));
        assert_eq!(lands_on(&page, &refresh_target(&html)), PathBuf::from(format!("2031-32/{prefix}/proposals/trade-single-window/index.html")));
        assert!(!site.join(format!("2030-31/{prefix}/proposals/single-window")).exists(), "an alias belongs to its edition");
    }
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/proposals/trade-single-window/") && !sitemap.contains("/proposals/single-window/"), "{sitemap}");
}
