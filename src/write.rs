//! Write stage: minify the pages, write the whole site into a fresh folder beside the
//! output, and swap it in only once everything is written. A build that fails at any
//! point leaves the previous output exactly as it was.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// One file of the finished site: path under the output folder, contents.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Minifies HTML with settings that keep it valid HTML (the Nu checker rejects
/// `<!doctypehtml>` and unquoted values some minifiers allow).
pub fn minify(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg.minify_doctype = false;
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.allow_noncompliant_unquoted_attribute_values = false;
    cfg.allow_removing_spaces_between_attributes = false;
    cfg.allow_optimal_entities = false;
    minify_html::minify(html.as_bytes(), &cfg)
}

/// The staging and the retired folders used while swapping `out`.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "build".into());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Writes `files` into `out`, replacing what was there only if every write succeeded.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<()> {
    let staging = sibling(out, "new");
    let retired = sibling(out, "old");
    for stale in [&staging, &retired] {
        if stale.exists() {
            std::fs::remove_dir_all(stale).map_err(|e| Error::io(stale, "remove a folder left by an interrupted build", e))?;
        }
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "create the folder", e))?;
    }
    let written = write_all(&staging, files);
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap_in(&staging, out, &retired)
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<()> {
    std::fs::create_dir_all(staging).map_err(|e| Error::io(staging, "create the folder", e))?;
    let mut dirs: Vec<PathBuf> = files.iter().filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        let full = staging.join(dir);
        std::fs::create_dir_all(&full).map_err(|e| Error::io(&full, "create the folder", e))?;
    }
    files.par_iter().try_for_each(|f| {
        let full = staging.join(&f.path);
        std::fs::write(&full, &f.bytes).map_err(|e| Error::io(&full, "write the file", e))
    })
}

/// Moves the finished staging folder to `out`, keeping the old output until it is replaced.
fn swap_in(staging: &Path, out: &Path, retired: &Path) -> Result<()> {
    let had_output = out.exists();
    if had_output {
        std::fs::rename(out, retired).map_err(|e| Error::io(out, "move the previous output aside", e))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_output {
            let _ = std::fs::rename(retired, out);
        }
        let _ = std::fs::remove_dir_all(staging);
        return Err(Error::io(out, "move the new site into place", e));
    }
    if had_output {
        std::fs::remove_dir_all(retired).map_err(|e| Error::io(retired, "remove the previous output", e))?;
    }
    Ok(())
}
