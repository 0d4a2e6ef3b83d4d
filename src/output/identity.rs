//! Output: the files the publisher's colour makes — a small stylesheet that sets the
//! theme's accent colours (light and dark mode) after the theme's own, and an SVG favicon
//! of the publisher's mark on that colour. Files, not inline styles: the pages'
//! Content-Security-Policy allows no inline style.

use crate::domain::{Colours, Identity};
use crate::load::theme::content_hash;

/// A generated file: its path in the output (named by a hash of its contents) and its text.
pub struct Generated {
    pub path: String,
    pub text: String,
}

/// The stylesheet and favicon of `identity`, when it has a colour.
pub fn files(identity: &Identity) -> Option<(Generated, Generated)> {
    let colours = identity.colours.as_ref()?;
    Some((named("identity", "css", stylesheet(colours)), named("favicon", "svg", favicon(colours, &identity.mark))))
}

fn named(stem: &str, ext: &str, text: String) -> Generated {
    Generated { path: format!("assets/{stem}.{:08x}.{ext}", content_hash(text.as_bytes()) as u32), text }
}

/// The theme's accent custom properties for `colours` (white on the colour in light mode,
/// the dark background's colour on the tint in dark mode).
fn stylesheet(colours: &Colours) -> String {
    format!(
        "/* The publisher's colour (content/site.yaml `colour`), made by microsite. */\n:root {{ --accent: {}; --accent-fg: #ffffff; }}\n@media (prefers-color-scheme: dark) {{\n  :root {{ --accent: {}; --accent-fg: #161618; }}\n}}\n",
        colours.light, colours.dark
    )
}

/// A rounded square of the colour with `mark` (one CJK character, or up to three
/// initials) in white.
fn favicon(colours: &Colours, mark: &str) -> String {
    let escaped = mark.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let size = match mark.chars().count() {
        0 | 1 => 22,
        2 => 16,
        _ => 12,
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"{}\"/><text x=\"16\" y=\"16\" dy=\"0.35em\" text-anchor=\"middle\" font-family=\"system-ui, sans-serif\" font-weight=\"700\" font-size=\"{size}\" fill=\"#ffffff\">{escaped}</text></svg>\n",
        colours.light
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_colour_makes_a_stylesheet_and_a_favicon_named_by_their_contents() {
        let identity = Identity { colours: Some(Colours { light: "#123456".into(), dark: "#a1b2c3".into() }), mark: "A&B".into(), ..Identity::default() };
        let (css, icon) = files(&identity).unwrap();
        assert!(css.path.starts_with("assets/identity.") && css.path.ends_with(".css"), "{}", css.path);
        assert!(css.text.contains("--accent: #123456") && css.text.contains("--accent: #a1b2c3"));
        assert!(icon.text.contains("fill=\"#123456\"") && icon.text.contains(">A&amp;B</text>"), "{}", icon.text);
        assert!(files(&Identity::default()).is_none());
    }
}
