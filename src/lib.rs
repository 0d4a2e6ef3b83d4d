//! microsite: a static-site generator for a trilingual policy document.
//!
//! The pipeline is the architecture, one module per stage, data flowing one way:
//!
//! 1. **load** — [`config`] (`content/site.yaml`), [`content`] (proposal files and their
//!    front matter), [`theme`] (templates, UI strings, static files);
//! 2. **model** — [`model`]: languages, pillars and proposals, with the cross-file rules;
//! 3. **convert** — [`convert`]: generated languages (Simplified Chinese) via OpenCC;
//! 4. **render** — [`markdown`] (bodies with stable paragraph anchors), then [`render`]
//!    (Tera templates);
//! 5. **write** — [`write`]: minify and swap the finished site into the output folder.
//!
//! [`check`] proves on the finished output that every link resolves; `build` runs it too.

pub mod check;
pub mod config;
pub mod content;
pub mod convert;
pub mod error;
pub mod markdown;
pub mod model;
pub mod publish;
pub mod render;
pub mod search;
pub mod serve;
pub mod theme;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use error::{Error, Result};
use write::OutputFile;

/// Prints how long each stage took when `MICROSITE_TIMINGS` is set: the profile that
/// guides performance work (see the README's Performance section).
pub(crate) struct Timings(Option<std::time::Instant>);

impl Timings {
    pub(crate) fn start() -> Timings {
        Timings(std::env::var_os("MICROSITE_TIMINGS").map(|_| std::time::Instant::now()))
    }
    pub(crate) fn lap(&mut self, stage: &str) {
        if let Some(started) = self.0 {
            // The peak resident memory so far (Linux), to see which stage holds the most.
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_string())))
                .unwrap_or_default();
            eprintln!("timing: {stage}: {} ms (peak memory {peak})", started.elapsed().as_millis());
            self.0 = Some(std::time::Instant::now());
        }
    }
}

/// What `microsite build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder (holding `content/` and `themes/`).
    pub root: PathBuf,
    /// The output folder; relative paths are taken from `root`.
    pub out: PathBuf,
    /// Fail on warnings (missing translations, misaligned languages) instead of printing them.
    pub strict: bool,
    /// Overrides `base_url` of the site settings (for preview deployments).
    pub base_url: Option<String>,
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// All files written (pages and assets).
    pub files: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<String>,
    /// Where the site was written.
    pub out: PathBuf,
}

/// The finished site in memory: every output file, and the warnings found on the way.
pub struct GeneratedSite {
    pub files: Vec<OutputFile>,
    pub pages: usize,
    /// Problems in the content: missing translations, misaligned languages, broken
    /// internal links in the Markdown.
    pub warnings: Vec<String>,
    /// The language folders, the first (the reference for anchors) first.
    pub prefixes: Vec<String>,
    /// Pages standing in for a missing translation (already reported as warnings).
    pub untranslated: BTreeSet<String>,
    /// Where the site is published, when known.
    pub base_url: Option<publish::BaseUrl>,
}

impl GeneratedSite {
    /// Runs the link checker on the generated files.
    pub fn check(&self) -> check::Report {
        check::check_output(&self.files, &self.prefixes, &self.untranslated, self.base_url.as_ref())
    }
}

