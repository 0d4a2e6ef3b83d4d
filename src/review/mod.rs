//! Review: `microsite review`, the report a person reads to sign off the generated
//! Simplified edition — per submission and generated language: the converter and its
//! dictionaries, the override files, every occurrence of a character with more than one
//! Simplified rendering in context (new, changed or signed off), the override ledger, and
//! any character a further conversion would still change. `--sign-off` records the
//! occurrences as reviewed ([`signoff`]).

pub mod ambiguous;
pub mod collect;
pub mod report;
pub mod signoff;

use std::path::{Path, PathBuf};

use crate::domain::Submission;
use crate::error::{Error, Result};
use crate::load::project::display_path;
use crate::pipeline::Whole;
use crate::text::convert::{self, Converter};
use crate::text::overrides;
use collect::Place;

/// Characters of context on either side of an occurrence.
const CONTEXT: usize = 8;

/// Whether an occurrence was signed off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    New,
    /// Its Traditional context was signed off with another rendering.
    Changed,
    SignedOff,
}

/// One occurrence of a listed character.
#[derive(Debug)]
pub struct Occurrence {
    pub ch: char,
    pub rendering: String,
    /// The Traditional and the Simplified context, each as (before, the character, after).
    pub source: [String; 3],
    pub converted: [String; 3],
    pub place: usize,
    pub key: String,
    pub context_key: String,
    pub status: Status,
}

/// An entry of an override file, and what it did.
#[derive(Debug)]
pub struct Entry {
    /// `file:line`.
    pub at: String,
    pub source: String,
    pub target: String,
    /// The comment above it.
    pub reason: String,
    /// Whether the content's file replaces this (theme's) entry.
    pub replaced: bool,
    /// Where it fired, and what OpenCC alone gives there (the same: it pins the rendering).
    pub fired: Vec<(usize, String)>,
    /// Where its phrase occurs but a longer phrase of the lexicon converted it otherwise.
    pub overruled: Vec<(usize, String)>,
}

/// A character of the converted text that converting it again would change.
#[derive(Debug)]
pub struct Leftover {
    pub place: usize,
    pub context: String,
    pub again: String,
}

/// The review of one generated language of one submission.
#[derive(Debug)]
pub struct Review {
    pub submission: Submission,
    pub from: String,
    pub lang: String,
    pub config: String,
    /// The dictionaries: (name, entries, fingerprint).
    pub dictionaries: Vec<(String, usize, String)>,
    /// The override files: (path, entries; `None` when missing).
    pub override_files: Vec<(String, Option<usize>)>,
    pub signoff_file: String,
    pub signoff_exists: bool,
    /// Signed-off occurrences not found any more.
    pub gone: usize,
    pub reasons: ambiguous::Reasons,
    pub places: Vec<Place>,
    pub occurrences: Vec<Occurrence>,
    pub ledger: Vec<Entry>,
    pub leftovers: Vec<Leftover>,
}

/// What `microsite review` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Where to write the report.
    pub out: Option<PathBuf>,
    /// Record every occurrence as reviewed.
    pub sign_off: bool,
}

/// What it did: the reviews, and the sign-off files written.
pub struct Done {
    pub reviews: Vec<Review>,
    pub signed: Vec<String>,
}

