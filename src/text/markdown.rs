//! Text: Markdown → events → HTML, with stable paragraph anchors ([`crate::domain::Anchor`]).
//!
//! A body is parsed once into owned pulldown-cmark events (a [`Document`]), so that the
//! convert stage can rewrite its text nodes, and only its text nodes, before HTML is made.
//! Every top-level paragraph of a proposal gets an id and a visible number derived from the
//! document's structure (`p6-3`, "6.3"), never from its words, so the same paragraph has the
//! same address in every language.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::domain::{Anchor, Block, Document, InternalLink, Removed, Survey};
use crate::text::sanitize;

/// Parses `source` (in language `lang`) to learn its [`Survey`].
pub fn survey(source: &str, lang: &str) -> Survey {
    let doc = parse(source, lang);
    let mut chars = CharSet::default();
    if is_cjk_language(lang) {
        for paragraph in doc.paragraph_texts() {
            chars.extend(paragraph.chars());
        }
    }
    let chars = chars.into_sorted();
    Survey { outline: doc.outline(), removed: doc.markup_removed(), internal_links: doc.internal_links, chars }
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
            Event::Html(_) | Event::InlineHtml(_) => markup_lines.push(line()),
            Event::Start(Tag::Heading { attrs, .. }) if !attrs.is_empty() => markup_lines.push(line()),
            _ => {}
        }
        match event {
            // A line break inside a CJK paragraph is only where the editor wrapped the line:
            // rendered as a space it would put a gap between two characters.
            Event::SoftBreak if cjk => text.push(CowStr::Borrowed("\u{0}")),
            Event::Text(piece) => text.push(piece),
            other => {
                flush_text(&mut text, &mut events);
                events.push(other);
            }
        }
    }
    flush_text(&mut text, &mut events);
    Document { events, internal_links, markup_lines, bad_addresses }
}

