//! Listening: TCP, TLS (rustls, ALPN h2 + http/1.1), HTTP/1.1 and h2 through hyper-util's
//! auto builder, a cap on concurrent connections, timeouts for slow clients, and graceful
//! shutdown (stop accepting, let running requests finish up to a deadline).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use thiserror::Error;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;

use super::idle::Deadlines;
use super::{response, router, State};
use crate::config::{Config, TlsMode};
use crate::page::Site;
use crate::store::{Store, StoreError};
use crate::tls::{self, LocalCa, Resolver, TlsError};

#[derive(Debug, Error)]
pub enum StartError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("data folder: {0}")]
    Store(#[from] StoreError),
    #[error("TLS: {0}")]
    Tls(#[from] TlsError),
}

/// A bound, ready server.
pub struct Server {
    state: Arc<State>,
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    resolver: Option<Arc<Resolver>>,
}

impl Server {
    /// Opens the data folder, prepares TLS and binds the listener.
    pub async fn bind(mut config: Config, public_url_given: bool) -> Result<Server, StartError> {
        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| StartError::Bind {
                    addr: config.listen,
                    source,
                })?;
        let local = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.listen,
            source,
        })?;
        if config.listen.port() == 0 && !public_url_given {
            // The port is known only now; the default public URL follows it.
            config.public_url = crate::config::default_public_url(local, &config.tls);
        }
        config.listen = local;

        let data = config.data.clone();
        let store = tokio::task::spawn_blocking(move || Store::open_local(&data))
            .await
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))??;

        let (tls, resolver, local_ca) = match &config.tls {
            TlsMode::Off => (None, None, None),
            TlsMode::LocalCa => {
                let host = config
                    .public_url
                    .as_str()
                    .split("://")
                    .nth(1)
                    .and_then(|rest| rest.split('/').next())
                    .map(|hp| match hp.rsplit_once(':') {
                        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) => h.to_string(),
                        _ => hp.to_string(),
                    });
                let names = tls::default_names(host.as_deref());
                let ca = LocalCa::load_or_create(&config.data.join("tls"), &names)?;
                let resolver = Arc::new(Resolver::new(ca.server.certified_key()?));
                let acceptor = TlsAcceptor::from(Arc::new(tls::server_config(resolver.clone())?));
                (
                    Some(acceptor),
                    Some(resolver),
                    Some((ca.ca_pem, ca.ca_der.to_vec())),
                )
            }
            TlsMode::Files { cert, key } => {
                let id = tls::Identity::from_pem_files(cert, key)?;
                let resolver = Arc::new(Resolver::new(id.certified_key()?));
                let acceptor = TlsAcceptor::from(Arc::new(tls::server_config(resolver.clone())?));
                (Some(acceptor), Some(resolver), None)
            }
        };
        let site = Site {
            public_url: config.public_url.clone(),
            own_ca: local_ca.is_some(),
            default_lang: config.lang,
        };
        crate::client::warm_up();
        let state = Arc::new(State::new(config, store, site, local_ca));
        Ok(Server {
            state,
            listener,
            tls,
            resolver,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.state.config.listen
    }

    pub fn config(&self) -> &Config {
        &self.state.config
    }

    /// The generated CA certificate (PEM), when running on the local CA.
    pub fn local_ca_pem(&self) -> Option<&str> {
        self.state.local_ca.as_ref().map(|(pem, _)| pem.as_str())
    }

    /// Serves until `shutdown` completes, then drains connections for at most the configured
    /// grace period.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        let Server {
            state,
            listener,
            tls,
            resolver,
        } = self;
        let _reload = resolver.map(|r| spawn_cert_reload(state.clone(), r));
        let _redirect = match state.config.redirect_http {
            Some(addr) => match TcpListener::bind(addr).await {
                Ok(l) => Some(tokio::spawn(redirect_http(l, state.clone()))),
                Err(e) => {
                    tracing::error!(%addr, error = %e, "cannot listen for the HTTP redirect");
                    None
                }
            },
            None => None,
        };
        let limit = Arc::new(Semaphore::new(state.config.max_connections));
        let graceful = GracefulShutdown::new();
        let mut builder = auto::Builder::new(TokioExecutor::new());
        builder
            .http1()
            .timer(TokioTimer::new())
            .header_read_timeout(state.config.header_timeout)
            .max_buf_size(64 * 1024);
        // No h2 keep-alive pings: they are traffic, and would keep an idle connection open past
        // the idle deadline (which is what closes connections to dead peers).
        builder
            .http2()
            .timer(TokioTimer::new())
            .max_concurrent_streams(128)
            .max_header_list_size(64 * 1024);
        let builder = Arc::new(builder);
        tokio::pin!(shutdown);

        loop {
            let permit = tokio::select! {
                p = limit.clone().acquire_owned() => match p {
                    Ok(p) => p,
                    Err(_) => break,
                },
                _ = &mut shutdown => break,
            };
            let (stream, peer) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        // EMFILE and friends: back off instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                _ = &mut shutdown => break,
            };
            let _ = stream.set_nodelay(true);
            state.metrics.connection_opened();
            let state = state.clone();
            let tls = tls.clone();
            let builder = builder.clone();
            let watcher = graceful.watcher();
            tokio::spawn(async move {
                let metrics = state.metrics.clone();
                serve_connection(state, stream, peer, tls, &builder, watcher).await;
                metrics.connection_closed();
                drop(permit);
            });
        }
        drop(listener);
        tracing::info!("shutting down: waiting for running requests");
        let grace = state.config.shutdown_grace;
        if tokio::time::timeout(grace, graceful.shutdown())
            .await
            .is_err()
        {
            tracing::warn!(
                seconds = grace.as_secs(),
                "grace period over; closing what is left"
            );
        }
    }
}

