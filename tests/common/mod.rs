//! Shared helpers for the integration tests: throwaway copies of the project, running the
//! real `microsite` binary on them, and reading the pages it writes.
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

/// A copy of the project's `content/` and `themes/` in a temporary folder.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A copy of the real content and theme.
    pub fn real() -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["content", "themes"] {
            copy_tree(&repo().join(sub), &dir.path().join(sub));
        }
        Project { dir }
    }

    /// The real theme and no content: the test writes its own.
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

    /// Runs `microsite ARGS --root DIR`.
    pub fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_microsite")).args(args).arg("--root").arg(self.root()).output().expect("run microsite")
    }

    /// Runs `microsite build` and asserts it succeeded; returns the output folder.
    pub fn build(&self) -> PathBuf {
        let out = self.run(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        self.path("build")
    }
}

/// The real site, built once per test binary from the repository's own content into
/// Cargo's scratch folder for tests.
pub fn real_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let crate_name = module_path!().split("::").next().unwrap();
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("site-{crate_name}"));
        let result = std::process::Command::new(env!("CARGO_BIN_EXE_microsite"))
            .args(["build", "--root"])
            .arg(repo())
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run microsite");
        assert!(result.status.success(), "build of the real site failed:\n{}", stderr(&result));
        out
    })
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
