//! Certificate reload for `--tls-cert`/`--tls-key`: the files are checked every 5 s, and read
//! again at once on SIGHUP. A pair that does not load is logged and the old one kept.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{Identity, Resolver};

const CHECK_EVERY: Duration = Duration::from_secs(5);

/// Watches `cert` and `key` until the task is aborted.
pub fn spawn(cert: PathBuf, key: PathBuf, resolver: Arc<Resolver>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let stamp = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let mut last = (stamp(&cert), stamp(&key));
        #[cfg(unix)]
        let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
        loop {
            #[cfg(unix)]
            let forced = match hup.as_mut() {
                Some(h) => tokio::select! {
                    _ = h.recv() => true,
                    _ = tokio::time::sleep(CHECK_EVERY) => false,
                },
                None => {
                    tokio::time::sleep(CHECK_EVERY).await;
                    false
                }
            };
            #[cfg(not(unix))]
            let forced = {
                tokio::time::sleep(CHECK_EVERY).await;
                false
            };
            let now = (stamp(&cert), stamp(&key));
            if !forced && now == last {
                continue;
            }
            last = now;
            match Identity::from_pem_files(&cert, &key).and_then(|id| id.certified_key()) {
                Ok(k) => {
                    resolver.set(k);
                    tracing::info!(cert = %cert.display(), "certificate reloaded");
                }
                Err(e) => {
                    tracing::error!(error = %e, "certificate reload failed; keeping the old one")
                }
            }
        }
    })
}
