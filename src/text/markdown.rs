//! Text: Markdown → events → HTML, with stable paragraph anchors ([`crate::domain::Anchor`]).
//!
//! A body is parsed once into owned pulldown-cmark events (a [`Document`]), so that the
//! convert stage can rewrite its text nodes, and only its text nodes, before HTML is made.
//! Every top-level paragraph of a proposal gets an id and a visible number derived from the
//! document's structure (`p6-3`, "6.3"), never from its words, so the same paragraph has the
//! same address in every language.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::domain::{Document, ImageRef, InternalLink, Removed, Survey};
use crate::text::sanitize;

/// Parses `source` (in language `lang`) to learn its [`Survey`].
pub fn survey(source: &str, lang: &str) -> Survey {
    let doc = parse(source, lang);
    let mut chars = CharSet::default();
    if is_cjk_language(lang) {
        for unit in doc.units() {
            chars.extend(unit.text.chars());
        }
    }
    let chars = chars.into_sorted();
    let footnote_problems = doc.footnote_problems();
    let hashes = crate::text::fingerprint::paragraph_hashes(&doc);
    Survey { outline: doc.outline(), removed: doc.markup_removed(), internal_links: doc.internal_links, chars, images: doc.images, footnote_problems, hashes }
}

/// A set of characters, for counting the distinct ones in a text of millions: a bit per
/// character of the Basic Multilingual Plane (8 KB), and the rare others listed.
pub struct CharSet {
    bmp: Vec<u64>,
    others: Vec<char>,
}

impl Default for CharSet {
    fn default() -> CharSet {
        CharSet { bmp: vec![0; 0x10000 / 64], others: Vec::new() }
    }
}

impl Extend<char> for CharSet {
    fn extend<I: IntoIterator<Item = char>>(&mut self, chars: I) {
        for c in chars {
            match c as usize {
                n if n < 0x10000 => self.bmp[n >> 6] |= 1 << (n & 63),
                _ => self.others.push(c),
            }
        }
    }
}

impl CharSet {
    /// The characters, each once, in code point order.
    pub fn into_sorted(mut self) -> Vec<char> {
        let mut chars = Vec::new();
        for (word, mut bits) in self.bmp.into_iter().enumerate() {
            while bits != 0 {
                chars.extend(char::from_u32((word << 6) as u32 + bits.trailing_zeros()));
                bits &= bits - 1;
            }
        }
        self.others.sort_unstable();
        self.others.dedup();
        chars.append(&mut self.others);
        chars.shrink_to_fit(); // each file's set is kept until the model
        chars
    }
}

/// The start of a link to another page of the site, written by content path rather than
/// URL, so that each language's page gets its own language's URL.
pub const INTERNAL_LINK: &str = "@/";

/// Whether a language is written without spaces between words (Chinese, Japanese, Korean).
/// Such text gets no smart punctuation and no space for a line break inside a paragraph.
pub fn is_cjk_language(code: &str) -> bool {
    let primary = code.split('-').next().unwrap_or("").to_ascii_lowercase();
    matches!(primary.as_str(), "zh" | "ja" | "ko" | "yue" | "cmn")
}

/// Typographic quotes and dashes for plain text in a non-CJK language (titles from front
/// matter and settings), matching what smart punctuation does to Markdown bodies.
/// CJK text is returned as it is.
pub fn smarten(text: &str, lang: &str) -> String {
    if is_cjk_language(lang) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let opening = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        match c {
            '"' => out.push(if opening { '“' } else { '”' }),
            '\'' => out.push(if opening { '‘' } else { '’' }),
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                out.push('–');
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Parses Markdown written in language `lang`.
pub fn parse<'a>(source: &'a str, lang: &str) -> Document<'a> {
    let cjk = is_cjk_language(lang);
    let mut options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    if !cjk {
        // On Chinese text smart punctuation would turn "你好"。 into mismatched quotes.
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut events: Vec<Event<'a>> = Vec::new();
    let mut internal_links = Vec::new();
    let mut markup_lines = Vec::new();
    let mut bad_addresses = Vec::new();
    let (mut images, mut note_lines, mut loose_note_refs) = (Vec::new(), Vec::new(), Vec::new());
    let mut text_line = 0; // where the text being gathered starts
                           // Adjacent text nodes are merged, so conversion sees whole phrases: the pieces of
                           // the text node being gathered.
    let mut text: Vec<CowStr<'a>> = Vec::new();
    let line_starts: Vec<usize> = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let line = || line_starts.partition_point(|&start| start <= range.start) as u64;
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(INTERNAL_LINK) => {
                internal_links.push(InternalLink { target: dest_url.to_string(), line: line() });
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if sanitize::url_problem(dest_url).is_some() => {
                bad_addresses.push((line(), dest_url.to_string()));
            }
            Event::Start(Tag::Image { dest_url, .. }) => images.push(ImageRef { dest: dest_url.to_string(), line: line() }),
            Event::Start(Tag::FootnoteDefinition(label)) => note_lines.push((label.to_string(), line())),
            Event::Html(_) | Event::InlineHtml(_) => markup_lines.push(line()),
            Event::Start(Tag::Heading { attrs, .. }) if !attrs.is_empty() => markup_lines.push(line()),
            _ => {}
        }
        match event {
            // A line break inside a CJK paragraph is only where the editor wrapped the line:
            // rendered as a space it would put a gap between two characters.
            Event::SoftBreak if cjk => text.push(CowStr::Borrowed("\u{0}")),
            Event::Text(piece) => {
                if text.is_empty() {
                    text_line = line();
                }
                text.push(piece)
            }
            other => {
                if flush_text(&mut text, &mut events) {
                    find_loose_note_refs(&events, text_line, &mut loose_note_refs);
                }
                events.push(other);
            }
        }
    }
    if flush_text(&mut text, &mut events) {
        find_loose_note_refs(&events, text_line, &mut loose_note_refs);
    }
    Document { events, internal_links, markup_lines, bad_addresses, images, note_lines, loose_note_refs }
}

