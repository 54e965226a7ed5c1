use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

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
    let log = init_logging();
    let code = serve(args);
    log.flush();
    code
}

fn serve(args: Args) -> ExitCode {
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
    let runtime = match super::runtime(true) {
        Ok(r) => r,
        Err(code) => return code,
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

fn init_logging() -> LogBuffer {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let buffer = LogBuffer::start(std::io::stderr(), LOG_FLUSH);
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(buffer.clone())
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
    buffer
}

/// The log's output. The access log writes a line per request; written one by one, that is a
/// `write(2)` per request, about a tenth of the cost of serving a cached page. Lines collect
/// in a buffer instead, written out when it is full, at least every [`LOG_FLUSH`], right away
/// after a warning or an error, and at exit (like nginx's `access_log ... buffer= flush=`).
#[derive(Clone)]
struct LogBuffer(Arc<Mutex<BufWriter<Box<dyn Write + Send>>>>);

const LOG_BUFFER: usize = 64 * 1024;
const LOG_FLUSH: Duration = Duration::from_millis(100);

impl LogBuffer {
    /// Buffers lines for `out`, with a thread writing them out every `every`.
    fn start(out: impl Write + Send + 'static, every: Duration) -> LogBuffer {
        let out: Box<dyn Write + Send> = Box::new(out);
        let buffer = LogBuffer(Arc::new(Mutex::new(BufWriter::with_capacity(
            LOG_BUFFER, out,
        ))));
        let weak = Arc::downgrade(&buffer.0);
        std::thread::spawn(move || {
            while let Some(inner) = weak.upgrade() {
                drop(inner);
                std::thread::sleep(every);
                match weak.upgrade() {
                    Some(inner) => LogBuffer(inner).flush(),
                    None => break,
                }
            }
        });
        buffer
    }

    fn lock(&self) -> MutexGuard<'_, BufWriter<Box<dyn Write + Send>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn flush(&self) {
        let _ = self.lock().flush();
    }
}

/// One log line being written.
struct LogLine<'a> {
    out: MutexGuard<'a, BufWriter<Box<dyn Write + Send>>>,
    flush: bool,
}

impl Write for LogLine<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl Drop for LogLine<'_> {
    fn drop(&mut self) {
        if self.flush {
            let _ = self.out.flush();
        }
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogBuffer {
    type Writer = LogLine<'a>;

    fn make_writer(&'a self) -> LogLine<'a> {
        LogLine {
            out: self.lock(),
            flush: true,
        }
    }

    fn make_writer_for(&'a self, meta: &tracing::Metadata<'_>) -> LogLine<'a> {
        LogLine {
            out: self.lock(),
            flush: *meta.level() <= tracing::Level::WARN,
        }
    }
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
    let ca_flag = match &c.tls {
        TlsMode::LocalCa => format!(" --ca {}", c.data.join("tls").join("ca.crt").display()),
        _ => String::new(),
    };
    if c.public_index {
        println!("  Access:        the index is public (--public-index): anyone who reaches {base}/ sees every app");
    } else {
        println!(
            "  Sign in:       open {base}/ and enter the upload token{} to see the builds",
            if c.viewer_password.is_some() {
                " (or the viewer password)"
            } else {
                ""
            }
        );
    }
    println!(
        "  Share a build: otadrop publish App.ipa --server {base} --token {}{ca_flag} --share --expires 7d",
        c.upload_token
    );
    println!("                 prints a link to paste in a chat: it works without signing in, until it expires");
    println!(
        "                 (add --password-file F to ask for a password; `otadrop links list|revoke` manage links)"
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::fmt::MakeWriter;

    /// Collects what reaches the real output.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn meta(level: tracing::Level) -> &'static tracing::Metadata<'static> {
        macro_rules! callsite_meta {
            ($lvl:expr) => {{
                struct Cs;
                impl tracing::callsite::Callsite for Cs {
                    fn set_interest(&self, _: tracing::subscriber::Interest) {}
                    fn metadata(&self) -> &tracing::Metadata<'_> {
                        &META
                    }
                }
                static CS: Cs = Cs;
                static META: tracing::Metadata<'static> = tracing::Metadata::new(
                    "test",
                    "test",
                    $lvl,
                    None,
                    None,
                    None,
                    tracing::field::FieldSet::new(&[], tracing::callsite::Identifier(&CS)),
                    tracing::metadata::Kind::EVENT,
                );
                &META
            }};
        }
        match level {
            tracing::Level::INFO => callsite_meta!(tracing::Level::INFO),
            _ => callsite_meta!(tracing::Level::WARN),
        }
    }

    #[test]
    fn info_lines_wait_for_the_timer_warnings_go_out_at_once() {
        let sink = Sink::default();
        // A timer that never fires during the test.
        let log = LogBuffer::start(sink.clone(), Duration::from_secs(3600));
        log.make_writer_for(meta(tracing::Level::INFO))
            .write_all(b"access\n")
            .unwrap();
        assert!(sink.0.lock().unwrap().is_empty(), "buffered");
        log.make_writer_for(meta(tracing::Level::WARN))
            .write_all(b"warning\n")
            .unwrap();
        assert_eq!(sink.0.lock().unwrap().as_slice(), b"access\nwarning\n");
    }

    #[test]
    fn the_timer_writes_buffered_lines_out() {
        let sink = Sink::default();
        let log = LogBuffer::start(sink.clone(), LOG_FLUSH);
        log.make_writer_for(meta(tracing::Level::INFO))
            .write_all(b"access\n")
            .unwrap();
        // Polls rather than asserting a time: the flusher runs every LOG_FLUSH.
        for _ in 0..600 {
            if !sink.0.lock().unwrap().is_empty() {
                break;
            }
            std::thread::sleep(LOG_FLUSH / 10);
        }
        assert_eq!(sink.0.lock().unwrap().as_slice(), b"access\n");
    }
}
