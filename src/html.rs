//! The little of HTML's syntax the write and check stages (and the survey of an author's
//! raw HTML, in the text phase's sanitizer) need, in one fast pass: where the tags are, their
//! attributes, and the text, comments and raw text between them.
//!
//! It reads what the templates and the Markdown renderer write (and raw HTML an author
//! puts in a proposal) the way a browser's tokenizer (WHATWG) would, for these constructs:
//!
//! - start and end tags, with quoted or unquoted attributes (a quote opens a value only
//!   after `=`; a repeated attribute is dropped); a tag cut off by the end is no tag;
//! - comments: `<!--` to the first `-->` or `--!>` (`<!-->` and `<!--->` are whole, empty
//!   comments; an unterminated one runs to the end); the doctype (`<!DOCTYPE`, in any
//!   case); any other `<!…>`, `<?…>` or `</` + non-letter (`<![CDATA[…]]>` in HTML content
//!   too) is a bogus comment, to the first `>`;
//! - the content of the elements that hold no tags, to their own end tag: `script`,
//!   `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript` (as a browser that runs
//!   scripts reads it), `textarea` and `title`; after `plaintext`, the rest of the page.
//!
//! It does not build a tree or fix anything up, and it does not know foreign content (in
//! `<svg>`, `title` and `style` hold tags and `<![CDATA[` is text) or the escapes of a
//! script's text (`<!--<script>` in a script hides its `</script>`). It replaced lol_html
//! and minify-html on the page path, which took 70 µs and 420 µs for an 8.5 KB page (see
//! the README's Performance section).

use std::borrow::Cow;

/// One piece of an HTML document, borrowing its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// Character data between tags.
    Text(&'a [u8]),
    /// A start or end tag.
    Tag(Tag<'a>),
    /// Copied as written: a comment, the doctype, a tag cut off by the end, or the raw
    /// text inside an element that holds no tags (`script`, `style`, `textarea`, `title`,
    /// `xmp`, `iframe`, `noembed`, `noframes`, `noscript`; after `plaintext`, the rest).
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

    /// The attributes, as (name, value as written: see [`decode`]), without repeats: a
    /// browser keeps the first of two attributes of the same name.
    pub fn attributes(&self) -> Attributes<'a> {
        let start = 1 + usize::from(self.end) + self.name.len();
        let all = &self.raw[start.min(self.raw.len())..];
        Attributes { all, rest: all, seen: 0 }
    }

    /// Whether the tag has the attribute `name` (given in lower case).
    fn has(&self, name: &str) -> bool {
        // Most tags do not hold the name at all: a quick look first.
        let (raw, name_bytes) = (self.raw, name.as_bytes());
        let mentioned = memchr::memchr2_iter(name_bytes[0], name_bytes[0].to_ascii_uppercase(), raw)
            .any(|at| raw[at..].get(..name_bytes.len()).is_some_and(|word| word.eq_ignore_ascii_case(name_bytes)));
        if !mentioned {
            return false;
        }
        let mut attributes = self.attributes();
        std::iter::from_fn(|| attributes.next_as_written()).any(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
    }
}

/// The attributes of a tag, in order.
pub struct Attributes<'a> {
    /// All of them, and those not yet read.
    all: &'a [u8],
    rest: &'a [u8],
    /// A bit for each first letter (in lower case, modulo 32) of the names read: a name
    /// whose bit is clear is no repeat, and only one whose bit is set is looked for.
    seen: u32,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (name, value) = self.next_as_written()?;
            let bit = 1 << (name[0].to_ascii_lowercase() & 31);
            let repeat = self.seen & bit != 0 && {
                let before = &self.all[..name.as_ptr() as usize - self.all.as_ptr() as usize];
                let mut earlier = Attributes { all: before, rest: before, seen: 0 };
                std::iter::from_fn(|| earlier.next_as_written()).any(|(n, _)| n.eq_ignore_ascii_case(name))
            };
            self.seen |= bit;
            if !repeat {
                return Some((name, value));
            }
        }
    }
}

