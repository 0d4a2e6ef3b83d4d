//! Model: the images the proposals show — found, checked and measured once for the site,
//! each given one address in the output.
//!
//! A body names a picture by its path from the Markdown file (`../images/chart.png`, the
//! path any Markdown editor previews), or else from the edition's folder
//! (`images/chart.png`). It must be a PNG, JPEG, GIF, WebP or SVG file under `content/`:
//! a picture from another site would be blocked by the site's Content-Security-Policy. A
//! missing or unreadable image is an error at its line. Each image is copied once, to
//! `assets/img/NAME.HASH.EXT` (its content's hash: the host may cache it for ever, and the
//! same picture used twice is one file), with its width and height for the pages.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use crate::domain::{Image, Proposal, Submission};
use crate::error::{Error, Result};
use crate::load::project::{display_path, read};
use crate::load::theme::content_hash;

/// Finds, checks and measures every image the authored `proposals` show, recording in each
/// text which image each address names; the images, each once.
pub fn resolve(root: &Path, submission: &Submission, proposals: &mut [Proposal]) -> Result<Vec<Image>> {
    let mut images: Vec<Image> = Vec::new();
    let mut by_file: BTreeMap<String, usize> = BTreeMap::new();
    for proposal in proposals.iter_mut() {
        for text in proposal.texts.values_mut() {
            let file = text.body.path().to_path_buf();
            let rel_file = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
            let dir = rel_file.parent().map(Path::to_path_buf).unwrap_or_default();
            for image in &text.survey.images {
                if text.images.contains_key(&image.dest) {
                    continue;
                }
                let at = |msg: String| Error::at_line(&file, text.body_line + image.line - 1, format!("image `{}`: {msg}", image.dest));
                let rel = find(root, submission, &dir, &image.dest).map_err(at)?;
                let index = match by_file.get(&rel) {
                    Some(&i) => i,
                    None => {
                        let bytes = read(root, &rel)?;
                        let (width, height, ext) = measure(&rel, &bytes).map_err(at)?;
                        let output = format!("assets/img/{}.{:08x}.{ext}", stem(&rel), content_hash(&bytes) as u32);
                        images.push(Image { source: display_path(root, &rel), output, width, height, bytes });
                        by_file.insert(rel, images.len() - 1);
                        images.len() - 1
                    }
                };
                text.images.insert(image.dest.clone(), index);
            }
        }
    }
    Ok(images)
}

/// The image `dest` (as written in a body in folder `dir`) as a path from the project root:
/// from the Markdown file's folder, else from the submission's.
fn find(root: &Path, submission: &Submission, dir: &Path, dest: &str) -> std::result::Result<String, String> {
    let has_scheme =
        dest.split_once(':').is_some_and(|(scheme, _)| !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)));
    if has_scheme || dest.starts_with("//") {
        return Err("a picture must be a file of the project, named by its path from the Markdown file (e.g. ../images/chart.png): \
                    the site's Content-Security-Policy blocks pictures from other sites"
            .into());
    }
    if dest.starts_with('/') || dest.contains(['?', '#']) {
        return Err("name the picture by its path from the Markdown file (e.g. ../images/chart.png), without `/` at the start, `?` or `#`".into());
    }
    let path = percent_decoded(dest);
    let tries: Vec<Option<String>> = vec![normalized(&dir.join(&path)), normalized(&Path::new(&submission.dir).join(&path))];
    for rel in tries.iter().flatten() {
        if root.join(rel).is_file() {
            return Ok(rel.clone());
        }
    }
    let looked: Vec<String> = tries.iter().flatten().map(|rel| display_path(root, rel).display().to_string()).collect();
    Err(match looked.as_slice() {
        [] => "leads out of content/; keep pictures under content/ (e.g. content/images/)".into(),
        [one] => format!("no such file: looked for {one}"),
        [first, rest @ ..] => format!("no such file: looked for {first} (from the Markdown file's folder) and {}", rest.join(", ")),
    })
}

/// `path` with `.` and `..` worked out, if it stays inside `content/`.
fn normalized(path: &Path) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (parts.len() > 1 && parts[0] == "content").then(|| parts.join("/"))
}

/// `%20` and the like decoded (a Markdown address may be written URL-encoded).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The raster type a file's name says (`.png`, `.jpg`/`.jpeg`, `.gif`, `.webp`) and its
/// extension in the output: what its contents must start as.
pub(crate) fn raster_type(name: &str) -> Option<(imagesize::ImageType, &'static str)> {
    match name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).as_deref() {
        Some("png") => Some((imagesize::ImageType::Png, "png")),
        Some("jpg" | "jpeg") => Some((imagesize::ImageType::Jpeg, "jpg")),
        Some("gif") => Some((imagesize::ImageType::Gif, "gif")),
        Some("webp") => Some((imagesize::ImageType::Webp, "webp")),
        _ => None,
    }
}

