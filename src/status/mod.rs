//! Translation freshness: for each translation, which of its paragraphs follow the
//! current source paragraph, which follow an earlier version of it (stale), and which
//! have nothing to follow it by (missing).
//!
//! The **source language** is the first authored language of `languages`; every other
//! authored language is a translation of it (a generated language is not: it is made
//! from its source at each build). A translation's front matter records, in
//! `translated_from:`, the hash ([`crate::text::fingerprint`]) of each source paragraph it
//! was last accepted against ([`accept`]). Paragraph *i* of the translation is then
//!
//! - **up to date** when the source's paragraph *i* has the recorded hash *i*;
//! - **stale** when it has another: the source paragraph changed since;
//! - **missing** when there is nothing to compare: the translated file is missing, it has
//!   fewer paragraphs than the source, or it records no hash for paragraph *i* (no
//!   `translated_from:` at all, or a shorter list).
//!
//! A build warns about each stale paragraph ([`stale_warnings`]); missing ones are for
//! `microsite status` to list (a missing file or paragraph is a warning of its own).

pub mod accept;

use std::path::PathBuf;

use crate::domain::{Anchor, Language, Proposal, Site};
use crate::error::Result;
use crate::load::project::display_path;
use crate::text::fingerprint;

/// What became of one source paragraph in a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    UpToDate,
    Stale,
    Missing,
}

/// One proposal's translation into one language.
#[derive(Debug)]
pub struct ProposalStatus {
    pub number: u32,
    pub slug: String,
    /// The translated file (where it would be, if it is missing).
    pub file: PathBuf,
    /// Whether the translated file exists.
    pub exists: bool,
    /// Per paragraph of the source, in order.
    pub paragraphs: Vec<State>,
}

impl ProposalStatus {
    /// How many paragraphs are in `state`.
    pub fn count(&self, state: State) -> usize {
        self.paragraphs.iter().filter(|s| **s == state).count()
    }

    /// The numbers (`6.3`) of the paragraphs in `state`.
    pub fn numbers(&self, state: State) -> Vec<String> {
        let numbered = self.paragraphs.iter().enumerate().filter(|(_, s)| **s == state);
        numbered.map(|(i, _)| Anchor::paragraph(self.number, i as u32 + 1).number()).collect()
    }
}

/// One translated language of one submission.
#[derive(Debug)]
pub struct LanguageStatus {
    /// The edition's name; empty for a single submission.
    pub edition: String,
    /// The translation's language code (`en`).
    pub lang: String,
    /// The source language's code (`zh-Hant`).
    pub source: String,
    /// Every proposal that has a source text, in document order.
    pub proposals: Vec<ProposalStatus>,
}

impl LanguageStatus {
    /// How many paragraphs of all the proposals are in `state`.
    pub fn count(&self, state: State) -> usize {
        self.proposals.iter().map(|p| p.count(state)).sum()
    }