/// Notes the text that reads as a footnote reference in the last event, a text node
/// starting on `line`.
fn find_loose_note_refs(events: &[Event], line: u64, found: &mut Vec<(u64, String)>) {
    if let Some(Event::Text(text)) = events.last() {
        if text.contains("[^") {
            found.extend(note_like(text).map(|r| (line, r)));
        }
    }
}

/// The footnote references written in `text` (`[^2]`): text that reads as one but is
/// plain text because no note has that label.
fn note_like(text: &str) -> impl Iterator<Item = String> + '_ {
    text.match_indices("[^").filter_map(|(at, _)| {
        let rest = &text[at + 2..];
        let end = rest.find(']')?;
        let label = &rest[..end];
        (!label.is_empty() && !label.contains(char::is_whitespace)).then(|| format!("[^{label}]"))
    })
}

/// Ends the text node gathered in `pieces`: one text event, borrowed if it is one piece,
/// its wrapped lines joined ([`join_cjk_lines`]). Whether there was one.
fn flush_text<'a>(pieces: &mut Vec<CowStr<'a>>, events: &mut Vec<Event<'a>>) -> bool {
    let text = match pieces.len() {
        0 => return false,
        1 => pieces.pop().expect("one piece"),
        _ => {
            let mut joined = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
            for piece in pieces.drain(..) {
                joined.push_str(&piece);
            }
            CowStr::from(joined)
        }
    };
    let text = if text.contains('\u{0}') { CowStr::from(join_cjk_lines(&text)) } else { text };
    events.push(Event::Text(text));
    true
}

/// Replaces each wrapped-line marker by nothing between CJK characters, by a space elsewhere.
fn join_cjk_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut before: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{0}' {
            out.push(c);
        } else {
            let wide = |c: Option<char>| c.is_none_or(is_wide);
            if !(wide(before) || wide(chars.peek().copied())) {
                out.push(' ');
            }
        }
        before = Some(c);
    }
    out
}

/// CJK ideographs, kana, hangul and full-width punctuation: characters that take no
/// spaces around them.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

