//! The little of HTML's syntax the write and check stages (and the survey of an author's
//! raw HTML, [`crate::sanitize`]) need, in one fast pass: where the tags are, their
//! attributes, and the text, comments and raw text between them.
//!
//! It reads what the templates and the Markdown renderer write (and raw HTML an author
//! puts in a proposal) the way a browser's tokenizer would for those constructs: start and
//! end tags with quoted or unquoted attributes, comments, doctype, and the raw text of
//! `script`, `style`, `textarea` and `title`, which holds no tags. It does not build a
//! tree or fix anything up. It replaced lol_html and minify-html on the page path, which
//! took 70 µs and 420 µs for an 8.5 KB page (see the README's Performance section).

use std::borrow::Cow;

/// One piece of an HTML document, borrowing its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// Character data between tags.
    Text(&'a [u8]),
    /// A start or end tag.
    Tag(Tag<'a>),
    /// Copied as written: a comment, the doctype, or the raw text inside an element that
    /// holds no tags (`script`, `style`, `textarea`, `title`).
    Verbatim(&'a [u8]),
}

/// A start or end tag, as written from `<` to `>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'a> {
    pub raw: &'a [u8],
    pub name: &'a [u8],
    pub end: bool,
}

impl<'a> Tag<'a> {
    /// Whether the tag's name is `name` (given in lower case).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }

    /// The attributes, as (name, value as written: see [`decode`]).
    pub fn attributes(&self) -> Attributes<'a> {
        let start = 1 + usize::from(self.end) + self.name.len();
        Attributes { rest: &self.raw[start.min(self.raw.len())..] }
    }
}

/// The attributes of a tag, in order.
pub struct Attributes<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.rest;
        let mut i = s.iter().position(|&b| !(b.is_ascii_whitespace() || b == b'/'))?;
        if s[i] == b'>' {
            return None;
        }
        let name_start = i;
        i += 1; // a name may start with `=`
        while i < s.len() && !(s[i].is_ascii_whitespace() || matches!(s[i], b'=' | b'>' | b'/')) {
            i += 1;
        }
        let name = &s[name_start..i];
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value: &[u8] = b"";
        if s.get(i) == Some(&b'=') {
            i += 1;
            while i < s.len() && s[i].is_ascii_whitespace() {
                i += 1;
            }
            match s.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = s[i + 1..].iter().position(|&b| b == q).map_or(s.len(), |p| i + 1 + p);
                    value = &s[i + 1..end];
                    i = (end + 1).min(s.len());
                }
                _ => {
                    let start = i;
                    while i < s.len() && !(s[i].is_ascii_whitespace() || s[i] == b'>') {
                        i += 1;
                    }
                    value = &s[start..i];
                }
            }
        }
        self.rest = &s[i..];
        Some((name, value))
    }
}

