//! Model: the publisher's identity from the site-wide settings — its logo (checked and
//! measured), its website, and its colour with the tint dark mode uses, both proven
//! readable on the theme's backgrounds.
//!
//! Colours are compared by WCAG 2 contrast ratio: text and the buttons' labels need at
//! least 4.5:1 (level AA). A colour too light for the light pages is refused at its line,
//! with a darker one that would do; the dark-mode tint is derived, never written.

use std::path::Path;

use crate::domain::{Colours, Identity, Localized, Logo, Submission};
use crate::error::{Error, Result};
use crate::load::config::SiteConfig;
use crate::load::project::display_path;
use crate::load::theme::content_hash;

/// The default theme's backgrounds accent text sits on, light and dark (`--bg`, `--panel`),
/// and the text on an accent background (`--accent-fg`) in each mode.
const LIGHT_BACKGROUNDS: [Rgb; 2] = [Rgb(0xff, 0xff, 0xff), Rgb(0xf5, 0xf3, 0xef)];
const DARK_BACKGROUNDS: [Rgb; 2] = [Rgb(0x16, 0x16, 0x18), Rgb(0x22, 0x22, 0x26)];
/// WCAG 2 level AA for text.
const MIN_CONTRAST: f64 = 4.5;
/// The dark-mode tint aims higher: a pale tint reads as the same colour, and body links
/// on a dark page are easier to read with more contrast.
const DARK_CONTRAST: f64 = 7.0;

/// The identity the settings describe (`authored`: the authored languages, in order),
/// reading the logo's file.
pub fn build(root: &Path, submission: &Submission, config: &SiteConfig, authored: &[&str], publisher: &Localized) -> Result<Identity> {
    let file = display_path(root, &submission.site_settings);
    let logo = match &config.logo {
        None => None,
        Some(setting) => {
            let line = setting.referenced.line();
            let value = &setting.value;
            for key in value.alt.keys() {
                if !authored.contains(&key.as_str()) {
                    return Err(Error::at_line(
                        &file,
                        line,
                        format!("logo.alt has text for `{key}`, which is not an authored language ({})", authored.join(", ")),
                    ));
                }
            }
            if let Some(missing) = authored.iter().find(|l| value.alt.get(**l).is_none_or(|t| t.trim().is_empty())) {
                return Err(Error::at_line(
                    &file,
                    line,
                    format!("logo.alt has no text for `{missing}`: say in words what the logo shows (usually the publisher's name)"),
                ));
            }
            let (_, bytes) = crate::load::project::read_named(root, "content", &submission.site_settings, "logo", &value.file, line)?;
            let (width, height, ext) =
                crate::model::images::measure(&value.file, &bytes).map_err(|why| Error::at_line(&file, line, format!("logo `{}`: {why}", value.file)))?;
            let output = format!("assets/logo.{:08x}.{ext}", content_hash(&bytes) as u32);
            Some(Logo { output, width, height, bytes, alt: value.alt.clone() })
        }
    };
    let publisher_url = match &config.publisher_url {
        None => None,
        Some(url) => Some(check_url(&url.value).map_err(|why| Error::at_line(&file, url.referenced.line(), format!("publisher_url `{}`: {why}", url.value)))?),
    };
    let colours = match &config.colour {
        None => None,
        Some(colour) => {
            Some(colours(&colour.value).map_err(|why| Error::at_line(&file, colour.referenced.line(), format!("colour `{}`: {why}", colour.value)))?)
        }
    };
    let first = authored.first().and_then(|l| publisher.get(*l)).map_or("", String::as_str);
    Ok(Identity { logo, publisher_url, colours, mark: mark(first) })
}

/// An absolute `http(s)://` address with a host.
fn check_url(text: &str) -> std::result::Result<String, String> {
    let text = text.trim();
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")).ok_or("must be an absolute http:// or https:// address")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || text.contains(char::is_whitespace) || text.contains(['"', '<', '>']) {
        return Err("is not a web address (no host name, or a space or quote in it)".into());
    }
    Ok(text.to_string())
}

