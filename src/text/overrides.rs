//! The reviewed corrections to a generated language's conversion (the converter reads them),
//! from two files in OpenCC's `source<TAB>target` format:
//!
//! - the theme's, `themes/NAME/strings/LANG-overrides.txt`: wording of its UI strings that
//!   the converter gets wrong for the readers of that language (any content gets them);
//! - the content's, `content/LANG-overrides.txt`: the document's own text.
//!
//! Either may be missing. Where both correct the same phrase, the content's entry wins:
//! the content is the more particular of the two, as a site's files override its theme's.

use std::path::Path;

use crate::domain::Submission;
use crate::error::{Error, Result};
use crate::load::config::read_text;
use crate::load::project::display_path;

/// The theme's override file for a generated language, relative to the project root.
pub fn theme_file(theme: &str, lang: &str) -> String {
    format!("themes/{theme}/strings/{lang}-overrides.txt")
}

/// The override entries of `lang`: the theme's (those the content does not correct
/// differently), then the content's, each in file order.
pub fn load(root: &Path, submission: &Submission, theme: &str, lang: &str) -> Result<Vec<(String, String)>> {
    let mut pairs = read(root, &theme_file(theme, lang))?;
    let content = read(root, &submission.overrides(lang))?;
    pairs.retain(|(source, _)| !content.iter().any(|(s, _)| s == source));
    pairs.extend(content);
    Ok(pairs)
}

/// The entries of one override file; none if it does not exist.
fn read(root: &Path, rel: &str) -> Result<Vec<(String, String)>> {
    if root.join(rel).exists() {
        parse_overrides(&read_text(root, rel)?, &display_path(root, rel))
    } else {
        Ok(Vec::new())
    }
}

/// Parses OpenCC's dictionary format: `source<TAB>target`, `#` comments, blank lines.
pub fn parse_overrides(text: &str, shown: &Path) -> Result<Vec<(String, String)>> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    // Every entry is a reviewed correction: a comment above it (or above the group of
    // entries it belongs to, with no blank line between) says what the converter did and
    // why the entry is right.
    let mut explained = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        let line = line.trim_start_matches('\u{feff}').trim_end();
        if line.is_empty() {
            explained = false;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            explained = !comment.trim().is_empty();
            continue;
        }
        let (source, target) = line
            .split_once('\t')
            .map(|(s, t)| (s.trim(), t.trim()))
            .filter(|(s, t)| !s.is_empty() && !t.is_empty() && !t.contains(char::is_whitespace))
            .ok_or_else(|| Error::at_line(shown, line_no, "an override is `source<TAB>target`: one TAB between two non-empty phrases"))?;
        if !explained {
            return Err(Error::at_line(
                shown,
                line_no,
                format!("the override `{source}` has no comment line directly above it saying what the converter did and why this is right"),
            ));
        }
        if let Some(previous) = pairs.iter().position(|(s, _)| s == source) {
            return Err(Error::at_line(shown, line_no, format!("`{source}` is already overridden by entry {}", previous + 1)));
        }
        pairs.push((source.to_string(), target.to_string()));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_tab_separated_pairs_with_comments_and_blank_lines() {
        let pairs = parse_overrides("# why\n顯著\t显著\n\n# another\n乾隆\t乾隆\n", Path::new("o.txt")).unwrap();
        assert_eq!(pairs, vec![("顯著".into(), "显著".into()), ("乾隆".into(), "乾隆".into())]);
    }

    #[test]
    fn a_malformed_or_repeated_override_names_its_line() {
        let err = parse_overrides("# x\n顯著 显著\n", Path::new("o.txt")).unwrap_err();
        assert_eq!((err.line, err.file.as_deref()), (Some(2), Some(Path::new("o.txt"))));
        let err = parse_overrides("# a\na\tb\n\n# again\na\tc\n", Path::new("o.txt")).unwrap_err();
        assert_eq!(err.line, Some(5));
        assert!(err.message.contains("already overridden"), "{}", err.message);
    }

    #[test]
    fn every_entry_is_explained_by_a_comment_above_it_or_its_group() {
        assert!(parse_overrides("# why these two\n顯著\t显著\n乾隆\t乾隆\n", Path::new("o.txt")).is_ok());
        for (text, line) in [("顯著\t显著\n", 1), ("# why\n顯著\t显著\n\n乾隆\t乾隆\n", 4), ("#\n顯著\t显著\n", 2)] {
            let err = parse_overrides(text, Path::new("o.txt")).unwrap_err();
            assert_eq!(err.line, Some(line), "{text:?}");
            assert!(err.message.contains("no comment line directly above it"), "{}", err.message);
        }
    }

    fn project(theme: Option<&str>, content: Option<&str>) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in [(theme_file("t", "zh-Hans"), theme), (Submission::single().overrides("zh-Hans"), content)] {
            if let Some(text) = text {
                let path = dir.path().join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
        }
        dir
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(s, t)| (s.to_string(), t.to_string())).collect()
    }

    #[test]
    fn the_theme_and_the_content_entries_are_merged_and_the_content_wins() {
        let dir = project(Some("# a\n連結\t链接\n# b\n搜尋\t搜索\n"), Some("# c\n搜尋\t搜寻\n# d\n著手\t着手\n"));
        assert_eq!(load(dir.path(), &Submission::single(), "t", "zh-Hans").unwrap(), pairs(&[("連結", "链接"), ("搜尋", "搜寻"), ("著手", "着手")]));
    }

    #[test]
    fn either_file_may_be_missing() {
        let dir = project(Some("# a\n連結\t链接\n"), None);
        assert_eq!(load(dir.path(), &Submission::single(), "t", "zh-Hans").unwrap(), pairs(&[("連結", "链接")]));
        let dir = project(None, Some("# d\n著手\t着手\n"));
        assert_eq!(load(dir.path(), &Submission::single(), "t", "zh-Hans").unwrap(), pairs(&[("著手", "着手")]));
        assert!(load(dir.path(), &Submission::single(), "other", "zh-Hans").is_ok());
    }

    #[test]
    fn a_bad_theme_entry_names_the_theme_file_and_line() {
        let dir = project(Some("# a\n連結 链接\n"), None);
        let err = load(dir.path(), &Submission::single(), "t", "zh-Hans").unwrap_err();
        assert_eq!((err.file.unwrap(), err.line), (dir.path().join(theme_file("t", "zh-Hans")), Some(2)));
    }
}