/// Decodes the character references an attribute value may hold (`&amp;`, `&#39;`,
/// `&#x2F;`…); others are left as written.
pub fn decode(value: &[u8]) -> Cow<'_, str> {
    let text = String::from_utf8_lossy(value);
    if !text.contains('&') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let reference = rest[1..].find(';').map(|end| &rest[1..1 + end]).filter(|r| r.len() <= 8);
        let decoded = reference.and_then(|r| match r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let code = r.strip_prefix("#x").or_else(|| r.strip_prefix("#X")).map(|h| u32::from_str_radix(h, 16));
                let code = code.or_else(|| r.strip_prefix('#').map(str::parse::<u32>))?.ok()?;
                char::from_u32(code)
            }
        });
        match (reference, decoded) {
            (Some(r), Some(c)) => {
                out.push(c);
                rest = &rest[r.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The elements whose content is raw text, holding no tags.
pub const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style", "textarea", "title"];

/// The tokens of `html`, in order.
pub fn tokens(html: &[u8]) -> Tokens<'_> {
    Tokens { html, at: 0, raw_until: None }
}

/// Iterator over the [`Token`]s of a document.
pub struct Tokens<'a> {
    html: &'a [u8],
    at: usize,
    /// After the start tag of an element holding raw text: its name.
    raw_until: Option<&'a [u8]>,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let (html, start) = (self.html, self.at);
        if start >= html.len() {
            return None;
        }
        if let Some(name) = self.raw_until.take() {
            let end = find_end_tag(html, start, name);
            if end > start {
                self.at = end;
                return Some(Token::Verbatim(&html[start..end]));
            }
        }
        let rest = &html[start..];
        if rest[0] != b'<' {
            let end = next_markup(html, start + 1);
            self.at = end;
            return Some(Token::Text(&html[start..end]));
        }
        let after = rest.get(1).copied().unwrap_or(0);
        if rest.starts_with(b"<!--") {
            let end = memchr::memmem::find(&rest[4..], b"-->").map_or(html.len(), |p| start + 4 + p + 3);
            self.at = end;
            return Some(Token::Verbatim(&html[start..end]));
        }
        if after == b'!' || after == b'?' {
            let end = memchr::memchr(b'>', rest).map_or(html.len(), |p| start + p + 1);
            self.at = end;
            return Some(Token::Verbatim(&html[start..end]));
        }
        let end_tag = after == b'/';
        let name_start = start + 1 + usize::from(end_tag);
        if !html.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // A `<` that opens no tag is text.
            let end = next_markup(html, start + 1);
            self.at = end;
            return Some(Token::Text(&html[start..end]));
        }
        let mut i = name_start;
        while i < html.len() && !(html[i].is_ascii_whitespace() || html[i] == b'/' || html[i] == b'>') {
            i += 1;
        }
        let name = &html[name_start..i];
        let end = tag_end(html, i);
        self.at = end;
        let tag = Tag { raw: &html[start..end], name, end: end_tag };
        if !end_tag && RAW_TEXT_ELEMENTS.iter().any(|n| tag.is(n)) {
            self.raw_until = Some(name);
        }
        Some(Token::Tag(tag))
    }
}

/// The next `<` from `from` (or the end).
fn next_markup(html: &[u8], from: usize) -> usize {
    memchr::memchr(b'<', &html[from.min(html.len())..]).map_or(html.len(), |p| from + p)
}

