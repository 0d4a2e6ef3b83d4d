//! Shared helpers for the integration tests: throwaway copies of the fixture project,
//! running the real `microsite` binary on them, and reading the pages it writes.
//!
//! The tests never read the repository's `content/` (this year's submission, replaced
//! every year): they build `tests/fixtures/site/content`, an invented submission written
//! for them, or `tests/fixtures/editions/content`, an invented site of several submissions
//! (editions), with the repository's theme.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Selector};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture's content folder, relative to the repository root.
pub const FIXTURE: &str = "tests/fixtures/site/content";

/// The editions fixture's content folder (a site of several submissions, one folder each),
/// relative to the repository root. `tests/editions.rs` describes and checks it.
pub const EDITIONS_FIXTURE: &str = "tests/fixtures/editions/content";

/// The fixture's pillars in order, each with its proposals in document order (numbered
/// 1, 2, 3… across the pillars): (slug, number of paragraphs). `site.rs` checks this
/// against the fixture's files.
pub const PILLARS: &[(&str, &[(&str, usize)])] = &[
    ("smart-port", &[("cargo-data-platform", 3), ("automated-terminals", 3), ("drone-trials", 4)]),
    ("green-freight", &[("electric-trucks", 3), ("shore-power", 3)]),
    ("logistics-talent", &[("apprenticeships", 3), ("professional-drivers", 2)]),
];

/// The fixture's own pages (`content/pages/`), in the footer's order (their `order:`):
/// (slug, Traditional Chinese title, English title). `site.rs` checks this against the files.
pub const SITE_PAGES: &[(&str, &str, &str)] =
    &[("about", "關於本會", "About the Chamber"), ("contact", "聯絡我們", "Contact us"), ("accessibility", "無障礙聲明", "Accessibility statement")];

/// The fixture's `base_url`, and its path (a subpath of the host).
pub const BASE_URL: &str = "https://www.harbour-chamber.example/submissions/2031-32/";
pub const BASE_PATH: &str = "/submissions/2031-32/";

/// A proposal of the fixture, as [`PILLARS`] describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    pub number: u32,
    pub slug: &'static str,
    pub pillar: &'static str,
    pub paragraphs: usize,
}

/// The fixture's proposals in document order.
pub fn proposals() -> Vec<Proposal> {
    PILLARS
        .iter()
        .flat_map(|(pillar, list)| list.iter().map(move |(slug, paragraphs)| (*pillar, *slug, *paragraphs)))
        .enumerate()
        .map(|(i, (pillar, slug, paragraphs))| Proposal { number: i as u32 + 1, slug, pillar, paragraphs })
        .collect()
}

/// The fixture's proposal `slug`.
pub fn proposal(slug: &str) -> Proposal {
    proposals().into_iter().find(|p| p.slug == slug).unwrap_or_else(|| panic!("no proposal {slug} in the fixture"))
}

/// The numbered paragraphs of all the fixture's proposals (in each language).
pub fn paragraph_total() -> usize {
    proposals().iter().map(|p| p.paragraphs).sum()
}

/// The line (1-based) of the first line of `text` containing `needle`.
pub fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line contains {needle:?}")) as u64 + 1
}

/// A copy of the project's `content/` and `themes/` in a temporary folder.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A copy of the fixture project: the invented submission of `tests/fixtures/site/content`
    /// and the repository's theme.
    pub fn fixture() -> Project {
        Project::from_fixture(FIXTURE)
    }

    /// A copy of the editions fixture project: the invented site of several submissions of
    /// `tests/fixtures/editions/content` and the repository's theme.
    pub fn editions() -> Project {
        Project::from_fixture(EDITIONS_FIXTURE)
    }

    /// A copy of the content folder `fixture` (relative to the repository root) as
    /// `content/`, and the repository's theme.
    pub fn from_fixture(fixture: &str) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_fixture(fixture, dir.path());
        Project { dir }
    }

    /// The repository's theme and no content: the test writes its own.
    pub fn theme_only() -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&repo().join("themes"), &dir.path().join("themes"));
        Project { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Rewrites a file; panics if the edit changes nothing (a test must really break it).
    pub fn edit(&self, rel: &str, f: impl FnOnce(&str) -> String) {
        let before = self.read(rel);
        let after = f(&before);
        assert_ne!(before, after, "the edit of {rel} changed nothing");
        self.write(rel, after);
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
    }

    /// Copies the folder `from` to `to` (both relative to the project), with all it holds.
    pub fn copy_dir(&self, from: &str, to: &str) {
        assert!(self.path(from).is_dir(), "no folder {from}");
        copy_tree(&self.path(from), &self.path(to));
    }

    /// Runs `microsite ARGS --root DIR`.
    pub fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_microsite")).args(args).arg("--root").arg(self.root()).output().expect("run microsite")
    }

    /// Runs `microsite status --accept FILE` on the translated file `rel` (the translator
    /// has brought it in step with its source) and asserts it succeeded; returns its report.
    pub fn accept(&self, rel: &str) -> String {
        let out = self.run(&["status", "--accept", &self.path(rel).to_string_lossy()]);
        assert!(out.status.success(), "status --accept {rel} failed:\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs `microsite build` and asserts it succeeded; returns the output folder.
    pub fn build(&self) -> PathBuf {
        let out = self.run(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        self.path("build")
    }
}

/// The fixture's site, built once per test binary (from a copy of the fixture in Cargo's
/// scratch folder for tests) and never changed by a test.
pub fn fixture_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| build_scratch_copy(FIXTURE, "fixture"))
}