impl<'a> Document<'a> {
    /// The document, owning its text.
    pub fn into_static(self) -> Document<'static> {
        Document {
            events: self.events.into_iter().map(Event::into_static).collect(),
            internal_links: self.internal_links,
            markup_lines: self.markup_lines,
            bad_addresses: self.bad_addresses,
            images: self.images,
            note_lines: self.note_lines,
            loose_note_refs: self.loose_note_refs,
        }
    }

    /// Applies `f` to every piece of text a reader sees: text nodes, image descriptions
    /// (which are text nodes) and link titles. Code (spans and blocks), URLs and raw HTML
    /// are left alone.
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> Document<'a> {
        let mut in_code = false;
        let events = self
            .events
            .iter()
            .map(|event| match event {
                Event::Start(Tag::CodeBlock(_)) | Event::End(TagEnd::CodeBlock) => {
                    in_code = matches!(event, Event::Start(_));
                    event.clone()
                }
                Event::Text(text) if !in_code => Event::Text(f(text).into()),
                Event::Start(Tag::Link { link_type, dest_url, title, id }) if !title.is_empty() => {
                    Event::Start(Tag::Link { link_type: *link_type, dest_url: dest_url.clone(), title: f(title).into(), id: id.clone() })
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) if !title.is_empty() => {
                    Event::Start(Tag::Image { link_type: *link_type, dest_url: dest_url.clone(), title: f(title).into(), id: id.clone() })
                }
                other => other.clone(),
            })
            .collect();
        Document {
            events,
            internal_links: self.internal_links.clone(),
            markup_lines: self.markup_lines.clone(),
            bad_addresses: self.bad_addresses.clone(),
            images: self.images.clone(),
            note_lines: self.note_lines.clone(),
            loose_note_refs: self.loose_note_refs.clone(),
        }
    }

    /// What the sanitizer removes of the author's markup ([`crate::text::sanitize::removed`]),
    /// with its lines. An HTML block is read whole, as the browser would.
    pub fn markup_removed(&self) -> Vec<Removed> {
        let mut found: Vec<Removed> = self
            .bad_addresses
            .iter()
            .map(|(line, url)| Removed {
                line: *line,
                what: format!("link or image address `{}` removed: {}", sanitize::shown(url.as_bytes()), sanitize::url_problem(url).unwrap_or_default()),
            })
            .collect();
        if self.markup_lines.is_empty() {
            return found; // the usual case: no pass over the events
        }
        fn report(found: &mut Vec<Removed>, line: u64, raw: &str) {
            for (at, what) in sanitize::removed(raw) {
                found.push(Removed { line: line + raw[..at].matches('\n').count() as u64, what });
            }
        }
        let mut lines = self.markup_lines.iter().copied();
        let mut block: Option<(u64, String)> = None;
        for event in &self.events {
            match event {
                Event::Start(Tag::HtmlBlock) => block = Some((0, String::new())),
                Event::Html(html) => {
                    let line = lines.next().unwrap_or(0);
                    match block.as_mut() {
                        Some((first, text)) => {
                            if text.is_empty() {
                                *first = line;
                            }
                            text.push_str(html);
                        }
                        None => report(&mut found, line, html),
                    }
                }
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some((line, text)) = block.take() {
                        report(&mut found, line, &text);
                    }
                }
                Event::InlineHtml(html) => report(&mut found, lines.next().unwrap_or(0), html),
                Event::Start(Tag::Heading { level, attrs, .. }) if !attrs.is_empty() => {
                    let line = lines.next().unwrap_or(0);
                    for (name, value) in attrs {
                        let name = name.to_ascii_lowercase();
                        if let Some(why) = sanitize::attribute_problem(&level.to_string(), &name, value.as_deref().unwrap_or("")) {
                            found.push(Removed { line, what: format!("heading {why}") });
                        }
                    }
                }
                _ => {}
            }
        }
        found.sort_by_key(|r| r.line);
        found
    }
}

