//! The outside checkers the tests drive: the official AMP validator and headless Chromium
//! (through `tests/tools/*.js`, installed by `tests/tools/setup.sh`), and zbarimg. A missing
//! tool fails the test under `CI=true` and skips it with a note otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools")
}

/// `test-artifacts/<sub>/`, created.
pub fn artifacts(sub: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-artifacts")
        .join(sub);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn has_command(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether a tool is there; without it, fail under CI and skip (with a note) otherwise.
pub fn present(what: &str, present: bool) -> bool {
    if !present {
        assert!(
            !super::strict(),
            "{what} is missing (run tests/tools/setup.sh)"
        );
        eprintln!("SKIP: {what} is missing (run tests/tools/setup.sh)");
    }
    present
}

/// node with amphtml-validator and the offline validator engine.
pub fn validator_ready() -> bool {
    let tools = dir();
    present(
        "node with amphtml-validator and validator_wasm.js",
        has_command("node")
            && tools.join("node_modules/amphtml-validator").is_dir()
            && tools.join("validator_wasm.js").is_file(),
    )
}

/// Chromium, node with playwright-core, and zbarimg.
pub fn browser_ready() -> bool {
    present(
        "chromium, node + playwright-core or zbarimg",
        chromium_present() && has_command("zbarimg"),
    )
}

/// Chromium and node with playwright-core, for the checks that need no zbarimg.
pub fn chromium_ready() -> bool {
    present("chromium or node + playwright-core", chromium_present())
}

/// Whether Chromium and node with playwright-core are there (no note, no failure: combine
/// with other needs and pass the result to [`present`]).
pub fn chromium_present() -> bool {
    Path::new("/usr/bin/chromium").exists()
        && has_command("node")
        && dir().join("node_modules/playwright-core").is_dir()
}

/// Runs the official validator over `files` in one node process; one result per file
/// (`{"file", "status": "PASS" | "FAIL", "errors"}`).
pub fn validate_amp(files: &[PathBuf]) -> Vec<serde_json::Value> {
    let results = super::json_stdout(
        Command::new("node")
            .arg(dir().join("validate-amp.js"))
            .args(files),
    );
    serde_json::from_value(results).expect("validator results, one a file")
}

/// Runs `browser-check.js` with `config` (scenarios, allowed origins, output folder) in
/// Chromium; one result per scenario.
pub async fn browser_check(config: serde_json::Value) -> Vec<serde_json::Value> {
    node_script("browser-check.js", config).await
}

/// Runs the node script `script` of `tests/tools/` with `config` as its one argument, and
/// parses what it prints as a JSON array of results.
pub async fn node_script(
    script: &'static str,
    config: serde_json::Value,
) -> Vec<serde_json::Value> {
    let results = tokio::task::spawn_blocking(move || {
        super::json_stdout(
            Command::new("node")
                .arg(dir().join(script))
                .arg(config.to_string()),
        )
    })
    .await
    .unwrap();
    serde_json::from_value(results).expect("JSON results, one a scenario")
}

/// What every page must be in the browser, from a `browser-check.js` result: its screenshot
/// taken, no request to another host, no sideways scrolling, no tap target under 44 px.
pub fn assert_fits_a_phone(r: &serde_json::Value) {
    let name = r["name"].as_str().unwrap_or("?");
    assert!(
        Path::new(r["screenshot"].as_str().unwrap()).is_file(),
        "{name}: screenshot"
    );
    assert!(
        r["blockedRequests"].as_array().unwrap().is_empty(),
        "{name} asked for another host: {}",
        r["blockedRequests"]
    );
    assert!(
        r["scrollWidth"].as_i64() <= r["clientWidth"].as_i64(),
        "{name}: scrolls sideways ({} > {})",
        r["scrollWidth"],
        r["clientWidth"]
    );
    assert!(
        r["smallControls"].as_array().unwrap().is_empty(),
        "{name}: tap targets under 44 px: {}",
        r["smallControls"]
    );
}

/// The result of the scenario called `name`.
pub fn scenario(results: &[serde_json::Value], name: &str) -> serde_json::Value {
    results
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no result for {name}"))
        .clone()
}
