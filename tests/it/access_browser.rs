//! The access pages in real headless Chromium with JavaScript off, as on an iPhone: signing in
//! at `/` and unlocking a password share link with plain forms (chat apps' browsers may run no
//! script). Screenshots go to `test-artifacts/access/`.

use std::path::Path;

use crate::support::{build_keys, json_of, make_ipa, tools, TestServer, TOKEN};

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_and_password_forms_work_without_javascript() {
    if !tools::chromium_ready() {
        return;
    }
    let s = TestServer::start(&[]);
    let ipa = make_ipa(
        "Locked.app",
        &build_keys(
            "com.example.locked",
            "3.1",
            "7",
            vec![("CFBundleDisplayName", "Locked Notes".into())],
        ),
        &[],
    );
    let up: serde_json::Value = s.upload_bytes(ipa).await.json().await.unwrap();
    let id = up["id"].as_str().unwrap();
    let link = json_of(
        s.client
            .post(s.url(&format!("/api/releases/{id}/links")))
            .bearer_auth(TOKEN)
            .json(&serde_json::json!({"password": "letmein", "expires_in": 3600})),
    )
    .await;
    let link_url = link["url"].as_str().unwrap().to_string();

    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/access");
    std::fs::create_dir_all(&out).unwrap();
    let config = serde_json::json!({
        "base": s.base,
        "out": out,
        "token": TOKEN,
        "link": link_url,
        "password": "letmein",
    });
    let results = tools::node_script("access-check.js", config).await;
    assert_eq!(results.len(), 12);
    for r in &results {
        let name = r["name"].as_str().unwrap();
        let text = r["text"].as_str().unwrap();
        let installs = r["install"].as_array().unwrap();
        assert!(
            Path::new(r["screenshot"].as_str().unwrap()).is_file(),
            "{name}"
        );
        match name.trim_end_matches("-dark") {
            "sign-in" => {
                assert!(
                    text.contains("Sign in") && !text.contains("Locked Notes"),
                    "{name}: {text}"
                );
            }
            "sign-in-wrong" => assert!(text.contains("not the password"), "{name}: {text}"),
            "signed-in" => {
                assert!(
                    text.contains("Locked Notes") && text.contains("Sign out"),
                    "{name}: {text}"
                )
            }
            "password" => {
                assert!(
                    text.contains("protected") && installs.is_empty(),
                    "{name}: {text}"
                )
            }
            "password-wrong" => {
                assert!(
                    text.contains("not right") && installs.is_empty(),
                    "{name}: {text}"
                )
            }
            "password-right" => {
                assert!(text.contains("Locked Notes"), "{name}: {text}");
                assert_eq!(installs.len(), 1, "{name}: one install button");
                let href = installs[0].as_str().unwrap();
                let encoded = href.split("url=").nth(1).unwrap();
                let manifest = percent_encoding::percent_decode_str(encoded)
                    .decode_utf8()
                    .unwrap();
                assert!(manifest.starts_with(&format!("{link_url}/")), "{manifest}");
                assert_eq!(r["url"], link_url);
            }
            other => panic!("unexpected step {other}"),
        }
    }
}
