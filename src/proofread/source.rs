//! The verbatim check: the authored text of one language equals the source text (the
//! extract of the submission's PDF) character for character, whitespace aside.
//!
//! The authored text is read in the order of the document, as the full-text page shows it
//! and the PDF prints it:
//!
//! 1. the publisher and the title (`publisher`, `title` in the settings);
//! 2. pillar by pillar, in the order of their numbers: the pillar's title, then each of its
//!    proposals in the order of their numbers: the number followed by a full stop (`6.`), the
//!    title, and the body: the text of its paragraphs (and of any headings, lists, quotes
//!    and tables), as the page shows it: Markdown markup (emphasis markers, escapes, links'
//!    addresses) parsed away, image descriptions and raw HTML tags left out;
//! 3. the date (`date` in the settings), with which the submission signs off.
//!
//! Intros written for the site (the home page's, the pillars') are not part of the
//! document and are not compared. Whitespace (spaces, line breaks, ideographic spaces) is
//! ignored on both sides; every other character counts.

use std::path::Path;
use std::sync::Arc;

use super::text::{Authored, Line, Place};
use super::Findings;
use crate::domain::Site;
use crate::error::Result;
use crate::load::project::display_path;

/// Characters of context shown on each side of a difference.
const CONTEXT: usize = 10;

/// Compares the text of language `lang` with the source text `source` (the file `shown`).
pub fn check(root: &Path, site: &Site, lang: &str, shown: &Path, source: &str, findings: &mut Findings) -> Result<()> {
    let (authored, paragraphs) = document(root, site, lang)?;
    let mut a = Vec::new();
    let mut origin = Vec::new();
    for (i, run) in authored.runs.iter().enumerate() {
        for c in run.text.chars().filter(|c| !c.is_whitespace()) {
            a.push(c);
            origin.push(i);
        }
    }
    let mut s = Vec::new();
    let mut s_line = Vec::new();
    for (i, line) in source.lines().enumerate() {
        for c in line.chars().filter(|c| !c.is_whitespace()) {
            s.push(c);
            s_line.push(i as u64 + 1);
        }
    }
    let at = s.iter().zip(&a).take_while(|(x, y)| x == y).count();
    if at == s.len() && at == a.len() {
        let proposals = site.proposals.iter().filter(|q| q.texts.contains_key(lang)).count();
        findings.notes.push(format!(
            "verbatim: the {lang} text (publisher, title, {} pillars, {proposals} proposals with {paragraphs} paragraphs, date) equals {}: {} characters, whitespace aside",
            site.pillars.len(),
            shown.display(),
            s.len()
        ));
        return Ok(());
    }
    let source_at = match s_line.get(at).or(s_line.last()) {
        Some(line) => format!("{}:{line}", shown.display()),
        None => shown.display().to_string(),
    };
    let difference = difference(&s, &a, at);
    // Text missing from the authored text belongs after what comes before it.
    let place_of = |i: usize| origin.get(i).map(|&run| &authored.places[authored.runs[run].place]);
    let boundary = at == a.len() || (at > 0 && origin[at] != origin[at - 1]);
    let place = match difference {
        Difference::Missing(_) | Difference::AuthoredEnds if boundary && at > 0 => place_of(at - 1),
        _ => place_of(at).or_else(|| place_of(at.wrapping_sub(1))),
    };
    let (where_, what) = match place {
        Some(place) => (place.locate(), format!(" ({})", place.what)),
        None => (display_path(root, &site.submission.settings).display().to_string(), String::new()),
    };
    let before = excerpt_before(&a, at);
    let message = match difference {
        Difference::Changed(n) => format!(
            "the source ({source_at}) has «{before}[{}]{}» but the text here has «{before}[{}]{}»",
            text(&s[at..at + n]),
            excerpt_after(&s, at + n),
            text(&a[at..at + n]),
            excerpt_after(&a, at + n),
        ),
        Difference::Missing(n) => format!(
            "{n} character(s) of the source ({source_at}) are missing here, after «{before}»: «{}»; the text here goes on «{}»",
            shortened(&s[at..at + n]),
            excerpt_after(&a, at)
        ),
        Difference::Extra(n) => format!(
            "{n} character(s) here are not in the source ({source_at}), after «{before}»: «{}»; the source goes on «{}»",
            shortened(&a[at..at + n]),
            excerpt_after(&s, at)
        ),
        Difference::Other => {
            format!("after «{before}» the source ({source_at}) goes on «{}» but the text here goes on «{}»", excerpt_after(&s, at), excerpt_after(&a, at))
        }
        Difference::AuthoredEnds => {
            format!("the text ends after «{before}» but the source ({source_at}) goes on for {} more character(s): «{}»", s.len() - at, shortened(&s[at..]))
        }
        Difference::SourceEnds => format!(
            "the source ({}) ends after «{before}» but the text here goes on for {} more character(s): «{}»",
            shown.display(),
            a.len() - at,
            shortened(&a[at..])
        ),
    };
    findings.warnings.push(format!("{where_}: not verbatim{what}: {message}"));
    Ok(())
}

