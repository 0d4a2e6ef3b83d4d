//! Extracts OpenCC's dictionaries, one file per slot, from the pinned `opencc-fmmseg` into
//! `OUT_DIR`, so that a build loads only the few a conversion uses (four for `hk2s`)
//! instead of decoding all of them: the slowest step of a small build (see
//! `src/convert.rs`). Also writes `slots.rs`, the table of those files that
//! `src/convert.rs` includes, so the slots are named in one place.
//!
//! Sets `MICROSITE_OPENCC_FMMSEG`, the version of opencc-fmmseg the binary is built with
//! (from `Cargo.lock`), for `microsite review` to name the converter.
//!
//! And writes `default_theme.rs`: every file of `themes/default/`, embedded with
//! `include_bytes!`, which `microsite init` copies into a new project (`src/scaffold.rs`),
//! so that an installed binary needs no copy of this repository.

use std::fmt::Write as _;

use opencc_fmmseg::{DictMaxLen, DictionaryMaxlength};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let dict = DictionaryMaxlength::new().expect("opencc-fmmseg's embedded dictionary loads");
    // Every slot a configuration without punctuation reads, by its `DictSlot` name.
    let slots: [(&str, &DictMaxLen); 14] = [
        ("STCharacters", &dict.st_characters),
        ("STPhrases", &dict.st_phrases),
        ("TSCharacters", &dict.ts_characters),
        ("TSPhrases", &dict.ts_phrases),
        ("TWPhrases", &dict.tw_phrases),
        ("TWPhrasesRev", &dict.tw_phrases_rev),
        ("TWVariants", &dict.tw_variants),
        ("TWVariantsPhrases", &dict.tw_variants_phrases),
        ("TWVariantsRev", &dict.tw_variants_rev),
        ("TWVariantsRevPhrases", &dict.tw_variants_rev_phrases),
        ("HKVariants", &dict.hk_variants),
        ("HKVariantsPhrases", &dict.hk_variants_phrases),
        ("HKVariantsRev", &dict.hk_variants_rev),
        ("HKVariantsRevPhrases", &dict.hk_variants_rev_phrases),
    ];
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut table = String::from("/// OpenCC's dictionaries by slot, as `source<TAB>target` lines.\nconst SLOT_FILES: &[(DictSlot, &str)] = &[\n");
    for (name, slot) in slots {
        let mut pairs: Vec<(String, &str)> = slot.iter().map(|(k, v)| (k.iter().collect(), v)).collect();
        pairs.sort(); // deterministic files
        let mut text = String::new();
        for (k, v) in pairs {
            let _ = writeln!(text, "{k}\t{v}");
        }
        let file = out.join(format!("{name}.txt"));
        std::fs::write(&file, text).expect("OUT_DIR is writable");
        let _ = writeln!(table, "    (DictSlot::{name}, include_str!({:?})),", file.display().to_string());
    }
    table.push_str("];\n");
    std::fs::write(out.join("slots.rs"), table).expect("OUT_DIR is writable");
    println!("cargo:rustc-env=MICROSITE_OPENCC_FMMSEG={}", opencc_version());
    embed_default_theme(&out);
}

/// The version of opencc-fmmseg in `Cargo.lock`; without a lock file, the requirement
/// `Cargo.toml` pins (`=0.13.0`).
fn opencc_version() -> String {
    let dir = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed={}", dir.join("Cargo.lock").display());
    let lock = std::fs::read_to_string(dir.join("Cargo.lock")).unwrap_or_default();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"opencc-fmmseg\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return version.trim_end_matches('"').to_string();
            }
        }
    }
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml is readable");
    let pinned = manifest.lines().find_map(|l| l.strip_prefix("opencc-fmmseg = \"")).expect("Cargo.toml names opencc-fmmseg");
    format!("{} (as Cargo.toml requires)", pinned.trim_end_matches('"'))
}

/// Writes `default_theme.rs`: a `&[(&str, &[u8])]` of every file under `themes/default/`
/// (its path there, with `/` separators, and its contents), in path order.
fn embed_default_theme(out: &std::path::Path) {
    let dir = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("themes/default");
    // A folder: cargo runs this again when any file under it is added, removed or changed.
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    list_files(&dir, "", &mut files);
    files.sort();
    let mut table = String::from("&[\n");
    for rel in files {
        let _ = writeln!(table, "    ({rel:?}, include_bytes!({:?})),", dir.join(&rel).display().to_string());
    }
    table.push_str("]\n");
    std::fs::write(out.join("default_theme.rs"), table).expect("OUT_DIR is writable");
}

fn list_files(dir: &std::path::Path, prefix: &str, files: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())) {
        let entry = entry.expect("a readable folder entry");
        let name = entry.file_name().into_string().expect("theme file names are UTF-8");
        let rel = format!("{prefix}{name}");
        // Follows links, as the theme loader does (to files inside the project).
        if entry.path().is_dir() {
            list_files(&entry.path(), &format!("{rel}/"), files);
        } else {
            files.push(rel);
        }
    }
}
