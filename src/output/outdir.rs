//! The output folder a build replaces: locked while a build writes and swaps it, replaced
//! only when microsite made it (or it is empty), and swapped in whole.
//!
//! - **The lock.** One advisory lock per output folder (`.NAME.lock` beside it, removed
//!   when the build ends), held from
//!   the moment a build starts writing until its site is in place. A second build (or a
//!   `serve` rebuild) into the same folder waits for it, saying which process holds it.
//! - **Whose folder.** Every output carries a small marker file, [`MARKER`]. A folder that
//!   has no marker and is not empty is not replaced (a typo in `--out` must not delete
//!   somebody's folder) unless the build is forced; a file is never replaced.
//! - **The swap.** The new site is written into a staging folder of this process's own
//!   beside the output and renamed into place: readers see the old site or the new one,
//!   never a mixture. A folder that cannot be renamed because it is a mount point (a
//!   Docker volume, a tmpfs) is staged inside itself instead, and its entries are replaced
//!   one by one, each by a rename.
//! - **Leftovers.** A previous output that cannot be fully removed, or the folders of an
//!   interrupted build, are reported as warnings and never stop later builds.

use std::fs::File;
use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file that marks a folder as microsite's output.
pub const MARKER: &str = ".microsite-output";
const MARKER_TEXT: &str = "This folder is the output of `microsite build`, which replaces it whole.\n";

/// Where the staging and retired folders of a mount point go, inside it.
const INSIDE_PREFIX: &str = ".microsite-";

/// An output folder, locked by this process until the value is dropped.
pub struct OutDir {
    /// The folder the site goes to.
    pub out: PathBuf,
    /// Whether it is a mount point: staged inside itself and replaced entry by entry.
    pub inside: bool,
    /// The locked file (removed, then unlocked, when dropped).
    lock: (File, PathBuf),
    /// What went wrong that did not stop the build (leftovers that could not be removed).
    pub notes: Vec<String>,
}

