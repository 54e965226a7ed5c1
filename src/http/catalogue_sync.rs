//! Opening the configured storage, and, on a bucket shared by several nodes, keeping this
//! node's catalogue in step with it: every `--sync-interval` the catalogue is re-read (a
//! listing of the records; only new records are fetched), and what this node cached for
//! releases deleted elsewhere is dropped. The sweep of abandoned uploads runs at start (in
//! [`crate::store::S3Backend::open`]) and every [`crate::store::s3::SWEEP_EVERY`].

use std::sync::Arc;

use tokio::task::JoinHandle;

use super::State;
use crate::config::{Config, Storage};
use crate::store::{S3Backend, Store, StoreError};

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
            match tokio::task::spawn_blocking(move || st.store.sync()).await {
                Ok(Ok(gone)) => {
                    for id in &gone {
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
