//! Listening: TCP, TLS (rustls, ALPN h2 + http/1.1), HTTP/1.1 and h2 through hyper-util's
//! auto builder, a cap on concurrent connections, timeouts for slow clients, and graceful
//! shutdown (stop accepting, let running requests finish up to a deadline). The main listener
//! and the `--redirect-http` listener ([`super::redirect`]) run the same accept loop, so the
//! cap, the deadlines and the shutdown cover both. TLS setup and certificate reload live in
//! [`crate::tls`].

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::server::graceful::Watcher;
use thiserror::Error;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio_rustls::TlsAcceptor;

use super::idle::Deadlines;
use super::{redirect, router, State};
use crate::config::{Config, TlsMode};
use crate::page::Site;
use crate::store::StoreError;
use crate::tls::{self, Resolver, TlsError};

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
    #[error("data folder: {0}")]
    Links(#[from] crate::access::LinkError),
}

/// A bound, ready server.
pub struct Server {
    state: Arc<State>,
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    resolver: Option<Arc<Resolver>>,
}

/// Which service a listener's connections get.
#[derive(Clone)]
enum Service {
    /// The application, over TLS when an acceptor is given.
    App(Option<TlsAcceptor>),
    /// `--redirect-http`: plain HTTP, 308 to the public URL.
    Redirect,
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

        let store = super::catalogue_sync::open_store(&config).await?;

        let (tls, resolver, local_ca) = match tls::acceptor::setup(&config)? {
            Some(s) => (Some(s.acceptor), Some(s.resolver), s.local_ca),
            None => (None, None, None),
        };
        let site = Site {
            public_url: config.public_url.clone(),
            own_ca: local_ca.is_some(),
            default_lang: config.lang,
        };
        crate::client::warm_up();
        let links = crate::access::LinkBook::load(&store)?;
        let installs = crate::installs::InstallCounts::open(&store, &config.data)?;
        let state = Arc::new(State::new(config, store, links, installs, site, local_ca));
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

    /// Serves until `shutdown` completes, then drains connections (of both listeners) for at
    /// most the configured grace period.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        let Server {
            state,
            listener,
            tls,
            resolver,
        } = self;
        let reload = match (&state.config.tls, resolver) {
            (TlsMode::Files { cert, key }, Some(r)) => {
                Some(tls::reload::spawn(cert.clone(), key.clone(), r))
            }
            _ => None,
        };
        let redirect_listener = match state.config.redirect_http {
            Some(addr) => match TcpListener::bind(addr).await {
                Ok(l) => Some(l),
                Err(e) => {
                    tracing::error!(%addr, error = %e, "cannot listen for the HTTP redirect");
                    None
                }
            },
            None => None,
        };
        let _metrics = match state.config.metrics_listen {
            Some(addr) => match TcpListener::bind(addr).await {
                Ok(l) => Some(tokio::spawn(super::metrics_listener::serve(
                    l,
                    state.clone(),
                ))),
                Err(e) => {
                    tracing::error!(%addr, error = %e, "cannot listen for /metrics");
                    None
                }
            },
            None => None,
        };
        let limit = Arc::new(Semaphore::new(state.config.max_connections));
        let graceful = GracefulShutdown::new();
        let app = Arc::new(app_builder(&state.config));
        let plain = Arc::new(redirect_builder(&state.config));
        let (stop, stopped) = watch::channel(false);

        let main = accept_loop(
            listener,
            Service::App(tls),
            app,
            &state,
            &limit,
            &graceful,
            stopped.clone(),
        );
        let redirect = async {
            if let Some(l) = redirect_listener {
                let service = Service::Redirect;
                accept_loop(l, service, plain, &state, &limit, &graceful, stopped).await;
            }
        };
        let signal = async {
            shutdown.await;
            let _ = stop.send(true);
        };
        let flush = {
            let state = state.clone();
            tokio::spawn(async move {
                let mut every = tokio::time::interval(crate::installs::FLUSH_EVERY);
                every.tick().await;
                loop {
                    every.tick().await;
                    flush_installs(&state).await;
                }
            })
        };
        let sync = super::catalogue_sync::spawn(&state);
        tokio::join!(main, redirect, signal);
        flush.abort();
        if let Some(task) = reload {
            task.abort();
        }
        for task in sync {
            task.abort();
        }
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
        flush_installs(&state).await;
    }
}

