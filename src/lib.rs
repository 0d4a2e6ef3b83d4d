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
//! 5. **write** — [`write`]: compact each page ([`html`]) and write it into a staging folder, then
//!    swap the finished site into the output folder.
//!
//! Render and write run page by page in parallel ([`emit`]); [`check`] reads every page
//! as it is written and proves that every link resolves.

pub mod check;
pub mod config;
pub mod content;
pub mod convert;
pub mod error;
pub mod html;
pub mod markdown;
pub mod model;
pub mod publish;
pub mod render;
pub mod search;
pub mod serve;
pub mod theme;
pub mod write;

use std::collections::BTreeMap;
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

/// The site after load → model → convert: everything the pages are rendered from.
pub struct Prepared {
    site: model::Site,
    theme: theme::Theme,
    converters: BTreeMap<String, convert::Converter>,
    /// Problems in the content: missing translations, misaligned languages, broken
    /// internal links in the Markdown.
    pub warnings: Vec<String>,
    root: PathBuf,
}

/// What [`emit`] made and found.
pub struct Emitted {
    /// HTML pages made.
    pub pages: usize,
    /// All files made.
    pub files: usize,
    /// The link check of every page.
    pub report: check::Report,
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
    let converters = converters?;
    convert::generate(&mut site, &mut theme.strings, &converters);
    timings.lap("convert");
    Ok(Prepared { site, theme, converters, warnings, root: root.to_path_buf() })
}

/// Runs render → write: makes every file of the site, handing each to `write` (path
/// under the output folder, contents in pieces to write one after the other) as soon as
/// it is finished, and checks the links
/// of every page on the way. Pages are rendered, compacted, checked and written in
/// parallel, one at a time per thread, so the site is never held in memory whole.
pub fn emit(prepared: &Prepared, write: &(dyn Fn(&str, &[&[u8]]) -> Result<()> + Sync)) -> Result<Emitted> {
    let mut timings = Timings::start();
    let (site, theme) = (&prepared.site, &prepared.theme);
    let mut paths: Vec<String> = Vec::new();
    let mut put = |path: String, bytes: &[u8]| -> Result<()> {
        write(&path, &[bytes])?;
        paths.push(path);
        Ok(())
    };
    for f in &theme.static_files {
        put(f.output.clone(), &f.bytes)?;
    }
    for f in publishing_files(&prepared.root, site)? {
        put(f.path, &f.bytes)?;
    }
    // The search indexes are built beside the pages. The pages go one language at a
    // time: its proposal bodies first (each page splices its own in, the full text all of
    // them), then its pages, and its bodies are dropped. Then the short links and the
    // landing pages, and last the search pages, which name the indexes by their
    // content-hashed file names.
    let bodies = render::Bodies::plan(site);
    let mut inputs = render::Inputs::new(site, theme, &bodies);
    let prefixes: Vec<String> = site.languages.iter().map(|l| l.prefix.clone()).collect();
    let untranslated = render::untranslated(site);
    let checker = check::Checker { base: site.base_url.as_ref(), prefixes: &prefixes, untranslated: &untranslated };
    let mut groups: Vec<Vec<(usize, render::Job)>> = vec![Vec::new(); site.languages.len() + 2];
    for (order, job) in render::jobs(site).into_iter().enumerate() {
        let group = match job {
            render::Job::Edition(_, render::Kind::Search) => site.languages.len() + 1,
            render::Job::Edition(lang, _) => lang,
            _ => site.languages.len(),
        };
        groups[group].push((order, job));
    }
    let search_jobs = groups.pop().unwrap_or_default();
    let (indexes, made) = rayon::join(
        || search_indexes(prepared, write),
        || -> Result<_> {
            let mut made = (check::Findings::default(), Vec::new());
            for (lang, jobs) in groups.into_iter().enumerate() {
                let rendered_bodies = render_bodies(&inputs, lang);
                let (findings, pages) = make_pages(&inputs, jobs, &rendered_bodies, &checker, write)?;
                made = (made.0.merge(findings), [made.1, pages].concat());
            }
            Ok(made)
        },
    );
    inputs.search_indexes = indexes?;
    let (mut findings, mut pages) = made?;
    timings.lap("pages (render, compact, check, write), search indexes");
    let (search_findings, search_pages) = make_pages(&inputs, search_jobs, &[], &checker, write)?;
    findings = findings.merge(search_findings);
    pages.extend(search_pages);
    paths.extend(inputs.search_indexes.values().cloned());
    let page_count = pages.len();
    paths.extend(pages);
    let files: rustc_hash::FxHashSet<String> = paths.into_iter().collect();
    let report = checker.finish(findings, &files);
    timings.lap("search pages, links between pages");
    Ok(Emitted { pages: page_count, files: files.len(), report })
}

