//! How the command line and `serve` print problems: `error:` in bold red, `warning:`
//! in yellow and `notice:` (something left to fill in, never a failure) in cyan when standard error is a terminal, plain text otherwise (a pipe, a file,
//! `NO_COLOR` set; `CLICOLOR_FORCE` forces colour). The choice is anstream's.

use std::fmt::Display;

use anstyle::{AnsiColor, Style};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const NOTICE: Style = AnsiColor::Cyan.on_default().bold();

/// Prints `error: MESSAGE` on standard error.
pub fn error(message: impl Display) {
    anstream::eprintln!("{ERROR}error:{ERROR:#} {message}");
}

/// Prints `warning: MESSAGE` on standard error.
pub fn warning(message: impl Display) {
    anstream::eprintln!("{WARNING}warning:{WARNING:#} {message}");
}

/// Prints `notice: MESSAGE` on standard error.
pub fn notice(message: impl Display) {
    anstream::eprintln!("{NOTICE}notice:{NOTICE:#} {message}");
}