/// Writes the install counts if they changed (on a blocking thread: it is a file write).
async fn flush_installs(state: &Arc<State>) {
    let s = state.clone();
    match tokio::task::spawn_blocking(move || s.installs.flush(&s.store)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "could not write the install counts"),
        Err(e) => tracing::warn!(error = %e, "could not write the install counts"),
    }
}

/// HTTP/1.1 and h2 for the application.
fn app_builder(config: &Config) -> auto::Builder<TokioExecutor> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .max_buf_size(64 * 1024);
    // No h2 keep-alive pings: they are traffic, and would keep an idle connection open past
    // the idle deadline (which is what closes connections to dead peers).
    builder
        .http2()
        .timer(TokioTimer::new())
        .max_concurrent_streams(128)
        .max_header_list_size(64 * 1024);
    builder
}

/// HTTP/1.1 only, for the plain-HTTP redirect.
fn redirect_builder(config: &Config) -> auto::Builder<TokioExecutor> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout);
    builder.http1_only()
}

/// Accepts connections until `stop` says so, each holding a permit of the shared cap.
async fn accept_loop(
    listener: TcpListener,
    service: Service,
    builder: Arc<auto::Builder<TokioExecutor>>,
    state: &Arc<State>,
    limit: &Arc<Semaphore>,
    graceful: &GracefulShutdown,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        // Accept first, then wait for a permit: a loop that took its permit before accepting
        // would hold it while idle, and starve the other listener of a cap they share. While
        // no permit is free, this loop accepts nothing more (the rest wait in the backlog).
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
            _ = stop.changed() => break,
        };
        let permit = tokio::select! {
            p = limit.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = stop.changed() => break,
        };
        let _ = stream.set_nodelay(true);
        state.metrics.connection_opened();
        let state = state.clone();
        let service = service.clone();
        let builder = builder.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let metrics = state.metrics.clone();
            serve_connection(state, stream, peer, service, &builder, watcher).await;
            metrics.connection_closed();
            drop(permit);
        });
    }
}

async fn serve_connection(
    state: Arc<State>,
    stream: TcpStream,
    peer: SocketAddr,
    service: Service,
    builder: &auto::Builder<TokioExecutor>,
    watcher: Watcher,
) {
    let header_timeout = state.config.header_timeout;
    let stream = Deadlines::new(stream, header_timeout, state.config.idle_timeout);
    let result = match service {
        Service::Redirect => {
            let svc = service_fn(move |req: http::Request<hyper::body::Incoming>| {
                let r = redirect::handle(&state, &req);
                async move { Ok::<_, Infallible>(r) }
            });
            let conn = builder.serve_connection(TokioIo::new(stream), svc);
            watcher.watch(conn.into_owned()).await
        }
        Service::App(tls) => {
            let svc = service_fn(move |req| {
                let state = state.clone();
                async move { Ok::<_, Infallible>(router::handle(state, req, peer).await) }
            });
            match tls {
                Some(acceptor) => {
                    // The handshake gets the same deadline as request headers.
                    let handshake = tokio::time::timeout(header_timeout, acceptor.accept(stream));
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
                    let conn = builder.serve_connection(TokioIo::new(stream), svc);
                    watcher.watch(conn.into_owned()).await
                }
                None => {
                    let conn = builder.serve_connection(TokioIo::new(stream), svc);
                    watcher.watch(conn.into_owned()).await
                }
            }
        }
    };
    if let Err(e) = result {
        tracing::debug!(%peer, error = %e, "connection ended with an error");
    }
}