/// The end (past `>`) of a tag whose attributes start at `i`, skipping quoted values.
fn tag_end(html: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while i < html.len() {
        match (quote, html[i]) {
            (None, b'>') => return i + 1,
            (None, q @ (b'"' | b'\'')) if html[i - 1] == b'=' || html[i - 1].is_ascii_whitespace() => quote = Some(q),
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    html.len()
}

/// Where the end tag `</name` of a raw-text element starts, from `from`.
fn find_end_tag(html: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = memchr::memmem::find(&html[i..], b"</") {
        let at = i + p;
        let candidate = &html[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name)
            && candidate.get(name.len()).is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

/// Whether white space next to this tag never shows: the tags of elements that start
/// and end a line box, and the doctype.
fn is_block(token: Option<&Token>) -> bool {
    match token {
        Some(Token::Tag(tag)) => {
            let mut name = [0u8; 10];
            if tag.name.len() > name.len() {
                return false;
            }
            name[..tag.name.len()].copy_from_slice(tag.name);
            name.make_ascii_lowercase();
            matches!(
                &name[..tag.name.len()],
                b"address" | b"article" | b"aside" | b"base" | b"blockquote" | b"body" | b"br" | b"dd" | b"details" | b"dialog"
                    | b"div" | b"dl" | b"dt" | b"fieldset" | b"figcaption" | b"figure" | b"footer" | b"form" | b"h1" | b"h2"
                    | b"h3" | b"h4" | b"h5" | b"h6" | b"head" | b"header" | b"hgroup" | b"hr" | b"html" | b"li" | b"link"
                    | b"main" | b"meta" | b"nav" | b"noscript" | b"ol" | b"p" | b"pre" | b"script" | b"section" | b"style"
                    | b"summary" | b"table" | b"tbody" | b"td" | b"template" | b"tfoot" | b"th" | b"thead" | b"title" | b"tr"
                    | b"ul"
            )
        }
        Some(Token::Verbatim(v)) => v.starts_with(b"<!") && !v.starts_with(b"<!--"),
        Some(Token::Text(_)) => false,
        None => true, // the start and end of the document
    }
}

/// Removes the white space a browser would not show: the indentation and blank lines
/// the templates leave. A run of white space next to the tag of a block element is
/// dropped; any other run becomes one character (a newline if it held one, else a
/// space). Text inside `pre` and raw text are kept exactly. `on_tag` sees every tag on
/// the way, so a caller can read the page in the same pass.
pub fn compact(html: &[u8], mut on_tag: impl FnMut(&Tag)) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut tokens = tokens(html).peekable();
    let mut in_pre = 0usize;
    let mut previous: Option<Token> = None;
    while let Some(token) = tokens.next() {
        match token {
            Token::Tag(tag) => {
                if tag.is("pre") {
                    in_pre = if tag.end { in_pre.saturating_sub(1) } else { in_pre + 1 };
                }
                on_tag(&tag);
                out.extend_from_slice(tag.raw);
            }
            Token::Verbatim(v) => out.extend_from_slice(v),
            Token::Text(text) if in_pre > 0 => out.extend_from_slice(text),
            Token::Text(text) => collapse(text, is_block(previous.as_ref()), is_block(tokens.peek()), &mut out),
        }
        previous = Some(token);
    }
    out
}

/// Copies `text`, each run of white space collapsed to one character, and dropped at the
/// start (`trim_start`) or end (`trim_end`).
fn collapse(text: &[u8], trim_start: bool, trim_end: bool, out: &mut Vec<u8>) {
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_whitespace() {
            let end = text[i..].iter().position(u8::is_ascii_whitespace).map_or(text.len(), |p| i + p);
            out.extend_from_slice(&text[i..end]);
            i = end;
            continue;
        }
        let end = text[i..].iter().position(|b| !b.is_ascii_whitespace()).map_or(text.len(), |p| i + p);
        let run = &text[i..end];
        let dropped = (i == 0 && trim_start) || (end == text.len() && trim_end);
        if !dropped {
            out.push(if run.contains(&b'\n') { b'\n' } else if run.len() == 1 { run[0] } else { b' ' });
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compacted(html: &str) -> String {
        String::from_utf8(compact(html.as_bytes(), |_| {})).unwrap()
    }

    #[test]
    fn white_space_next_to_blocks_goes_and_other_runs_become_one_character() {
        assert_eq!(compacted("<!DOCTYPE html>\n<html>\n  <head>\n    <title> A  title </title>\n</head>"), "<!DOCTYPE html><html><head><title> A  title </title></head>");
        assert_eq!(compacted("<ul>\n  <li><a href=x>One</a>\n     <a>two</a></li>\n</ul>"), "<ul><li><a href=x>One</a>\n<a>two</a></li></ul>");
        assert_eq!(compacted("<p>\n  Some   text\n  with <em>emphasis</em> here.\n</p>\n\n"), "<p>Some text\nwith <em>emphasis</em> here.</p>");
    }

    #[test]
    fn pre_raw_text_and_comments_are_kept_exactly() {
        let html = "<pre>\n  a\n\n  b\n</pre>\n<script>\n if (a < b) {}\n</script>\n<!-- a   comment -->\n<textarea>\n x </textarea>";
        assert_eq!(compacted(html), "<pre>\n  a\n\n  b\n</pre><script>\n if (a < b) {}\n</script><!-- a   comment -->\n<textarea>\n x </textarea>");
    }

    #[test]
    fn attributes_are_read_quoted_unquoted_and_decoded() {
        let html = br#"<a href="../x/?a=1&amp;b=2#p1-1" data-x='it&#39;s' id=top hidden title = "a > b">x</a>"#;
        let Some(Token::Tag(tag)) = tokens(html).next() else { panic!("a tag") };
        let attrs: Vec<(String, String)> = tag.attributes().map(|(n, v)| (String::from_utf8_lossy(n).into_owned(), decode(v).into_owned())).collect();
        assert_eq!(
            attrs,
            [("href", "../x/?a=1&b=2#p1-1"), ("data-x", "it's"), ("id", "top"), ("hidden", ""), ("title", "a > b")]
                .map(|(n, v)| (n.to_string(), v.to_string()))
        );
        assert_eq!(tokens(html).count(), 3, "the `>` inside quotes does not end the tag");
    }

    #[test]
    fn tags_inside_raw_text_and_comments_are_not_tags() {
        let html = b"<script>document.write('<a href=\"x\">')</script><!-- <a href=y> --><p id=z>1 < 2</p>";
        let names: Vec<String> = tokens(html)
            .filter_map(|t| match t {
                Token::Tag(tag) if !tag.end => Some(String::from_utf8_lossy(tag.name).into_owned()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["script", "p"]);
    }
}
