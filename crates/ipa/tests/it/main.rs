//! The IPA reader against the shared real-world fixtures (`../shared/fixtures/` beside the
//! repository): one test binary, a module per area.

mod catalogs;
mod cgbi;
mod fixtures;
mod limits;
mod plists;
mod profiles;

/// The message of `info`'s warning `code`; the test fails when there is no such warning.
fn warning_message<'a>(info: &'a otadrop_ipa::AppInfo, code: &str) -> &'a str {
    let found = info.warnings.iter().find(|w| w.code == code);
    let warning = found.unwrap_or_else(|| panic!("no {code} warning in {:?}", info.warnings));
    &warning.message
}
