//! Text: a short, stable hash of each paragraph of a body, and where each paragraph
//! starts, for translation freshness ([`crate::status`]).
//!
//! A numbered paragraph is hashed with the blocks that belong to it (a list, a table, a
//! quotation, a caption: [`Document::numbered_texts`]), as plain text with runs of white
//! space made one space: rewrapping a line or changing markup that shows the same text is
//! no change; every other change of a character is, a table's figures included. This is
//! the one place that says what is hashed, so that if what a paragraph is changes, the
//! hashes follow.

use pulldown_cmark::{Event, Options, Parser};

use crate::domain::{Block, Document, ParagraphHash};
use crate::text::structure;

/// The hash of each paragraph of `doc`, in order.
pub fn paragraph_hashes(doc: &Document) -> Vec<ParagraphHash> {
    doc.numbered_texts().iter().map(|text| hash(text)).collect()
}

/// The hash of a paragraph's text: FNV-1a (64 bits) over its UTF-8 bytes, white space
/// runs as one space and none at either end, folded to 32 bits.
pub fn hash(text: &str) -> ParagraphHash {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
    };
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            eat(b" ");
        }
        eat(word.as_bytes());
    }
    ParagraphHash(((h >> 32) ^ h) as u32)
}

/// The line (1-based, in `body`) where each paragraph of `body` starts, in the order of
/// [`paragraph_hashes`]: each numbered paragraph, as [`crate::text::structure::blocks`] finds them.
pub fn paragraph_lines(body: &str) -> Vec<u64> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    let line_starts: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let (events, ranges): (Vec<Event>, Vec<std::ops::Range<usize>>) = Parser::new_ext(body, options).into_offset_iter().unzip();
    structure::blocks(&events)
        .into_iter()
        .filter(|b| b.block == Block::Paragraph)
        .map(|b| line_starts.partition_point(|&start| start <= ranges[b.range.start].start) as u64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown;

    #[test]
    fn the_hash_is_fnv_1a_of_the_text_and_stays_the_same() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c; folded: af63dc4c ^ 8601ec8c.
        assert_eq!(hash("a"), ParagraphHash(0xaf63_dc4c ^ 0x8601_ec8c));
        assert_eq!(hash("").to_string(), format!("{:08x}", (0xcbf2_9ce4u32) ^ 0x8422_2325));
        assert_eq!(hash("海外和內地"), hash(" 海外和內地\n"));
        assert_eq!(hash("one  two\nthree"), hash("one two three"));
        assert_ne!(hash("海外和內地"), hash("海外和内地"));
    }

    #[test]
    fn a_paragraph_is_hashed_as_its_text_not_its_markup_or_wrapping() {
        let hashes = |md: &str, lang: &str| paragraph_hashes(&markdown::parse(md, lang));
        assert_eq!(hashes("第一段，\n換行。\n\n第二段。\n", "zh-Hant"), hashes("第一段，換行。\n\n*第二段*。\n", "zh-Hant"));
        assert_eq!(hashes("- a list item\n\nOne.\n", "en").len(), 1, "only numbered paragraphs");
        assert_ne!(hashes("第一段。\n", "zh-Hant"), hashes("第一段！\n", "zh-Hant"));
    }

    #[test]
    fn paragraph_lines_are_where_each_numbered_paragraph_starts() {
        let body = "\nOne,\nwrapped.\n\n## Heading\n\n- item\n\n  in item\n\n> quoted\n\nTwo.\n";
        assert_eq!(paragraph_lines(body), vec![2, 13]);
        assert_eq!(paragraph_lines(body).len(), paragraph_hashes(&markdown::parse(body, "en")).len());
    }
}
