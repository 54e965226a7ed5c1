//! `otadrop inspect`: the JSON contract, the text report, `--icon`, and failures.

use crate::support::{assert_success, otadrop};

const ITANKY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/fixtures/ipa/fastlane__iTanky_2012.ipa"
);

#[test]
fn json_output_is_the_documented_contract() {
    let out = otadrop(&["inspect", ITANKY, "--json"]);
    assert_success(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "bundle_id",
        "version",
        "build",
        "title",
        "minimum_os",
        "device_family",
        "platform",
        "size",
        "icon",
        "profile",
        "warnings",
        "extensions",
        "has_executable",
    ] {
        assert!(keys.contains(&key), "missing {key} in {keys:?}");
    }
    assert_eq!(v["bundle_id"], "at.felixkrause.iTanky");
    assert_eq!(v["title"], "iTanky");
    assert_eq!(v["device_family"], serde_json::json!(["iphone"]));
    assert_eq!(v["size"], 2056240);
    assert_eq!(
        v["icon"],
        serde_json::json!({"source": "file", "file": "Payload/iTanky.app/Icon@2x.png", "set": null, "width": 114, "height": 114, "dark": false})
    );
    let p = &v["profile"];
    assert_eq!(p["type"], "ad-hoc");
    assert_eq!(p["name"], "iTanky Ad Hoc Krause New 2");
    assert_eq!(p["team_name"], serde_json::Value::Null);
    assert_eq!(p["team_id"], "A83XXT7P9C");
    assert_eq!(p["devices"], 24);
    assert_eq!(p["device_ids"].as_array().unwrap().len(), 24);
    assert_eq!(p["digest_ok"], true);
    // RFC 3339
    let expires = p["expires"].as_str().unwrap();
    assert!(
        expires.starts_with("2012-07-23T") && expires.ends_with('Z'),
        "{expires}"
    );
    for key in ["created", "certificate_expires", "platforms", "app_id_name"] {
        assert!(p.get(key).is_some(), "profile.{key}");
    }
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            assert!(w["message"].as_str().is_some_and(|m| !m.is_empty()));
            w["code"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        codes,
        ["no-executable", "profile-expired", "certificate-expired"]
    );
}

#[test]
fn missing_icon_is_null() {
    let out = otadrop(&[
        "inspect",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/ipa/icyleaf__iphone.ipa"
        ),
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["icon"], serde_json::Value::Null);
    assert_eq!(v["profile"]["type"], "development");
}

#[test]
fn text_output_is_aligned_and_complete() {
    let out = otadrop(&["inspect", ITANKY]);
    assert_success(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "Title           iTanky\n",
        "Bundle ID       at.felixkrause.iTanky\n",
        "Version         1.0 (build 1.0)\n",
        "Executable      MISSING\n",
        "Icon            Payload/iTanky.app/Icon@2x.png (114x114, file)\n",
        "Profile         ad-hoc \"iTanky Ad Hoc Krause New 2\"\n",
        "Devices listed  24\n",
        "Signature       content digest verified\n",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    assert!(
        text.contains("Expires         2012-07-23 (expired "),
        "{text}"
    );
    assert!(text.contains("  [profile-expired] "), "{text}");
}

#[test]
fn icon_flag_writes_a_standard_png_at_its_own_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("icon.png");
    let out = otadrop(&["inspect", ITANKY, "--icon", path.to_str().unwrap()]);
    assert_success(&out);
    let bytes = std::fs::read(&path).unwrap();
    let header = otadrop::ipa::cgbi::header(&bytes).unwrap();
    assert_eq!(
        (header.width, header.height, header.cgbi),
        (114, 114, false)
    );
    // The png crate decodes it (CRCs and zlib stream checked).
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut buf).unwrap();

    let out = otadrop(&[
        "inspect",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/ipa/icyleaf__iphone.ipa"
        ),
        "--icon",
        dir.path().join("none.png").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no icon"));
}

#[test]
fn unreadable_files_fail_with_one_line() {
    for file in [
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/ipa/edge__fastlane__not-an-ipa.ipa"
        ),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/ipa/edge__fastlane__iOSAppOnly_nested-root.ipa"
        ),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/ipa/does-not-exist.ipa"
        ),
    ] {
        let out = otadrop(&["inspect", file, "--json"]);
        assert!(!out.status.success(), "{file}");
        assert!(out.stdout.is_empty(), "{file}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("otadrop: ") && err.contains(file), "{err}");
    }
}