    /// The report `microsite status` prints: a heading, then a line per proposal.
    pub fn table(&self) -> String {
        let edition = if self.edition.is_empty() { String::new() } else { format!("{}: ", self.edition) };
        let (fresh, stale, missing) = (self.count(State::UpToDate), self.count(State::Stale), self.count(State::Missing));
        let mut out = format!("{edition}{} translated from {}: {fresh} paragraph(s) up to date, {stale} stale, {missing} missing\n", self.lang, self.source);
        let digits = self.proposals.iter().map(|p| p.number.to_string().len()).max().unwrap_or(0);
        let width = self.proposals.iter().map(|p| p.slug.len() + digits + 1).max().unwrap_or(0).max("proposal".len());
        out.push_str(&format!("  {:width$}  up to date  stale  missing\n", "proposal"));
        for p in &self.proposals {
            let name = format!("{:>digits$} {}", p.number, p.slug);
            let mut which = Vec::new();
            if !p.exists {
                which.push(format!("no file {}", p.file.display()));
            }
            for (state, label) in [(State::Stale, "stale"), (State::Missing, "missing")] {
                let numbers = p.numbers(state);
                if !numbers.is_empty() && (p.exists || state != State::Missing) {
                    which.push(format!("{label}: {}", numbers.iter().map(|n| format!("¶{n}")).collect::<Vec<_>>().join(", ")));
                }
            }
            let line = format!(
                "  {name:width$}  {:>10}  {:>5}  {:>7}  {}",
                p.count(State::UpToDate),
                p.count(State::Stale),
                p.count(State::Missing),
                which.join("; ")
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// The language the others are translated from: the first authored one.
pub fn source_language(site: &Site) -> Option<&Language> {
    site.authored().next()
}

/// The languages translated from the source language: every other authored one.
pub fn translations(site: &Site) -> impl Iterator<Item = &Language> {
    site.authored().skip(1)
}

/// The freshness of every translation of `site`, per language.
pub fn assess(root: &std::path::Path, site: &Site) -> Vec<LanguageStatus> {
    let Some(source) = source_language(site) else { return Vec::new() };
    translations(site)
        .map(|l| LanguageStatus {
            edition: site.submission.name.clone(),
            lang: l.code.clone(),
            source: source.code.clone(),
            proposals: site.proposals.iter().filter_map(|p| assess_one(root, site, p, &source.code, &l.code)).collect(),
        })
        .collect()
}

/// The freshness of `proposal`'s `lang` text against its `source` text (none without one).
fn assess_one(root: &std::path::Path, site: &Site, proposal: &Proposal, source: &str, lang: &str) -> Option<ProposalStatus> {
    let original = proposal.texts.get(source)?;
    let translation = proposal.texts.get(lang);
    let file = match translation {
        Some(text) => text.body.path().to_path_buf(),
        None => display_path(root, &format!("{}/{}.{lang}.md", site.submission.proposals(), proposal.slug)),
    };
    let paragraphs = original
        .survey
        .hashes
        .iter()
        .enumerate()
        .map(|(i, hash)| {
            let Some(text) = translation else { return State::Missing };
            match text.translated_from.as_ref().and_then(|recorded| recorded.get(i)) {
                _ if i >= text.survey.hashes.len() => State::Missing,
                None => State::Missing,
                Some(recorded) if recorded == hash => State::UpToDate,
                Some(_) => State::Stale,
            }
        })
        .collect();
    Some(ProposalStatus { number: proposal.number, slug: proposal.slug.clone(), file, exists: translation.is_some(), paragraphs })
}

/// A warning for each stale paragraph of every translation of `site`, naming the
/// translated file and the paragraph's line, and the source file and its paragraph's line.
/// (Only files with a stale paragraph are read again, for the lines.)
pub fn stale_warnings(root: &std::path::Path, site: &Site) -> Result<Vec<String>> {
    let Some(source) = source_language(site) else { return Ok(Vec::new()) };
    let mut warnings = Vec::new();
    for status in assess(root, site) {
        for p in status.proposals.iter().filter(|p| p.count(State::Stale) > 0) {
            let proposal = site.proposals.iter().find(|q| q.number == p.number).expect("assessed from the site");
            let (original, translation) = (&proposal.texts[&source.code], &proposal.texts[&status.lang]);
            let source_lines = fingerprint::paragraph_lines(&original.body.read()?);
            let lines = fingerprint::paragraph_lines(&translation.body.read()?);
            for (i, state) in p.paragraphs.iter().enumerate() {
                if *state != State::Stale {
                    continue;
                }
                let at = |text: &crate::domain::ProposalText, lines: &[u64]| match lines.get(i) {
                    Some(line) => format!("{}:{}", text.body.path().display(), text.body_line + line - 1),
                    None => text.body.path().display().to_string(),
                };
                warnings.push(format!(
                    "{}: stale translation: paragraph {} was translated from an earlier version of its {} paragraph ({}); update it, then run `microsite status --accept {}`",
                    at(translation, &lines),
                    Anchor::paragraph(p.number, i as u32 + 1).number(),
                    source.code,
                    at(original, &source_lines),
                    translation.body.path().display()
                ));
            }
        }
    }
    Ok(warnings)
}
