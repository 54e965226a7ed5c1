//! Input-derived text in log lines: control characters (a newline in a bundle id, an escape
//! sequence in a content type) are written escaped (`\n`, `\u{1b}`), so one event is always
//! one line and nothing a client sends can forge another log line or drive a terminal.

use std::fmt;

/// Displays `self.0` with every control character escaped.
pub struct Clean<'a>(pub &'a str);

impl fmt::Display for Clean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert_eq!(
            Clean("com.evil\nGET / 200\r\u{1b}[31m\0é\t").to_string(),
            "com.evil\\nGET / 200\\r\\u{1b}[31m\\u{0}é\\t"
        );
        assert!(!Clean("a\nb\u{85}c").to_string().contains(['\n', '\u{85}']));
    }
}