/// The authored text of language `lang` in the order of the document, and the number of
/// the proposals' (top-level) paragraphs.
fn document(root: &Path, site: &Site, lang: &str) -> Result<(Authored, usize)> {
    let site_file: Arc<Path> = display_path(root, &site.submission.settings).into();
    let mut text = Authored::default();
    let setting = |text: &mut Authored, value: Option<&String>, what: String| {
        let value = value.map_or("", String::as_str);
        text.plain(value, Place::new(&site_file, Line::Holding(value.to_string()), what));
    };
    setting(&mut text, site.publisher.get(lang), "publisher".into());
    setting(&mut text, site.title.get(lang), "title".into());
    let mut paragraphs = 0;
    for pi in site.pillar_ids() {
        let pillar = site.pillar(pi);
        setting(&mut text, pillar.title.get(lang), format!("pillar {}'s title", pillar.number));
        for (_, q) in site.proposals_of(pi) {
            let Some(t) = q.texts.get(lang) else { continue };
            let file: Arc<Path> = t.body.path().into();
            text.plain(&format!("{}.", q.number), Place::new(&file, Line::Key("number:"), format!("proposal {}'s number", q.number)));
            text.plain(&t.title, Place::new(&file, Line::Key("title:"), format!("proposal {}'s title", q.number)));
            text.markdown(&t.body.read()?, lang, &file, t.body_line, Some(q.number));
            paragraphs += t.survey.outline.iter().filter(|b| **b == crate::domain::Block::Paragraph).count();
        }
    }
    setting(&mut text, site.date.get(lang), "date".into());
    Ok((text, paragraphs))
}

/// How the source `s` and the authored text `a` differ from position `at` on.
#[derive(Debug, PartialEq, Eq)]
enum Difference {
    /// `n` characters differ, and the texts agree again after them.
    Changed(usize),
    /// The source has `n` characters the authored text lacks (a missing paragraph, a word).
    Missing(usize),
    /// The authored text has `n` characters the source does not (an extra paragraph).
    Extra(usize),
    /// They go different ways and do not meet again soon.
    Other,
    AuthoredEnds,
    SourceEnds,
}

/// Characters that must agree again after a difference for it to count as ended.
const AGREE: usize = 12;

fn difference(s: &[char], a: &[char], at: usize) -> Difference {
    if at == a.len() {
        return Difference::AuthoredEnds;
    }
    if at == s.len() {
        return Difference::SourceEnds;
    }
    // The same number of characters replaced: the texts agree again a little further on.
    let agree_from = |i: usize| {
        let (s, a) = (&s[i..], &a[i..]);
        if s.len() >= AGREE && a.len() >= AGREE {
            s[..AGREE] == a[..AGREE]
        } else {
            s == a
        }
    };
    let most = 8.min(s.len() - at).min(a.len() - at);
    if let Some(n) = (1..=most).find(|&n| agree_from(at + n)) {
        return Difference::Changed(n);
    }
    // Text left out or added: what one text goes on with is found further on in the other.
    let find = |hay: &[char], from: usize, needle: &[char]| -> Option<usize> {
        if needle.is_empty() || from > hay.len() {
            return None;
        }
        hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
    };
    let probe = |t: &[char]| t[at..(at + AGREE).min(t.len())].to_vec();
    let missing = find(s, at + 1, &probe(a)).map(|j| j - at);
    let extra = find(a, at + 1, &probe(s)).map(|j| j - at);
    match (missing, extra) {
        (Some(m), Some(e)) if e < m => Difference::Extra(e),
        (Some(m), _) => Difference::Missing(m),
        (None, Some(e)) => Difference::Extra(e),
        (None, None) => Difference::Other,
    }
}

fn text(chars: &[char]) -> String {
    chars.iter().collect()
}

/// The few characters before `at`.
fn excerpt_before(t: &[char], at: usize) -> String {
    let from = at.saturating_sub(CONTEXT);
    format!("{}{}", if from > 0 { "…" } else { "" }, text(&t[from..at]))
}

/// The few characters from `at` on.
fn excerpt_after(t: &[char], at: usize) -> String {
    let at = at.min(t.len());
    let to = (at + CONTEXT).min(t.len());
    format!("{}{}", text(&t[at..to]), if to < t.len() { "…" } else { "" })
}

/// A stretch of text, its middle left out if it is long.
fn shortened(t: &[char]) -> String {
    if t.len() <= 3 * CONTEXT {
        text(t)
    } else {
        format!("{}…{}", text(&t[..CONTEXT + 2]), text(&t[t.len() - CONTEXT..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(s: &str, a: &str) -> Difference {
        let (s, a): (Vec<char>, Vec<char>) = (s.chars().collect(), a.chars().collect());
        let at = s.iter().zip(&a).take_while(|(x, y)| x == y).count();
        difference(&s, &a, at)
    }

    #[test]
    fn differences_are_told_apart() {
        let para1 = "海港城市的物流業對經濟和社會的重要性不言而喻";
        let para2 = "環顧世界主要經濟體近年推動工業再發展的一項普遍做法";
        let para3 = "本商會呼籲當局應及時檢討碼頭用地的長遠規劃和政策定位";
        let source = format!("{para1}{para2}{para3}");
        assert_eq!(diff(&source, &source.replacen("經濟體", "經济體", 1)), Difference::Changed(1));
        assert_eq!(diff(&source, &source.replacen("工業再發展", "產業再振興", 1)), Difference::Changed(5));
        assert_eq!(diff(&source, &format!("{para1}{para3}")), Difference::Missing(para2.chars().count()));
        assert_eq!(diff(&source, &format!("{para1}{para2}多出一段不在原文之中的文字{para3}")), Difference::Extra(13));
        assert_eq!(diff(&source, &source.replacen("環顧", "環", 1)), Difference::Missing(1));
        assert_eq!(diff(&source, &format!("{para1}{para2}")), Difference::AuthoredEnds);
        assert_eq!(diff(&format!("{para1}{para2}"), &source), Difference::SourceEnds);
        assert_eq!(diff(&source, &format!("{para1}完全不同的另一段文字，與原文並無任何相同之處")), Difference::Other);
        // A change in the last characters.
        assert_eq!(diff("一二三四", "一二三五"), Difference::Changed(1));
    }
}