/// Ends the text node gathered in `pieces`: one text event, borrowed if it is one piece,
/// its wrapped lines joined ([`join_cjk_lines`]).
fn flush_text<'a>(pieces: &mut Vec<CowStr<'a>>, events: &mut Vec<Event<'a>>) {
    let text = match pieces.len() {
        0 => return,
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
        }
    }

    /// The top-level structure: paragraphs and heading levels, in order. Two language
    /// versions of a proposal are aligned when their outlines are equal.
    pub fn outline(&self) -> Vec<Block> {
        let mut depth = 0usize;
        let mut blocks = Vec::new();
        for event in &self.events {
            match event {
                Event::Start(Tag::Paragraph) if depth == 0 => blocks.push(Block::Paragraph),
                Event::Start(Tag::Heading { level, .. }) if depth == 0 => blocks.push(Block::Heading(*level as u8)),
                Event::Start(tag) if is_container(tag) => depth += 1,
                Event::End(end) if is_container_end(end) => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        blocks
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
        Document { events, internal_links: self.internal_links.clone(), markup_lines: self.markup_lines.clone(), bad_addresses: self.bad_addresses.clone() }
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

    /// The plain text of each top-level paragraph, in order (without what the sanitizer
    /// removes with its element).
    pub fn paragraph_texts(&self) -> Vec<String> {
        let mut depth = 0usize;
        let mut current: Option<String> = None;
        let mut texts = Vec::new();
        // Inside an inline `<script>` or `<style>`: text the sanitizer removes from the page.
        let mut removed = false;
        for event in &self.events {
            match event {
                Event::Start(Tag::Paragraph) if depth == 0 => current = Some(String::new()),
                Event::End(TagEnd::Paragraph) if depth == 0 => texts.extend(current.take()),
                Event::InlineHtml(html) => removed = sanitize::removed_with_content(html).unwrap_or(removed),
                Event::Text(t) | Event::Code(t) if !removed => {
                    if let Some(text) = current.as_mut() {
                        text.push_str(t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(text) = current.as_mut() {
                        text.push(' ');
                    }
                }
                Event::Start(tag) if is_container(tag) => depth += 1,
                Event::End(end) if is_container_end(end) => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        texts
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

fn is_container(tag: &Tag) -> bool {
    matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::Table(_) | Tag::FootnoteDefinition(_))
}

fn is_container_end(end: &TagEnd) -> bool {
    matches!(end, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::Table | TagEnd::FootnoteDefinition)
}

/// How numbered anchors are written for one proposal.
pub struct Anchors<'a> {
    /// The proposal's number: paragraph 3 of proposal 6 is `p6-3`, shown as "6.3".
    pub proposal: u32,
    /// Accessible name of a paragraph-number link, with `{n}` for the number ("Paragraph {n}").
    pub paragraph_label: &'a str,
}

/// Renders a document to HTML. Internal links (`@/…`) are replaced by what `link_to`
/// returns for them (left as written when it returns `None`, for the checker to report).
/// With `anchors`, top-level paragraphs and headings get structural ids, and each
/// paragraph starts with its number as a link to itself. A document with markup of its
/// author's ([`Document::markup_lines`]) comes out sanitized ([`crate::text::sanitize`]).
pub fn to_html(doc: &Document, anchors: Option<&Anchors>, link_to: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let linked = doc.events.iter().map(|event| match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) if dest_url.starts_with(INTERNAL_LINK) => match link_to(dest_url) {
            Some(url) => Event::Start(Tag::Link { link_type: *link_type, dest_url: url.into(), title: title.clone(), id: id.clone() }),
            None => event.clone(),
        },
        other => other.clone(),
    });
    let Some(anchors) = anchors else {
        pulldown_cmark::html::push_html(&mut out, linked);
        return sanitized(doc, out);
    };
    let (mut depth, mut paragraph, mut heading) = (0usize, 0u32, 0u32);
    let mut top_paragraph_open = false;
    let events = linked.map(|event| match event {
        Event::Start(Tag::Paragraph) if depth == 0 => {
            paragraph += 1;
            top_paragraph_open = true;
            let (anchor, number) = (Anchor::paragraph(anchors.proposal, paragraph), Anchor::paragraph(anchors.proposal, paragraph).number());
            let label = anchors.paragraph_label.replace("{n}", &number);
            Event::Html(
                format!("<p id=\"{anchor}\" class=\"para\"><a class=\"pnum\" href=\"#{anchor}\" aria-label=\"{}\">{number}</a> ", escape_attr(&label)).into(),
            )
        }
        Event::End(TagEnd::Paragraph) if depth == 0 && top_paragraph_open => {
            top_paragraph_open = false;
            Event::Html("</p>\n".into())
        }
        Event::Start(Tag::Heading { level, classes, attrs, .. }) if depth == 0 => {
            heading += 1;
            Event::Start(Tag::Heading { level, id: Some(Anchor::heading(anchors.proposal, heading).to_string().into()), classes, attrs })
        }
        Event::Start(ref tag) if is_container(tag) => {
            depth += 1;
            event
        }
        Event::End(ref end) if is_container_end(end) => {
            depth = depth.saturating_sub(1);
            event
        }
        other => other,
    });
    pulldown_cmark::html::push_html(&mut out, events);
    sanitized(doc, out)
}

/// The rendered `html` of `doc`, cleaned of what the allow-list does not allow if the
/// author wrote markup of their own: the anchors [`to_html`] adds are not the author's.
fn sanitized(doc: &Document, html: String) -> String {
    if doc.markup_lines.is_empty() && doc.bad_addresses.is_empty() {
        html
    } else {
        sanitize::clean(&html)
    }
}

/// Escapes text for a double-quoted HTML attribute.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(source: &str, lang: &str) -> String {
        to_html(&parse(source, lang), Some(&Anchors { proposal: 6, paragraph_label: "Paragraph {n}" }), &|_| None)
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
    fn top_level_paragraphs_are_numbered_and_nested_ones_are_not() {
        let out = html("First.\n\n> Quoted.\n\nSecond.\n\n## A heading\n\nThird.", "en");
        assert!(out.contains(r##"<p id="p6-1" class="para"><a class="pnum" href="#p6-1" aria-label="Paragraph 6.1">6.1</a> First.</p>"##), "{out}");
        assert!(out.contains("<blockquote>\n<p>Quoted.</p>"), "{out}");
        assert!(out.contains(r#"id="p6-2""#) && out.contains(r#"id="p6-3""#) && !out.contains(r#"id="p6-4""#), "{out}");
        assert!(out.contains(r#"<h2 id="h6-1">A heading</h2>"#), "{out}");
    }

    #[test]
    fn the_authors_markup_is_sanitized_and_what_goes_is_found_on_its_line() {
        let source = "One <sup>2</sup> <span style=\"color:red\">red</span>.\n\n<div>\n<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n<script>\nalert('<b onclick=x>')\n</script>\n</div>\n\nTwo <!-- a note --> <img src=x onerror=alert(1)>\n\n## Title {onclick=alert(1) lang=en}\n\n| a |\n|:-:|\n| b |\n";
        let doc = parse(source, "en");
        let removed: Vec<(u64, String)> = doc.markup_removed().into_iter().map(|r| (r.line, r.what)).collect();
        let lines: Vec<u64> = removed.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 4, 5, 10, 12], "{removed:#?}");
        for ((_, what), says) in removed.iter().zip(["<span", "<meta", "<script", "<img", "heading attribute onclick"]) {
            assert!(what.contains(says), "{what} should name {says}");
        }
        let out = html(source, "en");
        assert!(
            out.starts_with(
                r##"<p id="p6-1" class="para"><a class="pnum" href="#p6-1" aria-label="Paragraph 6.1">6.1</a> One <sup>2</sup> <span>red</span>.</p>"##
            ),
            "{out}"
        );
        for gone in ["meta", "script", "alert", "onclick", "onerror", "style=", "a note"] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        assert!(out.contains(r#"<p id="p6-2" class="para">"#) && out.contains(r#"<img src="x">"#), "{out}");
        assert!(out.contains(r#"<h2 id="h6-1" lang="en">Title</h2>"#), "{out}");
        assert!(out.contains("<thead><tr><th>a</th></tr></thead>"), "alignment styles go, the cells stay: {out}");
    }

    #[test]
    fn a_body_without_markup_of_its_authors_is_not_sanitized() {
        // The paragraph anchors are HTML events too, but to_html's own.
        let doc = parse("One  \ntwo.\n\n## A heading {#own .x}", "en");
        assert!(doc.markup_lines.is_empty() && doc.markup_removed().is_empty());
        let out = html("One  \ntwo.\n\n## A heading {#own .x}", "en");
        assert!(out.contains("One<br />\ntwo."), "written as pulldown-cmark writes it, not re-serialized: {out}");
    }

    #[test]
    fn the_outline_counts_paragraphs_and_headings_in_order() {
        let doc = parse("# T\n\nOne.\n\n- item\n\n  nested para\n\nTwo.", "en");
        assert_eq!(doc.outline(), vec![Block::Heading(1), Block::Paragraph, Block::Paragraph]);
    }

    #[test]
    fn text_mapping_leaves_code_and_urls_alone() {
        let doc = parse("文字 `代碼` [連結](https://例子.香港/路徑 \"標題\")\n\n```\n文件\n```\n\n文", "zh-Hant");
        let mapped = doc.map_text(|t| t.replace('文', "X").replace('連', "Y").replace('標', "Z"));
        let out = to_html(&mapped, None, &|_| None);
        assert!(out.contains("X字"), "{out}");
        assert!(out.contains("<code>代碼</code>"), "code untouched: {out}");
        assert!(out.contains("<code>文件\n</code>") && out.contains("<p>X</p>"), "a code block untouched, the text after it mapped: {out}");
        // 路徑 percent-encoded as written: the URL was not converted.
        assert!(out.contains("%E8%B7%AF%E5%BE%91"), "URL untouched: {out}");
        assert!(out.contains("title=\"Z題\""), "link title converted: {out}");
        assert!(out.contains(">Y結</a>"), "link text converted: {out}");
    }

    #[test]
    fn plain_titles_get_typographic_quotes_in_english_only() {
        assert_eq!(smarten("Open a \"Green Depot\" -- the depot's", "en"), "Open a “Green Depot” – the depot’s");
        assert_eq!(smarten("'Quoted' (\"x\")", "en"), "‘Quoted’ (“x”)");
        assert_eq!(smarten("開設\"綠色站\"", "zh-Hant"), "開設\"綠色站\"");
    }

    #[test]
    fn internal_links_are_found_with_their_lines_and_rewritten() {
        let doc = parse("One.\n\nSee [6.3](@/proposals/some-proposal.md#p6-3)\nand [x](https://example.org).", "en");
        assert_eq!(doc.internal_links, vec![InternalLink { target: "@/proposals/some-proposal.md#p6-3".into(), line: 3 }]);
        let out = to_html(&doc, None, &|t| t.strip_prefix("@/proposals/some-proposal.md").map(|f| format!("../some-proposal/{f}")));
        assert!(out.contains(r##"<a href="../some-proposal/#p6-3">6.3</a>"##), "{out}");
        assert!(out.contains(r#"href="https://example.org""#));
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
    fn paragraph_texts_are_plain_text_of_top_level_paragraphs() {
        let doc = parse("One *two* `three`.\n\n> quoted\n\nFour\nfive.", "en");
        assert_eq!(doc.paragraph_texts(), vec!["One two three.", "Four five."]);
        let doc = parse("Six <SCRIPT>alert(1)</script><sup>7</sup> <style>p {}</style>eight.", "en");
        assert_eq!(doc.paragraph_texts(), vec!["Six 7 eight."], "without what the sanitizer removes");
    }

    #[test]
    fn cjk_languages_are_recognised_by_their_primary_subtag() {
        assert!(is_cjk_language("zh-Hant") && is_cjk_language("zh-Hans") && is_cjk_language("ja"));
        assert!(!is_cjk_language("en") && !is_cjk_language("en-GB"));
    }
}
