//! The response body: bytes already in memory (pages, manifests: `Bytes` is reference-counted,
//! so a cached page is sent without copying) or a window of a file streamed from disk.
//! An enum rather than a boxed trait object: no allocation per response on the hot path.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use bytes::{Bytes, BytesMut};
use http_body::{Frame, SizeHint};
use tokio::io::{AsyncRead, ReadBuf};

use super::metrics::Metrics;

/// Bytes read from a file per frame: large enough for few syscalls, small enough to keep
/// memory flat with many downloads at once.
const CHUNK: usize = 256 * 1024;

pub enum Body {
    Empty,
    Bytes(Option<Bytes>),
    File(FileBody),
    /// Bytes streamed from elsewhere (an object in a bucket).
    Stream(StreamBody),
}

/// `remaining` bytes from a stream; an early end is an error (the client sees a cut body, never
/// a short one passed off as complete).
pub struct StreamBody {
    stream: futures_util::stream::BoxStream<'static, io::Result<Bytes>>,
    remaining: u64,
    on_complete: Option<Box<dyn FnOnce() + Send + Sync>>,
}

impl StreamBody {
    pub fn new(
        stream: futures_util::stream::BoxStream<'static, io::Result<Bytes>>,
        len: u64,
    ) -> Self {
        StreamBody {
            stream,
            remaining: len,
            on_complete: None,
        }
    }

    pub fn on_complete(mut self, f: Box<dyn FnOnce() + Send + Sync>) -> Self {
        self.on_complete = Some(f);
        self
    }
}

impl Body {
    pub fn empty() -> Self {
        Body::Empty
    }
}

impl From<Bytes> for Body {
    fn from(b: Bytes) -> Self {
        Body::Bytes(Some(b))
    }
}

impl From<String> for Body {
    fn from(s: String) -> Self {
        Body::Bytes(Some(Bytes::from(s)))
    }
}

impl From<Vec<u8>> for Body {
    fn from(v: Vec<u8>) -> Self {
        Body::Bytes(Some(Bytes::from(v)))
    }
}

impl From<&'static str> for Body {
    fn from(s: &'static str) -> Self {
        Body::Bytes(Some(Bytes::from_static(s.as_bytes())))
    }
}

/// `remaining` bytes of `file` from its current position. `on_complete` runs once when the
/// last byte has been handed to the connection (a completed download, for the metrics).
pub struct FileBody {
    file: tokio::fs::File,
    remaining: u64,
    buf: BytesMut,
    on_complete: Option<Box<dyn FnOnce() + Send + Sync>>,
    metrics: Option<Arc<Metrics>>,
}

impl FileBody {
    pub fn new(file: tokio::fs::File, len: u64) -> Self {
        FileBody {
            file,
            remaining: len,
            buf: BytesMut::new(),
            on_complete: None,
            metrics: None,
        }
    }

    /// Count the bytes actually read for sending into `metrics`.
    pub fn count_into(&mut self, metrics: Arc<Metrics>) {
        self.metrics = Some(metrics);
    }

    pub fn on_complete(mut self, f: impl FnOnce() + Send + Sync + 'static) -> Self {
        self.on_complete = Some(Box::new(f));
        self
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            Body::Empty => Poll::Ready(None),
            Body::Bytes(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Body::File(f) => {
                if f.remaining == 0 {
                    return Poll::Ready(None);
                }
                let want = (f.remaining.min(CHUNK as u64)) as usize;
                if f.buf.capacity() < want {
                    f.buf.reserve(want);
                }
                let dst = f.buf.spare_capacity_mut();
                let dst_len = dst.len().min(want);
                let mut read_buf = ReadBuf::uninit(&mut dst[..dst_len]);
                ready!(Pin::new(&mut f.file).poll_read(cx, &mut read_buf))?;
                let n = read_buf.filled().len();
                if n == 0 {
                    return Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "file shorter than its recorded length",
                    ))));
                }
                // SAFETY: `n` bytes of the spare capacity were initialised by poll_read.
                unsafe { f.buf.set_len(f.buf.len() + n) };
                f.remaining -= n as u64;
                if let Some(m) = &f.metrics {
                    m.bytes_sent(n as u64);
                }
                if f.remaining == 0 {
                    if let Some(done) = f.on_complete.take() {
                        done();
                    }
                }
                Poll::Ready(Some(Ok(Frame::data(f.buf.split().freeze()))))
            }
            Body::Stream(s) => {
                if s.remaining == 0 {
                    return Poll::Ready(None);
                }
                match ready!(futures_util::Stream::poll_next(s.stream.as_mut(), cx)) {
                    Some(Ok(mut b)) => {
                        if b.len() as u64 > s.remaining {
                            b.truncate(s.remaining as usize);
                        }
                        s.remaining -= b.len() as u64;
                        if s.remaining == 0 {
                            if let Some(done) = s.on_complete.take() {
                                done();
                            }
                        }
                        Poll::Ready(Some(Ok(Frame::data(b))))
                    }
                    Some(Err(e)) => Poll::Ready(Some(Err(e))),
                    None => Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "object shorter than its recorded length",
                    )))),
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Body::Empty => true,
            Body::Bytes(b) => b.is_none(),
            Body::File(f) => f.remaining == 0,
            Body::Stream(s) => s.remaining == 0,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Empty => SizeHint::with_exact(0),
            Body::Bytes(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            Body::File(f) => SizeHint::with_exact(f.remaining),
            Body::Stream(s) => SizeHint::with_exact(s.remaining),
        }
    }
}