/// Runs load → model → convert → render, returning the site without writing it.
/// `base_url` overrides the one in the site settings.
pub fn generate(root: &Path, base_url: Option<&str>) -> Result<GeneratedSite> {
    let mut timings = Timings::start();
    let config = config::load(root)?;
    let generated: Vec<(String, String)> = config
        .languages
        .iter()
        .filter_map(|l| Some((l.code.value.clone(), l.opencc.as_ref()?.value.clone())))
        .filter(|(_, cfg)| convert::CONFIGS.contains(&cfg.as_str()))
        .collect();
    let authored: Vec<String> = config.languages.iter().filter(|l| l.from.is_none()).map(|l| l.code.value.clone()).collect();

    // Loading OpenCC's dictionaries is the slowest step of a small build: overlap it
    // with reading the content and the theme.
    let (converters, loaded) = rayon::join(
        || -> Result<BTreeMap<String, convert::Converter>> {
            generated.iter().map(|(code, cfg)| Ok((code.clone(), convert::Converter::load(root, code, cfg)?))).collect()
        },
        || -> Result<_> {
            let files = content::load_proposals(root)?;
            let authored: Vec<&str> = authored.iter().map(String::as_str).collect();
            let theme = theme::load(root, &config.theme, &authored)?;
            Ok((files, theme))
        },
    );
    let (files, mut theme) = loaded?;
    timings.lap("load (content, theme, OpenCC)");
    let (mut site, warnings) = model::build(root, config, files, base_url)?;
    timings.lap("model");
    let prefixes = site.languages.iter().map(|l| l.prefix.clone()).collect();
    let converters = converters?;
    convert::generate(&mut site, &mut theme.strings, &converters);
    timings.lap("convert");

    // One search index per edition, under a content-hashed name the search page links to.
    let fold = search::folding_table(&site, converters.values().next());
    let indexes: Vec<(String, OutputFile)> = site
        .languages
        .par_iter()
        .map(|lang| {
            let json = search::index_json(&site, lang, &fold);
            let path = format!("assets/search-{}.{:08x}.json", lang.prefix, theme::content_hash(json.as_bytes()) as u32);
            (lang.code.clone(), OutputFile { path, bytes: json.into_bytes() })
        })
        .collect();
    let index_paths: BTreeMap<String, String> = indexes.iter().map(|(code, f)| (code.clone(), f.path.clone())).collect();

    timings.lap("search index");
    let pages = render::render_site(&site, &theme, &index_paths)?;
    timings.lap("render");
    let page_count = pages.len();
    let untranslated = pages.iter().filter(|p| p.untranslated).map(|p| p.path.clone()).collect();
    let mut files: Vec<OutputFile> =
        pages.par_iter().map(|p| OutputFile { path: p.path.clone(), bytes: write::minify(&p.html) }).collect();
    files.extend(theme.static_files.iter().map(|f| OutputFile { path: f.output.clone(), bytes: f.bytes.clone() }));
    files.extend(indexes.into_iter().map(|(_, f)| f));
    files.extend(publishing_files(root, &site)?);
    timings.lap("minify");
    Ok(GeneratedSite { files, pages: page_count, warnings, prefixes, untranslated, base_url: site.base_url.clone() })
}

/// The files for hosts and crawlers: sitemap, robots.txt, security headers, share image.
fn publishing_files(root: &Path, site: &model::Site) -> Result<Vec<OutputFile>> {
    let base_path = site.base_url.as_ref().map_or("/", |b| b.path.as_str());
    let mut files = vec![
        OutputFile { path: "robots.txt".into(), bytes: publish::robots(site.base_url.as_ref()).into_bytes() },
        OutputFile { path: "_headers".into(), bytes: publish::headers(base_path).into_bytes() },
    ];
    if let Some(base) = &site.base_url {
        let sitemap = publish::sitemap(site, base, &render::edition_dirs(site));
        files.push(OutputFile { path: "sitemap.xml".into(), bytes: sitemap.into_bytes() });
    }
    if let Some((source, output)) = &site.share_image {
        let bytes = std::fs::read(root.join(source)).map_err(|e| Error::io(config::display_path(root, source), "read the share image", e))?;
        files.push(OutputFile { path: output.clone(), bytes });
    }
    Ok(files)
}

/// `microsite check`: generates the site in memory (never touching the output folder) and
/// checks it. Content warnings count as problems here.
pub fn check(root: &Path) -> Result<(GeneratedSite, check::Report)> {
    let site = generate(root, None)?;
    let report = site.check();
    Ok((site, report))
}

/// `microsite build`: generates the site and swaps it into the output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let out = if options.out.is_absolute() || options.root == Path::new(".") { options.out.clone() } else { options.root.join(&options.out) };
    check_output_folder(&options.root, &out)?;
    let mut site = generate(&options.root, options.base_url.as_deref())?;
    let mut timings = Timings::start();
    let report = site.check();
    timings.lap("check");
    site.warnings.extend(report.problems.iter().map(|p| format!("broken: {p}")));
    if options.strict && !site.warnings.is_empty() {
        let mut message = format!("--strict: the build has {} warning(s); nothing was written:", site.warnings.len());
        for w in &site.warnings {
            message.push_str("\n  ");
            message.push_str(w);
        }
        return Err(Error::msg(message));
    }
    write::write_site(&out, &site.files)?;
    timings.lap("write");
    Ok(BuildReport { pages: site.pages, files: site.files.len(), warnings: site.warnings, out })
}

/// Refuses an output folder that would swallow the project: the build replaces it whole.
fn check_output_folder(root: &Path, out: &Path) -> Result<()> {
    let root = root.canonicalize().map_err(|e| Error::io(root, "open the project folder", e))?;
    let out_abs = match out.canonicalize() {
        Ok(p) => p,
        Err(_) => return Ok(()), // does not exist yet: nothing to lose
    };
    let protected = ["content", "themes", "src", "tests", ".git"];
    if root.starts_with(&out_abs) || protected.iter().any(|p| out_abs.starts_with(root.join(p))) {
        return Err(Error::in_file(out, "refusing to use this folder for output: the build replaces the output folder, and this one holds the project"));
    }
    Ok(())
}