impl OutDir {
    /// Locks `out` (waiting for another build that holds it) and checks that it may be
    /// replaced: it does not exist, is empty, holds [`MARKER`], or `force` is set.
    pub fn lock(out: &Path, force: bool) -> Result<OutDir> {
        let out = std::path::absolute(out).map_err(|e| Error::io(out, "find the output folder", e))?;
        let out = match std::fs::symlink_metadata(&out) {
            // A link to a folder: the folder it names is the output.
            Ok(meta) if meta.file_type().is_symlink() => out.canonicalize().map_err(|e| Error::io(&out, "follow the link", e))?,
            _ => out,
        };
        let exists = match std::fs::metadata(&out) {
            Ok(meta) if meta.is_dir() => true,
            Ok(_) => {
                return Err(Error::in_file(&out, "--out names a file, not a folder: nothing was written; choose a folder for the site"));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(Error::io(&out, "read the output folder", e)),
        };
        let inside = exists && is_mount_point(&out);
        let lock_path = if inside { out.join(format!("{INSIDE_PREFIX}lock")) } else { sibling(&out, "lock") };
        if let Some(parent) = lock_path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "create the folder", e))?;
        }
        let lock = take_lock(&lock_path, &out)?;
        let mut dir = OutDir { out, inside, lock: (lock, lock_path), notes: Vec::new() };
        if exists {
            check_replaceable(&dir.out, force)?;
        }
        dir.remove_leftovers();
        Ok(dir)
    }

    /// A name for a folder of this process's own: staging (`new`) or retired (`old`).
    fn own(&self, kind: &str) -> PathBuf {
        let unique = format!("{kind}-{}-{}", std::process::id(), nanos());
        if self.inside {
            self.out.join(format!("{INSIDE_PREFIX}{unique}"))
        } else {
            sibling(&self.out, &unique)
        }
    }

    /// Whether `name`, an entry beside (or inside) the output, is a folder an earlier build left.
    fn is_leftover(&self, name: &str) -> bool {
        let prefix = if self.inside { INSIDE_PREFIX.to_string() } else { format!(".{}.", file_name(&self.out)) };
        // Exactly the names `own` makes (`new-PID-NANOS`), or an older version's (`new`):
        // `.build.newsletter` is somebody's folder.
        let ours = |rest: &str| {
            ["new", "old"].iter().any(|kind| {
                rest.strip_prefix(kind).is_some_and(|tail| {
                    tail.is_empty() || (tail.starts_with('-') && tail[1..].split('-').all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
                })
            })
        };
        name.strip_prefix(&prefix).is_some_and(ours)
    }

    /// Removes the staging and retired folders of earlier builds: no build is running
    /// (this one holds the lock), so they are leftovers of one that was interrupted. Only a
    /// folder with a build's name and its marker inside goes; anything else is somebody's.
    fn remove_leftovers(&mut self) {
        let dir = if self.inside { self.out.clone() } else { self.out.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf) };
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if !(is_dir && self.is_leftover(&name) && entry.path().join(MARKER).is_file()) {
                continue;
            }
            if let Err(e) = std::fs::remove_dir_all(entry.path()) {
                self.notes.push(format!("{}: cannot remove a folder an interrupted build left: {e}", entry.path().display()));
            }
        }
    }

    /// Makes this process's staging folder, marked as microsite's output.
    pub fn staging(&self) -> Result<PathBuf> {
        let staging = self.own("new");
        if let Some(parent) = staging.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "create the folder", e))?;
        }
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, "create the folder", e))?;
        std::fs::write(staging.join(MARKER), MARKER_TEXT).map_err(|e| Error::io(&staging, "write the marker file", e))?;
        Ok(staging)
    }

    /// Puts the finished `staging` folder in place of the output. Returns what could not
    /// be cleaned up afterwards (the site is in place all the same).
    pub fn swap_in(mut self, staging: &Path) -> Result<Vec<String>> {
        if !staging.join(MARKER).is_file() {
            return Err(Error::in_file(
                staging,
                "the staging folder was changed by another program while the site was written; nothing was replaced, build again",
            ));
        }
        let retired = self.own("old");
        if self.inside {
            self.swap_entries(staging, &retired)?;
        } else {
            swap_folder(staging, &self.out, &retired)?;
        }
        if retired.exists() {
            if let Err(e) = std::fs::remove_dir_all(&retired) {
                self.notes.push(format!("{}: the site is in place, but the previous output could not be fully removed: {e}", retired.display()));
            }
        }
        Ok(std::mem::take(&mut self.notes))
    }

    /// Replaces the output's entries one by one (each a rename) with those of `staging`,
    /// which is inside it, moving the old ones into `retired`.
    fn swap_entries(&self, staging: &Path, retired: &Path) -> Result<()> {
        std::fs::create_dir(retired).map_err(|e| Error::io(retired, "create the folder", e))?;
        let names = |dir: &Path| -> Result<Vec<std::ffi::OsString>> {
            let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, "list the folder", e))?;
            let mut names: Vec<_> =
                entries.map(|e| e.map(|e| e.file_name())).collect::<std::io::Result<_>>().map_err(|e| Error::io(dir, "list the folder", e))?;
            names.sort();
            Ok(names)
        };
        let new = names(staging)?;
        // Every rename done, so that a failure part-way puts the previous output back.
        let mut done: Vec<(PathBuf, PathBuf)> = Vec::new();
        let mut step = |from: PathBuf, to: PathBuf, doing: &str| -> Result<()> {
            match std::fs::rename(&from, &to) {
                Ok(()) => {
                    done.push((from, to));
                    Ok(())
                }
                Err(e) => {
                    for (from, to) in done.drain(..).rev() {
                        let _ = std::fs::rename(&to, &from);
                    }
                    Err(Error::io(&from, doing, e))
                }
            }
        };
        for name in &new {
            let target = self.out.join(name);
            if std::fs::symlink_metadata(&target).is_ok() {
                step(target.clone(), retired.join(name), "move the previous file aside")?;
            }
            step(staging.join(name), target, "move the new file into place")?;
        }
        let ours = |name: &str| name.starts_with(INSIDE_PREFIX);
        for name in names(&self.out)? {
            if !new.contains(&name) && !ours(&name.to_string_lossy()) {
                step(self.out.join(&name), retired.join(&name), "move the previous file aside")?;
            }
        }
        std::fs::remove_dir(staging).map_err(|e| Error::io(staging, "remove the staging folder", e))
    }
}

