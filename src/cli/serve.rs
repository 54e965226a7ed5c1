use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::{Config, Settings, TlsMode};
use crate::http::Server;

#[derive(clap::Args)]
pub struct Args {
    /// TOML file with the same settings as the flags (flags and environment win).
    #[arg(long, env = "OTADROP_CONFIG")]
    config: Option<PathBuf>,
    #[command(flatten)]
    settings: Settings,
}

pub fn run(args: Args) -> ExitCode {
    init_logging();
    let settings = match &args.config {
        Some(path) => match Settings::from_toml_file(path) {
            Ok(file) => args.settings.or(file),
            Err(e) => return super::fail(e),
        },
        None => args.settings,
    };
    let public_url_given = settings.public_url.is_some();
    let config = match Config::resolve(settings) {
        Ok(c) => c,
        Err(e) => return super::fail(e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return super::fail(format_args!("starting the runtime: {e}")),
    };
    runtime.block_on(async move {
        let server = match Server::bind(config, public_url_given).await {
            Ok(s) => s,
            Err(e) => return super::fail(e),
        };
        banner(&server);
        server.run(shutdown_signal()).await;
        ExitCode::SUCCESS
    })
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

fn banner(server: &Server) {
    let c = server.config();
    let base = &c.public_url;
    println!("otadrop: listening on {}", server.local_addr());
    println!();
    println!("  Index:         {base}/");
    match &c.tls {
        TlsMode::LocalCa => {
            let ca = c.data.join("tls").join("ca.crt");
            println!(
                "  HTTPS:         with this server's own CA ({})",
                ca.display()
            );
            println!(
                "  On an iPhone:  open {base}/ca in Safari and install the profile, then turn on"
            );
            println!("                 Settings > General > About > Certificate Trust Settings > full trust");
            println!("  Upload token:  {}", c.upload_token);
            println!(
                "  Upload:        curl --cacert {} -H 'Authorization: Bearer {}' \\",
                ca.display(),
                c.upload_token
            );
            println!("                   -H 'Content-Type: application/octet-stream' --data-binary @App.ipa {base}/api/releases");
            println!(
                "             or: otadrop publish App.ipa --server {base} --token {} --ca {}",
                c.upload_token,
                ca.display()
            );
        }
        _ => {
            println!("  Upload token:  {}", c.upload_token);
            println!(
                "  Upload:        curl -H 'Authorization: Bearer {}' \\",
                c.upload_token
            );
            println!("                   -H 'Content-Type: application/octet-stream' --data-binary @App.ipa {base}/api/releases");
            println!(
                "             or: otadrop publish App.ipa --server {base} --token {}",
                c.upload_token
            );
        }
    }
    if !base.is_https() {
        println!();
        println!(
            "  Note: the public URL is http://. iOS installs only over HTTPS: put a TLS proxy in"
        );
        println!("  front and set --public-url to its https:// address.");
    }
    println!();
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("signal received");
}
