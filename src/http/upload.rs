//! `POST /api/releases`, first half: receive the body. The IPA (raw body or the multipart field
//! `ipa`) streams to a staged file and is hashed on the way; the notes come from a header or a
//! form field. What to do with the received bytes is [`super::publish`]'s job.
//!
//! Memory is bounded whatever the upload size: the network side hands chunks to a blocking
//! writer through a channel of [`CHANNEL_CHUNKS`] entries, and the writer keeps one 1 MiB
//! buffer. Any failure (cut connection, timeout, limit, bad IPA) drops the staged upload, which
//! removes its files: nothing half-written is ever visible.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::stream;
use http::{HeaderMap, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use sha2::{Digest, Sha256};
use thiserror::Error;
use tokio::sync::mpsc;

use super::State;
use crate::ipa::IpaError;
use crate::store::{Staged, Upstream};

const CHANNEL_CHUNKS: usize = 32;
const WRITE_BUFFER: usize = 1024 * 1024;
/// Release notes are text for people; 64 KiB is a long changelog.
pub const MAX_NOTES: usize = 64 * 1024;
pub const NOTES_HEADER: &str = "x-release-notes";
pub const CHANNEL_HEADER: &str = "x-channel";

#[derive(Debug, Error)]
pub enum UploadError {
    #[error("the upload is larger than the {0}-byte limit of this server (--max-upload)")]
    TooLarge(u64),
    #[error("the request body is empty: send the .ipa as the body (application/octet-stream) or as the multipart field `ipa`")]
    Empty,
    #[error("unsupported content type {0:?}: send the .ipa as application/octet-stream or multipart/form-data with the field `ipa`")]
    UnsupportedType(String),
    #[error("no data for {0} s: upload abandoned")]
    Timeout(u64),
    #[error("the connection broke off during the upload: {0}")]
    Cut(String),
    #[error("multipart body: {0}")]
    Multipart(String),
    #[error("the multipart body has no `ipa` field")]
    NoIpaField,
    #[error("release notes are longer than {MAX_NOTES} bytes")]
    NotesTooLong,
    #[error("release notes must be UTF-8 text: {0}")]
    BadNotes(String),
    #[error("Idempotency-Key must be 1 to 255 visible ASCII characters")]
    BadIdempotencyKey,
    #[error("this Idempotency-Key was used in the last day for different bytes (release {0}); use a new key for a new upload")]
    KeyReused(String),
    #[error("unsupported transfer coding {0:?}: send the body as it is (chunked or with a Content-Length), not compressed")]
    TransferCoding(String),
    #[error("{0}")]
    Channel(#[from] crate::store::channel::BadChannel),
    #[error("{0}")]
    Ipa(#[from] IpaError),
    #[error("storing the upload failed: {0}")]
    Storage(String),
}

impl UploadError {
    pub fn status(&self) -> StatusCode {
        use UploadError::*;
        match self {
            TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Timeout(_) => StatusCode::REQUEST_TIMEOUT,
            Storage(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Ipa(e) if !e.is_bad_input() => StatusCode::INTERNAL_SERVER_ERROR,
            NotesTooLong => StatusCode::PAYLOAD_TOO_LARGE,
            KeyReused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            // RFC 9112 §6.1: a transfer coding the server does not understand gets 501.
            TransferCoding(_) => StatusCode::NOT_IMPLEMENTED,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl From<crate::store::StoreError> for UploadError {
    fn from(e: crate::store::StoreError) -> Self {
        UploadError::Storage(e.to_string())
    }
}

/// Runs an upload's blocking work (storage, inspection) off the async workers; a task that
/// died is a storage error.
pub(crate) async fn blocking<T, E>(
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, UploadError>
where
    T: Send + 'static,
    E: Send + 'static,
    UploadError: From<E>,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| UploadError::Storage(e.to_string()))?
        .map_err(UploadError::from)
}

type Written = (u64, String, Option<Box<dyn Upstream>>);

/// Writes chunks to a file on a blocking thread, hashing as it goes, and hands them to the
/// backend's upstream (an S3 multipart upload) when it has one.
struct Sink {
    tx: mpsc::Sender<Bytes>,
    writer: tokio::task::JoinHandle<std::io::Result<Written>>,
    received: u64,
    limit: u64,
}

impl Sink {
    fn spawn(path: PathBuf, limit: u64, mut upstream: Option<Box<dyn Upstream>>) -> Sink {
        let (tx, mut rx) = mpsc::channel::<Bytes>(CHANNEL_CHUNKS);
        let writer = tokio::task::spawn_blocking(move || {
            let file = std::fs::File::create(&path)?;
            let mut out = std::io::BufWriter::with_capacity(WRITE_BUFFER, file);
            let mut hash = Sha256::new();
            let mut n = 0u64;
            while let Some(chunk) = rx.blocking_recv() {
                hash.update(&chunk);
                out.write_all(&chunk)?;
                if let Some(up) = upstream.as_mut() {
                    up.write(&chunk)?;
                }
                n += chunk.len() as u64;
            }
            out.flush()?;
            if n > 0 {
                if let Some(up) = upstream.as_mut() {
                    up.finish()?;
                }
            }
            Ok((n, hex::encode(hash.finalize()), upstream))
        });
        Sink {
            tx,
            writer,
            received: 0,
            limit,
        }
    }

    async fn push(&mut self, chunk: Bytes) -> Result<(), UploadError> {
        self.received += chunk.len() as u64;
        if self.received > self.limit {
            return Err(UploadError::TooLarge(self.limit));
        }
        if self.tx.send(chunk).await.is_err() {
            // The writer stopped: its own error says why.
            drop(std::mem::replace(&mut self.tx, mpsc::channel(1).0));
            return Err(match (&mut self.writer).await {
                Ok(Err(e)) => UploadError::Storage(e.to_string()),
                Ok(Ok(_)) => UploadError::Storage("writer ended early".into()),
                Err(e) => UploadError::Storage(e.to_string()),
            });
        }
        Ok(())
    }

    async fn finish(self) -> Result<Written, UploadError> {
        drop(self.tx);
        match self.writer.await {
            Ok(Ok(done)) => Ok(done),
            Ok(Err(e)) => Err(UploadError::Storage(e.to_string())),
            Err(e) => Err(UploadError::Storage(e.to_string())),
        }
    }
}

/// A request body that a multipart parser can read and, once it gives up (over the limit),
/// the handler can still drain.
type SharedBody = Arc<tokio::sync::Mutex<Incoming>>;

/// The request body as a stream of data chunks, failing when no frame arrives in `timeout`.
fn data_stream(
    body: SharedBody,
    timeout: Duration,
) -> impl futures_util::Stream<Item = Result<Bytes, UploadError>> {
    stream::unfold(Some(body), move |body| async move {
        let shared = body?;
        let mut body = shared.clone().lock_owned().await;
        loop {
            match tokio::time::timeout(timeout, body.frame()).await {
                Err(_) => return Some((Err(UploadError::Timeout(timeout.as_secs())), None)),
                Ok(None) => return None,
                Ok(Some(Err(e))) => return Some((Err(UploadError::Cut(e.to_string())), None)),
                Ok(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        return Some((Ok(data), Some(shared)));
                    }
                }
            }
        }
    })
}

/// Notes sent in the `X-Release-Notes` header, percent-encoded UTF-8.
fn notes_from_header(headers: &HeaderMap) -> Result<Option<String>, UploadError> {
    let Some(v) = headers.get(NOTES_HEADER) else {
        return Ok(None);
    };
    if v.len() > MAX_NOTES * 3 {
        return Err(UploadError::NotesTooLong);
    }
    let decoded = percent_encoding::percent_decode(v.as_bytes())
        .decode_utf8()
        .map_err(|e| UploadError::BadNotes(e.to_string()))?;
    clean_notes(decoded.into_owned())
}

/// Checks the length, turns CRLF and lone CR into LF, and drops every other control
/// character but tab and newline (NUL, escape sequences, DEL, C1), which text for people
/// never needs and which could mislead whoever reads the notes or the logs.
fn clean_notes(s: String) -> Result<Option<String>, UploadError> {
    if s.len() > MAX_NOTES {
        return Err(UploadError::NotesTooLong);
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let s: String = s
        .chars()
        .filter(|&c| c == '\t' || c == '\n' || !c.is_control())
        .collect();
    let s = s.trim().to_string();
    Ok((!s.is_empty()).then_some(s))
}

/// The channel named in the `X-Channel` header (the default channel when absent).
fn channel_from_header(headers: &HeaderMap) -> Result<String, UploadError> {
    match headers.get(CHANNEL_HEADER) {
        None => Ok(crate::store::channel::DEFAULT.to_string()),
        Some(v) => {
            let text = v.to_str().map_err(|_| {
                crate::store::channel::BadChannel(String::from_utf8_lossy(v.as_bytes()).into())
            })?;
            Ok(crate::store::channel::parse(text)?)
        }
    }
}

/// Whether the body's content type is one we take.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, UploadError> {
    let Some(v) = headers.get(IDEMPOTENCY_HEADER) else {
        return Ok(None);
    };
    match v.to_str() {
        Ok(k) if crate::store::idempotency::valid_key(k) => Ok(Some(k.to_string())),
        _ => Err(UploadError::BadIdempotencyKey),
    }
}

/// Whether the body's content type and transfer coding are ones we take.
pub fn check_content_type(headers: &HeaderMap) -> Result<(), UploadError> {
    check_transfer_coding(headers)?;
    kind(headers).map(|_| ())
}

/// Only `chunked` is understood: with any other coding (`gzip, chunked`) the bytes received
/// are not the file sent, and storing them as the IPA would be wrong.
fn check_transfer_coding(headers: &HeaderMap) -> Result<(), UploadError> {
    for v in headers.get_all(http::header::TRANSFER_ENCODING) {
        let text = String::from_utf8_lossy(v.as_bytes());
        for coding in text.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            if !coding.eq_ignore_ascii_case("chunked") {
                return Err(UploadError::TransferCoding(coding.to_string()));
            }
        }
    }
    Ok(())
}

enum Kind {
    Raw,
    Multipart(String),
}

fn kind(headers: &HeaderMap) -> Result<Kind, UploadError> {
    let Some(ct) = headers.get(http::header::CONTENT_TYPE) else {
        return Ok(Kind::Raw);
    };
    let ct = ct.to_str().unwrap_or("").to_string();
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/octet-stream"
        | "application/zip"
        | "application/x-zip-compressed"
        | "application/x-ios-app"
        | "application/vnd.iphone" => Ok(Kind::Raw),
        "multipart/form-data" => multer::parse_boundary(&ct)
            .map(Kind::Multipart)
            .map_err(|e| UploadError::Multipart(e.to_string())),
        _ => Err(UploadError::UnsupportedType(ct)),
    }
}

/// An upload's bytes, staged and not yet visible to anyone.
pub struct Received {
    pub staged: Staged,
    pub size: u64,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    pub notes: Option<String>,
    /// The channel the upload is published to.
    pub channel: String,
    /// The request's `Idempotency-Key`, checked.
    pub idempotency_key: Option<String>,
}

/// Receives one upload's body into a staged file. Dropping the result (or any error on the
/// way) removes the staged file.
pub async fn receive(
    state: &std::sync::Arc<State>,
    headers: &HeaderMap,
    body: Incoming,
) -> Result<Received, UploadError> {
    let limit = state.config.max_upload;
    let kind = kind(headers)?;
    let mut notes = notes_from_header(headers)?;
    let mut channel = channel_from_header(headers)?;
    let idempotency_key = idempotency_key(headers)?;
    let s = state.clone();
    let mut staged = blocking(move || s.store.stage()).await?;
    let mut sink = Sink::spawn(staged.ipa_path(), limit, staged.take_upstream());
    let body: SharedBody = Arc::new(tokio::sync::Mutex::new(body));
    let chunks = data_stream(body.clone(), state.config.body_timeout);

    match kind {
        Kind::Raw => {
            futures_util::pin_mut!(chunks);
            use futures_util::StreamExt;
            while let Some(chunk) = chunks.next().await {
                if let Err(e) = sink.push(chunk?).await {
                    if matches!(e, UploadError::TooLarge(_)) {
                        drain(chunks.as_mut()).await;
                    }
                    return Err(e);
                }
            }
        }
        Kind::Multipart(boundary) => {
            let form =
                multer::Multipart::with_constraints(chunks, boundary, multipart_limits(limit));
            if let Err(e) = read_form(form, &mut sink, &mut notes, &mut channel, limit).await {
                // The parser is gone (and with it its hold on the body): read what is left,
                // as for a raw body, so that the client sees the 413 and not a reset.
                if matches!(e, UploadError::TooLarge(_) | UploadError::NotesTooLong) {
                    let rest = data_stream(body, DRAIN_TIME);
                    futures_util::pin_mut!(rest);
                    drain(rest.as_mut()).await;
                }
                return Err(e);
            }
        }
    }
    let (size, sha256, upstream) = sink.finish().await?;
    staged.put_upstream(upstream);
    if size == 0 {
        return Err(UploadError::Empty);
    }
    Ok(Received {
        staged,
        size,
        sha256,
        notes,
        channel,
        idempotency_key,
    })
}

fn multipart_limits(limit: u64) -> multer::Constraints {
    multer::Constraints::new().size_limit(
        multer::SizeLimit::new()
            .whole_stream(limit.saturating_add(MAX_NOTES as u64 + 64 * 1024))
            .for_field("notes", MAX_NOTES as u64)
            .for_field("channel", 256),
    )
}

/// Reads a multipart upload's fields: the IPA into `sink`, the notes into `notes`.
async fn read_form(
    mut form: multer::Multipart<'static>,
    sink: &mut Sink,
    notes: &mut Option<String>,
    channel: &mut String,
    limit: u64,
) -> Result<(), UploadError> {
    let mut seen_ipa = false;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(e, limit)),
        };
        match field.name() {
            Some("ipa") if !seen_ipa => {
                seen_ipa = true;
                let mut field = field;
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => sink.push(chunk).await?,
                        Ok(None) => break,
                        Err(e) => return Err(multipart_error(e, limit)),
                    }
                }
            }
            Some("notes") => {
                *notes = clean_notes(field_text(field, limit).await?)?;
            }
            Some("channel") => {
                *channel = crate::store::channel::parse(&field_text(field, limit).await?)?;
            }
            other => {
                return Err(UploadError::Multipart(format!(
                    "unexpected field {:?}: send the .ipa as `ipa`, and optional text as `notes` and `channel`",
                    other.unwrap_or("")
                )))
            }
        }
    }
    if !seen_ipa {
        return Err(UploadError::NoIpaField);
    }
    Ok(())
}

