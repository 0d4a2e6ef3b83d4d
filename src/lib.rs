//! microsite: a static-site generator for trilingual policy submissions.
//!
//! The code is grouped by phase, data flowing one way around a leaf [`domain`] (the
//! site's types, ids, paragraph anchors, URL layout) that imports nothing else:
//!
//! 1. **load** — [`load`]: the project's files only ([`load::project`]), the settings
//!    ([`load::config`]), the proposal files ([`load::content`]), the theme ([`load::theme`]);
//! 2. **model** — [`model`]: languages, pillars and proposals, with the cross-file rules;
//! 3. **text** — [`text`]: Markdown with stable paragraph anchors ([`text::markdown`]), an
//!    author's raw HTML cleaned ([`text::sanitize`]), the generated Simplified edition
//!    ([`text::convert`]);
//! 4. **output** — [`output`]: pages through the theme ([`output::render`]), compacted
//!    ([`html`]) and written into a staging folder ([`output::write`]) that replaces the
//!    locked output folder ([`output::outdir`]); the search index ([`output::search`]) and
//!    what hosts read ([`output::publish`]); [`output::emit`] drives them, streaming;
//! 5. **check** — [`mod@check`]: every link, fragment and anchor of every page, read as it is
//!    written; [`proofread`]: the authored text against the source text and the glossary
//!    the settings name, if they do;
//!    [`review`]: the report a person reads to sign off the generated Simplified edition;
//!    the settings name, if they do; [`status`]: which paragraphs of each translation
//!    follow the current source text (translation freshness);
//! 6. **serve** — [`serve`]: the development server.
//!
//! [`mod@prepare`] runs load → model → text for titles and strings; [`pipeline`] runs prepare
//! then emit, for `build` and `check`.

pub mod check;
pub mod domain;
pub mod error;
pub mod html;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod prepare;
pub mod proofread;
pub mod review;
pub mod scaffold;
pub mod serve;
pub mod status;
pub mod term;
pub mod text;
pub mod timings;

pub use error::{Error, Result};
pub use output::emit::{emit, Emitted};
pub use pipeline::{build, build_with_progress, check, BuildOptions, BuildReport};
pub use prepare::{prepare, Prepared};
