//! Output: write the pages (compacted by [`crate::html`]) into a staging folder of
//! this build's own, and swap it in only once everything is written ([`crate::output::outdir`]). A
//! build that fails at any point leaves the previous output exactly as it was.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::outdir::OutDir;

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

/// A site being written: files go into a staging folder of this process's own, which
/// replaces the output only once everything is written ([`Staging::swap_in`]). The output
/// folder stays locked until then ([`OutDir`]).
pub struct Staging {
    dir: PathBuf,
    out: OutDir,
}

impl Staging {
    /// Locks the output folder `out` and starts a staging folder for it. `force` replaces
    /// a folder that microsite did not make.
    pub fn create(out: &Path, force: bool) -> Result<Staging> {
        let out = OutDir::lock(out, force)?;
        let dir = out.staging()?;
        Ok(Staging { dir, out })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where file `path` goes, its folder made. Folders are made inside the staging
    /// folder only: if it has vanished, the build fails instead of making it again.
    fn place(&self, path: &str) -> Result<PathBuf> {
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            self.make_folder(parent)?;
        }
        Ok(full)
    }

    fn make_folder(&self, folder: &Path) -> Result<()> {
        if folder == self.dir {
            return match self.dir.is_dir() {
                true => Ok(()),
                false => {
                    Err(Error::in_file(&self.dir, "the staging folder vanished while the site was written (another program removed it); nothing was replaced"))
                }
            };
        }
        // Most pages have a folder of their own: made in one call, its parents only when missing.
        match std::fs::create_dir(folder) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.make_folder(folder.parent().unwrap_or(&self.dir))?;
                self.make_folder(folder)
            }
            Err(e) => Err(Error::io(folder, "create the folder", e)),
        }
    }

    /// Drops everything written, leaving the output as it was.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// Puts the finished site in place of the output folder. Returns what could not be
    /// cleaned up afterwards.
    pub fn swap_in(self) -> Result<Vec<String>> {
        self.out.swap_in(&self.dir)
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
