//! Load: the project's files, read once and checked for what each file alone can tell.

pub mod config;
pub mod content;
pub mod pages;
pub mod project;
pub mod theme;