async fn serve_connection(
    state: Arc<State>,
    stream: TcpStream,
    peer: SocketAddr,
    tls: Option<TlsAcceptor>,
    builder: &auto::Builder<TokioExecutor>,
    watcher: hyper_util::server::graceful::Watcher,
) {
    let stream = Deadlines::new(
        stream,
        state.config.header_timeout,
        state.config.idle_timeout,
    );
    let service = service_fn(move |req| {
        let state = state.clone();
        async move { Ok::<_, Infallible>(router::handle(state, req, peer).await) }
    });
    let result = match tls {
        Some(acceptor) => {
            // The handshake gets the same deadline as request headers.
            let handshake = tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream));
            let stream = match handshake.await {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => {
                    tracing::debug!(%peer, error = %e, "TLS handshake failed");
                    return;
                }
                Err(_) => {
                    tracing::debug!(%peer, "TLS handshake timed out");
                    return;
                }
            };
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            watcher.watch(conn.into_owned()).await
        }
        None => {
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            watcher.watch(conn.into_owned()).await
        }
    };
    if let Err(e) = result {
        tracing::debug!(%peer, error = %e, "connection ended with an error");
    }
}

/// Reloads a PEM certificate when its files change (checked every 5 s) or on SIGHUP.
fn spawn_cert_reload(state: Arc<State>, resolver: Arc<Resolver>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let TlsMode::Files { cert, key } = state.config.tls.clone() else {
            return;
        };
        let stamp = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let mut last = (stamp(&cert), stamp(&key));
        #[cfg(unix)]
        let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
        loop {
            #[cfg(unix)]
            let forced = match hup.as_mut() {
                Some(h) => tokio::select! {
                    _ = h.recv() => true,
                    _ = tokio::time::sleep(Duration::from_secs(5)) => false,
                },
                None => {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    false
                }
            };
            #[cfg(not(unix))]
            let forced = {
                tokio::time::sleep(Duration::from_secs(5)).await;
                false
            };
            let now = (stamp(&cert), stamp(&key));
            if !forced && now == last {
                continue;
            }
            last = now;
            match tls::Identity::from_pem_files(&cert, &key).and_then(|id| id.certified_key()) {
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

/// The plain-HTTP listener of `--redirect-http`: every request gets a 308 to the same path
/// under the public URL (never to the request's Host).
async fn redirect_http(listener: TcpListener, state: Arc<State>) {
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
                    let target = req
                        .uri()
                        .path_and_query()
                        .map(|pq| pq.as_str())
                        .unwrap_or("/");
                    let location = state.config.public_url.join(target);
                    let mut r = response::empty(http::StatusCode::PERMANENT_REDIRECT);
                    if let Ok(v) = http::HeaderValue::from_str(&location) {
                        r.headers_mut().insert(http::header::LOCATION, v);
                    }
                    Ok::<_, Infallible>(r)
                }
            });
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
