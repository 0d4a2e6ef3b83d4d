//! The site's own pages (`content/pages/`: about, contact, accessibility…) and the footer
//! that links to them: every page in every language (the Simplified converted), a footer
//! on every page with the copyright line and the date of last revision from the content,
//! the contact details where filled in (a notice, not a failure, for each empty one), the
//! site-wide pages of a site of editions at its root, and each kind of bad page file.

mod common;
use common::*;
use std::path::{Path, PathBuf};

const PREFIXES: [&str; 3] = ["tc", "sc", "en"];

/// Whether a built page is a short link's or `latest/`'s redirect (a page with no footer).
fn is_redirect(site: &Path, page: &Path) -> bool {
    parse_page(&site.join(page)).select(&sel("meta[http-equiv=refresh]")).next().is_some()
}

/// The footer's links to the site's pages on `page`, as paths from the site root, for each
/// language the footer is in.
fn footer_links(site: &Path, page: &Path) -> Vec<PathBuf> {
    let html = parse_page(&site.join(page));
    let base = |href: &str| match href.strip_prefix(BASE_PATH) {
        Some(rest) => resolve(Path::new("index.html"), rest),
        None => resolve(page, href),
    };
    html.select(&sel("footer nav.footer-pages a")).map(|a| base(a.value().attr("href").unwrap())).collect()
}

#[test]
fn every_page_exists_in_every_language_with_its_title_and_the_simplified_converted() {
    let site = fixture_site();
    for (slug, tc, en) in SITE_PAGES {
        for (prefix, title) in [("tc", *tc), ("en", *en)] {
            let html = parse_page(&site.join(format!("{prefix}/{slug}/index.html")));
            assert_eq!(texts(&html, "main h1"), [title], "{prefix}/{slug}/");
            assert!(texts(&html, "title")[0].starts_with(title), "{prefix}/{slug}/ <title>");
        }
        assert!(site.join(format!("sc/{slug}/index.html")).is_file(), "sc/{slug}/");
    }
    let about = parse_page(&site.join("sc/about/index.html"));
    assert_eq!(texts(&about, "main h1"), ["关于本会"]);
    let body = texts(&about, "main .page-body").concat();
    // hk2s, and the Simplified edition's curly quotation marks.
    assert!(body.contains("香港港航物流商会代表本港港口") && body.contains("“财政预算案意见书”"), "{body}");
    assert!(!body.contains('「') && !body.contains('會'), "{body}");
    // A page's paragraphs carry no paragraph numbers: they are not the submission.
    assert_eq!(about.select(&sel("main .pnum")).count(), 0);
}

#[test]
fn every_page_has_a_footer_linking_to_the_sites_pages_in_its_language() {
    let site = fixture_site();
    let mut checked = 0;
    for page in html_files(site) {
        if is_redirect(site, &page) {
            continue;
        }
        let links = footer_links(site, &page);
        let prefix = PREFIXES.iter().find(|p| page.starts_with(p));
        // An edition's page: its language's pages; the landing and 404 pages: every language's.
        let expected: Vec<PathBuf> = PREFIXES
            .iter()
            .filter(|p| prefix.is_none_or(|own| own == *p))
            .flat_map(|p| SITE_PAGES.iter().map(move |(slug, _, _)| PathBuf::from(format!("{p}/{slug}/index.html"))))
            .collect();
        assert_eq!(links, expected, "{}", page.display());
        for link in &links {
            assert!(site.join(link).is_file(), "{}: {} does not exist", page.display(), link.display());
        }
        checked += 1;
    }
    assert_eq!(checked, html_files(site).len() - 3 * proposals().len(), "every page but the short links");
    // The page shown is marked in the footer.
    let html = parse_page(&site.join("en/contact/index.html"));
    assert_eq!(texts(&html, "footer [aria-current=page]"), ["Contact us"]);
}