impl<'a> Attributes<'a> {
    /// The next attribute, a repeated one too.
    fn next_as_written(&mut self) -> Option<(&'a [u8], &'a [u8])> {
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
                    let end = memchr::memchr(q, &s[i + 1..]).map_or(s.len(), |p| i + 1 + p);
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

/// The tokens of `html`, in order.
pub fn tokens(html: &[u8]) -> Tokens<'_> {
    Tokens { html, at: 0, raw: Raw::No }
}

/// Iterator over the [`Token`]s of a document.
pub struct Tokens<'a> {
    html: &'a [u8],
    at: usize,
    /// What the next token may be, after a start tag.
    raw: Raw<'a>,
}

/// Whether the tokens that follow are raw text.
#[derive(Clone, Copy)]
enum Raw<'a> {
    No,
    /// Up to the end tag of the element named so (as written).
    Until(&'a [u8]),
    /// The rest of the document (after `plaintext`).
    ToEnd,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let (html, start) = (self.html, self.at);
        if start >= html.len() {
            return None;
        }
        let end = match std::mem::replace(&mut self.raw, Raw::No) {
            Raw::No => start,
            Raw::Until(name) => find_end_tag(html, start, name),
            Raw::ToEnd => html.len(),
        };
        if end > start {
            self.at = end;
            return Some(Token::Verbatim(&html[start..end]));
        }
        let rest = &html[start..];
        if rest[0] != b'<' {
            return Some(self.text_to(next_markup(html, start + 1)));
        }
        let name_start = match rest.get(1) {
            Some(b'!') if rest.starts_with(b"<!--") => return Some(self.verbatim_to(start + comment_end(rest))),
            // A doctype, or a bogus comment: to the first `>`.
            Some(b'!' | b'?') => return Some(self.verbatim_to(gt_end(html, start + 2))),
            Some(b'/') => match rest.get(2) {
                Some(b) if b.is_ascii_alphabetic() => start + 2,
                Some(_) => return Some(self.verbatim_to(gt_end(html, start + 2))),
                None => return Some(self.text_to(html.len())),
            },
            Some(b) if b.is_ascii_alphabetic() => start + 1,
            // A `<` that opens no tag is text.
            _ => return Some(self.text_to(next_markup(html, start + 1))),
        };
        let end_tag = name_start == start + 2;
        let mut i = name_start;
        while i < html.len() && !(html[i].is_ascii_whitespace() || html[i] == b'/' || html[i] == b'>') {
            i += 1;
        }
        let name = &html[name_start..i];
        let Some(end) = tag_end(html, i) else {
            // The end of the document in a tag: a browser drops the tag.
            return Some(self.verbatim_to(html.len()));
        };
        self.at = end;
        let tag = Tag { raw: &html[start..end], name, end: end_tag };
        if !end_tag {
            self.raw = raw_content(name);
        }
        Some(Token::Tag(tag))
    }
}

impl<'a> Tokens<'a> {
    fn text_to(&mut self, end: usize) -> Token<'a> {
        let start = std::mem::replace(&mut self.at, end);
        Token::Text(&self.html[start..end])
    }

    fn verbatim_to(&mut self, end: usize) -> Token<'a> {
        let start = std::mem::replace(&mut self.at, end);
        Token::Verbatim(&self.html[start..end])
    }
}

/// What follows the start tag `name`: the raw text of an element that holds no tags, or
/// anything.
/// Whether the element `name` holds raw text (no tags) after its start tag.
pub fn holds_raw_text(name: &[u8]) -> bool {
    !matches!(raw_content(name), Raw::No)
}

