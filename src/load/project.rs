//! The project's files, and only those: nothing outside the project folder is ever read
//! into the output.
//!
//! A symbolic link inside `content/` or `themes/` is followed only when it leads to a file
//! inside the project folder; a link that leads out of it (`share.png -> /proc/self/environ`)
//! is an error naming the link, and so is a link to a folder. Files found by walking a
//! folder are checked as they are found; a file named in the settings is checked when
//! it is read ([`read`]).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Reads the project file `rel` (a path from the project folder `root`), refusing one
/// that is, or is reached through, a link leading out of the project.
pub fn read(root: &Path, rel: &str) -> Result<Vec<u8>> {
    let shown = display_path(root, rel);
    check_inside(root, &root.join(rel), &shown)?;
    std::fs::read(root.join(rel)).map_err(|e| Error::io(&shown, "read the file", e))
}

/// Reads the file a setting names: `value` (setting `what`, on `line` of the settings file
/// `settings`), a path from folder `dir` of the project with no `..`, not absolute, to a
/// file inside the project ([`read`]). Returns (the file as named in messages, its bytes).
pub fn read_named(root: &Path, dir: &str, settings: &str, what: &str, value: &str, line: u64) -> Result<(PathBuf, Vec<u8>)> {
    let settings = display_path(root, settings);
    let bad = value.trim().is_empty()
        || value.starts_with('/')
        || value.starts_with('\\')
        || value.contains(':')
        || value.split(['/', '\\']).any(|part| part == ".." || part == ".");
    if bad {
        return Err(Error::at_line(&settings, line, format!("{what} `{value}`: name a file under {dir}/ by its path from there (no `..`, not absolute)")));
    }
    let rel = format!("{dir}/{value}");
    if !root.join(&rel).is_file() {
        return Err(Error::at_line(&settings, line, format!("{what} `{value}`: no such file under {dir}/")));
    }
    Ok((display_path(root, &rel), read(root, &rel)?))
}

/// Fails if `path` (named `shown` in messages) resolves to a place outside `root`.
fn check_inside(root: &Path, path: &Path, shown: &Path) -> Result<()> {
    let real = match path.canonicalize() {
        Ok(real) => real,
        // A missing file is reported by whoever reads it, with what it is for.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(path).is_err() => return Ok(()),
        Err(e) => return Err(Error::io(shown, "follow the link", e)),
    };
    let root = root.canonicalize().map_err(|e| Error::io(root, "open the project folder", e))?;
    if real.starts_with(&root) {
        Ok(())
    } else {
        Err(Error::in_file(
            shown,
            format!(
                "is a link to {}, outside the project folder: nothing outside the project is published; copy the file into the project instead",
                real.display()
            ),
        ))
    }
}

/// How a project file is named in messages: relative to the working directory.
pub fn display_path(root: &Path, rel: &str) -> std::path::PathBuf {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        rel.into()
    } else {
        root.join(rel)
    }
}

/// What [`walk`] found: a file or a folder under the walked folder.
pub struct Entry {
    /// The path from the project folder, with `/` separators (`themes/default/static/site.css`).
    pub rel: String,
    /// The path inside the walked folder (`site.css`).
    pub inner: String,
    /// A folder rather than a file.
    pub is_dir: bool,
}

/// The files and folders under the project folder `rel_dir` (none if it does not exist),
/// in file-name order. Links are followed to files inside the project only.
pub fn walk(root: &Path, rel_dir: &str) -> Result<Vec<Entry>> {
    let dir = root.join(rel_dir);
    let shown_dir = display_path(root, rel_dir);
    if std::fs::symlink_metadata(&dir).is_err() {
        return Ok(Vec::new());
    }
    check_inside(root, &dir, &shown_dir)?;
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::in_file(&shown_dir, format!("cannot list the folder: {e}")))?;
        let inner = entry.path().strip_prefix(&dir).expect("walkdir stays under its root").to_string_lossy().replace('\\', "/");
        let rel = format!("{rel_dir}/{inner}");
        let is_dir = if entry.path_is_symlink() {
            let shown = display_path(root, &rel);
            check_inside(root, entry.path(), &shown)?;
            if std::fs::metadata(entry.path()).map_err(|e| Error::io(&shown, "follow the link", e))?.is_dir() {
                return Err(Error::in_file(&shown, "is a link to a folder: links to folders are not followed; move the folder here instead"));
            }
            false
        } else {
            entry.file_type().is_dir()
        };
        found.push(Entry { rel, inner, is_dir });
    }
    Ok(found)
}

/// The files (not folders) under `rel_dir`, as (path inside it, path from the root).
pub fn files_under(root: &Path, rel_dir: &str) -> Result<Vec<(String, String)>> {
    Ok(walk(root, rel_dir)?.into_iter().filter(|e| !e.is_dir).map(|e| (e.inner, e.rel)).collect())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_the_project_are_refused_and_links_inside_it_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let project = tempfile::tempdir().unwrap();
        let root = project.path();
        std::fs::create_dir_all(root.join("content/dir")).unwrap();
        std::fs::write(root.join("content/real.txt"), "real").unwrap();
        symlink(root.join("content/real.txt"), root.join("content/alias.txt")).unwrap();
        symlink(outside.path().join("secret.txt"), root.join("content/leak.txt")).unwrap();

        assert_eq!(read(root, "content/alias.txt").unwrap(), b"real");
        let refused = read(root, "content/leak.txt").unwrap_err().to_string();
        assert!(refused.contains("content/leak.txt") && refused.contains("outside the project"), "{refused}");
        let walked = walk(root, "content").err().expect("the walk meets the link out").to_string();
        assert!(walked.contains("content/leak.txt"), "{walked}");

        std::fs::remove_file(root.join("content/leak.txt")).unwrap();
        symlink(outside.path(), root.join("content/folder")).unwrap();
        assert!(walk(root, "content").err().expect("a link to a folder").to_string().contains("content/folder"));
        std::fs::remove_file(root.join("content/folder")).unwrap();
        let names: Vec<(String, bool)> = walk(root, "content").unwrap().into_iter().map(|e| (e.inner, e.is_dir)).collect();
        assert_eq!(names, [("alias.txt".to_string(), false), ("dir".into(), true), ("real.txt".into(), false)]);
    }
}
