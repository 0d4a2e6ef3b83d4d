//! How far a build has got, for a progress bar: counters the build advances and the
//! command line reads from another thread. The library prints nothing itself.
//!
//! A build given a [`Progress`] ([`crate::build_with_progress`]) learns its number of
//! pages once the content is read, then counts each page as it is written, through
//! [`Counted`], a wrapper around its output. Without one, nothing is counted.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::error::Result;
use crate::output::write::{Output, Stream};

/// A build's progress: pages made out of pages to make.
#[derive(Debug, Default)]
pub struct Progress {
    proposals: AtomicUsize,
    pages: AtomicUsize,
    done: AtomicUsize,
    finished: AtomicBool,
}

/// What [`Progress::get`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    /// Proposals in the site (0 until the content is read).
    pub proposals: usize,
    /// Pages to make (0 until the content is read).
    pub pages: usize,
    /// Pages made so far.
    pub done: usize,
    /// The build has ended (succeeded or not).
    pub finished: bool,
}

impl Progress {
    pub fn get(&self) -> Snapshot {
        Snapshot {
            proposals: self.proposals.load(Ordering::Relaxed),
            pages: self.pages.load(Ordering::Relaxed),
            done: self.done.load(Ordering::Relaxed),
            finished: self.finished.load(Ordering::Acquire),
        }
    }

    pub(crate) fn start(&self, proposals: usize, pages: usize) {
        self.proposals.store(proposals, Ordering::Relaxed);
        self.pages.store(pages, Ordering::Relaxed);
    }

    /// Marks the build ended: a watcher may stop.
    pub fn finish(&self) {
        self.finished.store(true, Ordering::Release);
    }
}

/// An [`Output`] that counts the pages (`.html` files) written into it.
pub(crate) struct Counted<'a> {
    pub inner: &'a dyn Output,
    pub progress: &'a Progress,
}

impl Counted<'_> {
    fn count(&self, path: &str) {
        if path.ends_with(".html") {
            self.progress.done.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl Output for Counted<'_> {
    fn write(&self, path: &str, pieces: &[&[u8]]) -> Result<()> {
        self.inner.write(path, pieces)?;
        self.count(path);
        Ok(())
    }
    fn stream(&self, path: &str) -> Result<Stream> {
        let stream = self.inner.stream(path)?;
        self.count(path); // the full text: a page, written as its parts come
        Ok(stream)
    }
    fn rename(&self, from: &str, to: &str) -> Result<()> {
        self.inner.rename(from, to)
    }
}