fn raw_content(name: &[u8]) -> Raw<'_> {
    let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
    match name.len() {
        3 if is(b"xmp") => Raw::Until(name),
        5 if is(b"style") || is(b"title") => Raw::Until(name),
        6 if is(b"script") || is(b"iframe") => Raw::Until(name),
        7 if is(b"noembed") => Raw::Until(name),
        8 if is(b"noscript") || is(b"textarea") || is(b"noframes") => Raw::Until(name),
        9 if is(b"plaintext") => Raw::ToEnd,
        _ => Raw::No,
    }
}

/// The longest tag name [`lower`] reads (`blockquote`, `figcaption`).
const NAME_LEN: usize = 10;

/// `name` in lower case, in `buf`; empty if it is longer than any name it is compared with.
fn lower<'b>(name: &[u8], buf: &'b mut [u8; NAME_LEN]) -> &'b [u8] {
    if name.len() > NAME_LEN {
        return &[];
    }
    let lowered = &mut buf[..name.len()];
    lowered.copy_from_slice(name);
    lowered.make_ascii_lowercase();
    lowered
}

/// The next `<` from `from` (or the end).
fn next_markup(html: &[u8], from: usize) -> usize {
    memchr::memchr(b'<', &html[from.min(html.len())..]).map_or(html.len(), |p| from + p)
}

/// Past the first `>` from `from` (or the end).
fn gt_end(html: &[u8], from: usize) -> usize {
    memchr::memchr(b'>', &html[from.min(html.len())..]).map_or(html.len(), |p| from + p + 1)
}

/// The length of the comment `c` starts with (`<!--`): to the first `-->` or `--!>`, the
/// whole of `c` if none. `<!-->` and `<!--->` are empty comments.
fn comment_end(c: &[u8]) -> usize {
    if c.get(4) == Some(&b'>') {
        return 5;
    }
    if c.get(4..6) == Some(b"->") {
        return 6;
    }
    let mut from = 4;
    while let Some(p) = memchr::memchr(b'>', &c[from..]) {
        let gt = from + p;
        let inside = &c[4..gt];
        if inside.ends_with(b"--") || inside.ends_with(b"--!") {
            return gt + 1;
        }
        from = gt + 1;
    }
    c.len()
}

/// The end (past `>`) of a tag whose attributes start at `i`, skipping quoted values;
/// `None` if the document ends first. Reads the attributes as [`Attributes`] does.
fn tag_end(html: &[u8], mut i: usize) -> Option<usize> {
    let delimits = |b: u8| b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'=');
    loop {
        while html.get(i).is_some_and(|&b| b.is_ascii_whitespace() || b == b'/') {
            i += 1;
        }
        match html.get(i)? {
            b'>' => return Some(i + 1),
            _ => i += 1, // a name may start with `=` or a quote
        }
        while html.get(i).is_some_and(|&b| !delimits(b)) {
            i += 1;
        }
        while html.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if html.get(i) == Some(&b'=') {
            i += 1;
            while html.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match html.get(i)? {
                &q @ (b'"' | b'\'') => i += 2 + memchr::memchr(q, &html[i + 1..])?,
                _ => {
                    while html.get(i).is_some_and(|&b| !(b.is_ascii_whitespace() || b == b'>')) {
                        i += 1;
                    }
                }
            }
        }
    }
}

