//! The link checker: proves, on the finished output, that every internal link and asset
//! resolves to a generated file, every `#fragment` to an id on its page, ids are unique on
//! each page, and the numbered anchors of a page are the same, in the same order, in every
//! language. It reads each page as it is made ([`Scan::read`], during compaction), keeps
//! only what later pages need of it ([`Findings`]), and never touches the output folder.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::domain::{Anchor, BaseUrl};
use crate::html;

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
        match self.link.as_str() {
            // A problem of the whole page (its anchors out of step) names no link.
            "" => write!(f, "{}: {}", self.page, self.reason),
            link => write!(f, "{}: {link}: {}", self.page, self.reason),
        }
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

/// The ids and links of a page (or of a fragment of one), in document order.
#[derive(Debug, Default, Clone)]
pub struct Scan {
    pub ids: Vec<String>,
    pub links: Vec<String>,
}

impl Scan {
    /// Appends the ids and links of a fragment spliced into the page.
    pub fn extend(&mut self, other: &Scan) {
        self.ids.extend(other.ids.iter().cloned());
        self.links.extend(other.links.iter().cloned());
    }

    /// Notes the ids and links of one tag.
    pub fn read(&mut self, tag: &html::Tag) {
        if tag.end {
            return;
        }
        let (mut refresh, mut content) = (false, None);
        for (name, value) in tag.attributes() {
            if name.eq_ignore_ascii_case(b"id") {
                self.ids.push(html::decode(value).into_owned());
            } else if name.eq_ignore_ascii_case(b"href") || name.eq_ignore_ascii_case(b"src") {
                self.links.push(html::decode(value).into_owned());
            } else if name.eq_ignore_ascii_case(b"http-equiv") {
                refresh = value.eq_ignore_ascii_case(b"refresh");
            } else if name.eq_ignore_ascii_case(b"content") {
                content = Some(html::decode(value));
            }
        }
        if let (true, true, Some(content)) = (refresh, tag.is("meta"), content) {
            if let Some((_, url)) = content.split_once("url=").or_else(|| content.split_once("URL=")) {
                self.links.push(url.trim().to_string());
            }
        }
    }
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
    id.parse::<Anchor>().is_ok()
}

/// The rules of one site: where it is published, its languages, the pages to leave out of
/// the anchor comparison. Pages are checked as they are made ([`Findings::add_page`]);
/// links between pages once every page is known ([`Checker::finish`]).
pub struct Checker<'a> {
    pub base: Option<&'a BaseUrl>,
    /// The language folders of each edition (`tc`, `sc`, `en`; `2030-31/tc`… in a site of
    /// editions), the first the reference for the anchor comparison.
    pub prefixes: &'a [Vec<String>],
    pub untranslated: &'a BTreeSet<String>,
}

/// What pages checked so far have shown: enough to finish the check without keeping them.
#[derive(Debug, Default)]
pub struct Findings {
    problems: Vec<Problem>,
    external: BTreeMap<String, BTreeSet<String>>,
    /// Each `page#fragment` linked from another page: who asks for it first (in page
    /// order, so the report is the same on every run) and how many ask.
    wanted: FxHashMap<String, Wanted>,
    /// The ids of every page, in document order, one per line (one string per page: a
    /// large site has hundreds of thousands of ids). An id holds no white space.
    ids: FxHashMap<String, String>,
    pages: usize,
    links: usize,
}

/// The first link to a target, and how many there are.
#[derive(Debug)]
struct Wanted {
    order: usize,
    page: String,
    link: String,
    count: usize,
}

impl Wanted {
    /// Counts `count` more links to the target, from a page at `order`: the link reported
    /// is the one on the page first in the site's order (`referrer` gives its page and link).
    fn add(&mut self, order: usize, count: usize, referrer: impl FnOnce() -> (String, String)) {
        self.count += count;
        if order < self.order {
            self.order = order;
            (self.page, self.link) = referrer();
        }
    }
}

