//! Raw HTML in the Markdown: one allow-list, the sanitizer made from it, and the list of
//! what that sanitizer removes, so that the build can say so.
//!
//! A body (or a site intro) that carries markup of its author's — raw HTML, or attributes
//! on a heading (`## Title {key=value}`) — is rendered as usual and then cleaned by
//! ammonia with [`clean`]; a body without any is left alone (the usual case, and a hot
//! path). [`removed`] reads a piece of raw HTML with this crate's own tokenizer
//! ([`crate::html`]) and tells, from the same constants the sanitizer is made from, what
//! of it will not reach the page: the warnings name its file and line.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::html::{self, Token};

/// The elements kept: the ones the Markdown renderer writes (paragraphs with their anchors,
/// headings, lists, tables, code, quotes, images, footnotes), and harmless inline and block
/// elements an author may paste.
pub const TAGS: &[&str] = &[
    "p",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "hr",
    "br",
    "sup",
    "div", // rendered Markdown
    "b",
    "i",
    "sub",
    "abbr",
    "mark",
    "small",
    "s",
    "u",
    "ins",
    "q",
    "cite",
    "dfn",
    "kbd",
    "var",
    "samp",
    "span",
    "dl",
    "dt",
    "dd",
    "caption",
    "figure",
    "figcaption", // pasted by an author
];

/// Attributes kept on any element of [`TAGS`].
pub const GENERIC_ATTRIBUTES: &[&str] = &["lang", "title"];

/// Attributes kept on one element: what the renderer writes (paragraph and heading anchors,
/// the paragraph-number link, footnotes, image sizes, a table's scrolling box and column
/// classes, a code block's language), and table cell spans.
pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("p", &["id", "class"]),
    ("a", &["href", "id", "class", "aria-label"]),
    ("h1", &["id", "class"]),
    ("h2", &["id", "class"]),
    ("h3", &["id", "class"]),
    ("h4", &["id", "class"]),
    ("h5", &["id", "class"]),
    ("h6", &["id", "class"]),
    ("code", &["class"]),
    ("ol", &["start", "aria-label"]),
    ("li", &["id"]),
    ("img", &["src", "alt", "width", "height", "loading", "decoding"]),
    ("sup", &["id", "class"]),
    ("div", &["id", "class", "role", "tabindex", "aria-label"]),
    ("th", &["colspan", "rowspan", "scope", "class"]),
    ("td", &["colspan", "rowspan", "class"]),
];

/// The schemes a link or image address may have; relative addresses are kept as written.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Elements removed with everything inside them.
pub const CLEAN_CONTENT_TAGS: &[&str] = &["script", "style"];

/// The one sanitizer, made once from the constants above.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(TAG_ATTRIBUTES.iter().map(|&(tag, attributes)| (tag, attributes.iter().copied().collect())).collect::<HashMap<_, HashSet<_>>>())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .clean_content_tags(CLEAN_CONTENT_TAGS.iter().copied().collect())
        .strip_comments(true);
    builder
});

