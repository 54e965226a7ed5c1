//! The real binary: `otadrop serve` publishes a release, and `otadrop doctor` on its page
//! passes clean (exit 0, `--json`); a broken link exits 1 and unusable input exits 2.

use crate::support::hosts as support;
use crate::support::{assert_success, otadrop, otadrop_command};

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// `otadrop serve` on 127.0.0.1, killed when dropped.
struct Serve {
    child: Child,
    base: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(data: &Path) -> Serve {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("https://127.0.0.1:{port}");
    let mut child = otadrop_command()
        .args(["serve", "--data"])
        .arg(data)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--public-url", &base, "--upload-token", "doctor-test-token"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("listening on") {
                let _ = tx.send(());
            }
        }
    });
    let serve = Serve { child, base };
    rx.recv_timeout(Duration::from_secs(60))
        .expect("otadrop serve did not start");
    serve
}

#[test]
fn a_release_published_on_otadrop_passes_clean() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = serve(&data);
    let ca = data.join("tls").join("ca.crt");
    let ca = ca.to_str().unwrap();

    let ipa = support::make_ipa("com.example.published", 16 * 1024 * 1024);
    let ipa_path = dir.path().join("app.ipa");
    std::fs::write(&ipa_path, &ipa).unwrap();
    let published = otadrop(&[
        "publish",
        ipa_path.to_str().unwrap(),
        "--server",
        &server.base,
        "--token",
        "doctor-test-token",
        "--ca",
        ca,
    ]);
    assert_success(&published);
    let page = String::from_utf8(published.stdout)
        .unwrap()
        .trim()
        .to_string();
    assert!(page.starts_with(&server.base), "{page}");

    // The page as input: the link is taken from its HTML.
    let out = otadrop(&["doctor", &page, "--ca", ca, "--json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["install_would_fail"], false);
    assert_eq!(report["counts"]["fail"], 0, "{text}");
    let checks: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    for check in [
        "input.page",
        "link.escaping",
        "tls.trust",
        "manifest.plist",
        "ipa.range",
        "ipa.bundle-id",
    ] {
        assert!(checks.contains(&check), "{check} missing: {text}");
    }
    let size = report["ipa_size"].as_u64().unwrap();
    let fetched = report["ipa_bytes_fetched"].as_u64().unwrap();
    assert_eq!(size, ipa.len() as u64);
    println!("otadrop release: the doctor read {fetched} of {size} bytes of the IPA");
    assert!(fetched * 100 < size, "read {fetched} of {size}");

    // The text form, from the install link itself.
    let link = report["repaired_link"].as_str().unwrap().to_string();
    let out = otadrop(&["doctor", &link, "--ca", ca]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Nothing here stops an install"), "{text}");

    // Without the CA, the certificate is not one a device trusts: exit 1.
    let out = otadrop(&["doctor", &link]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("FAIL  tls.trust"));

    // The same link double-escaped, as pasted from a broken page: exit 1, repaired link given.
    let broken = link.replace('&', "&amp;amp;");
    let out = otadrop(&["doctor", &broken, "--ca", ca, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["install_would_fail"], true);
    assert_eq!(report["repaired_link"].as_str(), Some(link.as_str()));
}

#[test]
fn unusable_input_exits_2() {
    let out = otadrop(&["doctor", "not a link at all"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("neither an itms-services"));
    let out = otadrop(&[
        "doctor",
        "itms-services://?x",
        "--ca",
        "/nonexistent/ca.pem",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
