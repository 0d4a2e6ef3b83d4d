//! microsite: a static-site generator for a trilingual policy document.
//!
//! The pipeline is the architecture, one module per stage, data flowing one way:
//!
//! 1. **load** — [`config`] (`content/site.yaml`), [`content`] (proposal files and their
//!    front matter), [`theme`] (templates, UI strings, static files);
//! 2. **model** — [`model`]: languages, pillars and proposals, with the cross-file rules;
//! 3. **convert** — [`convert`]: generated languages (Simplified Chinese) via OpenCC;
//! 4. **render** — [`markdown`] (bodies with stable paragraph anchors; an author's raw HTML
//!    cleaned by [`sanitize`]), then [`render`] (Tera templates);
//! 5. **write** — [`write`]: compact each page ([`html`]) and write it into a staging folder, then
//!    swap the finished site into the output folder.
//!
//! Load keeps only what the model needs of each proposal body (its structure and links,
//! and what the sanitizer removes of its raw HTML);
//! [`emit`] reads each body again when its pages are made, so a large site is never held
//! in memory whole. Render and write run page by page in parallel; [`check`] reads every
//! page as it is written and proves that every link resolves.

pub mod check;
pub mod config;
pub mod content;
pub mod convert;
pub mod emit;
pub mod error;
pub mod html;
pub mod markdown;
pub mod model;
pub mod outdir;
pub mod progress;
pub mod project;
pub mod publish;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod term;
pub mod theme;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use emit::{emit, Emitted};
pub use error::{Error, Result};

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
    /// Replace the output folder even if microsite did not make it ([`outdir`]).
    pub force: bool,
}

impl BuildOptions {
    /// The output folder: `out`, taken from `root` when relative.
    pub fn out_dir(&self) -> PathBuf {
        if self.out.is_absolute() || self.root == Path::new(".") {
            self.out.clone()
        } else {
            self.root.join(&self.out)
        }
    }
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

/// The site after load → model → convert: everything the pages are rendered from.
pub struct Prepared {
    site: model::Site,
    theme: theme::Theme,
    converters: BTreeMap<String, convert::Converter>,
    /// Problems in the content that do not stop a build: missing translations, misaligned
    /// languages. (A broken internal link in the Markdown is an error.)
    pub warnings: Vec<String>,
}

/// Runs load → model → convert. `base_url` overrides the one in the site settings.
pub fn prepare(root: &Path, base_url: Option<&str>) -> Result<Prepared> {
    let mut timings = Timings::start();
    let config = config::load(root)?;
    let generated: Vec<(String, String)> = config
        .languages
        .iter()
        .filter_map(|l| Some((l.code.value.clone(), l.opencc.as_ref()?.value.clone())))
        .filter(|(_, cfg)| convert::CONFIGS.contains(&cfg.as_str()))
        .collect();
    let authored: Vec<String> = config.languages.iter().filter(|l| l.from.is_none()).map(|l| l.code.value.clone()).collect();

    // Loading OpenCC's dictionaries overlaps reading the content and the theme.
    let (converters, loaded) = rayon::join(
        || -> Result<BTreeMap<String, convert::Converter>> {
            generated.iter().map(|(code, cfg)| Ok((code.clone(), convert::Converter::load(root, code, cfg)?))).collect()
        },
        || -> Result<_> {
            // Each body is parsed as it is read, to learn its structure, and not kept.
            let files = content::load_proposals(root, markdown::survey)?;
            let authored: Vec<&str> = authored.iter().map(String::as_str).collect();
            let theme = theme::load(root, &config.theme, &authored)?;
            Ok((files, theme))
        },
    );
    let (files, mut theme) = loaded?;
    timings.lap("load (content, theme, OpenCC)");
    let (mut site, warnings) = model::build(root, config, files, base_url)?;
    timings.lap("model");
    let converters = converters?;
    convert::generate(&mut site, &mut theme.strings, &converters);
    timings.lap("convert");
    Ok(Prepared { site, theme, converters, warnings })
}

/// `microsite check`: makes the site in memory, one page at a time (never touching the
/// output folder), and checks it. Content warnings count as problems here.
pub fn check(root: &Path) -> Result<(Prepared, Emitted)> {
    let prepared = prepare(root, None)?;
    let emitted = emit(&prepared, &write::Discard)?;
    Ok((prepared, emitted))
}

/// `microsite build`: makes the site into a staging folder of its own, the output folder
/// locked, and swaps it in only if nothing failed (and, with `strict`, nothing was found
/// wrong). A folder microsite did not make is replaced only with `force` ([`outdir`]).
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(options, None)
}

/// [`build`], counting the pages it writes in `progress` (for a progress bar).
pub fn build_with_progress(options: &BuildOptions, progress: Option<&progress::Progress>) -> Result<BuildReport> {
    let out = options.out_dir();
    check_output_folder(&options.root, &out)?;
    let prepared = prepare(&options.root, options.base_url.as_deref())?;
    let staging = write::Staging::create(&out, options.force)?;
    let emitted = match progress {
        Some(progress) => {
            progress.start(prepared.site.proposals.len(), render::jobs(&prepared.site).len());
            emit(&prepared, &progress::Counted { inner: &staging, progress })
        }
        None => emit(&prepared, &staging),
    };
    let emitted = match emitted {
        Ok(emitted) => emitted,
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    };
    let mut warnings = prepared.warnings;
    warnings.extend(emitted.report.problems.iter().map(|p| format!("broken: {p}")));
    if options.strict && !warnings.is_empty() {
        staging.abandon();
        let mut message = format!("--strict: the build has {} warning(s); nothing was written:", warnings.len());
        for w in &warnings {
            message.push_str("\n  ");
            message.push_str(w);
        }
        return Err(Error::msg(message));
    }
    let mut timings = Timings::start();
    warnings.extend(staging.swap_in()?);
    timings.lap("swap in");
    Ok(BuildReport { pages: emitted.pages, files: emitted.files, warnings, out })
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