/// What the favicon shows: the first character of a CJK name (`香`), else the initials of
/// its capitalised words, at most three (`The Chinese Manufacturers' Association` → `CMA`).
fn mark(publisher: &str) -> String {
    let first = publisher.chars().find(|c| c.is_alphanumeric());
    match first {
        Some(c) if !c.is_ascii() && !c.is_uppercase() && !c.is_lowercase() => c.to_string(),
        Some(c) => {
            let initials: String = publisher
                .split_whitespace()
                .filter(|w| !matches!(*w, "The" | "the"))
                .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                .take(3)
                .collect();
            if initials.is_empty() {
                c.to_uppercase().collect()
            } else {
                initials
            }
        }
        None => String::new(),
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    /// `#rrggbb` or `#rgb`.
    fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance.
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// This colour moved a fraction `t` (0 to 1) of the way to `other`.
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// The WCAG 2 contrast ratio of two colours (1 to 21).
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (a.luminance(), b.luminance());
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The lowest contrast of `colour` against each of `backgrounds`.
fn worst(colour: Rgb, backgrounds: &[Rgb]) -> f64 {
    backgrounds.iter().map(|&b| contrast(colour, b)).fold(f64::INFINITY, f64::min)
}

/// The accent colours for the publisher's colour `text`: itself on the light pages (it
/// must be dark enough), and for dark mode the first tint of it, in steps of 5 % towards
/// white from half-way, that reaches [`DARK_CONTRAST`] on the dark backgrounds.
fn colours(text: &str) -> std::result::Result<Colours, String> {
    let colour = Rgb::parse(text).ok_or("write the colour as `\"#rrggbb\"` (in quotes: YAML reads # as a comment), e.g. \"#8f1d21\"")?;
    let ratio = worst(colour, &LIGHT_BACKGROUNDS);
    if ratio < MIN_CONTRAST {
        let black = Rgb(0, 0, 0);
        let darker = (1..=20).map(|k| colour.mix(black, f64::from(k) * 0.05)).find(|c| worst(*c, &LIGHT_BACKGROUNDS) >= MIN_CONTRAST).unwrap_or(black);
        return Err(format!(
            "is too light for links and buttons: its contrast with the page's light backgrounds is {ratio:.2}:1, and text needs at least {MIN_CONTRAST}:1 (WCAG 2 AA); a darker shade such as \"{}\" would do",
            darker.hex()
        ));
    }
    let white = Rgb(0xff, 0xff, 0xff);
    let dark = (10..=20).map(|k| colour.mix(white, f64::from(k) * 0.05)).find(|c| worst(*c, &DARK_BACKGROUNDS) >= DARK_CONTRAST).unwrap_or(white);
    Ok(Colours { light: colour.hex(), dark: dark.hex() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(0xff, 0xff, 0xff)) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast(Rgb::parse("#767676").unwrap(), Rgb(0xff, 0xff, 0xff)) - 4.54).abs() < 0.01);
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("8f1d21"), None);
        assert_eq!(Rgb::parse("#8f1d2"), None);
    }

    #[test]
    fn a_dark_colour_gets_a_readable_tint_for_dark_mode_and_a_light_one_is_refused_with_a_darker_shade() {
        let c = colours("#8F1D21").unwrap();
        assert_eq!(c.light, "#8f1d21");
        let dark = Rgb::parse(&c.dark).unwrap();
        assert!(worst(dark, &DARK_BACKGROUNDS) >= DARK_CONTRAST, "{}", c.dark);
        assert!(worst(Rgb::parse(&c.light).unwrap(), &LIGHT_BACKGROUNDS) >= MIN_CONTRAST);
        let why = colours("#ffcc00").unwrap_err();
        assert!(why.contains("too light") && why.contains(":1"), "{why}");
        let suggested = why.split('"').nth(1).unwrap();
        assert!(worst(Rgb::parse(suggested).unwrap(), &LIGHT_BACKGROUNDS) >= MIN_CONTRAST, "{suggested}");
        assert!(colours("red").unwrap_err().contains("#rrggbb"));
    }

    #[test]
    fn the_favicon_shows_a_chinese_name_s_first_character_or_the_initials() {
        assert_eq!(mark("香港中華廠商聯合會"), "香");
        assert_eq!(mark("The Chinese Manufacturers’ Association of Hong Kong"), "CMA");
        assert_eq!(mark("acme"), "A");
    }
}
