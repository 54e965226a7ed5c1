//! The plain and AMP pages in a real browser: headless Chromium (Debian's `chromium` driven by
//! playwright-core, `tests/tools/browser-check.js`) loads them from the real `otadrop serve` on
//! 127.0.0.1 as an iPhone (light, dark, 320 px, no script, Telegram, WeChat), an Android phone,
//! a desktop (light, dark), a Mac and an iPad in desktop mode. Screenshots are kept under
//! `test-artifacts/browser/`; the QR code in the desktop screenshot is decoded with zbarimg.
//!
//! Needs `tests/tools/setup.sh`. Without the tools it skips with a note, unless `CI=true`.

use std::process::Command;

use crate::support::{tools, TestServer};

fn ipa(bundle: &str, title: &str, minimum_os: &str) -> Vec<u8> {
    crate::support::app_ipa(bundle, title, minimum_os, "2.4.0", "318")
}

#[tokio::test(flavor = "multi_thread")]
async fn landing_pages_in_headless_chromium() {
    if !tools::browser_ready() {
        return;
    }

    let server = TestServer::start(&[]);
    let ok = server
        .upload_bytes(ipa("com.example.fieldnotes", "Field Notes", "14.0"))
        .await;
    assert_eq!(ok.status(), 201);
    let ok: serde_json::Value = ok.json().await.unwrap();
    // A build that needs a newer iOS than any visitor here: the page must say why, not offer.
    let blocked = server
        .upload_bytes(ipa("com.example.future", "Future App", "30.0"))
        .await;
    assert_eq!(blocked.status(), 201);
    let blocked: serde_json::Value = blocked.json().await.unwrap();

    let out = tools::artifacts("browser");
    let page = ok["page_url"].as_str().unwrap().to_string();
    let config = serde_json::json!({
        "base": server.base,
        "out": out,
        "page": page,
        "amp": ok["amp_url"],
        "blocked": blocked["page_url"],
    });
    let results = tools::browser_check(config).await;
    let by = |name: &str| tools::scenario(&results, name);
    let install_url = ok["install_url"].as_str().unwrap();

    for r in &results {
        let name = r["name"].as_str().unwrap();
        assert_eq!(r["status"], 200, "{name}");
        tools::assert_fits_a_phone(r);
    }

    // iPhone: the button, visible, pointing at the manifest; in every variant.
    for name in [
        "iphone-light",
        "iphone-dark",
        "iphone-320",
        "iphone-noscript",
        "iphone-telegram",
    ] {
        let r = by(name);
        assert_eq!(r["install"], true, "{name}: install button visible");
        assert_eq!(r["installHref"], install_url, "{name}");
        assert_eq!(r["qr"], false, "{name}");
    }
    assert_ne!(
        by("iphone-light")["background"],
        by("iphone-dark")["background"]
    );
    assert_ne!(
        by("iphone-amp-noscript")["background"],
        by("iphone-amp-dark-noscript")["background"]
    );
    // The AMP page without script is one document for everyone: iOS WebKit gets the button
    // through `@supports (-webkit-touch-callout: none)`, which Chromium's iPhone emulation does
    // not match, so here the emulated iPhone sees the other view: the QR code, no button (the
    // iOS view is checked in `amp.rs`).
    for name in ["iphone-amp-noscript", "iphone-amp-dark-noscript"] {
        let r = by(name);
        assert_eq!(r["qr"], true, "{name}");
        assert_eq!(r["anyInstall"], false, "{name}");
    }
    // Telegram is only told apart by script.
    assert_eq!(by("iphone-light")["telegram"], false);
    assert_eq!(by("iphone-telegram")["telegram"], true);
    assert_eq!(
        by("iphone-telegram")["linkField"],
        true,
        "the script opens the copy-link fallback in Telegram"
    );
    // Without script the fallback is a readonly field with the link, and no dead Copy button.
    let r = by("iphone-noscript");
    assert_eq!(r["linkField"], true);
    assert_eq!(r["linkValue"], page.as_str());
    assert_eq!(r["copyButton"], false);

    // WeChat: open-in-Safari steps, the link, and a Copy button that copies it.
    let r = by("wechat");
    assert!(r["text"]
        .as_str()
        .unwrap()
        .contains("WeChat's built-in browser"));
    assert_eq!(r["linkValue"], page.as_str());
    assert_eq!(r["copyButton"], true);
    assert_eq!(r["clipboard"], page.as_str());
    assert_eq!(r["install"], true, "the button follows the steps");

    // Android: iOS only, with the QR code.
    let r = by("android");
    assert_eq!(r["install"], false);
    assert_eq!(r["qr"], true);
    assert!(r["text"].as_str().unwrap().contains("This app is for"));

    // Desktop: the QR code, which decodes to the page URL.
    for name in ["desktop-light", "desktop-dark"] {
        let r = by(name);
        assert_eq!(r["qr"], true, "{name}");
        assert_eq!(r["install"], false, "{name}");
        let shot = r["qrShot"].as_str().unwrap();
        let decoded = Command::new("zbarimg")
            .args(["--raw", "-q", shot])
            .output()
            .unwrap();
        assert!(decoded.status.success(), "{name}: zbarimg found no code");
        assert_eq!(
            String::from_utf8_lossy(&decoded.stdout).trim(),
            page,
            "{name}"
        );
    }

    // Mac: QR; the same User-Agent on a touch screen (an iPad in desktop mode) gets the button.
    let r = by("mac-no-touch");
    assert_eq!(r["qr"], true);
    assert_eq!(r["touchInstall"], false);
    let r = by("ipad-desktop-mode");
    assert_eq!(r["qr"], true);
    assert_eq!(r["touchInstall"], true);
    assert_eq!(r["install"], true);

    // A doomed install says why and offers no button.
    let r = by("iphone-blocked");
    assert_eq!(r["blocked"], true);
    assert_eq!(r["install"], false);
    assert!(r["text"]
        .as_str()
        .unwrap()
        .contains("needs iOS 30.0 or later"));
}
