//! `microsite status --accept FILE`: records in a translated proposal file the hashes of
//! its source's current paragraphs, marking it as reviewed against that source.
//!
//! Only the `translated_from:` field of the front matter is written (replaced where it
//! is, else added as the front matter's last field); every other byte of the file stays
//! as it was. The file is replaced atomically: written beside it, then renamed over it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::domain::{Anchor, ParagraphHash, Site};
use crate::error::{Error, Result};
use crate::status::{source_language, translations, State};

/// The front matter field that records what a translation follows.
pub const FIELD: &str = "translated_from";

/// What accepting one file recorded.
#[derive(Debug)]
pub struct Accepted {
    /// The translated file, as named in messages.
    pub file: PathBuf,
    /// Its source file.
    pub source: PathBuf,
    /// How many source paragraphs were recorded.
    pub recorded: usize,
    /// The paragraphs (`6.3`) that were stale, and that had no record or no translation,
    /// before accepting.
    pub was_stale: Vec<String>,
    pub was_missing: Vec<String>,
}

/// Accepts each of `paths` (as the user named them): each must be the file of a proposal
/// in a translated language of one of `sites` (the project's submissions). All are
/// checked before any is written.
pub fn accept(root: &Path, sites: &[&Site], paths: &[PathBuf]) -> Result<Vec<Accepted>> {
    let mut found = Vec::new();
    for path in paths {
        found.push(find(root, sites, path)?);
    }
    let mut accepted = Vec::new();
    for (site, number, lang) in found {
        let proposal = site.proposals.iter().find(|p| p.number == number).expect("found in the site");
        let source = source_language(site).expect("a translation has a source language");
        let (original, translation) = (&proposal.texts[&source.code], &proposal.texts[&lang]);
        let before = super::assess(root, site).into_iter().find(|s| s.lang == lang).and_then(|s| s.proposals.into_iter().find(|p| p.number == number));
        let file = translation.body.path();
        let real = std::fs::canonicalize(file).map_err(|e| Error::io(file, "find the file", e))?;
        let text = std::fs::read_to_string(&real).map_err(|e| Error::io(file, "read the file", e))?;
        let hashes = &original.survey.hashes;
        let rewritten = rewrite(&text, hashes, &source.code, |i| Anchor::paragraph(number, i as u32 + 1).number()).map_err(|m| Error::in_file(file, m))?;
        if rewritten != text {
            write_atomically(&real, file, rewritten.as_bytes())?;
        }
        let (was_stale, was_missing) = before.map_or_else(Default::default, |p| (p.numbers(State::Stale), p.numbers(State::Missing)));
        accepted.push(Accepted { file: file.to_path_buf(), source: original.body.path().to_path_buf(), recorded: hashes.len(), was_stale, was_missing });
    }
    Ok(accepted)
}

/// The site, proposal number and language of the translated file at `path`.
fn find<'a>(root: &Path, sites: &[&'a Site], path: &Path) -> Result<(&'a Site, u32, String)> {
    let real = std::fs::canonicalize(path).map_err(|e| Error::io(path, "find the file", e))?;
    let same = |file: &Path| std::fs::canonicalize(file).is_ok_and(|f| f == real);
    for site in sites {
        let Some(source) = source_language(site) else { continue };
        for proposal in &site.proposals {
            if proposal.texts.get(&source.code).is_some_and(|t| same(t.body.path())) {
                return Err(Error::in_file(
                    path,
                    format!(
                        "is the {} text, the source the translations follow: accept a translation of it instead (its other authored languages' files)",
                        source.code
                    ),
                ));
            }
            for lang in translations(site) {
                if !proposal.texts.get(&lang.code).is_some_and(|t| same(t.body.path())) {
                    continue;
                }
                if !proposal.texts.contains_key(&source.code) {
                    return Err(Error::in_file(path, format!("proposal {} has no {} text to be translated from", proposal.number, source.code)));
                }
                return Ok((site, proposal.number, lang.code.clone()));
            }
        }
    }
    let folder = sites.first().map_or_else(String::new, |s| crate::load::project::display_path(root, &s.submission.proposals()).display().to_string());
    Err(Error::in_file(path, format!("is not a translated proposal file of this project (a SLUG.LANG.md file in {folder}, or an edition's proposals folder, in a language translated from the first one)")))
}