#[test]
fn the_footer_says_the_copyright_and_the_date_of_last_revision_from_the_settings() {
    let site = fixture_site();
    let en = parse_page(&site.join("en/pillars/smart-port/index.html"));
    assert_eq!(texts(&en, "footer .copyright"), ["© 2030 Hong Kong Port and Shipping Logistics Chamber"]);
    assert_eq!(texts(&en, "footer .revised time"), ["15 November 2030"]);
    assert_eq!(en.select(&sel("footer time")).next().unwrap().value().attr("datetime"), Some("2030-11-15"));
    let tc = parse_page(&site.join("tc/index.html"));
    assert_eq!(texts(&tc, "footer .copyright"), ["© 2030 香港港航物流商會"]);
    assert_eq!(texts(&tc, "footer .revised"), ["最後修訂日期：2030年11月15日"]);
    let sc = parse_page(&site.join("sc/about/index.html"));
    assert_eq!(texts(&sc, "footer .revised"), ["最后修订日期：2030年11月15日"]);

    // From the content, not the clock: another date is another footer, and building twice
    // gives the same bytes.
    let project = Project::fixture();
    project.edit("content/site.yaml", |s| s.replace("revised: 2030-11-15", "revised: 2031-02-03\ncopyright: 2029"));
    let out = project.build();
    let first = snapshot(&out);
    let en = parse_page(&out.join("en/about/index.html"));
    assert_eq!(texts(&en, "footer .copyright"), ["© 2029 Hong Kong Port and Shipping Logistics Chamber"]);
    assert_eq!(texts(&en, "footer .revised time"), ["3 February 2031"]);
    project.build();
    assert!(snapshot(&out) == first, "two builds differ");
}

#[test]
fn the_contact_page_shows_the_details_filled_in_and_check_notes_each_empty_one() {
    let site = fixture_site();
    let en = parse_page(&site.join("en/contact/index.html"));
    assert_eq!(texts(&en, "main dl.contact dt"), ["Address", "Telephone", "Email"]);
    assert_eq!(texts(&en, "main dl.contact dd"), ["1 Harbour Road, Central, Hong Kong", "+852 0000 0000", "secretariat@harbour-chamber.example"]);
    let hrefs: Vec<&str> = en.select(&sel("main dl.contact a")).map(|a| a.value().attr("href").unwrap()).collect();
    assert_eq!(hrefs, ["tel:+85200000000", "mailto:secretariat@harbour-chamber.example"]);
    let sc = parse_page(&site.join("sc/contact/index.html"));
    assert_eq!(texts(&sc, "main dl.contact dd")[0], "香港中环港湾道 1 号");
    // Only the page that asks for them shows them.
    assert_eq!(parse_page(&site.join("en/about/index.html")).select(&sel("dl.contact")).count(), 0);

    let project = Project::fixture();
    project.edit("content/site.yaml", |s| s.replace("email: secretariat@harbour-chamber.example", "email: \"\""));
    let line = line_of(&project.read("content/site.yaml"), "email: \"\"");
    let notice = format!("content/site.yaml:{line}: contact.email is empty");
    let result = project.run(&["build", "--strict"]);
    let said = stderr(&result);
    assert!(result.status.success(), "an empty field is no failure, even with --strict:\n{said}");
    assert!(said.lines().any(|l| l.starts_with("notice: ") && l.contains(&notice)), "{said}");
    let check = project.run(&["check"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success() && out.contains(&notice) && out.contains(": 0 problem(s)"), "{out}");
    let en = parse_page(&project.path("build/en/contact/index.html"));
    assert_eq!(texts(&en, "main dl.contact dt"), ["Address", "Telephone"]);
    assert_eq!(en.select(&sel("a[href^=mailto]")).count(), 0);
}

#[test]
fn a_site_of_editions_has_its_pages_once_at_its_root_with_alternates_and_sitemap_entries() {
    let site = editions_site();
    let base = "https://example.org/submissions/";
    for prefix in PREFIXES {
        for slug in ["about", "privacy"] {
            let page = PathBuf::from(format!("{prefix}/{slug}/index.html"));
            let html = parse_page(&site.join(&page));
            let canonical = html.select(&sel("link[rel=canonical]")).next().unwrap().value().attr("href").unwrap();
            assert_eq!(canonical, format!("{base}{prefix}/{slug}/"));
            let alternates: Vec<&str> = html.select(&sel("link[rel=alternate][hreflang]")).map(|l| l.value().attr("href").unwrap()).collect();
            assert_eq!(alternates, [format!("{base}tc/{slug}/"), format!("{base}sc/{slug}/"), format!("{base}en/{slug}/"), base.to_string()]);
            let switcher: Vec<PathBuf> = html.select(&sel("nav.langs a")).map(|a| resolve(&page, a.value().attr("href").unwrap())).collect();
            let others: Vec<PathBuf> = PREFIXES.iter().filter(|p| **p != prefix).map(|p| PathBuf::from(format!("{p}/{slug}/index.html"))).collect();
            assert_eq!(switcher, others, "{}", page.display());
            // The site's name, leading to the archive in the page's language.
            let brand = html.select(&sel("header a.brand")).next().unwrap();
            assert_eq!(resolve(&page, brand.value().attr("href").unwrap()), PathBuf::from(format!("{prefix}/index.html")));
        }
    }
    assert_eq!(texts(&parse_page(&site.join("en/about/index.html")), "header a.brand"), ["Morningstar Chamber Budget Submissions"]);
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("<loc>https://example.org/submissions/sc/privacy/</loc>").count(), 1, "{sitemap}");
    // Not under any edition; every edition's pages link to them.
    for edition in ["2030-31", "2031-32"] {
        assert!(!site.join(edition).join("tc/about").exists());
        let page = PathBuf::from(format!("{edition}/en/full/index.html"));
        assert_eq!(footer_links(site, &page), [PathBuf::from("en/about/index.html"), PathBuf::from("en/privacy/index.html")]);
        let html = parse_page(&site.join(&page));
        // `copyright:` names another year than `revised:`'s.
        assert_eq!(texts(&html, "footer .copyright"), ["© 2030 Morningstar Chamber of Commerce of Hong Kong"]);
        assert_eq!(texts(&html, "footer .revised time"), ["1 December 2031"]);
    }
    assert_eq!(footer_links(site, Path::new("index.html")).len(), 3 * 2, "the archive's footer, in every language");
}

