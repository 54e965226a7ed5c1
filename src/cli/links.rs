//! `otadrop links create|list|revoke`: share links through the server's API.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::client::{parse_duration, read_password_file, ServerArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Make a share link to one release, or to an app's newest release; prints its URL.
    Create {
        #[command(flatten)]
        server: ServerArgs,
        /// The release id.
        #[arg(long, conflicts_with = "app", required_unless_present = "app")]
        release: Option<String>,
        /// An app's bundle id: the link always shows its newest release.
        #[arg(long)]
        app: Option<String>,
        /// The link stops working after this long: 90s, 30m, 12h, 7d, 2w [default: never].
        #[arg(long)]
        expires: Option<String>,
        /// The link asks for the password in this file's first line.
        #[arg(long)]
        password_file: Option<PathBuf>,
        /// A note for yourself (who the link is for).
        #[arg(long)]
        note: Option<String>,
        /// Print the server's JSON answer.
        #[arg(long)]
        json: bool,
    },
    /// List every link: id, state, expiry, target, note, URL.
    List {
        #[command(flatten)]
        server: ServerArgs,
        /// Print the server's JSON answer.
        #[arg(long)]
        json: bool,
    },
    /// Turn a link off: its URLs answer 410 Gone from now on.
    Revoke {
        #[command(flatten)]
        server: ServerArgs,
        /// The link's id (from `otadrop links list`).
        id: String,
    },
}

/// The JSON body of a new link, from the command's options.
pub(super) fn new_link_body(
    expires: Option<&str>,
    password_file: Option<&Path>,
    note: Option<&str>,
) -> Result<serde_json::Value, String> {
    let mut body = serde_json::json!({});
    if let Some(e) = expires {
        body["expires_in"] = parse_duration(e)?.into();
    }
    if let Some(f) = password_file {
        body["password"] = read_password_file(f)?.into();
    }
    if let Some(n) = note {
        body["note"] = n.into();
    }
    Ok(body)
}

pub fn run(args: Args) -> ExitCode {
    super::run_to_end(links(args.command))
}

async fn links(command: Command) -> Result<(), String> {
    match command {
        Command::Create {
            server,
            release,
            app,
            expires,
            password_file,
            note,
            json,
        } => {
            let body = new_link_body(
                expires.as_deref(),
                password_file.as_deref(),
                note.as_deref(),
            )?;
            let path = match (release, app) {
                (Some(id), _) => format!("/api/releases/{id}/links"),
                (None, Some(bundle)) => format!(
                    "/api/apps/{}/links",
                    percent_encoding::utf8_percent_encode(
                        &bundle,
                        percent_encoding::NON_ALPHANUMERIC
                    )
                ),
                (None, None) => return Err("give --release ID or --app BUNDLE_ID".into()),
            };
            let client = server.client()?;
            let link = server
                .call(&client, reqwest::Method::POST, &path, Some(&body))
                .await?;
            if json {
                println!("{link}");
            } else {
                println!("{}", link["url"].as_str().unwrap_or_default());
            }
        }
        Command::List { server, json } => {
            let client = server.client()?;
            let all = server
                .call(&client, reqwest::Method::GET, "/api/links", None)
                .await?;
            if json {
                println!("{all}");
                return Ok(());
            }
            let now = time::OffsetDateTime::now_utc();
            for l in all.as_array().into_iter().flatten() {
                let expires = l["expires"].as_str();
                let expired = expires
                    .and_then(|e| {
                        time::OffsetDateTime::parse(
                            e,
                            &time::format_description::well_known::Rfc3339,
                        )
                        .ok()
                    })
                    .is_some_and(|e| e <= now);
                let state = if !l["revoked"].is_null() {
                    "revoked"
                } else if expired {
                    "expired"
                } else {
                    "live"
                };
                let target = match (&l["target"]["release"], &l["target"]["app"]) {
                    (serde_json::Value::String(r), _) => format!("release {r}"),
                    (_, serde_json::Value::String(a)) => format!("app {a}"),
                    _ => "?".into(),
                };
                println!(
                    "{}  {state:<7}  expires {}  {}{}  {}{}",
                    l["id"].as_str().unwrap_or("?"),
                    expires.unwrap_or("never"),
                    target,
                    if l["password"].as_bool() == Some(true) {
                        "  (password)"
                    } else {
                        ""
                    },
                    l["url"].as_str().unwrap_or(""),
                    l["note"]
                        .as_str()
                        .map(|n| format!("  # {n}"))
                        .unwrap_or_default(),
                );
            }
        }
        Command::Revoke { server, id } => {
            let client = server.client()?;
            server
                .call(
                    &client,
                    reqwest::Method::DELETE,
                    &format!("/api/links/{id}"),
                    None,
                )
                .await?;
            println!("revoked {id}");
        }
    }
    Ok(())
}
