//! The app icon on the pages: from `Assets.car` when the bundle has no loose PNG, and its
//! dark appearance under `prefers-color-scheme: dark` (plain and AMP, AMP still valid).

use std::path::Path;

use crate::support::{
    build_keys, fixture, json_stdout, make_ipa, otadrop_command, tools, TestServer,
};

/// Decodes a served PNG: (width, height, RGBA pixels).
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .expect("a PNG")
        .to_rgba8();
    (image.width(), image.height(), image.into_raw())
}

#[tokio::test]
async fn an_ipa_with_its_icon_only_in_assets_car_shows_the_real_icon() {
    let server = TestServer::start(&[]);
    let release = server.publish(&fixture("ipa/ipa-server__ipa.ipa")).await;
    assert_eq!(release["app"]["icon"]["source"], "assets-car");
    assert_eq!(release["app"]["icon"]["set"], "AppIcon");
    assert_eq!(release["icon_dark_url"], serde_json::Value::Null);
    let icon_url = release["icon_url"].as_str().expect("an icon URL");

    let page = server.text(release["page_url"].as_str().unwrap()).await;
    assert!(
        page.contains(&format!("<img class=\"icon\" src=\"{icon_url}\"")),
        "{page}"
    );
    assert!(!page.contains("icon ph"), "the placeholder is shown");
    assert!(page.contains("og:image"));

    let (w, h, px) = decode(&server.fetch(icon_url).await);
    assert_eq!((w, h), (180, 180));
    // A real picture: many colours, not a flat tile.
    let mut colours: Vec<&[u8]> = px.chunks_exact(4).collect();
    colours.sort();
    colours.dedup();
    assert!(colours.len() > 100, "{} colours", colours.len());
    let large = release["manifest_url"]
        .as_str()
        .unwrap()
        .replace("manifest.plist", "icon-512.png");
    assert_eq!(decode(&server.fetch(&large).await).0, 512);
}

fn light_dark_ipa() -> Vec<u8> {
    let car = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/car/tests/data/light-dark.car"),
    )
    .unwrap();
    make_ipa(
        "Moon.app",
        &build_keys(
            "com.example.moon",
            "2.0",
            "9",
            vec![
                ("DTPlatformName", "iphoneos".into()),
                (
                    "CFBundleIcons",
                    plist::Value::Dictionary(
                        [(
                            "CFBundlePrimaryIcon".to_string(),
                            plist::Value::Dictionary(
                                [(
                                    "CFBundleIconName".to_string(),
                                    plist::Value::from("AppIcon"),
                                )]
                                .into_iter()
                                .collect(),
                            ),
                        )]
                        .into_iter()
                        .collect(),
                    ),
                ),
            ],
        ),
        &[("Payload/Moon.app/Assets.car", &car)],
    )
}

#[tokio::test]
async fn a_dark_icon_is_served_and_shown_in_dark_mode() {
    let server = TestServer::start(&[]);
    let r = server.upload_bytes(light_dark_ipa()).await;
    assert_eq!(r.status(), 201);
    let release: serde_json::Value = r.json().await.unwrap();
    assert_eq!(release["app"]["icon"]["dark"], true);
    let light_url = release["icon_url"].as_str().unwrap();
    let dark_url = release["icon_dark_url"].as_str().expect("a dark icon URL");

    let (_, _, light) = decode(&server.fetch(light_url).await);
    let (w, _, dark) = decode(&server.fetch(dark_url).await);
    assert_eq!(w, 64);
    assert_eq!(&light[..4], [0, 80, 255, 255], "the light icon is blue");
    assert_eq!(&dark[..4], [255, 140, 0, 255], "the dark icon is orange");

    let page = server.text(release["page_url"].as_str().unwrap()).await;
    assert!(
        page.contains(&format!(
            "<picture><source srcset=\"{dark_url}\" media=\"(prefers-color-scheme: dark)\"><img class=\"icon\" src=\"{light_url}\""
        )),
        "{page}"
    );

    let amp = server.text(release["amp_url"].as_str().unwrap()).await;
    assert!(
        amp.contains(&format!(
            "<amp-img class=\"icon icon-dark\" src=\"{dark_url}\""
        )),
        "{amp}"
    );
    assert!(amp.contains("media=\"(prefers-color-scheme: dark)\""));
    assert!(amp.contains("media=\"not all and (prefers-color-scheme: dark)\""));
    assert!(!amp.contains("<picture"));
    if tools::validator_ready() {
        let file = tools::artifacts("amp").join("dark-icon.amp.html");
        std::fs::write(&file, &amp).unwrap();
        let results = tools::validate_amp(&[file]);
        assert_eq!(results[0]["status"], "PASS", "{}", results[0]["errors"]);
    }
}