#[test]
fn a_page_missing_in_one_authored_language_is_an_error_naming_the_file() {
    let project = Project::fixture();
    assert_build_rejected(&project, |p| p.remove("content/pages/about.en.md"), "content/pages/about.en.md", "but no en text");
}

#[test]
fn bad_front_matter_is_an_error_naming_the_file_and_line() {
    let project = Project::fixture();
    assert_build_rejected(
        &project,
        |p| p.edit("content/pages/about.en.md", |s| s.replace("order: 1", "order: 1\ntitel: About")),
        "content/pages/about.en.md:4:",
        "titel",
    );
    let project = Project::fixture();
    assert_build_rejected(
        &project,
        |p| p.edit("content/pages/contact.en.md", |s| s.replace("order: 2", "order: 5")),
        "content/pages/contact.en.md:3:",
        "order 5 differs",
    );
    let project = Project::fixture();
    assert_build_rejected(
        &project,
        |p| p.edit("content/pages/about.zh-Hant.md", |s| s.replace("title: 關於本會", "title: \"\"")),
        "content/pages/about.zh-Hant.md:2:",
        "`title` is empty",
    );
    let project = Project::fixture();
    let broken = |p: &Project| p.write("content/pages/search.en.md", "---\ntitle: Search\n---\n\nText.\n");
    assert_build_rejected(&project, broken, "content/pages/search.en.md", "cannot be named `search`");
    let project = Project::fixture();
    let broken = |p: &Project| p.write("content/pages/about.zh-Hans.md", "---\ntitle: 关于\n---\n\n文字。\n");
    assert_build_rejected(&project, broken, "content/pages/about.zh-Hans.md", "generated from `zh-Hant`");
    let project = Project::fixture();
    let broken = |p: &Project| p.edit("content/pages/about.en.md", |s| format!("{s}\nSee [a proposal](@/proposals/drone-trials.md).\n"));
    let line = line_of(&format!("{}\nSee [a proposal]", project.read("content/pages/about.en.md")), "See [a proposal]");
    assert_build_rejected(&project, broken, &format!("content/pages/about.en.md:{line}:"), "cannot use @/ links");
}

#[test]
fn bad_footer_and_contact_settings_are_errors_naming_the_line() {
    let project = Project::fixture();
    let line = line_of(&project.read("content/site.yaml"), "revised: ");
    assert_build_rejected(
        &project,
        |p| p.edit("content/site.yaml", |s| s.replace("revised: 2030-11-15", "revised: 2030-02-30")),
        &format!("content/site.yaml:{line}:"),
        "not a date",
    );
    let project = Project::fixture();
    let line = line_of(&project.read("content/site.yaml"), "email: ");
    assert_build_rejected(
        &project,
        |p| p.edit("content/site.yaml", |s| s.replace("email: secretariat@", "email: secretariat at ")),
        &format!("content/site.yaml:{line}:"),
        "not an email address",
    );
    let project = Project::fixture();
    let without_contact = |p: &Project| {
        p.edit("content/site.yaml", |s| {
            let start = s.find("contact:\n").unwrap();
            let end = s[start..].find("\n\n").unwrap() + start;
            format!("{}{}", &s[..start], &s[end + 1..])
        })
    };
    assert_build_rejected(&project, without_contact, "content/pages/contact.zh-Hant.md:4:", "has no `contact:`");
}
