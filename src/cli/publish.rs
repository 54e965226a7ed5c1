use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use futures_util::StreamExt;

use super::client::{describe, ServerArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The .ipa to upload.
    ipa: PathBuf,
    #[command(flatten)]
    server: ServerArgs,
    /// Release notes (Markdown).
    #[arg(long)]
    notes: Option<String>,
    /// The channel to publish to (`beta`, `qa`...: a-z, 0-9, `.`, `_`, `-`) [default: default].
    #[arg(long, env = "OTADROP_CHANNEL")]
    channel: Option<String>,
    /// Print the server's JSON answer instead of the page URL.
    #[arg(long)]
    json: bool,
    /// Also make a share link for the build and print it (for a chat) instead of the page URL.
    #[arg(long)]
    share: bool,
    /// The share link stops working after this long: 90s, 30m, 12h, 7d, 2w [default: never].
    #[arg(long, requires = "share")]
    expires: Option<String>,
    /// The share link asks for the password in this file's first line.
    #[arg(long, requires = "share")]
    password_file: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    super::run_to_end(publish(args))
}

async fn publish(args: Args) -> Result<(), String> {
    // A bad channel is refused before anything is sent.
    if let Some(c) = &args.channel {
        crate::store::channel::parse(c).map_err(|e| e.to_string())?;
    }
    // Check the share options before uploading anything.
    let share = if args.share {
        Some(super::links::new_link_body(
            args.expires.as_deref(),
            args.password_file.as_deref(),
            None,
        )?)
    } else {
        None
    };
    let client = args.server.client()?;
    let url = args.server.url("/api/releases");

    // One key for this upload and its retry: the server answers the retry with the release
    // the first attempt made, if it got that far, instead of making a second one.
    let mut random = [0u8; 16];
    getrandom::getrandom(&mut random).map_err(|e| format!("no randomness for a key: {e}"))?;
    let key = hex::encode(random);
    let (status, text) = match attempt(&args, &client, &url, &key).await {
        Err(Attempt::Lost(first)) => {
            eprintln!("otadrop: the connection was lost ({first}); retrying once");
            attempt(&args, &client, &url, &key).await
        }
        other => other,
    }
    .map_err(|a| match a {
        Attempt::Lost(m) | Attempt::Failed(m) => m,
    })?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|_| format!("{url} answered {status} with something that is not JSON"))?;
    if !status.is_success() {
        let msg = json["error"].as_str().unwrap_or(&text);
        return Err(format!("upload refused ({status}): {msg}"));
    }
    if let Some(body) = share {
        let id = json["id"].as_str().unwrap_or_default();
        let link = args
            .server
            .call(
                &client,
                reqwest::Method::POST,
                &format!("/api/releases/{id}/links"),
                Some(&body),
            )
            .await
            .map_err(|e| {
                format!(
                    "the build was uploaded ({}), but making its share link failed: {e}",
                    json["page_url"].as_str().unwrap_or_default()
                )
            })?;
        if args.json {
            let mut out = json.clone();
            out["share"] = link;
            println!("{out}");
        } else {
            println!("{}", link["url"].as_str().unwrap_or_default());
        }
        return Ok(());
    }
    if args.json {
        println!("{text}");
    } else {
        println!("{}", json["page_url"].as_str().unwrap_or_default());
    }
    Ok(())
}

enum Attempt {
    /// The connection broke before a whole answer arrived: worth one retry.
    Lost(String),
    Failed(String),
}

/// One upload of the file with `key`; the status and body of the answer.
async fn attempt(
    args: &Args,
    client: &reqwest::Client,
    url: &str,
    key: &str,
) -> Result<(reqwest::StatusCode, String), Attempt> {
    let file = tokio::fs::File::open(&args.ipa)
        .await
        .map_err(|e| Attempt::Failed(format!("{}: {e}", args.ipa.display())))?;
    let size = file
        .metadata()
        .await
        .map_err(|e| Attempt::Failed(format!("{}: {e}", args.ipa.display())))?
        .len();
    let bar = if std::io::stderr().is_terminal() && !args.json {
        let bar = indicatif::ProgressBar::new(size);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    let progress = bar.clone();
    let stream = tokio_util_stream(file).map(move |chunk| {
        if let (Ok(c), Some(b)) = (&chunk, &progress) {
            b.inc(c.len() as u64);
        }
        chunk
    });
    let mut request = client
        .post(url)
        .bearer_auth(&args.server.token)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .header(reqwest::header::CONTENT_LENGTH, size)
        .header("idempotency-key", key)
        .body(reqwest::Body::wrap_stream(stream));
    if let Some(notes) = &args.notes {
        let encoded =
            percent_encoding::utf8_percent_encode(notes, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        request = request.header("x-release-notes", encoded);
    }
    if let Some(channel) = &args.channel {
        request = request.header("x-channel", channel.as_str());
    }
    let lost_or_failed = |e: reqwest::Error| {
        let lost = e.is_connect() || e.is_request() || e.is_body() || e.is_timeout();
        let m = describe(url, e);
        if lost {
            Attempt::Lost(m)
        } else {
            Attempt::Failed(m)
        }
    };
    let response = request.send().await.map_err(lost_or_failed)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let status = response.status();
    let text = response.text().await.map_err(lost_or_failed)?;
    Ok((status, text))
}

/// A file as a stream of 256 KiB chunks.
fn tokio_util_stream(
    file: tokio::fs::File,
) -> impl futures_util::Stream<Item = std::io::Result<bytes::Bytes>> {
    futures_util::stream::unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut buf = vec![0u8; 256 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(bytes::Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    })
}
