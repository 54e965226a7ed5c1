//! `POST /api/releases`, second half: publish what [`super::upload::receive`] staged. Inspect
//! the IPA, build the [`Release`], commit it in one atomic step, apply retention, and drop what
//! the caches hold for releases that retention removed.

use std::sync::Arc;

use std::time::{Duration, Instant};

use super::upload::{blocking, Received, UploadError};
use super::State;
use crate::ipa;
use crate::store::{KeyRecord, Release, ReleaseId, Remembered};

/// What an upload became.
pub enum Published {
    /// A new release.
    New(Arc<Release>),
    /// The release an earlier attempt with the same `Idempotency-Key` and bytes made.
    Replayed(Arc<Release>),
}

/// How long an upload whose `Idempotency-Key` another node took first waits for that node's
/// release to appear before taking the key over (the other attempt died between taking the
/// key and committing, which takes a moment when it lives).
const TAKEN_WAIT: Duration = Duration::from_secs(30);

/// Publishes a received upload; on any error the staged files are removed and nothing is
/// visible.
pub async fn publish(state: &Arc<State>, received: Received) -> Result<Published, UploadError> {
    let ipa_path = received.staged.ipa_path();
    let inspection = {
        let Ok(_one_of_few) = state.inspections.acquire().await else {
            return Err(UploadError::Storage("shutting down".into()));
        };
        blocking(move || {
            let found = ipa::inspect_path(&ipa_path);
            crate::memory::give_back();
            found
        })
        .await?
    };
    let now = time::OffsetDateTime::now_utc();
    let id = ReleaseId::generate((now.unix_timestamp_nanos() / 1_000_000) as u64)
        .map_err(|e| UploadError::Storage(format!("no randomness for the release id: {e}")))?;
    let sha256 = received.sha256;
    if let Some(key) = &received.idempotency_key {
        // Before the commit: a crash after it still finds the key (see store::idempotency).
        let (s, k, sha, rid) = (state.clone(), key.clone(), sha256.clone(), id.clone());
        let remembered = blocking(move || s.store.remember(&k, &sha, &rid)).await?;
        if let Remembered::Taken(seen) = remembered {
            if seen.sha256 != sha256 {
                return Err(UploadError::KeyReused(seen.release.to_string()));
            }
            if let Some(release) = wait_for_release(state, &seen).await? {
                return Ok(Published::Replayed(release));
            }
            tracing::warn!(release = %seen.release, "an Idempotency-Key's first attempt never committed; taking the key over");
            let (s, k, sha, rid) = (state.clone(), key.clone(), sha256.clone(), id.clone());
            blocking(move || s.store.remember_over(&k, &sha, &rid)).await?;
        }
    }
    let release = Release {
        id,
        created: now,
        sha256,
        size: received.size,
        notes: received.notes,
        channel: received.channel,
        edited: None,
        has_icon: inspection.icon.is_some(),
        app: inspection.info,
    };
    let s = state.clone();
    let release = blocking(move || {
        s.store
            .commit(received.staged, release, inspection.icon.as_ref())
    })
    .await?;
    state.event(crate::webhook::EventKind::Published, release.clone());
    if let Some(keep) = state.config.keep {
        retain(state, &release.app.bundle_id, keep).await;
    }
    Ok(Published::New(release))
}

/// Polls the storage for the release another attempt with the same key is committing, until
/// [`TAKEN_WAIT`] after that attempt took the key; `None` when it never appears.
async fn wait_for_release(
    state: &Arc<State>,
    seen: &KeyRecord,
) -> Result<Option<Arc<Release>>, UploadError> {
    let taken_ago = (time::OffsetDateTime::now_utc() - seen.at)
        .try_into()
        .unwrap_or(Duration::ZERO);
    let until = Instant::now() + TAKEN_WAIT.saturating_sub(taken_ago);
    loop {
        if let Some(release) = load_release(state, &seen.release).await? {
            return Ok(Some(release));
        }
        if Instant::now() >= until {
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A release from the catalogue or, on a shared storage, read from it now.
pub async fn load_release(
    state: &Arc<State>,
    id: &ReleaseId,
) -> Result<Option<Arc<Release>>, UploadError> {
    let (s, id) = (state.clone(), id.clone());
    blocking(move || s.store.get_or_load(&id)).await
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