/// A short plain-text summary of `text`: whole sentences while they fit in `max`
/// characters, else the text cut at a word (or, in CJK, a character) with "…".
pub fn excerpt(text: &str, lang: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cjk = is_cjk_language(lang);
    let ends: &[char] = if cjk { &['。', '！', '？', '；'] } else { &['.', '!', '?'] };
    let mut cut = None;
    for (count, (i, c)) in text.char_indices().enumerate() {
        if count >= max {
            break;
        }
        let next_is_break = cjk || ends_sentence(&text[..i], &text[i + c.len_utf8()..]);
        if ends.contains(&c) && next_is_break {
            cut = Some(i + c.len_utf8());
        }
    }
    if let Some(end) = cut {
        return text[..end].to_string();
    }
    let limit = text.char_indices().nth(max.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
    let head = &text[..limit];
    let head = if cjk { head } else { head.rsplit_once(' ').map_or(head, |(h, _)| h) };
    format!("{}…", head.trim_end_matches([',', ';', ':', '，', '、', ' ']))
}

/// Whether a full stop (or ! ?) between `before` and `after` ends an English sentence:
/// a space and a capital, digit or quote follow, and it does not close a common
/// abbreviation ("No. 5", "Mr. Lee", "e.g. the").
fn ends_sentence(before: &str, after: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &["no", "nos", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "cf", "e.g", "i.e", "etc", "approx", "art", "para", "cap"];
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let next = after.strip_prefix(' ').and_then(|rest| rest.chars().next());
    next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“‘\"'(".contains(c))
        && !ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
        && !(word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(source: &str, lang: &str) -> String {
        let cx = crate::text::render::Context {
            proposal: Some(6),
            labels: crate::text::render::Labels::ENGLISH,
            link_to: &|_| None,
            image: &|_| None,
            eager_blocks: 0,
            heading_offset: 0,
        };
        crate::text::render::to_html(&parse(source, lang), &cx)
    }

    #[test]
    fn a_wrapped_line_in_chinese_joins_without_a_space() {
        let out = html("中小企業\n發展\n基金\nand SME\nmembers", "zh-Hant");
        assert!(out.contains("中小企業發展基金and SME members"), "{out}");
    }

    #[test]
    fn a_character_set_lists_each_character_once_in_code_point_order() {
        let mut set = CharSet::default();
        set.extend("香港𠀋a香\u{ffff}𠀋a".chars());
        set.extend(['\u{0}', '港']);
        assert_eq!(set.into_sorted(), ['\u{0}', 'a', '港', '香', '\u{ffff}', '𠀋']);
    }

    #[test]
    fn a_paragraph_is_one_text_node_for_conversion_to_see_whole_phrases() {
        // Smart punctuation and wrapped lines split the parser's text; the document joins it.
        let doc = parse("It's \"x\" -- y", "en");
        assert_eq!(doc.events.len(), 3, "{:?}", doc.events);
        assert!(matches!(&doc.events[1], Event::Text(t) if t.as_ref() == "It’s “x” – y"), "{:?}", doc.events);
        let doc = parse("中小企業\n發展基金", "zh-Hant");
        assert!(matches!(&doc.events[..], [_, Event::Text(t), _] if t.as_ref() == "中小企業發展基金"), "{:?}", doc.events);
    }

    #[test]
    fn a_wrapped_line_in_english_is_a_space() {
        let out = html("The small\nfirms", "en");
        assert!(out.contains("The small\nfirms") || out.contains("The small firms"), "{out}");
    }

    #[test]
    fn smart_punctuation_is_for_english_only() {
        assert!(html("\"Hong Kong\" -- it's", "en").contains("“Hong Kong” – it’s"));
        let zh = html("\"你好\"。", "zh-Hant");
        assert!(zh.contains("&quot;你好&quot;。") || zh.contains("\"你好\"。"), "{zh}");
    }

    #[test]
    fn plain_titles_get_typographic_quotes_in_english_only() {
        assert_eq!(smarten("Open a \"Green Depot\" -- the depot's", "en"), "Open a “Green Depot” – the depot’s");
        assert_eq!(smarten("'Quoted' (\"x\")", "en"), "‘Quoted’ (“x”)");
        assert_eq!(smarten("開設\"綠色站\"", "zh-Hant"), "開設\"綠色站\"");
    }

    #[test]
    fn internal_links_images_and_footnotes_are_found_with_their_lines() {
        let doc = parse(
            "One.\n\nSee [6.3](@/proposals/some-proposal.md#p6-3)\nand [x](https://example.org).\n\n![A](../images/a.png)[^n] and [^2]\n\n[^n]: Note.\n",
            "en",
        );
        assert_eq!(doc.internal_links, vec![InternalLink { target: "@/proposals/some-proposal.md#p6-3".into(), line: 3 }]);
        assert_eq!(doc.images, vec![ImageRef { dest: "../images/a.png".into(), line: 6 }]);
        assert_eq!(doc.note_lines, vec![("n".to_string(), 8)]);
        assert_eq!(doc.loose_note_refs, vec![(6, "[^2]".to_string())]);
    }

    #[test]
    fn paragraph_texts_are_plain_text_of_numbered_paragraphs() {
        let doc = parse("One *two* `three`.\n\n> quoted\n\nFour\nfive.", "en");
        assert_eq!(doc.paragraph_texts(), vec!["One two three.", "Four five."]);
        let doc = parse("Six <SCRIPT>alert(1)</script><sup>7</sup> <style>p {}</style>eight.", "en");
        assert_eq!(doc.paragraph_texts(), vec!["Six 7 eight."], "without what the sanitizer removes");
    }

    #[test]
    fn excerpts_keep_whole_sentences_or_cut_cleanly() {
        assert_eq!(excerpt("One two. Three four five six.", "en", 12), "One two.");
        assert_eq!(excerpt("Alpha beta gamma delta", "en", 14), "Alpha beta…");
        assert_eq!(excerpt("製造業很重要。振興工業不但有用", "zh-Hant", 10), "製造業很重要。");
        assert_eq!(excerpt("製造業對香港經濟和社會可持續發展", "zh-Hant", 6), "製造業對香…");
        assert_eq!(excerpt("Short.", "en", 50), "Short.");
        // "No. 5", "e.g. the" and initials do not end a sentence.
        assert_eq!(excerpt("(No. 5) Build a hub. It is needed now, more than ever.", "en", 30), "(No. 5) Build a hub.");
        assert_eq!(excerpt("Ports, e.g. the Kwai Tsing terminals, need land now.", "en", 30), "Ports, e.g. the Kwai Tsing…");
        assert_eq!(excerpt("Invest HK and J. Smith agreed on the plan today.", "en", 20), "Invest HK and J.…");
    }

    #[test]
    fn cjk_languages_are_recognised_by_their_primary_subtag() {
        assert!(is_cjk_language("zh-Hant") && is_cjk_language("zh-Hans") && is_cjk_language("ja"));
        assert!(!is_cjk_language("en") && !is_cjk_language("en-GB"));
    }
}