/// `text` (a proposal file) with `translated_from:` recording `hashes`, each commented
/// with its paragraph's number (`label(i)`); an error message if it has no front matter.
pub fn rewrite(text: &str, hashes: &[ParagraphHash], source: &str, label: impl Fn(usize) -> String) -> std::result::Result<String, String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let opening = lines.first().map(|l| l.trim_start_matches('\u{feff}').trim_end());
    let closing = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|i| i + 1);
    let (Some("---"), Some(closing)) = (opening, closing) else {
        return Err("has no front matter (a line `---`, the fields, and a closing `---`) to record what it translates".into());
    };
    let eol = if lines[0].ends_with("\r\n") { "\r\n" } else { "\n" };
    let mut block = format!("{FIELD}:");
    if hashes.is_empty() {
        block.push_str(" []");
    }
    block.push_str(&format!(" # hashes of the {source} paragraphs followed, written by `microsite status --accept`{eol}"));
    for (i, hash) in hashes.iter().enumerate() {
        block.push_str(&format!("  - {hash} # {}{eol}", label(i)));
    }
    let is_field = |line: &str| line.strip_prefix(FIELD).is_some_and(|rest| rest.trim_start().starts_with(':'));
    let (start, end) = match (1..closing).find(|&i| is_field(lines[i])) {
        Some(start) => {
            let continues = |line: &str| line.starts_with([' ', '\t', '-']);
            let end = (start + 1..closing).find(|&i| !continues(lines[i])).unwrap_or(closing);
            (start, end)
        }
        None => (closing, closing),
    };
    let mut out = String::with_capacity(text.len() + block.len());
    lines[..start].iter().for_each(|l| out.push_str(l));
    out.push_str(&block);
    lines[end..].iter().for_each(|l| out.push_str(l));
    Ok(out)
}

/// Replaces the file at `real` (shown as `shown`) by `bytes`: written to a file beside
/// it, then renamed over it, so it is never half written. Its permissions are kept.
fn write_atomically(real: &Path, shown: &Path, bytes: &[u8]) -> Result<()> {
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = real.with_file_name(format!(".{name}.microsite-accept"));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(real) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, real)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(shown, "write the file", e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(values: &[u32]) -> Vec<ParagraphHash> {
        values.iter().copied().map(ParagraphHash).collect()
    }

    #[test]
    fn the_field_is_added_before_the_closing_line_and_nothing_else_changes() {
        let text = "---\nnumber: 6 # six\ntitle: 'A: b'\n---\n\nBody  \r\n kept.\n";
        let out = rewrite(text, &hashes(&[0x3f9a_2c1e, 1]), "zh-Hant", |i| format!("6.{}", i + 1)).unwrap();
        let block =
            "translated_from: # hashes of the zh-Hant paragraphs followed, written by `microsite status --accept`\n  - 3f9a2c1e # 6.1\n  - 00000001 # 6.2\n";
        assert_eq!(out, format!("---\nnumber: 6 # six\ntitle: 'A: b'\n{block}---\n\nBody  \r\n kept.\n"));
    }

    #[test]
    fn the_field_is_replaced_where_it_is_whatever_its_form() {
        for old in ["translated_from: [a, b]\n", "translated_from:\n- a\n-   b # x\n", "translated_from :\n    - a\n\t- b\n"] {
            let text = format!("\u{feff}---\r\nnumber: 1\r\n{old}pillar: p # kept\r\n---\r\nBody\r\n");
            let out = rewrite(&text, &hashes(&[2]), "zh-Hant", |_| "1.1".into()).unwrap();
            let block = "translated_from: # hashes of the zh-Hant paragraphs followed, written by `microsite status --accept`\r\n  - 00000002 # 1.1\r\n";
            assert_eq!(out, format!("\u{feff}---\r\nnumber: 1\r\n{block}pillar: p # kept\r\n---\r\nBody\r\n"), "{old}");
        }
        let none = rewrite("---\nn: 1\n---\n", &[], "x", |_| String::new()).unwrap();
        assert!(none.starts_with("---\nn: 1\ntranslated_from: [] # "), "{none}");
        assert!(rewrite("no front matter\n", &[], "x", |_| String::new()).is_err());
    }
}
