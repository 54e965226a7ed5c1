//! `POST /api/releases`, second half: publish what [`super::upload::receive`] staged. Inspect
//! the IPA, build the [`Release`], commit it in one atomic step, apply retention, and drop what
//! the caches hold for releases that retention removed.

use std::sync::Arc;

use super::upload::{Received, UploadError};
use super::State;
use crate::ipa;
use crate::store::{Release, ReleaseId};

/// Publishes a received upload; on any error the staged files are removed and nothing is
/// visible.
pub async fn publish(state: &Arc<State>, received: Received) -> Result<Arc<Release>, UploadError> {
    let Received {
        staged,
        size,
        sha256,
        notes,
        channel,
        idempotency_key,
    } = received;
    let ipa_path = staged.ipa_path();
    let inspection = {
        let Ok(_one_of_few) = state.inspections.acquire().await else {
            return Err(UploadError::Storage("shutting down".into()));
        };
        tokio::task::spawn_blocking(move || {
            let found = ipa::inspect_path(&ipa_path);
            crate::memory::give_back();
            found
        })
        .await
        .map_err(|e| UploadError::Storage(e.to_string()))??
    };
    let now = time::OffsetDateTime::now_utc();
    let id = ReleaseId::generate((now.unix_timestamp_nanos() / 1_000_000) as u64)
        .map_err(|e| UploadError::Storage(format!("no randomness for the release id: {e}")))?;
    if let Some(key) = &idempotency_key {
        // Before the commit: a crash after it still finds the key (see store::idempotency).
        let (s, key, sha, id) = (state.clone(), key.clone(), sha256.clone(), id.clone());
        tokio::task::spawn_blocking(move || s.store.remember(&key, &sha, &id))
            .await
            .map_err(|e| UploadError::Storage(e.to_string()))??;
    }
    let release = Release {
        id,
        created: now,
        sha256,
        size,
        notes,
        channel,
        edited: None,
        has_icon: inspection.icon.is_some(),
        app: inspection.info,
    };
    let s = state.clone();
    let release = tokio::task::spawn_blocking(move || {
        s.store.commit(staged, release, inspection.icon.as_ref())
    })
    .await
    .map_err(|e| UploadError::Storage(e.to_string()))??;
    state.event(crate::webhook::EventKind::Published, release.clone());
    if let Some(keep) = state.config.keep {
        retain(state, &release.app.bundle_id, keep).await;
    }
    Ok(release)
}

/// Keeps the newest `keep` releases of an app; a failure is logged, not the upload's failure.
async fn retain(state: &Arc<State>, bundle: &str, keep: usize) {
    let s = state.clone();
    let owned = bundle.to_owned();
    match tokio::task::spawn_blocking(move || s.store.retain_newest(&owned, keep)).await {
        Ok(Ok(gone)) => {
            let n = gone.len();
            for release in gone {
                state.deleted(release);
            }
            if n > 0 {
                tracing::info!(bundle = %crate::logsafe::Clean(bundle), deleted = n, "retention");
            }
        }
        Ok(Err(e)) => tracing::warn!(error = %e, "retention failed"),
        Err(e) => tracing::warn!(error = %e, "retention failed"),
    }
}