impl Drop for OutDir {
    /// Removes the lock file while still holding its lock: a build waiting on it finds,
    /// once it gets it, that the file is gone, and locks a new one ([`take_lock`]).
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.lock.1);
    }
}

/// Refuses an output folder that is, holds, or lies inside the project's sources (the
/// project folder itself, `content/`, `themes/`, `src/`, `tests/`, `.git/`): the build
/// replaces the output folder whole, and a site built inside `themes/…/static/` would be
/// published again inside the next one. A folder that does not exist yet is judged by
/// where it would be.
pub fn check_outside_sources(root: &Path, out: &Path) -> Result<()> {
    let root = root.canonicalize().map_err(|e| Error::io(root, "open the project folder", e))?;
    let out_abs = std::path::absolute(out).map_err(|e| Error::io(out, "find the output folder", e))?;
    // The nearest folder that exists, resolved, and the rest of the path below it.
    let mut existing = out_abs.as_path();
    let mut rest = Vec::new();
    let resolved = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => break existing.to_path_buf(),
            },
        }
    };
    let out_real = rest.iter().rev().fold(resolved, |path, name| path.join(name));
    let protected = ["content", "themes", "src", "tests", ".git"];
    if root.starts_with(&out_real) || protected.iter().any(|p| out_real.starts_with(root.join(p))) {
        return Err(Error::in_file(
            out,
            "refusing to use this folder for output: the build replaces the output folder, and this one is or holds the project's own files; choose a folder such as build/",
        ));
    }
    Ok(())
}

/// Moves the finished staging folder to `out` by renames, keeping the old output until
/// the new one is in place.
fn swap_folder(staging: &Path, out: &Path, retired: &Path) -> Result<()> {
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
    Ok(())
}

/// The folder name of `out` (`build`).
fn file_name(out: &Path) -> String {
    out.file_name().map_or_else(|| "build".into(), |n| n.to_string_lossy().into_owned())
}

/// `.NAME.SUFFIX` beside the output folder.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    out.with_file_name(format!(".{}.{suffix}", file_name(out)))
}

fn nanos() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos())
}

/// Opens and locks `path`, waiting (and saying so) while another process holds it, then
/// records this process in it.
fn take_lock(path: &Path, out: &Path) -> Result<File> {
    loop {
        let mut file =
            std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path).map_err(|e| Error::io(path, "open the lock file", e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let who = if holder.is_empty() { "another process".to_string() } else { format!("process {holder}") };
                eprintln!("waiting: {who} is building into {} (lock {})", out.display(), path.display());
                file.lock().map_err(|e| Error::io(path, "lock the output folder", e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(path, "lock the output folder", e)),
        }
        // The holder removes the file before it unlocks it: a lock on a removed file is
        // no lock, so take the one now at `path`.
        if !same_file(&file, path) {
            continue;
        }
        let recorded = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| writeln!(file, "{}", std::process::id()));
        recorded.map_err(|e| Error::io(path, "write the lock file", e))?;
        return Ok(file);
    }
}