/// Where the end tag `</name` of a raw-text element starts, from `from`.
fn find_end_tag(html: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = memchr::memmem::find(&html[i..], b"</") {
        let at = i + p;
        let candidate = &html[at + 2..];
        if candidate.len() > name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name)
            && (candidate[name.len()].is_ascii_whitespace() || matches!(candidate[name.len()], b'>' | b'/'))
        {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

/// Whether white space next to this token never shows: the tags of elements that start
/// and end a line box (not one `hidden`, which shows nothing), `br`, and the doctype.
/// Tags of elements that show nothing (`script`, `noscript`, `template`…) are not: the
/// white space on both sides of one shows as a space.
fn is_block(token: Option<&Token>) -> bool {
    match token {
        Some(Token::Tag(tag)) => {
            let mut buf = [0u8; NAME_LEN];
            let block = matches!(
                lower(tag.name, &mut buf),
                b"address"
                    | b"article"
                    | b"aside"
                    | b"blockquote"
                    | b"body"
                    | b"br"
                    | b"caption"
                    | b"center"
                    | b"dd"
                    | b"details"
                    | b"div"
                    | b"dl"
                    | b"dt"
                    | b"fieldset"
                    | b"figcaption"
                    | b"figure"
                    | b"footer"
                    | b"form"
                    | b"h1"
                    | b"h2"
                    | b"h3"
                    | b"h4"
                    | b"h5"
                    | b"h6"
                    | b"head"
                    | b"header"
                    | b"hgroup"
                    | b"hr"
                    | b"html"
                    | b"legend"
                    | b"li"
                    | b"listing"
                    | b"main"
                    | b"menu"
                    | b"nav"
                    | b"ol"
                    | b"p"
                    | b"plaintext"
                    | b"pre"
                    | b"search"
                    | b"section"
                    | b"summary"
                    | b"table"
                    | b"tbody"
                    | b"td"
                    | b"tfoot"
                    | b"th"
                    | b"thead"
                    | b"tr"
                    | b"ul"
                    | b"xmp"
            );
            block && (tag.end || !tag.has("hidden"))
        }
        Some(Token::Verbatim(v)) => v.len() >= 9 && v[..9].eq_ignore_ascii_case(b"<!doctype"),
        Some(Token::Text(_)) => false,
        None => true, // the start and end of the document
    }
}

/// Whether a start tag with this name leaves a browser in the head.
fn in_head(name: &[u8]) -> bool {
    let mut buf = [0u8; NAME_LEN];
    matches!(
        lower(name, &mut buf),
        b"base" | b"basefont" | b"bgsound" | b"head" | b"html" | b"link" | b"meta" | b"noframes" | b"noscript" | b"script" | b"style" | b"template" | b"title"
    )
}

/// Removes the white space a browser would not show: the indentation and blank lines
/// the templates leave. White space in the head is dropped, and so is a run of white space
/// next to the tag of a block element (but of the runs on both sides of one tag between
/// words, one stays: the tag may close nothing); any other run becomes one character (a
/// newline if it held one, else a space). Text inside `pre` and `listing`, raw text (that
/// of `textarea`, `xmp` and `plaintext` too), comments and the doctype are kept exactly.
/// `on_tag` sees every tag on the way, so a caller can read the page in the same pass.
pub fn compact(html: &[u8], mut on_tag: impl FnMut(&Tag)) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut tokens = tokens(html).peekable();
    // How many `pre` and `listing` elements are open; whether in `<head>`.
    let (mut in_pre, mut head) = (0usize, false);
    // The previous token and whether it is a block's tag (see `is_block`; worked out
    // once: when a text peeks at the token after it).
    let mut previous: Option<Token> = None;
    let (mut previous_block, mut next_block) = (Some(true), None);
    // Whether the last text dropped white space after a word before a block tag, and
    // that tag is the previous token.
    let mut dropped_after_word = false;
    while let Some(token) = tokens.next() {
        let this_block = next_block.take();
        let mut dropped = false;
        match token {
            Token::Tag(tag) => {
                if tag.is("pre") || tag.is("listing") {
                    in_pre = if tag.end { in_pre.saturating_sub(1) } else { in_pre + 1 };
                }
                if tag.is("head") {
                    head = !tag.end;
                } else if head && !tag.end && !in_head(tag.name) {
                    head = false;
                }
                on_tag(&tag);
                out.extend_from_slice(tag.raw);
                // Kept for the text after this tag.
                dropped = dropped_after_word && !tag.is("br");
            }
            Token::Verbatim(v) => out.extend_from_slice(v),
            Token::Text(text) if in_pre > 0 => out.extend_from_slice(text),
            Token::Text(text) if head && text.iter().all(u8::is_ascii_whitespace) => {}
            Token::Text(text) => {
                head = false;
                let after_block = previous_block.unwrap_or_else(|| is_block(previous.as_ref()));
                let trim_start = after_block && !(dropped_after_word && text.iter().any(|b| !b.is_ascii_whitespace()));
                let before_block = is_block(tokens.peek());
                next_block = Some(before_block);
                dropped = collapse(text, trim_start, before_block, &mut out);
            }
        }
        (previous, previous_block) = (Some(token), this_block);
        dropped_after_word = dropped;
    }
    out
}

/// Copies `text`, each run of white space collapsed to one character, and dropped at the
/// start (`trim_start`) or end (`trim_end`). Whether it dropped a run at the end after
/// other characters.
fn collapse(text: &[u8], trim_start: bool, trim_end: bool, out: &mut Vec<u8>) -> bool {
    let mut dropped_after_word = false;
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
            out.push(if run.contains(&b'\n') {
                b'\n'
            } else if run.len() == 1 {
                run[0]
            } else {
                b' '
            });
        }
        dropped_after_word = dropped && i > 0;
        i = end;
    }
    dropped_after_word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compacted(html: &str) -> String {
        String::from_utf8(compact(html.as_bytes(), |_| {})).unwrap()
    }

    #[test]
    fn white_space_next_to_blocks_goes_and_other_runs_become_one_character() {
        assert_eq!(
            compacted("<!DOCTYPE html>\n<html>\n  <head>\n    <title> A  title </title>\n</head>"),
            "<!DOCTYPE html><html><head><title> A  title </title></head>"
        );
        assert_eq!(compacted("<ul>\n  <li><a href=x>One</a>\n     <a>two</a></li>\n</ul>"), "<ul><li><a href=x>One</a>\n<a>two</a></li></ul>");
        assert_eq!(compacted("<p>\n  Some   text\n  with <em>emphasis</em> here.\n</p>\n\n"), "<p>Some text\nwith <em>emphasis</em> here.</p>");
    }

    #[test]
    fn pre_raw_text_and_comments_are_kept_exactly() {
        let html = "<pre>\n  a\n\n  b\n</pre>\n<script>\n if (a < b) {}\n</script>\n<!-- a   comment -->\n<textarea>\n x </textarea>";
        // A `script` outside the head shows nothing, so the white space after it may show.
        assert_eq!(compacted(html), "<pre>\n  a\n\n  b\n</pre><script>\n if (a < b) {}\n</script>\n<!-- a   comment -->\n<textarea>\n x </textarea>");
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
    fn comments_and_bogus_comments_end_where_a_browser_ends_them() {
        let verbatim = |html: &str| -> Vec<String> {
            tokens(html.as_bytes())
                .filter_map(|t| match t {
                    Token::Verbatim(v) => Some(String::from_utf8_lossy(v).into_owned()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(verbatim("<!-->a<!--->b<!---->c<!-- x --!>d<!-- y --"), ["<!-->", "<!--->", "<!---->", "<!-- x --!>", "<!-- y --"]);
        assert_eq!(verbatim("<!doctype html><![CDATA[x]]><?pi?></ x><!x>"), ["<!doctype html>", "<![CDATA[x]]>", "<?pi?>", "</ x>", "<!x>"]);
        assert_eq!(verbatim("<xmp><b></xmp><plaintext></plaintext><p>"), ["<b>", "</plaintext><p>"]);
        assert_eq!(verbatim("<a href=\"x>"), ["<a href=\"x>"], "a tag cut off by the end is no tag");
    }

    #[test]
    fn a_repeated_attribute_is_read_once() {
        let Some(Token::Tag(tag)) = tokens(b"<a id=a href=x ID=b data-i=1 href=y>").next() else { panic!("a tag") };
        let names: Vec<&[u8]> = tag.attributes().map(|(n, _)| n).collect();
        assert_eq!(names, [&b"id"[..], b"href", b"data-i"]);
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
