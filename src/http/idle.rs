//! Connection deadlines that hyper does not enforce by itself: a client must send its first
//! byte within `first_byte` (a silent connection is dropped; with TLS this also bounds the
//! handshake), and a connection with no traffic either way for `idle` is closed. Long
//! downloads are traffic, so they are never cut; a stalled one is.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

pub struct Deadlines<T> {
    inner: T,
    idle: Duration,
    sleep: Pin<Box<Sleep>>,
}

impl<T> Deadlines<T> {
    pub fn new(inner: T, first_byte: Duration, idle: Duration) -> Self {
        Deadlines {
            inner,
            idle,
            sleep: Box::pin(tokio::time::sleep(first_byte)),
        }
    }

    fn activity(&mut self) {
        self.sleep.as_mut().reset(Instant::now() + self.idle);
    }

    /// Ready(Err) when the deadline has passed.
    fn expired(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        match self.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(io::Error::new(
                io::ErrorKind::TimedOut,
                "connection idle for too long",
            )),
            Poll::Pending => Poll::Pending,
        }
    }
}

use std::future::Future;

impl<T: AsyncRead + Unpin> AsyncRead for Deadlines<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    this.activity();
                }
                Poll::Ready(r)
            }
            Poll::Pending => match this.expired(cx) {
                Poll::Ready(e) => Poll::Ready(Err(e)),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl<T> Deadlines<T> {
    /// Treats a write's outcome: progress is activity; a write that cannot proceed (a client
    /// that stopped reading a download) counts toward the deadline like silence does.
    fn after_write(
        &mut self,
        cx: &mut Context<'_>,
        r: Poll<io::Result<usize>>,
    ) -> Poll<io::Result<usize>> {
        match r {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.activity();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => self.expired(cx).map(Err),
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Deadlines<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_write(cx, data);
        this.after_write(cx, r)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.after_write(cx, r)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test(start_paused = true)]
    async fn silent_peer_times_out_then_traffic_extends() {
        let (a, mut b) = tokio::io::duplex(64);
        let mut d = Deadlines::new(a, Duration::from_secs(2), Duration::from_secs(5));
        let mut buf = [0u8; 8];
        b.write_all(b"hi").await.unwrap();
        assert_eq!(d.read(&mut buf).await.unwrap(), 2);
        // Now idle: 5 s of silence closes it.
        let started = Instant::now();
        let err = d.read(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(started.elapsed() >= Duration::from_secs(5));

        let (a, _b) = tokio::io::duplex(64);
        let mut d = Deadlines::new(a, Duration::from_secs(2), Duration::from_secs(60));
        let started = Instant::now();
        assert!(d.read(&mut buf).await.is_err());
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(2) && waited < Duration::from_secs(60));
    }
}
