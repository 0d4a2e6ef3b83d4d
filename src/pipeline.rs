//! The two things a user asks for: `build` (make the site into the output folder) and
//! `check` (make it in memory and report), each running prepare → emit.

use std::path::{Path, PathBuf};

use crate::domain::Localized;
use crate::error::{Error, Result};
use crate::output::emit::{emit, Emitted, Pdfs};
use crate::output::{progress, render, write};
use crate::prepare::{prepare, prepare_site_wide, Prepared, SiteWidePrepared};
use crate::timings::Timings;

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
    /// Replace the output folder even if microsite did not make it ([`crate::output::outdir`]).
    pub force: bool,
    /// Make the PDFs ([`crate::output::pdf`]): `build` does, `serve` does not.
    pub pdfs: bool,
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
    /// The pages of each edition, by name (empty for a single submission).
    pub editions: Vec<(String, usize)>,
    /// Things left to fill in ([`Whole::notices`]): said, never a failure.
    pub notices: Vec<String>,
    /// What the user should know that is no problem of the content (no font for the PDFs).
    pub notes: Vec<String>,
}

/// Every submission of the project, prepared: the one in `content/`, or each edition
/// (newest first) with the site's name for the archive; and the links between editions
/// checked.
pub struct Whole {
    pub editions: Vec<Prepared>,
    /// For a site of editions, its name (`title` in content/site.yaml), per language.
    pub archive: Option<Localized>,
    /// The site-wide part's converters, warnings and notices; its pages and settings
    /// themselves are moved into every edition's `site.site_wide`.
    pub site_wide: SiteWidePrepared,
}

impl Whole {
    /// Prepares every submission of the project at `root`.
    pub fn prepare(root: &Path, base_url: Option<&str>) -> Result<Whole> {
        let submissions = crate::load::config::submissions(root)?;
        let mut editions: Vec<Prepared> = submissions.iter().map(|s| prepare(root, s, base_url)).collect::<Result<_>>()?;
        let archive = match submissions[0].is_edition() {
            true => {
                let sites: Vec<&crate::domain::Site> = editions.iter().map(|p| &p.site).collect();
                let link_warnings = crate::model::check_links_between_editions(&sites)?;
                for (k, warning) in link_warnings {
                    // A generated language's text is its source's file: one warning for both.
                    if !editions[k].warnings.contains(&warning) {
                        editions[k].warnings.push(warning);
                    }
                }
                let mut title = crate::model::site_title(root, &editions[0].site)?;
                // The generated languages' (Simplified) name, converted as every text is.
                for l in &editions[0].site.languages {
                    if let (Some((from, _)), Some(cc)) = (&l.generated_from, editions[0].converters.get(&l.code)) {
                        if let Some(text) = title.get(from).map(|t| cc.text(t)) {
                            title.insert(l.code.clone(), text);
                        }
                    }
                }
                Some(title)
            }
            false => None,
        };
        let mut site_wide = prepare_site_wide(root, &editions[0], archive.clone())?;
        let shared = std::sync::Arc::new(std::mem::take(&mut site_wide.site_wide));
        for edition in &mut editions {
            edition.site.site_wide = shared.clone();
        }
        Ok(Whole { editions, archive, site_wide })
    }

    /// The warnings of every submission, and of the site's pages.
    pub fn warnings(&self) -> impl Iterator<Item = &String> {
        self.editions.iter().flat_map(|p| &p.warnings).chain(&self.site_wide.warnings)
    }

    /// Things left to fill in (never a failure, even with `--strict`).
    pub fn notices(&self) -> impl Iterator<Item = &String> {
        self.site_wide.notices.iter()
    }

    /// What proofreading proved, for every submission.
    pub fn notes(&self) -> impl Iterator<Item = &String> {
        self.editions.iter().flat_map(|p| &p.notes)
    }

    fn emit(&self, out: &dyn write::Output, pdfs: Pdfs) -> Result<Emitted> {
        let converters = self.site_wide.converters.as_ref().unwrap_or(&self.editions[0].converters);
        emit(&self.editions, self.archive.as_ref(), converters, out, pdfs)
    }
}

/// `microsite check`: makes the site in memory, one page at a time (never touching the
/// output folder), and checks it. Content warnings count as problems here.
pub fn check(root: &Path) -> Result<(Whole, Emitted)> {
    let whole = Whole::prepare(root, None)?;
    let emitted = whole.emit(&write::Discard, Pdfs::Skip)?;
    Ok((whole, emitted))
}

/// `microsite build`: makes the site into a staging folder of its own, the output folder
/// locked, and swaps it in only if nothing failed (and, with `strict`, nothing was found
/// wrong). A folder microsite did not make is replaced only with `force` ([`crate::output::outdir`]).
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(options, None)
}

/// [`build`], counting the pages it writes in `progress` (for a progress bar).
pub fn build_with_progress(options: &BuildOptions, progress: Option<&progress::Progress>) -> Result<BuildReport> {
    let out = options.out_dir();
    crate::output::outdir::check_outside_sources(&options.root, &out)?;
    let whole = Whole::prepare(&options.root, options.base_url.as_deref())?;
    let staging = write::Staging::create(&out, options.force)?;
    let pdfs = if options.pdfs { Pdfs::Make } else { Pdfs::Skip };
    let emitted = match progress {
        Some(progress) => {
            let proposals = whole.editions.iter().map(|p| p.site.proposals.len()).sum();
            let pages = whole.editions.iter().map(|p| render::jobs(&p.site).len()).sum();
            progress.start(proposals, pages);
            whole.emit(&progress::Counted { inner: &staging, progress }, pdfs)
        }
        None => whole.emit(&staging, pdfs),
    };
    let emitted = match emitted {
        Ok(emitted) => emitted,
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    };
    let mut warnings: Vec<String> = whole.warnings().cloned().collect();
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
    let notices = whole.notices().cloned().collect();
    Ok(BuildReport { pages: emitted.pages, files: emitted.files, warnings, out, editions: emitted.editions, notices, notes: emitted.notes })
}
