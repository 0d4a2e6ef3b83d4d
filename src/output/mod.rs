//! Output: every file of the site made, compacted, checked and written, and the output
//! folder replaced.

pub mod emit;
pub mod identity;
pub mod outdir;
pub mod pdf;
pub mod progress;
pub mod publish;
pub mod render;
pub mod search;
pub mod write;
