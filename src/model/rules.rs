//! Content rules about the document as a whole, checked once its proposals are grouped
//! ([`crate::model::build`]): every pillar has proposals, the proposals are numbered 1 to n
//! without gaps, and their numbers follow the pillars' order. Each broken rule is an error
//! naming the file and line to correct. (Rules about one file, or two files of a proposal,
//! are in the model: a slug that disagrees with its file name, a number used twice.)

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use crate::domain::{Language, Pillar, Proposal};
use crate::error::{Error, Result};
use crate::load::config::PillarConfig;
use crate::load::content::ProposalFile;

/// The line of each proposal file's `number:`, by file: taken before the files are grouped.
pub type NumberLines = BTreeMap<PathBuf, u64>;

/// Where each file says its `number:`.
pub fn number_lines<B>(files: &[ProposalFile<B>]) -> NumberLines {
    files.iter().map(|f| (f.path.clone(), f.front.number.referenced.line())).collect()
}

/// Checks the rules on `proposals` (in number order, each number once) and `pillars` (in
/// number order; `written` is how `site_file` lists them).
pub fn check(
    site_file: &Path,
    written: &[PillarConfig],
    languages: &[Language],
    pillars: &[Pillar],
    proposals: &[Proposal],
    lines: &NumberLines,
) -> Result<()> {
    // Where proposal `p` says its number: its file in the first language that has one.
    let at = |p: &Proposal, message: String| {
        let path = languages.iter().find_map(|l| p.texts.get(&l.code)).map(|t| t.body.path()).unwrap_or(Path::new(""));
        match lines.get(path) {
            Some(&line) => Error::at_line(path, line, message),
            None => Error::in_file(path, message),
        }
    };
    let gaps = gaps(proposals);
    if let Some(&(_, after)) = gaps.first() {
        let p = &proposals[after];
        let n = proposals.len();
        return Err(at(
            p,
            format!("proposal number {} leaves a gap; missing: {} (the {n} proposals must be numbered 1 to {n}, without gaps)", p.number, list(&gaps)),
        ));
    }
    for pair in proposals.windows(2) {
        let (before, p) = (&pair[0], &pair[1]);
        if p.pillar < before.pillar {
            let (mine, theirs) = (&pillars[p.pillar.0], &pillars[before.pillar.0]);
            return Err(at(
                p,
                format!(
                    "proposal {} is in pillar {} ({}) but comes after proposal {} of pillar {} ({}): number the proposals pillar by pillar, in the order of the pillars in {}",
                    p.number,
                    mine.number,
                    mine.slug,
                    before.number,
                    theirs.number,
                    theirs.slug,
                    site_file.display()
                ),
            ));
        }
    }
    for (i, pillar) in pillars.iter().enumerate() {
        if !proposals.iter().any(|p| p.pillar.0 == i) {
            let (position, entry) = written.iter().enumerate().find(|(_, w)| w.slug.value == pillar.slug).expect("a pillar of the settings");
            return Err(Error::at_line(
                site_file,
                entry.number.referenced.line(),
                format!("pillars[{}] ({}) has no proposals: give a proposal `pillar: {}`, or remove the pillar", position + 1, pillar.slug, pillar.slug),
            ));
        }
    }
    Ok(())
}

/// The gaps in the numbers 1, 2, 3, … of `proposals` (in number order, each number
/// once): each as the range of missing numbers and the index of the proposal after it.
fn gaps(proposals: &[Proposal]) -> Vec<(RangeInclusive<u32>, usize)> {
    let mut expected = 1;
    let mut gaps = Vec::new();
    for (i, p) in proposals.iter().enumerate() {
        if p.number > expected {
            gaps.push((expected..=p.number - 1, i));
        }
        expected = p.number.saturating_add(1);
    }
    gaps
}

/// `3`, `3, 5 to 7`; past ten gaps, the first ten and how many there are.
fn list(gaps: &[(RangeInclusive<u32>, usize)]) -> String {
    let shown: Vec<String> = gaps
        .iter()
        .take(10)
        .map(|(range, _)| if range.start() == range.end() { range.start().to_string() } else { format!("{} to {}", range.start(), range.end()) })
        .collect();
    let more = if gaps.len() > 10 { format!(" … ({} gaps in all)", gaps.len()) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::list;

    #[test]
    fn missing_numbers_are_listed_briefly() {
        assert_eq!(list(&[(3..=3, 2)]), "3");
        assert_eq!(list(&[(3..=3, 2), (5..=7, 3)]), "3, 5 to 7");
        let many: Vec<_> = (0..12).map(|i| (2 * i + 1..=2 * i + 1, i as usize)).collect();
        assert_eq!(list(&many), "1, 3, 5, 7, 9, 11, 13, 15, 17, 19 … (12 gaps in all)");
    }
}
