//! `--metrics-listen`: a plain-HTTP listener of its own that answers `GET /metrics` without a
//! token (for a Prometheus scraper on a private address) and `404` to everything else.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;

use super::idle::Deadlines;
use super::{response, router, State};

pub async fn serve(listener: TcpListener, state: Arc<State>) {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(state.config.header_timeout);
    let builder = Arc::new(builder.http1_only());
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let state = state.clone();
        let builder = builder.clone();
        tokio::spawn(async move {
            let stream = Deadlines::new(
                stream,
                state.config.header_timeout,
                state.config.idle_timeout,
            );
            let service = service_fn(move |req: http::Request<hyper::body::Incoming>| {
                let state = state.clone();
                async move {
                    let r = match (req.method(), req.uri().path()) {
                        (&http::Method::GET | &http::Method::HEAD, "/metrics") => {
                            router::metrics_text(&state)
                        }
                        _ => response::error(http::StatusCode::NOT_FOUND, "only /metrics here"),
                    };
                    Ok::<_, Infallible>(r)
                }
            });
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
