//! One line of the checklist, and the report that collects them.

use serde::Serialize;

/// How a check came out. Only `Fail` means an install would not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
}

/// One checklist line: which check, how it came out, what was seen, and (for a warning or a
/// failure) the fix in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable dotted id, group first (`link.escaping`, `tls.expiry`, `ipa.range`).
    pub check: String,
    pub status: Status,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Finding {
    pub fn pass(check: &str, message: impl Into<String>) -> Self {
        Finding {
            check: check.to_string(),
            status: Status::Pass,
            message: message.into(),
            fix: None,
        }
    }

    pub fn warn(check: &str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Finding {
            check: check.to_string(),
            status: Status::Warn,
            message: message.into(),
            fix: Some(fix.into()),
        }
    }

    pub fn fail(check: &str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Finding {
            check: check.to_string(),
            status: Status::Fail,
            message: message.into(),
            fix: Some(fix.into()),
        }
    }
}

/// The worst status among `findings` of the check `check`; `None` when it was not run.
pub fn worst_of(findings: &[Finding], check: &str) -> Option<Status> {
    findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| f.status)
        .max()
}
