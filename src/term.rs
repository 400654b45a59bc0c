//! The terminal: colour only when the stream is a terminal and `NO_COLOR` is not set; what
//! commands say on stderr as they work (`info`, silenced by `--quiet`); and a progress line for
//! long work (`Progress`), shown only on an interactive terminal.
//!
//! Rules: stdout is the command's result (a report, SQL, a diff); stderr tells what happened.
//! `--quiet` silences what a script does not need (what was written, applied, found in order)
//! and never warnings, errors or findings. A progress line is redrawn in place, so it is shown
//! only where a person watches: stderr a terminal, not CI (`CI` set), not `--quiet`, and
//! `TERM` not `dumb`; it is erased before anything else is printed.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: from now on, `info` says nothing and no progress is shown.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// A line of what the command did (a file written, a migration applied), on stderr.
pub fn info(message: impl std::fmt::Display) {
    if !quiet() {
        eprintln!("{message}");
    }
}

/// One line on stderr that says what long work is doing, redrawn as it goes; erased when
/// dropped. Silent where no one watches (see the module's rules).
pub struct Progress {
    shown: bool,
}

impl Progress {
    pub fn start() -> Progress {
        let watched = !quiet()
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none()
            && std::env::var("TERM").map_or(true, |t| t != "dumb");
        Progress { shown: watched }
    }

    /// Replaces the line with `status`.
    pub fn set(&self, status: &str) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{status}");
            let _ = err.flush();
        }
    }

    /// Erases the line, so that the next message starts on a clean one.
    pub fn clear(&self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// No colour whatever the streams are (tests compare plain text).
    #[cfg(test)]
    pub const PLAIN: Style = Style { color: false };

    pub fn for_stderr() -> Style {
        Style {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal(),
        }
    }

    pub fn for_stdout() -> Style {
        Style {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal(),
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn red(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.paint("1;33", text)
    }

    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
}
