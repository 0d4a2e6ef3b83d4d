//! Write stage: write the pages (compacted by [`crate::html`]) into a fresh folder beside the
//! output, and swap it in only once everything is written. A build that fails at any
//! point leaves the previous output exactly as it was.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One file of the finished site: path under the output folder, contents.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where the site's files go as they are made: a [`Staging`] folder for a build,
/// [`Discard`] for `microsite check`. Every method may be called from several threads.
pub trait Output: Sync {
    /// Writes one file (`path` under the output folder) from its pieces.
    fn write(&self, path: &str, pieces: &[&[u8]]) -> Result<()>;
    /// Starts a file written a part at a time ([`Stream::write`]), too large to gather first.
    fn stream(&self, path: &str) -> Result<Stream>;
    /// Renames a finished file: one named after its contents, once they are known.
    fn rename(&self, from: &str, to: &str) -> Result<()>;
}

/// A file being written a part at a time.
pub struct Stream {
    file: Option<(std::io::BufWriter<std::fs::File>, PathBuf)>,
}

impl Stream {
    /// Appends `bytes`.
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        match &mut self.file {
            Some((file, path)) => file.write_all(bytes).map_err(|e| Error::io(path, "write the file", e)),
            None => Ok(()),
        }
    }

    /// Writes out what is still buffered.
    pub fn finish(self) -> Result<()> {
        match self.file {
            Some((mut file, path)) => file.flush().map_err(|e| Error::io(&path, "write the file", e)),
            None => Ok(()),
        }
    }
}

/// Makes nothing: the files of `microsite check`, which only reads what it makes.
pub struct Discard;

impl Output for Discard {
    fn write(&self, _: &str, _: &[&[u8]]) -> Result<()> {
        Ok(())
    }
    fn stream(&self, _: &str) -> Result<Stream> {
        Ok(Stream { file: None })
    }
    fn rename(&self, _: &str, _: &str) -> Result<()> {
        Ok(())
    }
}

/// The staging and the retired folders used while swapping `out`.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "build".into());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// A site being written: files go into `.NAME.new` beside the output folder, which
/// replaces the output only once everything is written ([`Staging::swap_in`]).
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
}

impl Staging {
    /// Starts a fresh staging folder (removing any left by an interrupted build).
    pub fn create(out: &Path) -> Result<Staging> {
        let staging = sibling(out, "new");
        for stale in [&staging, &sibling(out, "old")] {
            if stale.exists() {
                std::fs::remove_dir_all(stale).map_err(|e| Error::io(stale, "remove a folder left by an interrupted build", e))?;
            }
        }
        std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, "create the folder", e))?;
        Ok(Staging { dir: staging, out: out.to_path_buf() })
    }

    /// Where file `path` goes, its folder made.
    fn place(&self, path: &str) -> Result<PathBuf> {
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            // Most pages have a folder of their own: make it in one call, and its parents
            // only when they are missing.
            match std::fs::create_dir(parent) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(_) => std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "create the folder", e))?,
            }
        }
        Ok(full)
    }

    /// Drops everything written, leaving the output as it was.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// Puts the finished site in place of the output folder.
    pub fn swap_in(self) -> Result<()> {
        swap_in(&self.dir, &self.out, &sibling(&self.out, "old"))
    }
}

impl Output for Staging {
    fn write(&self, path: &str, pieces: &[&[u8]]) -> Result<()> {
        let full = self.place(path)?;
        // A page of a few pieces goes out in one write, a larger one piece by piece.
        let size: usize = pieces.iter().map(|p| p.len()).sum();
        let written = if pieces.len() > 1 && size <= 256 * 1024 {
            std::fs::write(&full, pieces.concat())
        } else {
            std::fs::File::create(&full).and_then(|mut file| pieces.iter().try_for_each(|piece| file.write_all(piece)))
        };
        written.map_err(|e| Error::io(&full, "write the file", e))
    }

    fn stream(&self, path: &str) -> Result<Stream> {
        let full = self.place(path)?;
        let file = std::fs::File::create(&full).map_err(|e| Error::io(&full, "write the file", e))?;
        Ok(Stream { file: Some((std::io::BufWriter::with_capacity(256 * 1024, file), full)) })
    }

    fn rename(&self, from: &str, to: &str) -> Result<()> {
        let (from, to) = (self.dir.join(from), self.place(to)?);
        std::fs::rename(&from, &to).map_err(|e| Error::io(&from, "rename the file", e))
    }
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
