//! Text: Markdown to HTML with stable anchors, the sanitizer for an author's raw HTML,
//! and the conversion that generates the Simplified Chinese edition.

pub mod convert;
pub mod fingerprint;
pub mod markdown;
pub mod overrides;
pub mod render;
pub mod sanitize;
pub mod structure;
