//! The checklist as text and as JSON.

use std::fmt::Write;

use serde::Serialize;

use super::finding::{Finding, Status};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// What was given to the doctor.
    pub input: String,
    /// Whether an install from this link would fail (any `fail` finding).
    pub install_would_fail: bool,
    pub counts: Counts,
    /// The canonical install link for the manifest URL found, when one was found.
    pub repaired_link: Option<String>,
    pub manifest_url: Option<String>,
    pub ipa_url: Option<String>,
    pub ipa_size: Option<u64>,
    /// Bytes of the IPA downloaded (with Range requests) to read its contents.
    pub ipa_bytes_fetched: Option<u64>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
}

impl Report {
    pub fn new(input: &str) -> Self {
        Report {
            input: input.to_string(),
            install_would_fail: false,
            counts: Counts::default(),
            repaired_link: None,
            manifest_url: None,
            ipa_url: None,
            ipa_size: None,
            ipa_bytes_fetched: None,
            findings: Vec::new(),
        }
    }

    pub fn push(&mut self, f: Finding) {
        self.findings.push(f);
        self.tally();
    }

    pub fn extend(&mut self, fs: impl IntoIterator<Item = Finding>) {
        self.findings.extend(fs);
        self.tally();
    }

    fn tally(&mut self) {
        let count = |s| self.findings.iter().filter(|f| f.status == s).count();
        self.counts = Counts {
            pass: count(Status::Pass),
            warn: count(Status::Warn),
            fail: count(Status::Fail),
        };
        self.install_would_fail = self.counts.fail > 0;
    }

    /// The exit code: 0 when nothing fails (warnings allowed), 1 when an install would fail.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.install_would_fail)
    }

    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "otadrop doctor: {}", self.input.trim());
        let _ = writeln!(s);
        let width = self
            .findings
            .iter()
            .map(|f| f.check.len())
            .max()
            .unwrap_or(0);
        for f in &self.findings {
            let tag = match f.status {
                Status::Pass => "pass",
                Status::Warn => "WARN",
                Status::Fail => "FAIL",
            };
            let _ = writeln!(s, "  {tag}  {:width$}  {}", f.check, f.message);
            if let Some(fix) = &f.fix {
                let _ = writeln!(s, "        {:width$}  fix: {fix}", "");
            }
        }
        let _ = writeln!(s);
        if let Some(link) = &self.repaired_link {
            let _ = writeln!(s, "Repaired link: {link}");
        }
        if let (Some(fetched), Some(size)) = (self.ipa_bytes_fetched, self.ipa_size) {
            let _ = writeln!(
                s,
                "IPA: read {fetched} of {size} bytes with Range requests ({:.2}%)",
                fetched as f64 * 100.0 / size.max(1) as f64
            );
        }
        let c = self.counts;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let _ = writeln!(
            s,
            "{}: {} passed, {}, {}",
            if self.install_would_fail {
                "An install from this link would fail"
            } else {
                "Nothing here stops an install"
            },
            c.pass,
            plural(c.warn, "warning"),
            plural(c.fail, "failure")
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_exit_code_and_text() {
        let mut r = Report::new("x");
        r.push(Finding::pass("a.b", "fine"));
        r.push(Finding::warn("c", "meh", "do this"));
        assert_eq!(r.exit_code(), 0);
        r.push(Finding::fail("d", "broken", "do that"));
        assert_eq!(r.exit_code(), 1);
        let t = r.render_text();
        assert!(t.contains("  FAIL  d    broken\n"), "{t}");
        assert!(t.contains("fix: do that"), "{t}");
        assert!(
            t.contains("would fail: 1 passed, 1 warning, 1 failure"),
            "{t}"
        );
        let j = serde_json::to_value(&r).unwrap();
        assert_eq!(j["install_would_fail"], true);
        assert_eq!(j["findings"][2]["status"], "fail");
        assert!(j["findings"][0].get("fix").is_none());
    }
}