/// Runs `microsite review`.
pub fn run(options: &Options) -> Result<Done> {
    let root = &options.root;
    if let Some(out) = &options.out {
        check_out(root, out)?;
    }
    let whole = Whole::prepare(root, None)?;
    let mut reviews = Vec::new();
    for prepared in &whole.editions {
        let site = &prepared.site;
        for to in site.languages.iter().filter(|l| l.generated_from.is_some()) {
            let (Some((from, _)), Some(cc)) = (&to.generated_from, prepared.converters.get(&to.code)) else { continue };
            let Some(from) = site.languages.iter().find(|l| &l.code == from) else { continue };
            let plain = Converter::plain(cc.config())?;
            let texts = collect::texts(root, prepared, from, to, cc, &plain)?;
            let signoff_file = signoff::file(&site.submission, &to.code);
            let signed = signoff::read(root, &signoff_file)?;
            let reasons = ambiguous::derive(cc, &plain);
            let mut occurrences = occurrences(&texts, &reasons);
            for o in &mut occurrences {
                o.status = match (signed.keys.contains(&o.key), signed.contexts.contains(&o.context_key)) {
                    (true, _) => Status::SignedOff,
                    (false, true) => Status::Changed,
                    _ => Status::New,
                };
            }
            let gone = signed.keys.iter().filter(|k| !occurrences.iter().any(|o| &o.key == *k)).count();
            let theme_file = overrides::theme_file(&site.theme, &to.code);
            let content_file = site.submission.overrides(&to.code);
            let ledger = ledger(root, &[theme_file.clone(), content_file.clone()], &texts)?;
            let override_files = [theme_file, content_file]
                .into_iter()
                .map(|f| {
                    let n = root.join(&f).exists().then(|| ledger.iter().filter(|e| e.at.starts_with(&format!("{f}:"))).count());
                    (f, n)
                })
                .collect();
            let dictionaries =
                convert::lexicon(cc.config()).into_iter().map(|(slot, text)| (format!("{slot:?}"), text.lines().count(), signoff::hash(&[text]))).collect();
            reviews.push(Review {
                submission: site.submission.clone(),
                from: from.code.clone(),
                lang: to.code.clone(),
                config: cc.config().to_string(),
                dictionaries,
                override_files,
                signoff_exists: signed.exists,
                signoff_file,
                gone,
                reasons,
                leftovers: leftovers(&texts, cc),
                places: texts.places,
                occurrences,
                ledger,
            });
        }
    }
    let mut signed = Vec::new();
    if options.sign_off {
        for review in &mut reviews {
            let lines: Vec<signoff::Line> = review
                .occurrences
                .iter()
                .map(|o| {
                    let shown = format!("{}[{}]{}", o.source[0], o.source[1], o.source[2]);
                    (o.key.clone(), o.context_key.clone(), shown, o.rendering.clone(), review.places[o.place].label.clone())
                })
                .collect();
            signoff::write(root, &review.signoff_file, &review.lang, &lines)?;
            review.occurrences.iter_mut().for_each(|o| o.status = Status::SignedOff);
            review.signoff_exists = true;
            review.gone = 0;
            signed.push(display_path(root, &review.signoff_file).display().to_string());
        }
    }
    if let Some(out) = &options.out {
        std::fs::write(out, report::html(&reviews)).map_err(|e| Error::io(out, "write the review report", e))?;
    }
    Ok(Done { reviews, signed })
}

/// `--out` must name a file, not a folder, outside any site output (a folder microsite
/// builds into: it would be published or deleted) and outside the theme.
fn check_out(root: &Path, out: &Path) -> Result<()> {
    if out.is_dir() {
        return Err(Error::in_file(out, "--out names a folder: give the report a file name, e.g. --out review.html"));
    }
    let absolute = std::path::absolute(out).map_err(|e| Error::io(out, "find the report's folder", e))?;
    let parent = absolute.parent().unwrap_or(&absolute);
    if !parent.is_dir() {
        return Err(Error::in_file(out, "--out is in a folder that does not exist: make the folder first, or choose another"));
    }
    let parent = parent.canonicalize().map_err(|e| Error::io(parent, "find the report's folder", e))?;
    let root = root.canonicalize().map_err(|e| Error::io(root, "find the project", e))?;
    let in_output = parent.ancestors().any(|dir| dir.join(crate::output::outdir::MARKER).is_file()) || parent.starts_with(root.join("build"));
    if in_output || parent.starts_with(root.join("themes")) {
        return Err(Error::in_file(
            out,
            "--out is inside the site's output folder or the theme: the report is for the reviewer, not for publishing; write it elsewhere (e.g. --out review.html)",
        ));
    }
    Ok(())
}

