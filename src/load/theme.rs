//! Load: the theme in `themes/NAME/` — Tera templates, the UI strings
//! of each language, and the static files copied to the output as they are.
//!
//! Layout: `templates/*.html`, `strings/LANG.yaml` (one flat map of UI strings per authored
//! language; generated languages get theirs converted), `static/**` (copied under `assets/`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::error::{Error, Result};
use crate::load::config::{parse_yaml, read_text};
use crate::load::project::display_path;

/// UI strings of one language: key → text.
pub type Strings = BTreeMap<String, String>;

pub struct Theme {
    pub tera: Tera,
    /// The theme folder as named in messages.
    pub dir: PathBuf,
    /// UI strings by language code.
    pub strings: BTreeMap<String, Strings>,
    /// Static files: (path under `static/`, path in the output, contents).
    pub static_files: Vec<StaticFile>,
}

/// A file of the theme's `static/` folder and where it is published.
pub struct StaticFile {
    /// Its name under `static/`: `style.css`.
    pub name: String,
    /// Its path in the output. Stylesheets and scripts carry a hash of their contents
    /// (`assets/style.1f2e3d4c.css`), so hosts may cache them for ever and a new version
    /// is never served stale.
    pub output: String,
    pub bytes: Vec<u8>,
}

impl Theme {
    /// Output paths of the static files by name, for templates: `assets["style.css"]`.
    pub fn asset_paths(&self) -> BTreeMap<&str, &str> {
        self.static_files.iter().map(|f| (f.name.as_str(), f.output.as_str())).collect()
    }
}

/// FNV-1a, 64 bits: a stable content hash for file names (not for security).
pub fn content_hash(bytes: &[u8]) -> u64 {
    content_hash_more(0xcbf2_9ce4_8422_2325, bytes)
}

/// Continues [`content_hash`] `hash` with more `bytes`.
pub fn content_hash_more(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `style.css` with contents → `assets/style.1f2e3d4c.css`; other files keep their name.
fn output_path(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext == "css" || ext == "js" => {
            format!("assets/{stem}.{:08x}.{ext}", content_hash(bytes) as u32)
        }
        _ => format!("assets/{name}"),
    }
}

/// Loads theme `name` for the given authored languages.
pub fn load(root: &Path, name: &str, authored: &[&str]) -> Result<Theme> {
    let rel_dir = format!("themes/{name}");
    let dir = display_path(root, &rel_dir);
    if !root.join(&rel_dir).is_dir() {
        return Err(Error::in_file(&dir, "theme folder not found (the `theme` setting of content/site.yaml names it)"));
    }

    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let templates_dir = display_path(root, &format!("{rel_dir}/templates"));
    let mut templates = Vec::new();
    for (name, rel) in crate::load::project::files_under(root, &format!("{rel_dir}/templates"))? {
        templates.push((name, read_text(root, &rel)?));
    }
    // All at once: templates include and extend each other in any order.
    tera.add_raw_templates(templates).map_err(|e| template_error(&templates_dir.join("?"), &e))?;

    let mut strings = BTreeMap::new();
    let mut reference: Option<(String, Strings)> = None;
    for lang in authored {
        let rel = format!("{rel_dir}/strings/{lang}.yaml");
        let shown = display_path(root, &rel);
        if !root.join(&rel).is_file() {
            return Err(Error::in_file(&shown, format!("missing: the theme has no UI strings for `{lang}`")));
        }
        let map: Strings = parse_yaml(&read_text(root, &rel)?, &shown, 0)?;
        if let Some((ref_lang, ref_map)) = &reference {
            if let Some(key) = ref_map.keys().find(|k| !map.contains_key(*k)).or_else(|| map.keys().find(|k| !ref_map.contains_key(*k))) {
                return Err(Error::in_file(&shown, format!("UI string `{key}` is in one of {lang}.yaml and {ref_lang}.yaml but not the other")));
            }
        } else {
            reference = Some((lang.to_string(), map.clone()));
        }
        strings.insert(lang.to_string(), map);
    }

    let mut static_files = Vec::new();
    for (name, rel) in crate::load::project::files_under(root, &format!("{rel_dir}/static"))? {
        let bytes = std::fs::read(root.join(&rel)).map_err(|e| Error::io(display_path(root, &rel), "read the file", e))?;
        static_files.push(StaticFile { output: output_path(&name, &bytes), name, bytes });
    }
    let mut theme = Theme { tera, dir, strings, static_files };
    let assets: BTreeMap<String, String> = theme.asset_paths().into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    theme.tera.global_context().insert("assets", &assets);
    theme.tera.global_context().insert("csp", crate::domain::CSP);
    Ok(theme)
}

/// A Tera error as one message naming the template file: the one the error is in, when
/// Tera says so (an error in `base.html` while rendering `proposal.html` names
/// `base.html`), else `file`.
pub fn template_error(file: &Path, err: &tera::Error) -> Error {
    let templates = file.parent().unwrap_or(Path::new("")).to_path_buf();
    let text = err.to_string();
    // The checks Tera runs once every template is loaded (an include of a template that
    // does not exist…) give one report per place, each its own `error: …`: the first one,
    // on its file and line, and how many places there are.
    let mut reports = text.split("\n\nerror: ");
    let first = reports.next().unwrap_or_default();
    let more = reports.count();
    let at = first.lines().find_map(|l| l.trim_start().strip_prefix("--> ")).and_then(|at| {
        let mut parts = at.rsplitn(3, ':');
        let (_column, line, name) = (parts.next()?, parts.next()?.parse::<u64>().ok()?, parts.next()?);
        Some((name.to_string(), line))
    });
    let reported = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report.filename().to_string()),
        _ => at.as_ref().map(|(name, _)| name.clone()),
    };
    let file = match (reported, file.parent()) {
        (Some(name), Some(dir)) if !name.is_empty() => dir.join(name),
        // Loading names no file of its own: the templates folder then.
        (_, Some(dir)) if file.ends_with("?") => dir.to_path_buf(),
        _ => file.to_path_buf(),
    };
    let report = first.trim_start().strip_prefix("error: ").unwrap_or(first).trim_end().to_string();
    let mut message = format!("template error: {report}");
    let missing = report.strip_prefix("Unknown template `").and_then(|rest| rest.split_once('`')).map(|(name, _)| name);
    if let Some(missing) = missing {
        message.push_str(&format!("\n  (there is no file {})", templates.join(missing).display()));
    }
    if more > 0 {
        message.push_str(&format!("\n  (and {more} more place(s) with the same kind of problem)"));
    }
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    match at {
        Some((_, line)) if !matches!(err.kind(), tera::ErrorKind::SyntaxError(_) | tera::ErrorKind::RenderingError(_)) => Error::at_line(&file, line, message),
        _ => Error::in_file(&file, message),
    }
}
