//! Opening the configured storage, and, on a bucket shared by several nodes, keeping this
//! node in step with it: every `--sync-interval` the catalogue is re-read (a listing of the
//! records; only new or rewritten records are fetched), and what this node cached for
//! releases deleted or edited elsewhere is dropped; the share links and the other nodes'
//! install counts are re-read the same way, and this node's counts written. The sweep of abandoned uploads runs at start (in
//! [`crate::store::S3Backend::open`]) and every [`crate::store::s3::SWEEP_EVERY`].

use std::sync::Arc;

use tokio::task::JoinHandle;

use super::State;
use crate::config::{Config, Storage};
use crate::store::{S3Backend, Store, StoreError, Synced};

/// Opens the local folder or the bucket the configuration names.
pub async fn open_store(config: &Config) -> Result<Store, StoreError> {
    let data = config.data.clone();
    let storage = config.storage.clone();
    let sweep_age = config.sweep_age;
    let rt = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || match storage {
        Storage::Local => Store::open_local(&data),
        Storage::S3(loc) => Store::open(S3Backend::open(loc, data.join("scratch"), sweep_age, rt)?),
    })
    .await
    .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
}

/// One round of keeping up with the other nodes: the catalogue (publishes, deletes, notes
/// edits), the share links (made, revoked), and the install counts (this node's written when
/// they changed, the others' re-read when theirs did).
fn sync_once(state: &State) -> Result<Synced, StoreError> {
    let synced = state.store.sync()?;
    if let Err(e) = state.links.refresh(&state.store) {
        tracing::warn!(error = %e, "reading the bucket's share links");
    }
    if let Err(e) = state.installs.flush(&state.store) {
        tracing::warn!(error = %e, "writing this node's install counts");
    }
    state.installs.refresh(&state.store)?;
    Ok(synced)
}

/// Starts the sync and sweep loops when the storage is shared; nothing for the local folder.
pub fn spawn(state: &Arc<State>) -> Vec<JoinHandle<()>> {
    if !state.store.is_shared() {
        return Vec::new();
    }
    let s = state.clone();
    let sync = tokio::spawn(async move {
        let mut tick = tokio::time::interval(s.config.sync_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let st = s.clone();
            match tokio::task::spawn_blocking(move || sync_once(&st)).await {
                Ok(Ok(synced)) => {
                    for id in &synced.gone {
                        s.forget(id);
                        s.installs.forget(id);
                    }
                    for id in &synced.changed {
                        s.forget(id);
                    }
                }
                Ok(Err(e)) => tracing::warn!(error = %e, "reading the bucket's catalogue"),
                Err(e) => tracing::warn!(error = %e, "reading the bucket's catalogue"),
            }
        }
    });
    let s = state.clone();
    let sweep = tokio::spawn(async move {
        let every =
            crate::store::s3::SWEEP_EVERY.min(s.config.sweep_age.max(s.config.sync_interval));
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tick.tick().await; // the first sweep ran at open
        loop {
            tick.tick().await;
            let st = s.clone();
            if let Ok(Err(e)) = tokio::task::spawn_blocking(move || st.store.sweep()).await {
                tracing::warn!(error = %e, "storage sweep");
            }
        }
    });
    vec![sync, sweep]
}