/// `html` with everything outside the allow-list removed.
pub fn clean(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// What [`clean`] removes of the raw HTML `raw`: for each start tag (or doctype) that loses
/// something, its byte offset in `raw` and what is lost. Comments go without a word.
pub fn removed(raw: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut raw_text = false; // after the start tag of a raw-text element: no markup
    for token in html::tokens(raw.as_bytes()) {
        let offset = |piece: &[u8]| piece.as_ptr() as usize - raw.as_ptr() as usize;
        let inside_raw_text = std::mem::take(&mut raw_text);
        match token {
            Token::Tag(tag) if !tag.end => {
                let name = String::from_utf8_lossy(tag.name).to_ascii_lowercase();
                raw_text = html::holds_raw_text(tag.name);
                let shown = shown(tag.raw);
                if CLEAN_CONTENT_TAGS.contains(&name.as_str()) {
                    found.push((offset(tag.raw), format!("raw HTML {shown} removed with its content: the <{name}> tag is not allowed")));
                } else if !TAGS.contains(&name.as_str()) {
                    found.push((offset(tag.raw), format!("raw HTML {shown} removed: the <{name}> tag is not allowed")));
                } else {
                    let problems: Vec<String> = tag
                        .attributes()
                        .filter_map(|(attribute, value)| {
                            attribute_problem(&name, &String::from_utf8_lossy(attribute).to_ascii_lowercase(), &html::decode(value))
                        })
                        .collect();
                    if !problems.is_empty() {
                        found.push((offset(tag.raw), format!("raw HTML {shown}: {}", problems.join("; "))));
                    }
                }
            }
            Token::Verbatim(v) if !inside_raw_text && (v.starts_with(b"<!") || v.starts_with(b"<?")) && !v.starts_with(b"<!--") => {
                found.push((offset(v), format!("raw HTML {} removed: it is not an element", shown(v))));
            }
            _ => {}
        }
    }
    found
}

/// Whether the tag `raw` opens (`Some(true)`) or closes (`Some(false)`) an element that is
/// removed with its content, such as `<script>`.
pub fn removed_with_content(raw: &str) -> Option<bool> {
    match html::tokens(raw.as_bytes()).next()? {
        Token::Tag(tag) if CLEAN_CONTENT_TAGS.iter().any(|name| tag.is(name)) => Some(!tag.end),
        _ => None,
    }
}

/// Why attribute `name="value"` of an allowed element `tag` is removed, if it is
/// (`name` in lower case).
pub fn attribute_problem(tag: &str, name: &str, value: &str) -> Option<String> {
    let allowed = GENERIC_ATTRIBUTES.contains(&name) || TAG_ATTRIBUTES.iter().any(|(t, names)| *t == tag && names.contains(&name));
    if !allowed {
        return Some(format!("attribute {name} removed: not allowed on <{tag}>"));
    }
    if matches!(name, "href" | "src") {
        return url_problem(value).map(|why| format!("attribute {name} removed: {why}"));
    }
    None
}

/// Why the address `url` of a link or image is removed, if it is: as ammonia decides, an
/// address that parses with a scheme must have an allowed one (`javascript:`, `data:`
/// and `vbscript:` do not), a relative one is kept, anything else goes.
pub fn url_problem(url: &str) -> Option<String> {
    let scheme_ok = match ammonia::Url::parse(url) {
        Ok(url) => URL_SCHEMES.contains(&url.scheme()),
        Err(e) => e == ammonia::url::ParseError::RelativeUrlWithoutBase,
    };
    (!scheme_ok).then(|| format!("an address must be relative or start with {}:", URL_SCHEMES.join(":, ")))
}

/// A tag as written, on one line and cut to a readable length.
pub fn shown(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sanitizer_keeps_the_allow_list_and_removes_the_rest() {
        let kept = r##"<p id="p6-1" class="para"><a class="pnum" href="#p6-1" aria-label="Paragraph 6.1">6.1</a> H<sub>2</sub>O<sup>3</sup> <abbr title="Hong Kong">HK</abbr> <mark>m</mark><br><span lang="en">s</span> <a href="../x/#p1-2">r</a> <a href="mailto:a@b.hk">m</a></p>"##;
        assert_eq!(clean(kept), kept);
        let out = clean(
            r#"<meta http-equiv="refresh" content="0;url=https://evil.example"><script>alert(1)</script><style>p{}</style><img src=x onerror=alert(1)><span style="color:red" onclick="x()">x</span><iframe src="https://evil.example"></iframe><form action="/"><input name=q><button>go</button></form><a href="javascript:alert(1)">j</a><!-- c --><th style="text-align: center">"#,
        );
        assert_eq!(out, r#"<img src="x"><span>x</span>go<a>j</a>"#);
    }

    #[test]
    fn what_is_removed_is_found_from_the_same_allow_list() {
        let raw = "<div class=box>\n<meta http-equiv=refresh content=0>\n<script>document.write('<b onclick=x>')</script>\n<!-- a comment -->\n<SPAN STYLE=\"color:red\" lang=en>x</SPAN><a href=' JavaScript:x' title=t>j</a><abbr title=T>A</abbr><img src=data:x>\n</div>";
        let found: Vec<(usize, String)> = removed(raw);
        let lines: Vec<usize> = found.iter().map(|(at, _)| raw[..*at].matches('\n').count() + 1).collect();
        let what: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(lines, [2, 3, 5, 5, 5], "{what:?}");
        assert_eq!(what[0], "raw HTML <meta http-equiv=refresh content=0> removed: the <meta> tag is not allowed");
        assert_eq!(what[1], "raw HTML <script> removed with its content: the <script> tag is not allowed");
        assert_eq!(what[2], "raw HTML <SPAN STYLE=\"color:red\" lang=en>: attribute style removed: not allowed on <span>");
        assert_eq!(
            what[3],
            "raw HTML <a href=' JavaScript:x' title=t>: attribute href removed: an address must be relative or start with http:, https:, mailto:, tel:"
        );
        assert!(what[4].starts_with("raw HTML <img src=data:x>: attribute src removed"), "{}", what[4]);
        // Each finding is really removed, and nothing else is.
        let out = clean(raw);
        for gone in ["<meta", "<script", "write(", "style=", "javascript", "data:", "comment"] {
            assert!(!out.to_ascii_lowercase().contains(gone), "{gone} in {out}");
        }
        for kept in ["<div class=\"box\">", "<span lang=\"en\">x</span>", "<a title=\"t\">j</a>", "<abbr title=\"T\">A</abbr>", "<img>"] {
            assert!(out.contains(kept), "{kept} not in {out}");
        }
    }
}