impl Findings {
    /// Checks what can be checked on the page alone (unique ids, links to its own ids,
    /// links leaving the site) and notes its links to other pages. `order` is the page's
    /// place in the site, which decides which of several pages a problem is reported on.
    pub fn add_page(&mut self, checker: &Checker, order: usize, page: &str, scan: Scan) {
        let base_path = checker.base.map_or("/", |b| b.path.as_str());
        let problem = |link: &str, reason: String| Problem { page: page.to_string(), link: link.to_string(), reason };
        self.pages += 1;
        let mut own: FxHashSet<&str> = FxHashSet::default();
        for id in &scan.ids {
            if !own.insert(id.as_str()) {
                self.problems.push(problem(&format!("id=\"{id}\""), "the id is used more than once on the page".into()));
            }
        }
        let missing_here = |fragment: &str| !fragment.is_empty() && !own.contains(fragment);
        let root = "../".repeat(page.matches('/').count());
        let mut key = String::new();
        for link in &scan.links {
            self.links += 1;
            // A link to an id on the page itself (the paragraph numbers): no need to resolve it.
            if let Some(fragment) = link.strip_prefix('#') {
                if missing_here(fragment) {
                    self.problems.push(problem(link, format!("{page} has no id \"{fragment}\"")));
                }
                continue;
            }
            // An absolute link to the site itself (canonical, language alternates) is internal.
            let rooted = checker.base.and_then(|b| link.strip_prefix(b.url.as_str())).map(|rest| format!("{base_path}{rest}"));
            let link = rooted.as_ref().unwrap_or(link);
            if is_external(link) {
                self.external.entry(link.clone()).or_default().insert(page.to_string());
                continue;
            }
            let resolved = resolve_from_root(&root, link).or_else(|| resolve(page, link, base_path));
            let Some((target, fragment)) = resolved else {
                self.problems.push(problem(link, format!("leaves the site (published under {base_path})")));
                continue;
            };
            if target == page {
                if missing_here(&fragment) {
                    self.problems.push(problem(link, format!("{page} has no id \"{fragment}\"")));
                }
                continue;
            }
            key.clear();
            key.push_str(&target);
            key.push('#');
            key.push_str(&fragment);
            match self.wanted.get_mut(key.as_str()) {
                Some(wanted) => wanted.add(order, 1, || (page.to_string(), link.clone())),
                None => {
                    let wanted = Wanted { order, page: page.to_string(), link: link.clone(), count: 1 };
                    self.wanted.insert(key.clone(), wanted);
                }
            }
        }
        drop(own);
        self.ids.insert(page.to_string(), scan.ids.join("\n"));
    }

    /// Combines the findings of two sets of pages.
    pub fn merge(mut self, mut other: Findings) -> Findings {
        if other.wanted.len() > self.wanted.len() {
            std::mem::swap(&mut self.wanted, &mut other.wanted);
        }
        for (key, theirs) in other.wanted {
            match self.wanted.get_mut(&key) {
                Some(ours) => ours.add(theirs.order, theirs.count, || (theirs.page, theirs.link)),
                None => {
                    self.wanted.insert(key, theirs);
                }
            }
        }
        self.problems.extend(other.problems);
        for (url, pages) in other.external {
            self.external.entry(url).or_default().extend(pages);
        }
        self.ids.extend(other.ids);
        self.pages += other.pages;
        self.links += other.links;
        self
    }
}

/// Resolves the common case quickly: a link from a page `root` (`../../`) deep that climbs
/// to the site root and goes straight down (`../../en/pillars/x/#p1-2`). `None` for any
/// other link, which [`resolve`] then handles.
fn resolve_from_root(root: &str, link: &str) -> Option<(String, String)> {
    let rest = link.strip_prefix(root)?;
    let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let plain = !path.is_empty() && !path.starts_with(['/', '.']) && !path.contains(['?', '\\']) && !path.contains("/.") && !path.contains("//");
    if !plain {
        return None;
    }
    let target = if path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    Some((target, fragment.to_string()))
}

