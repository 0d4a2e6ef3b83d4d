//! Typst's view of one PDF being made: its markup, held in memory, the site's images by
//! their paths in the output, and the [`Fonts`] found. Nothing else is readable: no file of
//! the machine, no package, no clock.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};

use super::fonts::Fonts;

/// Typst's standard library, made once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

pub struct World<'a> {
    main: Source,
    /// The images the markup may show, by path (`/assets/img/chart.1a2b3c4d.png`).
    files: BTreeMap<String, Bytes>,
    fonts: &'a Fonts,
}

impl<'a> World<'a> {
    pub fn new(markup: String, files: BTreeMap<String, Bytes>, fonts: &'a Fonts) -> World<'a> {
        let id = file_id("/main.typ");
        World { main: Source::new(id, markup), files, fonts }
    }
}

/// The id of the file at `path` (absolute, in the document's virtual folder).
pub fn file_id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("an absolute path")).intern()
}

impl typst::World for World<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_with_slash();
        self.files.get(path).cloned().ok_or_else(|| FileError::NotFound(path.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    /// No clock: a PDF depends on its content only.
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        None
    }
}
