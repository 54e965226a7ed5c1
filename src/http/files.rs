//! Sending one representation (a release's IPA or icon, a manifest, a page) with HEAD, Range
//! and conditional requests handled the same way for all of them.

use std::io::SeekFrom;
use std::path::Path;
use std::time::SystemTime;

use bytes::Bytes;
use headers::{AcceptRanges, ContentLength, ContentRange, ETag, HeaderMapExt, LastModified};
use http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderMap, Method, StatusCode};
use tokio::io::AsyncSeekExt;

use super::body::{Body, FileBody, StreamBody};
use super::compress::{Encoding, Variants};
use super::conditional::{self, Precondition};
use super::range::{self, Ranged};
use super::response::{self, Resp};
use crate::page::Msg;

/// Immutable release files: a year, and no revalidation.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Describes what is being sent.
pub struct Representation {
    /// The opaque validator, without quotes; a compressed variant gets a suffix.
    pub etag: String,
    /// When the bytes last changed; `None` for what is generated and changes without a date
    /// we could name (pages, whose text follows the day), so no `Last-Modified` is sent.
    pub last_modified: Option<SystemTime>,
    pub content_type: &'static str,
    pub cache_control: &'static str,
}

/// Where the bytes come from.
pub enum Source<'a> {
    Bytes(Bytes),
    /// Generated text with precomputed compressed variants.
    Variants(&'a Variants),
    File(&'a Path),
    /// An object in a bucket, of `len` bytes (the release's recorded size).
    Object(&'a crate::store::ObjectRef, u64),
}

/// Answers a GET or HEAD for `rep`. `on_complete` runs when a full (200) file body has been
/// sent to the end.
pub async fn serve(
    method: &Method,
    headers: &HeaderMap,
    rep: &Representation,
    source: Source<'_>,
    on_complete: Option<Box<dyn FnOnce() + Send + Sync>>,
) -> Resp {
    // Pick the variant first: validators and ranges apply to the representation selected.
    let (source, encoding) = match source {
        Source::Variants(v) => {
            let accept = headers
                .get(http::header::ACCEPT_ENCODING)
                .map(|h| h.as_bytes());
            let (encoding, bytes) = v.pick(accept);
            (Source::Bytes(bytes), Some(encoding))
        }
        other => (other, None),
    };
    let etag = make_etag(&rep.etag, encoding);
    let pre = conditional::evaluate(method, headers, &etag, rep.last_modified);
    let use_range = match pre {
        Precondition::NotModified => {
            let mut r = response::empty(StatusCode::NOT_MODIFIED);
            r.headers_mut().typed_insert(etag);
            set_cache(r.headers_mut(), rep);
            set_encoding(r.headers_mut(), encoding);
            return r;
        }
        Precondition::Failed => {
            return response::error_page(
                StatusCode::PRECONDITION_FAILED,
                "precondition failed",
                Msg::new("error-precondition"),
            )
        }
        Precondition::Proceed { use_range } => use_range,
    };

    let (file, len) = match &source {
        Source::Bytes(b) => (None, b.len() as u64),
        Source::Variants(v) => (None, v.identity.len() as u64),
        Source::Object(_, len) => (None, *len),
        Source::File(path) => match tokio::fs::File::open(path).await {
            Ok(f) => match f.metadata().await {
                Ok(m) => (Some(f), m.len()),
                Err(e) => return io_error(e),
            },
            Err(e) => return io_error(e),
        },
    };

    let ranged = if use_range {
        range::resolve(headers.get(http::header::RANGE).map(|v| v.as_bytes()), len)
    } else {
        Ranged::Full
    };
    let (status, start, count) = match ranged {
        Ranged::Full => (StatusCode::OK, 0, len),
        Ranged::Partial { start, end } => (StatusCode::PARTIAL_CONTENT, start, end - start + 1),
        Ranged::Unsatisfiable => {
            let mut r = response::error_page(
                StatusCode::RANGE_NOT_SATISFIABLE,
                &format!("the range asked for is outside the {len} bytes of this file"),
                Msg::new("error-range"),
            );
            r.headers_mut()
                .typed_insert(ContentRange::unsatisfied_bytes(len));
            return r;
        }
    };

    let body = if *method == Method::HEAD {
        Body::empty()
    } else {
        match (source, file) {
            (Source::Bytes(b), _) => Body::from(b.slice(start as usize..(start + count) as usize)),
            (Source::Variants(v), _) => {
                Body::from(v.identity.slice(start as usize..(start + count) as usize))
            }
            (Source::File(_), Some(mut f)) => {
                if start > 0 {
                    if let Err(e) = f.seek(SeekFrom::Start(start)).await {
                        return io_error(e);
                    }
                }
                let mut fb = FileBody::new(f, count);
                if let (StatusCode::OK, Some(done)) = (status, on_complete) {
                    fb = fb.on_complete(done);
                }
                Body::File(fb)
            }
            (Source::File(_), None) => Body::empty(),
            (Source::Object(obj, _), _) => match obj.stream(start, count).await {
                Ok(stream) => {
                    let mut sb = StreamBody::new(stream, count);
                    if let (StatusCode::OK, Some(done)) = (status, on_complete) {
                        sb = sb.on_complete(done);
                    }
                    Body::Stream(sb)
                }
                Err(e) => return io_error(e),
            },
        }
    };
    let mut r = response::with_type(status, rep.content_type, body);
    let h = r.headers_mut();
    h.typed_insert(ContentLength(count));
    h.typed_insert(etag);
    set_encoding(h, encoding);
    if let Some(t) = rep.last_modified {
        h.typed_insert(LastModified::from(t));
    }
    h.typed_insert(AcceptRanges::bytes());
    set_cache(h, rep);
    if status == StatusCode::PARTIAL_CONTENT {
        if let Ok(cr) = ContentRange::bytes(start..start + count, len) {
            h.typed_insert(cr);
        }
    }
    r
}

fn make_etag(tag: &str, encoding: Option<Encoding>) -> ETag {
    let suffix = encoding
        .and_then(Encoding::token)
        .map(|t| format!("-{t}"))
        .unwrap_or_default();
    // Tags are made of hex digits, ids and fixed names; a bad one is a bug here, not input.
    format!("\"{tag}{suffix}\"")
        .parse()
        .unwrap_or_else(|_| unreachable!("invalid etag {tag:?}"))
}

/// `Content-Encoding` for a compressed variant, and `Vary` whenever variants exist.
fn set_encoding(h: &mut HeaderMap, encoding: Option<Encoding>) {
    if let Some(enc) = encoding {
        h.append(
            http::header::VARY,
            HeaderValue::from_static("Accept-Encoding"),
        );
        if let Some(token) = enc.token() {
            h.insert(
                http::header::CONTENT_ENCODING,
                HeaderValue::from_static(token),
            );
        }
    }
}

fn set_cache(h: &mut HeaderMap, rep: &Representation) {
    h.insert(CACHE_CONTROL, HeaderValue::from_static(rep.cache_control));
    if !h.contains_key(CONTENT_TYPE) {
        h.insert(CONTENT_TYPE, HeaderValue::from_static(rep.content_type));
    }
}

fn io_error(e: std::io::Error) -> Resp {
    if e.kind() == std::io::ErrorKind::NotFound {
        response::error_page(
            StatusCode::NOT_FOUND,
            "this file is gone (the release was deleted)",
            Msg::new("error-not-found"),
        )
    } else {
        tracing::error!(error = %e, "reading a release file");
        response::error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "could not read the file",
            Msg::new("error-server"),
        )
    }
}