/// An image's width and height in pixels and its extension in the output, if it is a
/// picture of the type its name says.
pub(crate) fn measure(rel: &str, bytes: &[u8]) -> std::result::Result<(u32, u32, &'static str), String> {
    let (expected, ext) = match raster_type(rel) {
        Some(found) => found,
        None if rel.to_ascii_lowercase().ends_with(".svg") => return svg_size(bytes).map(|(w, h)| (w, h, "svg")),
        None => return Err("a picture must be a .png, .jpg, .gif, .webp or .svg file".into()),
    };
    match imagesize::image_type(bytes) {
        Ok(found) if found == expected => {}
        _ => {
            return Err(format!("the file is not the {} image its name says (its contents do not start as one); export the picture again", ext.to_uppercase()))
        }
    }
    let size = imagesize::blob_size(bytes).map_err(|e| format!("cannot read the picture's size ({e}); export the picture again"))?;
    match (u32::try_from(size.width), u32::try_from(size.height)) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 => Ok((w, h, ext)),
        _ => Err("the picture has no size; export it again".into()),
    }
}

/// An SVG picture's size, from its `width` and `height` (in pixels) or its `viewBox`. An
/// SVG with a script or an event handler is refused: opened on its own, it would run.
fn svg_size(bytes: &[u8]) -> std::result::Result<(u32, u32), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG file is not UTF-8 text".to_string())?;
    let lower = text.to_ascii_lowercase();
    let handler = lower.match_indices(" on").any(|(at, _)| {
        lower[at + 3..].split_once('=').is_some_and(|(name, _)| !name.is_empty() && name.len() < 24 && name.bytes().all(|b| b.is_ascii_alphabetic()))
    });
    if lower.contains("<script") || lower.contains("javascript:") || handler || lower.contains("<foreignobject") {
        return Err("the SVG has a script, an event handler or embedded HTML; export it as a plain drawing".into());
    }
    let start = lower.find("<svg").ok_or("the file is not an SVG picture (no <svg element)")?;
    let tag = &text[start..start + text[start..].find('>').ok_or("the SVG's <svg> tag is not closed")?];
    let attribute = |name: &str| {
        let at = tag.match_indices(name).find(|(i, _)| tag[..*i].ends_with(char::is_whitespace) && tag[i + name.len()..].trim_start().starts_with('='))?.0;
        let rest = tag[at + name.len()..].trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        rest[1..].split(quote).next().map(str::to_string)
    };
    let pixels = |value: Option<String>| value.and_then(|v| v.trim().trim_end_matches("px").trim().parse::<f64>().ok()).filter(|v| *v > 0.0);
    if let (Some(w), Some(h)) = (pixels(attribute("width")), pixels(attribute("height"))) {
        return Ok((w.round() as u32, h.round() as u32));
    }
    let view: Vec<f64> = attribute("viewBox").unwrap_or_default().split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|n| n.parse().ok()).collect();
    match view.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Ok((w.round() as u32, h.round() as u32)),
        _ => Err("the SVG has no size: give its <svg> a width and height in pixels, or a viewBox".into()),
    }
}

/// The file's name, plain ASCII for an address (`產值 2023.png` → `2023`).
fn stem(rel: &str) -> String {
    let name = Path::new(rel).file_stem().map_or(String::new(), |s| s.to_string_lossy().to_ascii_lowercase());
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    match out.trim_matches('-') {
        "" => "image".into(),
        stem => stem.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_worked_out_inside_content_only() {
        assert_eq!(normalized(Path::new("content/2030-31/proposals/../images/a.png")).as_deref(), Some("content/2030-31/images/a.png"));
        assert_eq!(normalized(Path::new("content/proposals/./a.png")).as_deref(), Some("content/proposals/a.png"));
        assert_eq!(normalized(Path::new("content/../themes/x.png")), None);
        assert_eq!(normalized(Path::new("content/../../etc/passwd")), None);
        assert_eq!(percent_decoded("my%20chart%E5%9C%96.png"), "my chart圖.png");
    }

    #[test]
    fn an_svg_is_measured_from_its_size_or_view_box_and_refused_with_a_script() {
        assert_eq!(svg_size(br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="640" height="360px"></svg>"#), Ok((640, 360)));
        assert_eq!(svg_size(br#"<svg viewBox="0 0 800 450" xmlns="http://www.w3.org/2000/svg"><rect stroke-width="2"/></svg>"#), Ok((800, 450)));
        assert!(svg_size(br#"<svg width="100%" height="100%"></svg>"#).is_err());
        assert!(svg_size(br#"<svg viewBox="0 0 8 4"><script>alert(1)</script></svg>"#).unwrap_err().contains("script"));
        assert!(svg_size(br#"<svg viewBox="0 0 8 4" onload="alert(1)"></svg>"#).is_err());
    }

    #[test]
    fn names_in_the_output_are_plain_ascii() {
        assert_eq!(stem("content/images/Output Chart (2023).PNG"), "output-chart-2023");
        assert_eq!(stem("content/images/產值.png"), "image");
    }
}
