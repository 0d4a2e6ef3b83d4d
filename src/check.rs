//! The link checker: proves, on the finished output, that every internal link and asset
//! resolves to a generated file, every `#fragment` to an id on its page, ids are unique on
//! each page, and the numbered anchors of a page are the same, in the same order, in every
//! language. It works on the files in memory, so it never touches the output folder.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use lol_html::{element, HtmlRewriter, Settings};
use rayon::prelude::*;

use crate::publish::BaseUrl;
use crate::write::OutputFile;

/// One broken thing on one page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The page, as a path under the output folder.
    pub page: String,
    /// The link (or id) concerned.
    pub link: String,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.page, self.link, self.reason)
    }
}

/// What the checker found.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    /// External links (not fetched: the build machines have no internet), with the pages
    /// that carry them.
    pub external: BTreeMap<String, BTreeSet<String>>,
    pub pages: usize,
    pub links: usize,
}

/// The ids and links of one page, in document order.
#[derive(Debug, Default)]
struct Scan {
    ids: Vec<String>,
    links: Vec<String>,
}

fn scan(html: &[u8]) -> Scan {
    let ids = RefCell::new(Vec::new());
    let links = RefCell::new(Vec::new());
    {
        let settings = Settings::new()
            .append_element_content_handler(element!("[id]", |el| {
                ids.borrow_mut().extend(el.get_attribute("id"));
                Ok(())
            }))
            .append_element_content_handler(element!("[href], [src]", |el| {
                let mut links = links.borrow_mut();
                links.extend(el.get_attribute("href"));
                links.extend(el.get_attribute("src"));
                Ok(())
            }))
            .append_element_content_handler(element!("meta[http-equiv]", |el| {
                let refresh = el.get_attribute("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
                if let (true, Some(content)) = (refresh, el.get_attribute("content")) {
                    if let Some((_, url)) = content.split_once("url=").or_else(|| content.split_once("URL=")) {
                        links.borrow_mut().push(url.trim().to_string());
                    }
                }
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        // Our own output, already in memory: the tokenizer cannot fail on it in a way that
        // matters here, and a page it could not read would show up as missing ids.
        let _ = rewriter.write(html).and_then(|_| rewriter.end());
    }
    Scan { ids: ids.into_inner(), links: links.into_inner() }
}

/// Whether a URL leaves the site: it has a scheme (`https:`, `mailto:`) or is protocol-relative.
pub fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Resolves a URL found on `page` to an output path (`dir/` → `dir/index.html`), with its
/// fragment; `None` if it leaves the site (climbs above its root, or is a root-relative
/// path outside `base_path`, the path the site is published under).
pub fn resolve(page: &str, url: &str, base_path: &str) -> Option<(String, String)> {
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let path = path.split('?').next().unwrap_or("");
    let rooted;
    let path = match path.strip_prefix('/') {
        Some(_) => {
            rooted = format!("/{}", path.strip_prefix(base_path)?);
            rooted.as_str()
        }
        None => path,
    };
    if path.is_empty() {
        return Some((page.to_string(), fragment.to_string()));
    }
    let mut parts: Vec<&str> = if path.starts_with('/') { Vec::new() } else { page.split('/').collect() };
    if !path.starts_with('/') {
        parts.pop(); // the page's own file name
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut resolved = parts.join("/");
    if path.ends_with('/') {
        resolved.push_str(if resolved.is_empty() { "index.html" } else { "/index.html" });
    }
    Some((resolved, fragment.to_string()))
}

/// A structural anchor: `p6-3` (paragraph) or `h6-1` (heading).
fn is_anchor(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('p' | 'h'))
        && id[1..].split_once('-').is_some_and(|(n, k)| {
            !n.is_empty() && !k.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && k.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Checks the whole output. `prefixes` are the language folders (`tc`, `sc`, `en`), the
/// first being the reference for the anchor comparison; `untranslated` pages (standing in
/// for a missing translation, which the build reports itself) are left out of it.
pub fn check_output(files: &[OutputFile], prefixes: &[String], untranslated: &BTreeSet<String>, base: Option<&BaseUrl>) -> Report {
    let base_path = base.map_or("/", |b| b.path.as_str());
    let all: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let scans: BTreeMap<&str, Scan> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.as_str(), scan(&f.bytes)))
        .collect();
    let id_sets: BTreeMap<&str, BTreeSet<&str>> =
        scans.iter().map(|(page, s)| (*page, s.ids.iter().map(String::as_str).collect())).collect();

    let mut report = Report { pages: scans.len(), ..Report::default() };
    let problem = |page: &str, link: &str, reason: String| Problem { page: page.to_string(), link: link.to_string(), reason };
    for (page, s) in &scans {
        let mut seen = BTreeSet::new();
        for id in &s.ids {
            if !seen.insert(id.as_str()) {
                report.problems.push(problem(page, &format!("id=\"{id}\""), "the id is used more than once on the page".into()));
            }
        }
        for link in &s.links {
            report.links += 1;
            // An absolute link to the site itself (canonical, language alternates) is internal.
            let own = base.and_then(|b| link.strip_prefix(b.url.as_str())).map(|rest| format!("{base_path}{rest}"));
            let link = own.as_ref().unwrap_or(link);
            if is_external(link) {
                report.external.entry(link.clone()).or_default().insert(page.to_string());
                continue;
            }
            let Some((target, fragment)) = resolve(page, link, base_path) else {
                report.problems.push(problem(page, link, format!("leaves the site (published under {base_path})")));
                continue;
            };
            if !all.contains(target.as_str()) {
                report.problems.push(problem(page, link, format!("no such file: {target}")));
            } else if !fragment.is_empty() {
                match id_sets.get(target.as_str()) {
                    Some(ids) if ids.contains(fragment.as_str()) => {}
                    Some(_) => report.problems.push(problem(page, link, format!("{target} has no id \"{fragment}\""))),
                    None => {}
                }
            }
        }
    }
    report.problems.extend(compare_anchors(&scans, prefixes, untranslated));
    report.problems.sort();
    report
}

/// The numbered anchors of a page must be the same, in the same order, in every language.
fn compare_anchors(scans: &BTreeMap<&str, Scan>, prefixes: &[String], untranslated: &BTreeSet<String>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some((reference, others)) = prefixes.split_first() else { return problems };
    let anchors = |page: &str| -> Option<Vec<&str>> {
        scans.get(page).map(|s| s.ids.iter().map(String::as_str).filter(|id| is_anchor(id)).collect())
    };
    for page in scans.keys().filter(|p| p.starts_with(&format!("{reference}/")) && !untranslated.contains(**p)) {
        let rest = &page[reference.len()..];
        let expected = anchors(page).unwrap_or_default();
        for other in others {
            let twin = format!("{other}{rest}");
            if untranslated.contains(&twin) {
                continue;
            }
            match anchors(&twin) {
                None => problems.push(Problem { page: twin, link: String::new(), reason: format!("missing: {page} has no counterpart") }),
                Some(found) if found != expected => {
                    let first_difference = expected.iter().zip(&found).position(|(a, b)| a != b).unwrap_or(expected.len().min(found.len()));
                    problems.push(Problem {
                        page: twin,
                        link: String::new(),
                        reason: format!(
                            "paragraph anchors differ from {page}: {} here, {} there; first difference at position {}",
                            found.len(),
                            expected.len(),
                            first_difference + 1
                        ),
                    });
                }
                Some(_) => {}
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_page() {
        let page = "en/proposals/pilot-bases/index.html";
        assert_eq!(resolve(page, "../../../tc/proposals/pilot-bases/#p6-3", "/"), Some(("tc/proposals/pilot-bases/index.html".into(), "p6-3".into())));
        assert_eq!(resolve(page, "#p6-1", "/"), Some((page.into(), "p6-1".into())));
        assert_eq!(resolve(page, "../../../assets/style.css", "/"), Some(("assets/style.css".into(), String::new())));
        assert_eq!(resolve("index.html", "en/", "/"), Some(("en/index.html".into(), String::new())));
        assert_eq!(resolve("index.html", "../x/", "/"), None);
        assert_eq!(resolve("404.html", "/budget/en/", "/budget/"), Some(("en/index.html".into(), String::new())));
        assert_eq!(resolve("404.html", "/elsewhere/", "/budget/"), None);
    }

    #[test]
    fn external_links_are_told_apart() {
        for url in ["https://example.org/", "mailto:a@b.hk", "//cdn.example.org/x.js", "tel:+852"] {
            assert!(is_external(url), "{url}");
        }
        assert!(!is_external("../x/") && !is_external("#p6-3") && !is_external("en/6/"));
    }

    #[test]
    fn structural_anchors_are_recognised() {
        assert!(is_anchor("p6-3") && is_anchor("h12-1"));
        assert!(!is_anchor("main") && !is_anchor("p-3") && !is_anchor("pillar-economy") && !is_anchor("p6-"));
    }

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: html.as_bytes().to_vec() }
    }

    #[test]
    fn broken_links_fragments_and_duplicate_ids_are_reported() {
        let files = vec![
            page("tc/a/index.html", r##"<p id="p1-1">x</p><p id="p1-1">y</p><a href="../b/#p2-9">b</a><a href="#p1-1">self</a><a href="../c/">c</a><a href="https://example.org">ext</a>"##),
            page("tc/b/index.html", r##"<p id="p2-1">b</p>"##),
        ];
        let report = check_output(&files, &["tc".into()], &BTreeSet::new(), None);
        let reasons: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(reasons.len(), 3, "{reasons:#?}");
        assert!(reasons.iter().any(|r| r.contains("id=\"p1-1\"") && r.contains("more than once")));
        assert!(reasons.iter().any(|r| r.contains("../b/#p2-9") && r.contains("has no id \"p2-9\"")));
        assert!(reasons.iter().any(|r| r.contains("../c/") && r.contains("no such file: tc/c/index.html")));
        assert_eq!(report.external.keys().collect::<Vec<_>>(), ["https://example.org"]);
    }

    #[test]
    fn absolute_links_to_the_site_itself_are_checked_as_internal() {
        let base = BaseUrl::parse("https://example.org/budget/").unwrap();
        let files = vec![page("en/x/index.html", r#"<link rel="canonical" href="https://example.org/budget/en/x/"><link rel="alternate" href="https://example.org/budget/tc/x/"><a href="https://example.org/other/">o</a>"#)];
        let report = check_output(&files, &["en".into()], &BTreeSet::new(), Some(&base));
        let reasons: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(reasons, ["en/x/index.html: /budget/tc/x/: no such file: tc/x/index.html"]);
        assert_eq!(report.external.keys().collect::<Vec<_>>(), ["https://example.org/other/"]);
    }

    #[test]
    fn anchors_must_match_across_languages() {
        let files = vec![
            page("tc/x/index.html", r#"<p id="p1-1"></p><p id="p1-2"></p>"#),
            page("en/x/index.html", r#"<p id="p1-1"></p>"#),
            page("tc/y/index.html", r#"<p id="p2-1"></p>"#),
        ];
        let report = check_output(&files, &["tc".into(), "en".into()], &BTreeSet::new(), None);
        let reasons: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert!(reasons.iter().any(|r| r.starts_with("en/x/index.html") && r.contains("1 here, 2 there")), "{reasons:#?}");
        assert!(reasons.iter().any(|r| r.starts_with("en/y/index.html") && r.contains("missing")), "{reasons:#?}");
    }
}