/// The editions fixture's site, built once per test binary like [`fixture_site`], and never
/// changed by a test.
pub fn editions_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| build_scratch_copy(EDITIONS_FIXTURE, "editions"))
}

/// Copies the content folder `fixture` and the theme into Cargo's scratch folder for tests
/// (a folder of this test binary's own, named after `tag`), builds it there, and returns the
/// output folder.
fn build_scratch_copy(fixture: &str, tag: &str) -> PathBuf {
    let crate_name = module_path!().split("::").next().unwrap();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{tag}-{crate_name}"));
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch).unwrap();
    }
    let root = scratch.join("project");
    copy_fixture(fixture, &root);
    let out = scratch.join("site");
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_microsite"))
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run microsite");
    assert!(result.status.success(), "build of {fixture} failed:\n{}", stderr(&result));
    out
}

/// Copies the content folder `fixture` (relative to the repository root) to `root/content`
/// and the repository's `themes/` to `root/themes`.
fn copy_fixture(fixture: &str, root: &Path) {
    copy_tree(&repo().join(fixture), &root.join("content"));
    copy_tree(&repo().join("themes"), &root.join("themes"));
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds `project`, breaks it with `breakage`, builds again, and checks the failure a
/// secretary must get: non-zero exit, exactly one `error:` line, naming `located` (`FILE:`
/// or `FILE:LINE:`) and saying `says`, the earlier output byte for byte as it was, and no
/// staging folder left. Returns everything the build printed.
pub fn assert_build_rejected(project: &Project, breakage: impl FnOnce(&Project), located: &str, says: &str) -> String {
    let out = project.build();
    let before = snapshot(&out);
    breakage(project);
    let result = project.run(&["build"]);
    let err = stderr(&result);
    assert!(!result.status.success(), "the build should fail:\n{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "exactly one error:\n{err}");
    assert!(errors[0].contains(located), "the error should name {located}:\n{err}");
    assert!(err.contains(says), "the error should say {says:?}:\n{err}");
    assert!(snapshot(&out) == before, "build/ changed after a failed build");
    let leftovers: Vec<_> =
        std::fs::read_dir(project.root()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().starts_with(".build")).collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
    err
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// The HTML files under `dir`, as paths relative to it, sorted.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = snapshot(dir).into_keys().filter(|p| p.extension().is_some_and(|x| x == "html")).collect();
    files.sort();
    files
}

pub fn parse_page(path: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// The text of an element, without the text of descendants matching `skip`.
pub fn text_without(el: ElementRef, skip: &str) -> String {
    let skip = sel(skip);
    let skipped: Vec<_> = el.select(&skip).map(|e| e.id()).collect();
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(text) = node.value().as_text() {
            if !node.ancestors().any(|a| skipped.contains(&a.id())) {
                out.push_str(text);
            }
        }
    }
    out
}

pub fn text(el: ElementRef) -> String {
    el.text().collect()
}

/// All texts of the elements matching `css` on a page.
pub fn texts(page: &Html, css: &str) -> Vec<String> {
    page.select(&sel(css)).map(text).collect()
}

/// Resolves a relative `href` found on the page at `page` (relative to the site root)
/// to a file under the site root: `dir/` means `dir/index.html`. Fragments are dropped.
pub fn resolve(page: &Path, href: &str) -> PathBuf {
    let href = href.split('#').next().unwrap();
    let mut path: Vec<String> = page.parent().unwrap().components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                path.pop().expect("link climbs above the site root");
            }
            p => path.push(p.to_string()),
        }
    }
    let mut resolved: PathBuf = path.iter().collect();
    if href.is_empty() || href.ends_with('/') {
        resolved.push("index.html");
    }
    resolved
}

/// Output of a failed command, as one string for assertions.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Everything a command printed, standard output then standard error.
pub fn all_output(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The visible text of a page's `<body>`, in document order.
pub fn body_text(page: &Html) -> String {
    page.select(&sel("body")).map(text).collect()
}

/// The files under the site root that the links (`<a href>`) of the page at `page`
/// (relative to the site root) lead to, in document order. Links to other sites, `mailto:`
/// and `tel:` links and fragments of the page itself are left out; a link from the
/// published path `base_path` (as `404.html` has them) is taken from the site root.
pub fn link_targets(page: &Path, html: &Html, base_path: &str) -> Vec<PathBuf> {
    html.select(&sel("a[href]"))
        .map(|a| a.value().attr("href").unwrap())
        .filter(|href| !(href.starts_with('#') || href.contains("://") || href.starts_with("mailto:") || href.starts_with("tel:")))
        .map(|href| match href.strip_prefix(base_path) {
            Some(rest) => resolve(Path::new("index.html"), rest),
            None => resolve(page, href),
        })
        .collect()
}

/// The target of a redirect page's `<meta http-equiv=refresh>` (`0; url=TARGET`).
pub fn refresh_target(page: &Html) -> String {
    let meta = page.select(&sel("meta[http-equiv=refresh i]")).next().expect("a meta refresh");
    let content = meta.value().attr("content").unwrap();
    let at = content.to_ascii_lowercase().find("url=").unwrap_or_else(|| panic!("no url= in the meta refresh {content:?}"));
    content[at + 4..].trim().trim_matches(['\'', '"']).to_string()
}