/// Every occurrence of a listed character, in the order of the texts.
fn occurrences(texts: &collect::Texts, reasons: &ambiguous::Reasons) -> Vec<Occurrence> {
    let mut found = Vec::new();
    for text in &texts.texts {
        let aligned = text.source.len() == text.converted.len();
        for (i, &c) in text.source.iter().enumerate() {
            if !reasons.contains_key(&c) {
                continue;
            }
            let (start, end) = (i.saturating_sub(CONTEXT), (i + 1 + CONTEXT).min(text.source.len()));
            let cut = |chars: &[char], a: usize, b: usize| chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>();
            let source = [cut(&text.source, start, i), c.to_string(), cut(&text.source, i + 1, end)];
            // The conversion keeps the length of the text (its dictionaries map phrases to
            // phrases of the same length); a text whose length it changed is shown whole.
            let converted = if aligned {
                [cut(&text.converted, start, i), cut(&text.converted, i, i + 1), cut(&text.converted, i + 1, end)]
            } else {
                [String::new(), text.converted.iter().collect(), String::new()]
            };
            let context = source.concat();
            let offset = i - start;
            let context_key = signoff::hash(&[&context, &offset.to_string()]);
            let key = signoff::hash(&[&context, &offset.to_string(), &converted[1]]);
            found.push(Occurrence { ch: c, rendering: converted[1].clone(), source, converted, place: text.place, key, context_key, status: Status::New });
        }
    }
    found
}

/// The entries of the override `files` (those that exist), each with its reason and where
/// it fired in `texts`.
fn ledger(root: &Path, files: &[String], texts: &collect::Texts) -> Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = Vec::new();
    for file in files {
        if !root.join(file).exists() {
            continue;
        }
        let text = crate::load::config::read_text(root, file)?;
        // Checked when the converter loaded; read again here for the comments.
        overrides::parse_overrides(&text, &display_path(root, file))?;
        let mut comment: Vec<&str> = Vec::new();
        let mut after_entry = false;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim_end();
            if line.is_empty() {
                comment.clear();
                after_entry = false;
            } else if let Some(c) = line.strip_prefix('#') {
                if after_entry {
                    comment.clear();
                    after_entry = false;
                }
                comment.push(c.trim());
            } else if let Some((source, target)) = line.split_once('\t') {
                after_entry = true;
                entries.push(Entry {
                    at: format!("{file}:{}", i + 1),
                    source: source.trim().to_string(),
                    target: target.trim().to_string(),
                    reason: comment.join(" "),
                    replaced: false,
                    fired: Vec::new(),
                    overruled: Vec::new(),
                });
            }
        }
    }
    // A theme entry (the first file) the content's file corrects differently is not used.
    let theme_prefix = format!("{}:", files[0]);
    let content: Vec<String> = entries.iter().filter(|e| !e.at.starts_with(&theme_prefix)).map(|e| e.source.clone()).collect();
    for entry in &mut entries {
        entry.replaced = entry.at.starts_with(&theme_prefix) && content.contains(&entry.source);
        if entry.replaced {
            continue;
        }
        let (phrase, target): (Vec<char>, Vec<char>) = (entry.source.chars().collect(), entry.target.chars().collect());
        for text in &texts.texts {
            let mut i = 0;
            while i + phrase.len() <= text.source.len() {
                if text.source[i..i + phrase.len()] != phrase[..] {
                    i += 1;
                    continue;
                }
                let span = |chars: &[char], len: usize| chars.get(i..i + len).map(|s| s.iter().collect::<String>()).unwrap_or_default();
                let plain = span(&text.plain, target.len());
                if text.converted.get(i..i + target.len()) == Some(&target[..]) {
                    entry.fired.push((text.place, plain));
                } else {
                    entry.overruled.push((text.place, span(&text.converted, phrase.len())));
                }
                i += phrase.len();
            }
        }
    }
    Ok(entries)
}

/// The characters of the converted texts that converting them again would change.
fn leftovers(texts: &collect::Texts, cc: &Converter) -> Vec<Leftover> {
    let mut found = Vec::new();
    for text in &texts.texts {
        let converted: String = text.converted.iter().collect();
        let again: Vec<char> = cc.text(&converted).chars().collect();
        if again == text.converted {
            continue;
        }
        if again.len() != text.converted.len() {
            found.push(Leftover { place: text.place, context: converted, again: again.iter().collect() });
            continue;
        }
        for i in (0..again.len()).filter(|&i| again[i] != text.converted[i]) {
            let (a, b) = (i.saturating_sub(CONTEXT), (i + 1 + CONTEXT).min(again.len()));
            found.push(Leftover { place: text.place, context: text.converted[a..b].iter().collect(), again: again[a..b].iter().collect() });
        }
    }
    found
}