/// One search index per edition, written under a content-hashed name: the path of each,
/// by language code.
fn search_indexes(prepared: &Prepared, write: &(dyn Fn(&str, &[&[u8]]) -> Result<()> + Sync)) -> Result<BTreeMap<String, String>> {
    let site = &prepared.site;
    let fold = search::folding_table(site, prepared.converters.values().next());
    // One at a time (the pages are made beside them): each is tens of megabytes at 10 000
    // proposals.
    site.languages
        .iter()
        .map(|lang| {
            let json = search::index_json(site, lang, &fold);
            let path = format!("assets/search-{}.{:08x}.json", lang.prefix, theme::content_hash(json.as_bytes()) as u32);
            write(&path, &[json.as_bytes()])?;
            Ok((lang.code.clone(), path))
        })
        .collect()
}

/// The proposal bodies in language `lang` (an index into `site.languages`; none for any
/// other value), compacted, with the ids and links each holds, by body id.
fn render_bodies(inputs: &render::Inputs, lang: usize) -> Vec<Option<(Vec<u8>, check::Scan)>> {
    (0..inputs.bodies.keys.len())
        .into_par_iter()
        .map(|id| {
            (inputs.bodies.keys[id].0 == lang).then(|| {
                let mut scan = check::Scan::default();
                let html = html::compact(&inputs.bodies.render(inputs, id), |tag| scan.read(tag));
                (html, scan)
            })
        })
        .collect()
}

/// Renders, compacts, checks and writes the pages `jobs` (each with its place in the
/// site), splicing in their bodies: what the checker found, and the paths written.
fn make_pages(
    inputs: &render::Inputs,
    jobs: Vec<(usize, render::Job)>,
    bodies: &[Option<(Vec<u8>, check::Scan)>],
    checker: &check::Checker,
    write: &(dyn Fn(&str, &[&[u8]]) -> Result<()> + Sync),
) -> Result<(check::Findings, Vec<String>)> {
    jobs.into_par_iter()
        .try_fold(
            || (check::Findings::default(), Vec::new()),
            |(mut findings, mut pages), (order, job)| -> Result<_> {
                let page = render::render(inputs, job)?;
                let mut scan = check::Scan::default();
                let shell = html::compact(&page.html, |tag| scan.read(tag));
                drop(page.html);
                let body = |id: usize| bodies.get(id).and_then(Option::as_ref);
                let (pieces, ids) = render::splice(&shell, |id| body(id).map(|(html, _)| html.as_slice()));
                for (_, body_scan) in ids.iter().filter_map(|id| body(*id)) {
                    scan.extend(body_scan);
                }
                write(&page.path, &pieces)?;
                findings.add_page(checker, order, &page.path, scan);
                pages.push(page.path);
                Ok((findings, pages))
            },
        )
        .try_reduce(
            || (check::Findings::default(), Vec::new()),
            |(a, mut pages_a), (b, pages_b)| {
                pages_a.extend(pages_b);
                Ok((a.merge(b), pages_a))
            },
        )
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

/// `microsite check`: makes the site in memory, one page at a time (never touching the
/// output folder), and checks it. Content warnings count as problems here.
pub fn check(root: &Path) -> Result<(Prepared, Emitted)> {
    let prepared = prepare(root, None)?;
    let emitted = emit(&prepared, &|_, _| Ok(()))?;
    Ok((prepared, emitted))
}

/// `microsite build`: makes the site into a staging folder beside the output, and swaps
/// it in only if nothing failed (and, with `strict`, nothing was found wrong).
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let out = if options.out.is_absolute() || options.root == Path::new(".") { options.out.clone() } else { options.root.join(&options.out) };
    check_output_folder(&options.root, &out)?;
    let prepared = prepare(&options.root, options.base_url.as_deref())?;
    let staging = write::Staging::create(&out)?;
    let emitted = match emit(&prepared, &|path, bytes| staging.write(path, bytes)) {
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
    staging.swap_in()?;
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