#[test]
fn inspect_writes_the_catalog_icon_and_the_dark_one() {
    let dir = tempfile::tempdir().unwrap();
    let ipa = dir.path().join("moon.ipa");
    std::fs::write(&ipa, light_dark_ipa()).unwrap();
    let (light, dark) = (dir.path().join("light.png"), dir.path().join("dark.png"));
    let v = json_stdout(
        otadrop_command()
            .args(["inspect", "--json", "--icon"])
            .arg(&light)
            .arg("--icon-dark")
            .arg(&dark)
            .arg(&ipa),
    );
    assert_eq!(
        v["icon"],
        serde_json::json!({"source": "assets-car", "file": "Payload/Moon.app/Assets.car",
            "set": "AppIcon", "width": 64, "height": 64, "dark": true})
    );
    assert_eq!(
        &decode(&std::fs::read(&light).unwrap()).2[..4],
        [0, 80, 255, 255]
    );
    assert_eq!(
        &decode(&std::fs::read(&dark).unwrap()).2[..4],
        [255, 140, 0, 255]
    );

    // No dark icon: --icon-dark fails and says why.
    let out = otadrop_command()
        .args(["inspect", "--icon-dark"])
        .arg(dir.path().join("none.png"))
        .arg(fixture("ipa/ipa-server__ipa.ipa"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no dark icon"));
}

#[tokio::test]
async fn chromium_shows_the_dark_icon_only_in_dark_mode() {
    if !tools::browser_ready() {
        return;
    }
    let server = TestServer::start(&[]);
    let r = server.upload_bytes(light_dark_ipa()).await;
    assert_eq!(r.status(), 201);
    let release: serde_json::Value = r.json().await.unwrap();
    let (page, amp) = (
        release["page_url"].as_str().unwrap(),
        release["amp_url"].as_str().unwrap(),
    );
    let light = release["icon_url"].as_str().unwrap();
    let dark = release["icon_dark_url"].as_str().unwrap();
    let out = tools::artifacts("icons");
    let mut scenarios = Vec::new();
    for (kind, url) in [("plain", page), ("amp", amp)] {
        for scheme in ["light", "dark"] {
            scenarios.push(serde_json::json!({
                "name": format!("{kind}-{scheme}"), "url": url, "profile": "iphone",
                "colorScheme": scheme,
                // The AMP runtime is on another origin, blocked here: without JavaScript the
                // page shows at once (as from a cache with scripts off), CSS picks the icon.
                "javaScriptEnabled": kind == "plain",
            }));
        }
    }
    let results = tools::browser_check(serde_json::json!({
        "base": server.url(""), "out": out, "scenarios": scenarios,
    }))
    .await;
    for kind in ["plain", "amp"] {
        for (scheme, want) in [("light", light), ("dark", dark)] {
            let r = tools::scenario(&results, &format!("{kind}-{scheme}"));
            assert_eq!(r["status"], 200);
            assert_eq!(
                r["shownIcons"],
                serde_json::json!([want]),
                "{kind} {scheme}"
            );
        }
    }
}
