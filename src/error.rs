//! The one error type of the pipeline: a message with the file (and line) it is about.
//!
//! Every stage reports bad input as an [`Error`] naming the content or theme file the
//! secretariat has to open, so the command line can print one clear line and exit non-zero.

use std::fmt;
use std::path::{Path, PathBuf};

/// A build failure, located in a file (and line) where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file the problem is in, as the user named it (relative to the project root).
    pub file: Option<PathBuf>,
    /// 1-based line in `file`, where the problem has one.
    pub line: Option<u64>,
    /// What is wrong, and where useful what to do about it. May span several lines.
    pub message: String,
}

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error that is not about one file (a command-line or system problem).
    pub fn msg(message: impl Into<String>) -> Self {
        Error { file: None, line: None, message: message.into() }
    }

    /// An error about a whole file.
    pub fn in_file(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Error { file: Some(file.as_ref().to_path_buf()), line: None, message: message.into() }
    }

    /// An error about one line of a file.
    pub fn at_line(file: impl AsRef<Path>, line: u64, message: impl Into<String>) -> Self {
        Error { file: Some(file.as_ref().to_path_buf()), line: Some(line), message: message.into() }
    }

    /// An I/O failure on `path`, with what we were doing.
    pub fn io(path: impl AsRef<Path>, doing: &str, err: std::io::Error) -> Self {
        Error::in_file(path, format!("cannot {doing}: {err}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{}: {}", file.display(), line, self.message),
            (Some(file), None) => write!(f, "{}: {}", file.display(), self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
