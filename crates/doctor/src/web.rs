//! The doctor as a web form, for the HTTP layer to serve (`GET /doctor?link=...`): a plain
//! function from the input and the outcome to the page. Run [`super::diagnose`] with
//! [`web_options`] for input from the form: public addresses only, so that the form cannot be
//! used to probe the server's own network.

use std::time::Duration;

use maud::{html, Markup, DOCTYPE};

use super::{Options, Report, Status, TrustRoots};

/// Options for input from strangers: public roots, public addresses only, short timeouts.
/// Pass the server's own CA in `extra_cas` when it runs on one.
pub fn web_options(
    extra_cas: Vec<rustls::pki_types::CertificateDer<'static>>,
) -> Result<Options, String> {
    Ok(Options {
        roots: TrustRoots::new(extra_cas)?,
        timeout: Duration::from_secs(8),
        public_only: true,
    })
}

/// The form, with the report under it when there is one (`Err` is a message for input the
/// doctor could not use).
pub fn page(action: &str, input: &str, outcome: Option<Result<&Report, &str>>) -> String {
    let markup: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width,initial-scale=1";
                meta name="robots" content="noindex";
                title { "Install link doctor" }
                style { (STYLE) }
            }
            body {
                h1 { "My install link does not work" }
                p { "Paste an " code { "itms-services://" } " link, the address of the page with the install button, or the manifest URL. The doctor checks the link, the server's certificate, the manifest, the IPA and its icons the way an iPhone would." }
                form method="get" action=(action) {
                    label for="link" { "Link or URL" }
                    textarea id="link" name="link" rows="3" required { (input) }
                    button type="submit" { "Check" }
                }
                @match outcome {
                    None => {},
                    Some(Err(message)) => p.fail { (message) },
                    Some(Ok(report)) => (report_markup(report)),
                }
            }
        }
    };
    markup.into_string()
}

fn report_markup(report: &Report) -> Markup {
    let c = report.counts;
    html! {
        @if report.install_would_fail {
            p.verdict.fail { "An install from this link would fail: " (c.fail) " failures, " (c.warn) " warnings." }
        } @else {
            p.verdict.pass { "Nothing here stops an install: " (c.pass) " checks passed, " (c.warn) " warnings." }
        }
        @if let Some(link) = &report.repaired_link {
            label for="repaired" { "Repaired link" }
            input id="repaired" readonly value=(link);
        }
        table {
            thead { tr { th { "" } th { "Check" } th { "Finding" } } }
            tbody {
                @for f in &report.findings {
                    @let (class, tag) = match f.status {
                        Status::Pass => ("pass", "pass"),
                        Status::Warn => ("warn", "warning"),
                        Status::Fail => ("fail", "FAIL"),
                    };
                    tr class=(class) {
                        td { (tag) }
                        td { code { (f.check) } }
                        td {
                            (f.message)
                            @if let Some(fix) = &f.fix { br; strong { "Fix: " } (fix) }
                        }
                    }
                }
            }
        }
    }
}

const STYLE: &str = "body{font:16px/1.45 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}\
textarea,input{width:100%;box-sizing:border-box;font:14px ui-monospace,monospace;padding:.5rem}\
button{margin:.5rem 0 1.5rem;padding:.5rem 1.2rem;font-size:1rem}\
table{border-collapse:collapse;width:100%;margin-top:1rem}td,th{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ddd}\
tr.pass td:first-child{color:#1a7f37}tr.warn td:first-child{color:#9a6700}tr.fail td:first-child,.fail{color:#cf222e;font-weight:600}\
.verdict.pass{color:#1a7f37;font-weight:600}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Finding;

    #[test]
    fn the_form_escapes_input_and_lists_every_finding() {
        let mut r = Report::new("<script>alert(1)</script>");
        r.push(Finding::pass("link.scheme", "ok"));
        r.push(Finding::fail("tls.name", "no <SAN>", "Reissue & retry."));
        r.repaired_link = Some("itms-services://?action=download-manifest&url=x".into());
        let page = page("/doctor", "<script>alert(1)</script>", Some(Ok(&r)));
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(page.matches("<tr class=").count(), 2);
        assert!(page.contains("no &lt;SAN&gt;"));
        assert!(page.contains("Reissue &amp; retry."));
        assert!(page.contains("action=download-manifest&amp;url=x"));
        assert!(page.contains("would fail"));
        let empty = super::page("/doctor", "", None);
        assert!(!empty.contains("<table"));
        let refused = super::page("/doctor", "x", Some(Err("not a link")));
        assert!(refused.contains("not a link"));
    }

    #[test]
    fn web_options_are_public_only() {
        assert!(web_options(vec![]).unwrap().public_only);
    }
}
