//! The fonts a PDF is set in, found on this machine: Noto Sans and Serif CJK (which cover
//! Traditional and Simplified Chinese and Latin) and, for English, Liberation or DejaVu
//! Serif and Sans, looked for in the usual system font folders, or in the one folder
//! `MICROSITE_FONT_DIR` names. Each file is read once per
//! build, and only by a build that makes PDFs.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// The variable naming the one folder to take fonts from (every font file in it, at any
/// depth), instead of the system's folders.
pub const FONT_DIR_VARIABLE: &str = "MICROSITE_FONT_DIR";

/// What to install when no font is found: the line of the build's notice.
pub const MISSING: &str = "no PDF made: no CJK font found (install Noto Sans/Serif CJK: `apt-get install fonts-noto-cjk` on Debian or Ubuntu; \
     elsewhere put them in the system's fonts folder, or name a folder holding them in MICROSITE_FONT_DIR)";

/// The fonts found: their faces' descriptions for Typst, and where each face is.
pub struct Fonts {
    book: LazyHash<FontBook>,
    /// For each face of the book, in order: its file (index into `files`) and index in it.
    faces: Vec<(usize, u32)>,
    files: Vec<Bytes>,
    /// Each face, parsed the first time it is asked for.
    loaded: Vec<OnceLock<Option<Font>>>,
}

/// The Latin faces read from the system's folders (file names, lower case, without the
/// extension): an English PDF's text and headings, before Noto CJK (whose quotation marks
/// and apostrophe are full-width). Debian's fonts-liberation and fonts-dejavu-core.
const LATIN: &[&str] = &[
    "liberationserif-regular.",
    "liberationserif-bold.",
    "liberationserif-italic.",
    "liberationserif-bolditalic.",
    "liberationsans-regular.",
    "liberationsans-bold.",
    "dejavuserif.",
    "dejavuserif-bold.",
    "dejavuserif-italic.",
    "dejavusans.",
    "dejavusans-bold.",
];

impl Fonts {
    /// The fonts of this machine (or of `MICROSITE_FONT_DIR`), if one of them covers Chinese.
    pub fn find() -> Option<Fonts> {
        let (folders, any_name) = match std::env::var_os(FONT_DIR_VARIABLE) {
            Some(dir) => (vec![PathBuf::from(dir)], true),
            None => (system_folders(), false),
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for folder in folders {
            for entry in walkdir::WalkDir::new(folder).follow_links(true).sort_by_file_name().into_iter().filter_map(|e| e.ok()) {
                let name = entry.file_name().to_string_lossy().to_lowercase();
                let font = [".ttc", ".otf", ".ttf", ".otc"].iter().any(|ext| name.ends_with(ext));
                // In the system's folders only the CJK fonts are read, and the Latin faces an
                // English PDF is set in: reading every font there would cost more than the PDFs.
                let latin = LATIN.iter().any(|face| name.starts_with(face));
                if entry.file_type().is_file() && font && (any_name || name.contains("cjk") || latin) {
                    paths.push(entry.into_path());
                }
            }
        }
        Fonts::load(paths)
    }

    /// The fonts in `paths`, if one of them covers Chinese (both scripts).
    fn load(paths: Vec<PathBuf>) -> Option<Fonts> {
        let (mut book, mut faces, mut files) = (FontBook::new(), Vec::new(), Vec::new());
        let (mut traditional, mut simplified) = (false, false);
        for path in paths {
            let Ok(data) = std::fs::read(&path) else { continue };
            let file = files.len();
            for (index, info) in FontInfo::iter(&data).enumerate() {
                traditional |= info.coverage.contains('國' as u32);
                simplified |= info.coverage.contains('国' as u32);
                book.push(info);
                faces.push((file, index as u32));
            }
            files.push(Bytes::new(data));
        }
        (traditional && simplified).then(|| Fonts { book: LazyHash::new(book), loaded: faces.iter().map(|_| OnceLock::new()).collect(), faces, files })
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// Face `index` of the book.
    pub fn font(&self, index: usize) -> Option<Font> {
        let &(file, face) = self.faces.get(index)?;
        self.loaded[index].get_or_init(|| Font::new(self.files[file].clone(), face)).clone()
    }
}

/// The usual font folders of Linux, macOS and Windows, those that exist.
fn system_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> =
        ["/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts", "/Library/Fonts"].iter().map(PathBuf::from).collect();
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        folders.extend([home.join(".local/share/fonts"), home.join(".fonts"), home.join("Library/Fonts")]);
    }
    if let Some(windows) = std::env::var_os("WINDIR").map(PathBuf::from) {
        folders.push(windows.join("Fonts"));
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA").map(PathBuf::from) {
        folders.push(local.join("Microsoft/Windows/Fonts"));
    }
    folders.into_iter().filter(|f| Path::new(f).is_dir()).collect()
}