impl Checker<'_> {
    /// Finishes the check once every page has been added: links between pages must reach
    /// a written file (`files`, paths under the output folder) and an id on it, and
    /// numbered anchors must agree across languages.
    pub fn finish(&self, findings: Findings, files: &FxHashSet<String>) -> Report {
        let Findings { mut problems, external, wanted, ids, pages, links } = findings;
        let mut id_sets: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
        for (key, Wanted { page, link, count, .. }) in &wanted {
            let (target, fragment) = key.split_once('#').unwrap_or((key, ""));
            let also = if *count > 1 { format!(" (and {} more link(s) to it)", count - 1) } else { String::new() };
            let problem = |reason: String| Problem { page: page.clone(), link: link.clone(), reason: format!("{reason}{also}") };
            if !files.contains(target) {
                problems.push(problem(format!("no such file: {target}")));
            } else if let (false, Some(target_ids)) = (fragment.is_empty(), ids.get(target)) {
                let set = id_sets.entry(target).or_insert_with(|| target_ids.split('\n').collect());
                if !set.contains(fragment) {
                    problems.push(problem(format!("{target} has no id \"{fragment}\"")));
                }
            }
        }
        for prefixes in self.prefixes {
            problems.extend(compare_anchors(&ids, prefixes, self.untranslated));
        }
        problems.sort();
        Report { problems, external, pages, links }
    }
}

/// The numbered anchors of a page must be the same, in the same order, in every language.
fn compare_anchors(ids: &FxHashMap<String, String>, prefixes: &[String], untranslated: &BTreeSet<String>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some((reference, others)) = prefixes.split_first() else { return problems };
    let anchors = |page: &str| -> Option<Vec<&str>> { ids.get(page).map(|ids| ids.split('\n').filter(|id| is_anchor(id)).collect()) };
    let mut pages: Vec<&String> = ids.keys().filter(|p| p.starts_with(&format!("{reference}/")) && !untranslated.contains(*p)).collect();
    pages.sort();
    for page in pages {
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
        let page = "en/proposals/some-proposal/index.html";
        assert_eq!(resolve(page, "../../../tc/proposals/some-proposal/#p6-3", "/"), Some(("tc/proposals/some-proposal/index.html".into(), "p6-3".into())));
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

    use crate::output::write::OutputFile;

    /// Reads the ids and links of a page.
    fn scan(page: &[u8]) -> Scan {
        let mut found = Scan::default();
        for token in html::tokens(page) {
            if let html::Token::Tag(tag) = token {
                found.read(&tag);
            }
        }
        found
    }

    /// Checks the whole output, as a build does: pages checked on several threads and
    /// their findings merged. `prefixes` are the language folders, the first the
    /// reference for the anchor comparison.
    fn check_output(files: &[OutputFile], prefixes: &[String], untranslated: &BTreeSet<String>, base: Option<&BaseUrl>) -> Report {
        use rayon::prelude::*;
        let groups = [prefixes.to_vec()];
        let checker = Checker { base, prefixes: &groups, untranslated };
        let findings = files
            .par_iter()
            .enumerate()
            .filter(|(_, f)| f.path.ends_with(".html"))
            .fold(Findings::default, |mut found, (order, f)| {
                found.add_page(&checker, order, &f.path, scan(&f.bytes));
                found
            })
            .reduce(Findings::default, Findings::merge);
        checker.finish(findings, &files.iter().map(|f| f.path.clone()).collect())
    }

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: html.as_bytes().to_vec() }
    }

    #[test]
    fn broken_links_fragments_and_duplicate_ids_are_reported() {
        let files = vec![
            page(
                "tc/a/index.html",
                r##"<p id="p1-1">x</p><p id="p1-1">y</p><a href="../b/#p2-9">b</a><a href="#p1-1">self</a><a href="../c/">c</a><a href="https://example.org">ext</a>"##,
            ),
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
        let files = vec![page(
            "en/x/index.html",
            r#"<link rel="canonical" href="https://example.org/budget/en/x/"><link rel="alternate" href="https://example.org/budget/tc/x/"><a href="https://example.org/other/">o</a>"#,
        )];
        let report = check_output(&files, &["en".into()], &BTreeSet::new(), Some(&base));
        let reasons: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(reasons, ["en/x/index.html: /budget/tc/x/: no such file: tc/x/index.html"]);
        assert_eq!(report.external.keys().collect::<Vec<_>>(), ["https://example.org/other/"]);
    }

    #[test]
    fn a_problem_of_a_whole_page_names_no_empty_link() {
        let problem = Problem { page: "en/x/index.html".into(), link: String::new(), reason: "missing: tc/x/index.html has no counterpart".into() };
        assert_eq!(problem.to_string(), "en/x/index.html: missing: tc/x/index.html has no counterpart");
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
