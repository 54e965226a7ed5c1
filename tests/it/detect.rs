//! Every row of the shared user-agent file (`../shared/fixtures/user-agents/user-agents.tsv`)
//! gets its expected platform, in-app browser and page; `otadrop detect` prints the same as JSON.

use otadrop::client::{self, Platform};

struct Row {
    line: usize,
    platform: String,
    in_app: String,
    page: String,
    description: String,
    ua: String,
}

fn rows() -> Vec<Row> {
    let path = crate::support::fixture("user-agents/user-agents.tsv");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let rows: Vec<Row> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            // The last column may be empty (the missing header), so split exactly.
            let cols: Vec<&str> = l.splitn(5, '\t').collect();
            assert_eq!(cols.len(), 5, "line {}: {l:?}", i + 1);
            Row {
                line: i + 1,
                platform: cols[0].into(),
                in_app: cols[1].into(),
                page: cols[2].into(),
                description: cols[3].into(),
                ua: cols[4].into(),
            }
        })
        .collect();
    assert!(rows.len() >= 30, "the fixture file has {} rows", rows.len());
    rows
}

fn json_str(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "-".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn every_fixture_row_gets_its_expected_platform_in_app_and_page() {
    let mut wrong = Vec::new();
    for r in rows() {
        let v = serde_json::to_value(client::detect(&r.ua)).unwrap();
        let got = (
            json_str(&v["platform"]),
            json_str(&v["in_app"]),
            json_str(&v["page"]),
        );
        let want = (r.platform.clone(), r.in_app.clone(), r.page.clone());
        if got != want {
            wrong.push(format!(
                "line {} ({}): got {got:?}, want {want:?}\n    {}",
                r.line, r.description, r.ua
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn ios_rows_report_their_ios_version() {
    for r in rows().iter().filter(|r| r.platform == "ios") {
        let v = client::detect(&r.ua);
        assert_eq!(v.platform, Platform::Ios);
        let os = v
            .os_version
            .unwrap_or_else(|| panic!("no version: {}", r.ua));
        // The version in the UA (`OS 17_1_2`) is the one reported.
        let needle = format!("OS {}_{}", os.major, os.minor);
        assert!(r.ua.contains(&needle), "{os} not in {}", r.ua);
    }
}

#[test]
fn the_cli_prints_the_same_answer_as_json() {
    for r in rows() {
        let v = crate::support::detect_cli(&r.ua);
        assert_eq!(json_str(&v["platform"]), r.platform, "{}", r.ua);
        assert_eq!(json_str(&v["in_app"]), r.in_app, "{}", r.ua);
        assert_eq!(json_str(&v["page"]), r.page, "{}", r.ua);
        assert!(v.get("os_version").is_some(), "{v}");
    }
}
