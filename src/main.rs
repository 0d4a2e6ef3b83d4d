//! The `microsite` command line: parses arguments and reports, nothing more.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

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
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder (replaced whole, if it is empty or was made by microsite); a
        /// relative path is taken from --root.
        #[arg(long, default_value = "build")]
        out: PathBuf,
        /// Fail, writing nothing, if there is any warning (a missing translation, language
        /// versions of a proposal with different paragraph counts, text that differs from
        /// the source text or lacks a glossary name).
        #[arg(long)]
        strict: bool,
        /// Publish for this address instead of the site settings' base_url, e.g.
        /// https://preview.example.org/budget/ (canonical links, sitemap, link previews).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Replace the output folder even if it was not made by microsite (it holds files
        /// and no .microsite-output marker). Everything in it is deleted.
        #[arg(long)]
        force: bool,
    },
    /// Build, serve the site on a local address, rebuild when content/ or themes/ change,
    /// and reload open pages. Writes the same output as `build`.
    Serve {
        /// The project folder, holding content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder (replaced whole, if it is empty or was made by microsite); a
        /// relative path is taken from --root.
        #[arg(long, default_value = "build")]
        out: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 0.0.0.0 lets a phone on the same network open it.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Replace the output folder even if it was not made by microsite (it holds files
        /// and no .microsite-output marker). Everything in it is deleted.
        #[arg(long)]
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
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, strict, base_url, force } => {
            let started = Instant::now();
            match microsite::build(&microsite::BuildOptions { root, out, strict, base_url, force }) {
                Ok(report) => {
                    for warning in &report.warnings {
                        eprintln!("warning: {warning}");
                    }
                    eprintln!("built {} pages ({} files) into {} in {} ms", report.pages, report.files, report.out.display(), started.elapsed().as_millis());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { root, out, port, bind, force } => {
            let build = microsite::BuildOptions { root, out, strict: false, base_url: None, force };
            match microsite::serve::serve(microsite::serve::ServeOptions { build, bind, port }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root } => match microsite::check(&root) {
            Ok((site, emitted)) => {
                let report = &emitted.report;
                for (url, pages) in &report.external {
                    println!("external (not fetched): {url} (on {} page(s), first {})", pages.len(), pages.iter().next().map_or("", String::as_str));
                }
                for note in &site.notes {
                    println!("{note}");
                }
                for warning in &site.warnings {
                    println!("problem: {warning}");
                }
                for problem in &report.problems {
                    println!("problem: {problem}");
                }
                let count = site.warnings.len() + report.problems.len();
                println!("checked {} pages and {} links ({} external): {count} problem(s)", report.pages, report.links, report.external.len());
                if count == 0 {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