/// Reads and discards (a bounded part of) the body of a request refused before its body was
/// looked at (wrong token, wrong type), so the client can read the refusal.
pub async fn discard(body: Incoming) {
    let chunks = data_stream(Arc::new(tokio::sync::Mutex::new(body)), DRAIN_TIME);
    futures_util::pin_mut!(chunks);
    drain(chunks.as_mut()).await;
}

/// Reads and discards what is left of a refused body (at most [`DRAIN_MAX`] bytes or
/// [`DRAIN_TIME`]), so the client, still sending, can read the error instead of meeting a
/// reset connection (nginx's "lingering close").
async fn drain(
    mut chunks: std::pin::Pin<&mut impl futures_util::Stream<Item = Result<Bytes, UploadError>>>,
) {
    use futures_util::StreamExt;
    let mut left = DRAIN_MAX;
    let _ = tokio::time::timeout(DRAIN_TIME, async {
        while let Some(Ok(chunk)) = chunks.next().await {
            left = left.saturating_sub(chunk.len());
            if left == 0 {
                break;
            }
        }
    })
    .await;
}

const DRAIN_MAX: usize = 16 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(5);

/// A text field, read as UTF-8 (what browsers and curl send; bytes that are not UTF-8 become
/// U+FFFD, as multer's `text()` did). Not `text()`: it decodes a declared legacy charset through
/// encoding_rs, whose tables were a quarter of a megabyte of the binary for a case no client has.
async fn field_text(field: multer::Field<'static>, limit: u64) -> Result<String, UploadError> {
    let bytes = field.bytes().await.map_err(|e| multipart_error(e, limit))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn multipart_error(e: multer::Error, limit: u64) -> UploadError {
    match e {
        multer::Error::StreamSizeExceeded { .. } => UploadError::TooLarge(limit),
        multer::Error::FieldSizeExceeded { field_name, .. }
            if field_name.as_deref() == Some("channel") =>
        {
            UploadError::Channel(crate::store::channel::BadChannel("(too long)".into()))
        }
        multer::Error::FieldSizeExceeded { .. } => UploadError::NotesTooLong,
        multer::Error::StreamReadFailed(inner) => match inner.downcast::<UploadError>() {
            Ok(u) => *u,
            Err(other) => UploadError::Cut(other.to_string()),
        },
        other => UploadError::Multipart(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_tabs_and_newlines_and_lose_other_controls() {
        let got = clean_notes("a\0b\r\nc\rd\te\u{1b}[2J\u{7f}\u{85}f".into()).unwrap();
        assert_eq!(got.as_deref(), Some("ab\nc\nd\te[2Jf"));
        assert_eq!(clean_notes("\0\r\n ".into()).unwrap(), None);
    }
}
