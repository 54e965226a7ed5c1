//! `otadrop inspect App.ipa [--json] [--icon OUT.png] [--icon-dark OUT.png]`: what the build is, for people or
//! scripts. The JSON object is the contract documented in the README.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use time::OffsetDateTime;

use crate::ipa::{self, AppInfo, ProfileInfo};

#[derive(clap::Args)]
pub struct Args {
    /// The .ipa file.
    ipa: PathBuf,
    /// Print one JSON object (the documented contract) instead of text.
    #[arg(long)]
    json: bool,
    /// Write the chosen icon, as a standard PNG at its own size, to this file.
    #[arg(long, value_name = "OUT.png")]
    icon: Option<PathBuf>,
    /// Write the dark-appearance icon from Assets.car, when the app has one, to this file.
    #[arg(long, value_name = "OUT.png")]
    icon_dark: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let found = match ipa::inspect_path(&args.ipa) {
        Ok(found) => found,
        Err(e) => return super::fail(format_args!("{}: {e}", args.ipa.display())),
    };
    if let Some(out) = &args.icon {
        let Some(images) = &found.icon else {
            return super::fail(format_args!(
                "{}: {}",
                args.ipa.display(),
                why_no_icon(&found.info)
            ));
        };
        if let Err(e) = std::fs::write(out, &images.original) {
            return super::fail(format_args!("cannot write {}: {e}", out.display()));
        }
    }
    if let Some(out) = &args.icon_dark {
        let Some(dark) = found.icon.as_ref().and_then(|i| i.dark.as_ref()) else {
            let why = if found.icon.is_some() {
                "the app has no dark icon (Assets.car has no dark appearance)".to_string()
            } else {
                why_no_icon(&found.info)
            };
            return super::fail(format_args!("{}: {why}", args.ipa.display()));
        };
        if let Err(e) = std::fs::write(out, dark) {
            return super::fail(format_args!("cannot write {}: {e}", out.display()));
        }
    }
    if args.json {
        match serde_json::to_string_pretty(&found.info) {
            Ok(s) => println!("{s}"),
            Err(e) => return super::fail(e),
        }
    } else {
        print!("{}", human(&found.info, OffsetDateTime::now_utc()));
    }
    ExitCode::SUCCESS
}

/// Why there is no icon to write, from the warnings inspection raised.
fn why_no_icon(info: &AppInfo) -> String {
    let said = |code: &str| {
        info.warnings
            .iter()
            .find(|w| w.code == code)
            .map(|w| w.message.clone())
    };
    said(ipa::warnings::ICON_UNREADABLE)
        .or_else(|| said(ipa::warnings::ASSETS_CAR_UNREADABLE))
        .unwrap_or_else(|| "no icon in the bundle (no icon file, none in Assets.car)".into())
}

fn day(t: OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// `2017-07-27 (expired 3040 days ago)` or `2027-01-01 (in 400 days)`.
fn expiry(t: OffsetDateTime, now: OffsetDateTime) -> String {
    if t <= now {
        format!("{} (expired {})", day(t), ipa::warnings::days_ago(t, now))
    } else {
        format!("{} (in {} days)", day(t), (t - now).whole_days())
    }
}

fn size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB ({bytes} bytes)", bytes as f64 / MIB)
    } else {
        format!("{:.1} KiB ({bytes} bytes)", bytes as f64 / 1024.0)
    }
}

/// The text report: one aligned `label  value` line per fact, then the warnings.
pub(crate) fn human(info: &AppInfo, now: OffsetDateTime) -> String {
    let mut lines: Vec<(&str, String)> = vec![
        ("Title", info.title.clone()),
        ("Bundle ID", info.bundle_id.clone()),
        (
            "Version",
            format!("{} (build {})", info.version, info.build),
        ),
        (
            "Minimum OS",
            info.minimum_os.clone().unwrap_or_else(|| "not set".into()),
        ),
        (
            "Devices",
            info.device_family
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "Platform",
            info.platform.clone().unwrap_or_else(|| "not set".into()),
        ),
        ("Size", size(info.size)),
        ("Extensions", info.extensions.to_string()),
        (
            "Executable",
            if info.has_executable {
                "present"
            } else {
                "MISSING"
            }
            .into(),
        ),
        (
            "Icon",
            match &info.icon {
                Some(i) => {
                    let set = i
                        .set
                        .as_deref()
                        .map(|s| format!(", set {s}"))
                        .unwrap_or_default();
                    let dark = if i.dark { ", dark too" } else { "" };
                    format!(
                        "{} ({}x{}, {}{set}{dark})",
                        i.file,
                        i.width,
                        i.height,
                        i.source.as_str()
                    )
                }
                None => "none".into(),
            },
        ),
    ];
    match &info.profile {
        None => lines.push(("Profile", "none".into())),
        Some(p) => profile_lines(p, now, &mut lines),
    }
    let width = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (label, value) in &lines {
        let _ = writeln!(out, "{label:<width$}  {value}");
    }
    if info.warnings.is_empty() {
        let _ = writeln!(out, "\nNo warnings.");
    } else {
        let _ = writeln!(out, "\nWarnings:");
        for w in &info.warnings {
            let _ = writeln!(out, "  [{}] {}", w.code, w.message);
        }
    }
    out
}

fn profile_lines(p: &ProfileInfo, now: OffsetDateTime, lines: &mut Vec<(&str, String)>) {
    let name = p
        .name
        .as_deref()
        .map(|n| format!(" \"{n}\""))
        .unwrap_or_default();
    lines.push(("Profile", format!("{}{name}", p.kind.as_str())));
    let team = match (&p.team_name, &p.team_id) {
        (Some(n), Some(id)) => format!("{n} ({id})"),
        (Some(n), None) => n.clone(),
        (None, Some(id)) => id.clone(),
        (None, None) => "unknown".into(),
    };
    lines.push(("Team", team));
    if let Some(app_id) = &p.app_id_name {
        lines.push(("App ID name", app_id.clone()));
    }
    if let Some(t) = p.created {
        lines.push(("Created", day(t)));
    }
    if let Some(t) = p.expires {
        lines.push(("Expires", expiry(t, now)));
    }
    if let Some(t) = p.certificate_expires {
        lines.push(("Cert. expires", expiry(t, now)));
    }
    lines.push((
        "Devices listed",
        if p.kind == ipa::ProfileType::Enterprise {
            "all (enterprise)".into()
        } else {
            p.devices.to_string()
        },
    ));
    if !p.platforms.is_empty() {
        lines.push(("Platforms", p.platforms.join(", ")));
    }
    lines.push((
        "Signature",
        if p.digest_ok {
            "content digest verified"
        } else {
            "NOT verified"
        }
        .into(),
    ));
}