/// Whether the open `file` is the one at `path`.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// Refuses a folder microsite did not make: one that holds files but no [`MARKER`].
fn check_replaceable(out: &Path, force: bool) -> Result<()> {
    if force || out.join(MARKER).is_file() {
        return Ok(());
    }
    let entries = std::fs::read_dir(out).map_err(|e| Error::io(out, "list the output folder", e))?;
    let foreign = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).find(|n| !n.starts_with(INSIDE_PREFIX));
    match foreign {
        None => Ok(()),
        Some(name) => Err(Error::in_file(
            out,
            format!(
                "refusing to replace this folder: it holds files (such as `{name}`) and was not made by microsite (it has no {MARKER} file). \
                 Nothing was written. Choose an empty or new folder with --out, or pass --force to replace it and everything in it"
            ),
        )),
    }
}

/// Whether `dir` is a mount point, which cannot be renamed: on another device than its
/// parent, or listed in the mount table (a bind mount shares its parent's device).
fn is_mount_point(dir: &Path) -> bool {
    let Ok(dir) = dir.canonicalize() else { return false };
    let Some(parent) = dir.parent() else { return true };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(&dir), std::fs::metadata(parent)) {
            if a.dev() != b.dev() {
                return true;
            }
        }
    }
    // /proc/self/mountinfo: the fifth field is the mount point, with spaces as \040.
    let table = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let wanted = dir.to_string_lossy().replace('\\', "\\134").replace(' ', "\\040").replace('\t', "\\011").replace('\n', "\\012");
    table.lines().any(|line| line.split(' ').nth(4) == Some(wanted.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_mount_point_is_replaced_entry_by_entry_and_keeps_its_own_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&out.join(MARKER), MARKER_TEXT);
        write(&out.join("old.html"), "old");
        write(&out.join("tc/index.html"), "old tc");
        let mut dir = OutDir::lock(&out, false).unwrap();
        dir.inside = true; // as for a mount point, which a test cannot make without privileges
        let staging = dir.staging().unwrap();
        assert!(staging.starts_with(&out), "a mount point is staged inside itself");
        write(&staging.join("tc/index.html"), "new tc");
        write(&staging.join("en/index.html"), "new en");
        let notes = dir.swap_in(&staging).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let mut left: Vec<String> = walkdir::WalkDir::new(&out)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(&out).unwrap().to_string_lossy().into_owned())
            .filter(|p| !p.is_empty() && !p.starts_with(&format!("{INSIDE_PREFIX}lock")))
            .collect();
        left.sort();
        assert_eq!(left, [MARKER, "en", "en/index.html", "tc", "tc/index.html"]);
        assert_eq!(std::fs::read_to_string(out.join("tc/index.html")).unwrap(), "new tc");
    }

    #[test]
    fn a_staging_folder_that_lost_its_marker_is_not_swapped_in() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&out.join(MARKER), MARKER_TEXT);
        write(&out.join("index.html"), "old");
        let dir = OutDir::lock(&out, false).unwrap();
        let staging = dir.staging().unwrap();
        std::fs::remove_dir_all(&staging).unwrap();
        std::fs::create_dir(&staging).unwrap();
        assert!(dir.swap_in(&staging).unwrap_err().to_string().contains("changed by another program"));
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn only_the_folders_builds_make_count_as_leftovers() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = OutDir::lock(&tmp.path().join("build"), false).unwrap();
        for ours in [".build.new", ".build.old", ".build.new-12-345", ".build.old-1-2"] {
            assert!(dir.is_leftover(ours), "{ours}");
        }
        for theirs in [".build.newsletter", ".build.old-notes", ".build.new-", ".build.lock", ".builder.new", "build.new"] {
            assert!(!dir.is_leftover(theirs), "{theirs}");
        }
    }

    #[test]
    fn a_folder_microsite_did_not_make_is_refused_unless_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("notes");
        write(&out.join("letter.txt"), "keep me");
        let refused = OutDir::lock(&out, false).err().expect("refused").to_string();
        assert!(refused.contains("letter.txt") && refused.contains("--force"), "{refused}");
        assert!(OutDir::lock(&out, true).is_ok());
        std::fs::remove_file(out.join("letter.txt")).unwrap();
        assert!(OutDir::lock(&out, false).is_ok(), "an empty folder may be used");
    }
}
