//! The `microsite` command line: parses arguments and reports, nothing more.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use microsite::output::progress::Progress;
use microsite::{scaffold, term};

/// A static-site generator for a trilingual policy document.
#[derive(Parser)]
#[command(name = "microsite", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site: content/ and themes/ in, a complete static site out.
    ///
    /// The site is built in a folder beside the output and swapped in only when the whole
    /// build succeeded, so a failed build leaves the previous output as it was.
    Build {
        /// The project folder, holding content/ and themes/.
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The output folder (replaced whole, if it is empty or was made by microsite); a
        /// relative path is taken from --root.
        #[arg(short, long, value_name = "DIR", default_value = "build")]
        out: PathBuf,
        /// Fail, writing nothing, if there is any warning (a missing translation, language
        /// versions of a proposal with different paragraph counts, text that differs from
        /// the source text or lacks a glossary name).
        #[arg(short, long)]
        strict: bool,
        /// Publish for this address instead of the site settings' base_url, e.g.
        /// https://preview.example.org/budget/ (canonical links, sitemap, link previews).
        #[arg(short, long, value_name = "URL")]
        base_url: Option<String>,
        /// Replace the output folder even if it was not made by microsite (it holds files
        /// and no .microsite-output marker). Everything in it is deleted.
        #[arg(short, long)]
        force: bool,
    },
    /// Build, serve the site on a local address, rebuild when content/ or themes/ change,
    /// and reload open pages. Writes the same output as `build`.
    Serve {
        /// The project folder, holding content/ and themes/.
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The output folder (replaced whole, if it is empty or was made by microsite); a
        /// relative path is taken from --root.
        #[arg(short, long, value_name = "DIR", default_value = "build")]
        out: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 0.0.0.0 lets a phone on the same network open it.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Replace the output folder even if it was not made by microsite (it holds files
        /// and no .microsite-output marker). Everything in it is deleted.
        #[arg(short, long)]
        force: bool,
    },
    /// Check the site without writing it: every internal link, asset and #fragment must
    /// resolve, ids must be unique on each page, every proposal must have the same
    /// paragraph anchors in every language, and internal links in the Markdown
    /// (@/proposals/SLUG.md#p6-3) must name a proposal and paragraph that exist. With
    /// `source:` in site.yaml, the authored Chinese must equal the source text; with
    /// `glossary:`, the English must use the glossary's official names.
    /// External links are listed, not fetched. Exits non-zero on any problem.
    Check {
        /// The project folder, holding content/ and themes/.
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// Write the conversion review: for the person who signs off the generated Simplified
    /// edition, one HTML file (not published) with the converter and its dictionaries, the
    /// override files, every occurrence of a character with more than one Simplified
    /// rendering in context (new, changed or signed off), the override ledger and any
    /// character a further conversion would change.
    Review {
        /// The project folder, holding content/ and themes/.
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The report's file (from the working folder), outside the site's output folder.
        #[arg(short, long, value_name = "FILE", required_unless_present = "sign_off")]
        out: Option<PathBuf>,
        /// Record every occurrence as reviewed, in each submission's LANG-review.tsv.
        #[arg(long)]
        sign_off: bool,
    },
    /// Report translation freshness: for each edition and translated language, each
    /// proposal's paragraphs up to date, stale (the source paragraph changed since the
    /// translation was accepted) and missing. With --accept, record instead that the named
    /// translated files follow their source's current paragraphs.
    Status {
        /// The project folder, holding content/ and themes/.
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Exit non-zero if any paragraph is stale or missing.
        #[arg(short, long, conflicts_with = "accept")]
        strict: bool,
        /// Translated proposal files (content/proposals/SLUG.en.md) to mark as reviewed
        /// against the current source text: rewrites their `translated_from:` field only.
        #[arg(short, long, value_name = "FILE", num_args = 1..)]
        accept: Vec<PathBuf>,
    },
    /// Start a new project in DIR (new or empty): settings with placeholders to replace,
    /// one pillar, one proposal in each authored language, and the default theme. It
    /// builds at once.
    Init {
        /// The folder to make the project in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Add content to a project.
    #[command(subcommand)]
    New(New),
}

#[derive(Subcommand)]
enum New {
    /// Write the next-numbered proposal's files, content/proposals/SLUG.LANG.md for each
    /// authored language, with their front matter filled in and a placeholder paragraph.
    Proposal {
        /// The pillar it belongs to: a slug from content/site.yaml.
        #[arg(short, long, value_name = "PILLAR")]
        pillar: String,
        /// The proposal's slug (lowercase ASCII letters, digits and hyphens): its URL and
        /// file names.
        slug: String,
        /// The project folder, holding content/ and themes/.
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// In a site of editions, the edition (its folder under content/); by default the
        /// newest.
        #[arg(short, long, value_name = "EDITION")]
        edition: Option<String>,
    },
}

/// Above this many proposals, a build on a terminal shows a progress bar.
const PROGRESS_ABOVE: usize = 200;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            term::error(e);
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> microsite::Result<ExitCode> {
    match command {
        Command::Build { root, out, strict, base_url, force } => {
            scaffold::require_project(&root)?;
            let started = Instant::now();
            let report = build(&microsite::BuildOptions { root, out, strict, base_url, force, pdfs: true })?;
            for note in &report.notes {
                eprintln!("note: {note}");
            }
            for warning in &report.warnings {
                term::warning(warning);
            }
            for notice in &report.notices {
                term::notice(notice);
            }
            for (edition, pages) in report.editions.iter().filter(|(name, _)| !name.is_empty()) {
                eprintln!("  {edition}: {pages} pages");
            }
            eprintln!("built {} pages ({} files) into {} in {} ms", report.pages, report.files, report.out.display(), started.elapsed().as_millis());
        }
        Command::Serve { root, out, port, bind, force } => {
            scaffold::require_project(&root)?;
            let build = microsite::BuildOptions { root, out, strict: false, base_url: None, force, pdfs: false };
            microsite::serve::serve(microsite::serve::ServeOptions { build, bind, port })?;
        }
        Command::Check { root } => {
            scaffold::require_project(&root)?;
            let (site, emitted) = microsite::check(&root)?;
            let report = &emitted.report;
            for (url, pages) in &report.external {
                println!("external (not fetched): {url} (on {} page(s), first {})", pages.len(), pages.iter().next().map_or("", String::as_str));
            }
            for note in site.notes() {
                println!("{note}");
            }
            for notice in site.notices() {
                println!("notice: {notice}");
            }
            for warning in site.warnings() {
                println!("problem: {warning}");
            }
            for problem in &report.problems {
                println!("problem: {problem}");
            }
            let count = site.warnings().count() + report.problems.len();
            println!("checked {} pages and {} links ({} external): {count} problem(s)", report.pages, report.links, report.external.len());
            if count > 0 {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Review { root, out, sign_off } => {
            scaffold::require_project(&root)?;
            let done = microsite::review::run(&microsite::review::Options { root, out: out.clone(), sign_off })?;
            for review in &done.reviews {
                let new = review.occurrences.iter().filter(|o| o.status != microsite::review::Status::SignedOff).count();
                let silent = review.ledger.iter().filter(|e| !e.replaced && e.fired.is_empty() && e.overruled.is_empty()).count();
                let name = if review.submission.is_edition() { format!("{} ", review.submission.name) } else { String::new() };
                eprintln!(
                    "  {name}{}: {} occurrences to review of {}, {} override entries ({silent} never fire), {} left unconverted",
                    review.lang,
                    new,
                    review.occurrences.len(),
                    review.ledger.len(),
                    review.leftovers.len()
                );
            }
            for file in &done.signed {
                eprintln!("signed off: wrote {file}");
            }
            if let Some(out) = out {
                eprintln!("wrote the review to {}", out.display());
            }
        }
        Command::Status { root, strict, accept } => {
            scaffold::require_project(&root)?;
            let whole = microsite::pipeline::Whole::prepare(&root, None)?;
            let sites: Vec<&microsite::domain::Site> = whole.editions.iter().map(|p| &p.site).collect();
            if !accept.is_empty() {
                for done in microsite::status::accept::accept(&root, &sites, &accept)? {
                    let mut was = Vec::new();
                    for (label, numbers) in [("stale", &done.was_stale), ("missing", &done.was_missing)] {
                        if !numbers.is_empty() {
                            was.push(format!("{label} before: {}", numbers.iter().map(|n| format!("¶{n}")).collect::<Vec<_>>().join(", ")));
                        }
                    }
                    let was = if was.is_empty() { "all up to date before".to_string() } else { was.join("; ") };
                    println!("{}: recorded the {} paragraph(s) of {} ({was})", done.file.display(), done.recorded, done.source.display());
                }
                return Ok(ExitCode::SUCCESS);
            }
            let mut behind = 0;
            for (i, status) in sites.iter().flat_map(|site| microsite::status::assess(&root, site)).enumerate() {
                if i > 0 {
                    println!();
                }
                print!("{}", status.table());
                behind += status.count(microsite::status::State::Stale) + status.count(microsite::status::State::Missing);
            }
            if strict && behind > 0 {
                eprintln!("--strict: {behind} translated paragraph(s) stale or missing");
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Init { dir } => {
            let written = scaffold::init(&dir)?;
            let theme = written.files.iter().filter(|f| f.strip_prefix(&dir).unwrap_or(f).starts_with("themes")).count();
            eprintln!("made a new project in {}:", dir.display());
            for file in written.files.iter().filter(|f| !f.strip_prefix(&dir).unwrap_or(f).starts_with("themes")) {
                eprintln!("  {}", file.display());
            }
            eprintln!("  {} ({theme} files)", dir.join("themes/default/").display());
            eprintln!("Replace the [placeholders] in {} and the proposal files, then:", dir.join(microsite::domain::Submission::single().settings).display());
            let root = if dir == Path::new(".") { String::new() } else { format!(" --root {}", dir.display()) };
            let next = [
                (format!("microsite serve{root}"), "preview, rebuilt as you edit"),
                (format!("microsite new proposal{root} --pillar first-pillar SLUG"), "add a proposal"),
                (format!("microsite build{root} --strict"), "the site, into build/"),
            ];
            let width = next.iter().map(|(command, _)| command.len()).max().unwrap_or(0);
            for (command, what) in next {
                eprintln!("  {command:width$}   # {what}");
            }
        }
        Command::New(New::Proposal { pillar, slug, root, edition }) => {
            let written = scaffold::new_proposal(&root, edition.as_deref(), &pillar, &slug)?;
            for file in &written.files {
                println!("wrote {}", file.display());
            }
            for note in &written.notes {
                eprintln!("note: {note}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A build, with a progress bar on standard error if it is a terminal and the site is
/// large; with none, the build counts nothing.
fn build(options: &microsite::BuildOptions) -> microsite::Result<microsite::BuildReport> {
    if !std::io::stderr().is_terminal() {
        return microsite::build(options);
    }
    let progress = Progress::default();
    std::thread::scope(|scope| {
        let bar = scope.spawn(|| show_progress(&progress));
        let result = microsite::build_with_progress(options, Some(&progress));
        progress.finish();
        bar.thread().unpark();
        result
    })
}

/// Draws `progress` as a bar until the build ends, once the site turns out to be large.
fn show_progress(progress: &Progress) {
    let mut bar: Option<ProgressBar> = None;
    loop {
        let now = progress.get();
        if now.finished {
            break;
        }
        if bar.is_none() && now.proposals > PROGRESS_ABOVE {
            let style = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} pages, {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            let new = ProgressBar::with_draw_target(Some(now.pages as u64), ProgressDrawTarget::stderr()).with_style(style).with_prefix("building");
            new.tick();
            bar = Some(new);
        }
        if let Some(bar) = &bar {
            bar.set_position(now.done as u64);
        }
        std::thread::park_timeout(Duration::from_millis(100));
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}
