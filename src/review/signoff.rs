//! Review: the sign-off file, `LANG-review.tsv` beside a submission's override file, which
//! records the occurrences a person has reviewed, so that the next review shows only what
//! is new or changed.
//!
//! An occurrence is known by two stable hashes (64-bit FNV-1a, hexadecimal): of its
//! Traditional context, and of that context with its Simplified rendering. The same
//! context with another rendering (a converter upgrade, a new override) is "changed".

use std::collections::BTreeSet;
use std::path::Path;

use crate::domain::Submission;
use crate::error::{Error, Result};
use crate::load::config::read_text;
use crate::load::project::display_path;

/// The sign-off file of generated language `lang`, from the project root.
pub fn file(submission: &Submission, lang: &str) -> String {
    submission.file(&format!("{lang}-review.tsv"))
}

/// A stable 64-bit hash (FNV-1a) of `parts`, each ended by a unit separator, in hex.
pub fn hash(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0x1f]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// What a sign-off file records.
#[derive(Debug, Default)]
pub struct SignedOff {
    /// Whether the file exists.
    pub exists: bool,
    /// The hashes of each reviewed occurrence: context with rendering.
    pub keys: BTreeSet<String>,
    /// The hashes of their Traditional contexts.
    pub contexts: BTreeSet<String>,
}

/// Reads the sign-off file `rel`; an empty record if there is none.
pub fn read(root: &Path, rel: &str) -> Result<SignedOff> {
    if !root.join(rel).exists() {
        return Ok(SignedOff::default());
    }
    let shown = display_path(root, rel);
    let mut signed = SignedOff { exists: true, ..SignedOff::default() };
    for (i, line) in read_text(root, rel)?.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut columns = line.split('\t');
        let is_hash = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
        match (columns.next(), columns.next()) {
            (Some(key), Some(context)) if is_hash(key) && is_hash(context) => {
                signed.keys.insert(key.to_string());
                signed.contexts.insert(context.to_string());
            }
            _ => {
                return Err(Error::at_line(
                    &shown,
                    i as u64 + 1,
                    "a sign-off line is `KEY<TAB>CONTEXT<TAB>…`, two 16-digit hexadecimal hashes first; write the file with `microsite review --sign-off`",
                ))
            }
        }
    }
    Ok(signed)
}

/// One line to record: (key, context key, the Traditional context with the character
/// marked, its rendering, where it is).
pub type Line = (String, String, String, String, String);

/// Writes the sign-off file `rel` recording `lines` (each key once, in the order given).
pub fn write(root: &Path, rel: &str, lang: &str, lines: &[Line]) -> Result<()> {
    let mut text = format!(
        "# The occurrences of characters with more than one {lang} rendering that a person has\n\
         # reviewed, written by `microsite review --sign-off`: the next `microsite review` marks\n\
         # only the others as new or changed. Columns: the hash of the Traditional context with\n\
         # its rendering, the hash of the context alone, then for people the context, the\n\
         # rendering and where it was.\n"
    );
    let mut seen = BTreeSet::new();
    for (key, context, shown, rendering, place) in lines {
        if seen.insert(key) {
            text.push_str(&format!("{key}\t{context}\t{shown}\t{rendering}\t{place}\n"));
        }
    }
    let path = root.join(rel);
    std::fs::write(&path, text).map_err(|e| Error::io(display_path(root, rel), "write the sign-off file", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_stable_and_separates_its_parts() {
        assert_eq!(hash(&[]), "cbf29ce484222325");
        assert_eq!(hash(&["a"]), hash(&["a"]));
        assert_ne!(hash(&["ab", "c"]), hash(&["a", "bc"]));
    }

    #[test]
    fn a_bad_line_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("r.tsv"), "# header\n0123456789abcdef\t0123456789abcdef\tx\n\nnot a hash\n").unwrap();
        let err = read(dir.path(), "r.tsv").unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.file.unwrap().ends_with("r.tsv"));
    }
}
