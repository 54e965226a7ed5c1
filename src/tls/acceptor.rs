//! The server side of TLS for a configured [`TlsMode`]: the acceptor, the resolver that lets a
//! certificate be swapped while serving, and the local CA when the server runs on its own.

use std::sync::Arc;

use tokio_rustls::TlsAcceptor;

use super::{default_names, server_config, Identity, LocalCa, Resolver, TlsError};
use crate::config::Config;
use crate::config::TlsMode;

/// What serving HTTPS needs.
pub struct Setup {
    pub acceptor: TlsAcceptor,
    pub resolver: Arc<Resolver>,
    /// The generated CA certificate (PEM and DER) when running on the local CA.
    pub local_ca: Option<(String, Vec<u8>)>,
}

/// TLS for `config`, or `None` for plain HTTP (`--http`). On the local CA the server
/// certificate covers the public URL's host as well as this machine's own names.
pub fn setup(config: &Config) -> Result<Option<Setup>, TlsError> {
    let (key, local_ca) = match &config.tls {
        TlsMode::Off => return Ok(None),
        TlsMode::LocalCa => {
            let names = default_names(config.public_url.host().as_deref());
            let ca = LocalCa::load_or_create(&config.data.join("tls"), &names)?;
            let key = ca.server.certified_key()?;
            (key, Some((ca.ca_pem, ca.ca_der.to_vec())))
        }
        TlsMode::Files { cert, key } => {
            (Identity::from_pem_files(cert, key)?.certified_key()?, None)
        }
    };
    let resolver = Arc::new(Resolver::new(key));
    let acceptor = TlsAcceptor::from(Arc::new(server_config(resolver.clone())?));
    Ok(Some(Setup {
        acceptor,
        resolver,
        local_ca,
    }))
}
