//! TLS: the local CA of the default mode, certificates from PEM files, and the rustls config.
//!
//! - [`acceptor`]: the acceptor and resolver for a configured mode (what the server uses).
//! - [`reload`]: re-reading `--tls-cert`/`--tls-key` when they change or on SIGHUP.
//!
//! Default mode: a CA is generated once and kept in `<data>/tls/`; the server certificate it
//! signs is re-issued whenever the names it must cover change or it nears expiry. The server
//! certificate follows Apple's rules for iOS 13+: subjectAltName for every name (the CN is
//! ignored), EKU serverAuth, ECDSA P-256 with SHA-256, validity at most 825 days.
//!
//! The CA can vouch only for what this server can be: it carries critical `nameConstraints`
//! ([`ca_name_constraints`]) permitting its host names, `localhost`, the `.local`, `.lan`,
//! `.internal` and `.home.arpa` domains, and loopback, private, CGNAT and link-local address
//! ranges (plus any other address the server listens on). iOS and webpki-based clients enforce
//! them, as does OpenSSL: a certificate this CA signed for any other site is refused. It lives
//! [`CA_DAYS`]; a CA made before the constraints existed is still used (devices trust it), with
//! a warning at start-up that says how to replace it.

pub mod acceptor;
pub mod reload;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use rcgen::{
    BasicConstraints, CertificateParams, CidrSubnet, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, GeneralSubtree, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    NameConstraints, SanType,
};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use thiserror::Error;
use time::{Duration, OffsetDateTime};

/// Days a generated server certificate is valid; Apple's limit for private CAs is 825.
pub const SERVER_CERT_DAYS: i64 = 800;
/// Re-issue the server certificate when it has fewer days left than this.
const RENEW_DAYS: i64 = 30;
/// Days the local CA is valid: three years (it was ten). A device trusts it only as long as the
/// profile is installed; a shorter life limits what a leaked `ca.key` can do.
pub const CA_DAYS: i64 = 3 * 365;

/// Domains under which the local CA may vouch for any name (RFC 5280 dNSName constraints:
/// the name itself and every name below it).
const CA_DOMAINS: &[&str] = &["localhost", "local", "lan", "internal", "home.arpa"];

/// Address ranges the local CA may vouch for: loopback, private (RFC 1918, ULA), CGNAT (as
/// Tailscale uses), link-local.
const CA_RANGES: &[(&str, u8)] = &[
    ("127.0.0.0", 8),
    ("10.0.0.0", 8),
    ("172.16.0.0", 12),
    ("192.168.0.0", 16),
    ("100.64.0.0", 10),
    ("169.254.0.0", 16),
    ("::1", 128),
    ("fc00::", 7),
    ("fe80::", 10),
];

#[derive(Debug, Error)]
pub enum TlsError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Pem { path: PathBuf, message: String },
    #[error("certificate generation failed: {0}")]
    Generate(#[from] rcgen::Error),
    #[error("TLS setup failed: {0}")]
    Rustls(#[from] rustls::Error),
}

fn read(path: &Path) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|source| TlsError::Io {
        path: path.into(),
        source,
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), TlsError> {
    let io = |source| TlsError::Io {
        path: path.into(),
        source,
    };
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if path.extension().is_some_and(|e| e == "key") {
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
        }
    }
    std::fs::rename(&tmp, path).map_err(io)
}

/// A certificate chain and its key, as loaded from PEM.
#[derive(Debug)]
pub struct Identity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

impl Identity {
    /// Loads a PEM chain (leaf first) and a PEM private key (PKCS#8, PKCS#1 or SEC1).
    pub fn from_pem_files(cert: &Path, key: &Path) -> Result<Self, TlsError> {
        let pem = |path: &Path, message: String| TlsError::Pem {
            path: path.into(),
            message,
        };
        let chain = CertificateDer::pem_slice_iter(&read(cert)?)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| pem(cert, e.to_string()))?;
        if chain.is_empty() {
            return Err(pem(cert, "no CERTIFICATE block".into()));
        }
        let key_der =
            PrivateKeyDer::from_pem_slice(&read(key)?).map_err(|e| pem(key, e.to_string()))?;
        Ok(Identity {
            chain,
            key: key_der,
        })
    }

    pub fn certified_key(&self) -> Result<CertifiedKey, TlsError> {
        let provider = rustls::crypto::ring::default_provider();
        Ok(CertifiedKey::from_der(
            self.chain.clone(),
            self.key.clone_key(),
            &provider,
        )?)
    }
}

/// The generated CA of the default mode and the server identity it issued.
pub struct LocalCa {
    pub ca_pem: String,
    pub ca_der: CertificateDer<'static>,
    pub server: Identity,
    /// The names the server certificate covers.
    pub names: Vec<String>,
}

impl LocalCa {
    /// Loads the CA from `dir` (creating it on first run), and issues a server certificate for
    /// `names` unless the stored one already covers them and is not close to expiry.
    pub fn load_or_create(dir: &Path, names: &[String]) -> Result<Self, TlsError> {
        std::fs::create_dir_all(dir).map_err(|source| TlsError::Io {
            path: dir.into(),
            source,
        })?;
        let (ca_cert, ca_key) = (dir.join("ca.crt"), dir.join("ca.key"));
        if !ca_cert.exists() || !ca_key.exists() {
            let key = KeyPair::generate()?;
            let mut params = CertificateParams::new(Vec::<String>::new())?;
            let mut dn = DistinguishedName::new();
            let host = hostname::get()
                .ok()
                .and_then(|h| h.into_string().ok())
                .unwrap_or_else(|| "localhost".into());
            dn.push(DnType::CommonName, format!("otadrop local CA ({host})"));
            dn.push(DnType::OrganizationName, "otadrop");
            params.distinguished_name = dn;
            params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
            params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
            params.name_constraints = Some(ca_name_constraints(names));
            let now = OffsetDateTime::now_utc();
            params.not_before = now - Duration::days(1);
            params.not_after = now + Duration::days(CA_DAYS);
            let cert = params.self_signed(&key)?;
            write(&ca_key, key.serialize_pem().as_bytes())?;
            write(&ca_cert, cert.pem().as_bytes())?;
        }
        let ca_pem = String::from_utf8_lossy(&read(&ca_cert)?).into_owned();
        let ca_key_pem = String::from_utf8_lossy(&read(&ca_key)?).into_owned();
        let ca_der =
            CertificateDer::from_pem_slice(ca_pem.as_bytes()).map_err(|e| TlsError::Pem {
                path: ca_cert.clone(),
                message: e.to_string(),
            })?;

        let ca_until = warn_about_the_ca(&ca_der, &ca_cert, names);

        let (srv_cert, srv_key, srv_names) = (
            dir.join("server.crt"),
            dir.join("server.key"),
            dir.join("server.names"),
        );
        let wanted = names.join("\n");
        let current = std::fs::read_to_string(&srv_names).unwrap_or_default();
        let fresh = current == wanted
            && srv_cert.exists()
            && srv_key.exists()
            && not_after(&read(&srv_cert)?)
                .is_some_and(|t| t - OffsetDateTime::now_utc() > Duration::days(RENEW_DAYS));
        if !fresh {
            let ca_key = KeyPair::from_pem(&ca_key_pem)?;
            let issuer = Issuer::from_ca_cert_pem(&ca_pem, ca_key)?;
            let key = KeyPair::generate()?;
            let mut params = server_params(names)?;
            // Never outlive the CA that signs it.
            if let Some(until) = ca_until {
                params.not_after = params.not_after.min(until);
            }
            let cert = params.signed_by(&key, &issuer)?;
            write(&srv_key, key.serialize_pem().as_bytes())?;
            write(&srv_cert, format!("{}{}", cert.pem(), ca_pem).as_bytes())?;
            write(&srv_names, wanted.as_bytes())?;
        }
        Ok(LocalCa {
            server: Identity::from_pem_files(&srv_cert, &srv_key)?,
            ca_pem,
            ca_der,
            names: names.to_vec(),
        })
    }
}

/// The local CA's `nameConstraints`: [`CA_DOMAINS`] and [`CA_RANGES`], plus every host name
/// and address in `names` that they do not already cover (the machine's name, the public
/// URL's host, a public address the server listens on).
pub fn ca_name_constraints(names: &[String]) -> NameConstraints {
    let mut permitted: Vec<GeneralSubtree> = CA_DOMAINS
        .iter()
        .map(|d| GeneralSubtree::DnsName((*d).to_string()))
        .collect();
    for (addr, prefix) in CA_RANGES {
        if let Ok(ip) = addr.parse::<IpAddr>() {
            permitted.push(GeneralSubtree::IpAddress(CidrSubnet::from_addr_prefix(
                ip, *prefix,
            )));
        }
    }
    for name in names {
        match name.parse::<IpAddr>() {
            Ok(ip) if !in_ranges(ip) => {
                let full = if ip.is_ipv4() { 32 } else { 128 };
                permitted.push(GeneralSubtree::IpAddress(CidrSubnet::from_addr_prefix(
                    ip, full,
                )));
            }
            Ok(_) => {}
            Err(_) if !in_domains(name) => permitted.push(GeneralSubtree::DnsName(name.clone())),
            Err(_) => {}
        }
    }
    NameConstraints {
        permitted_subtrees: permitted,
        excluded_subtrees: Vec::new(),
    }
}

fn in_domains(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    CA_DOMAINS
        .iter()
        .any(|d| name == *d || name.ends_with(&format!(".{d}")))
}

fn in_ranges(ip: IpAddr) -> bool {
    CA_RANGES
        .iter()
        .any(|(addr, prefix)| match (ip, addr.parse::<IpAddr>()) {
            (IpAddr::V4(ip), Ok(IpAddr::V4(net))) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(*prefix)).unwrap_or(0);
                u32::from(ip) & mask == u32::from(net) & mask
            }
            (IpAddr::V6(ip), Ok(IpAddr::V6(net))) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(*prefix)).unwrap_or(0);
                u128::from(ip) & mask == u128::from(net) & mask
            }
            _ => false,
        })
}

/// Warns about a CA that can vouch for any site (made before name constraints) or that does
/// not permit one of `names` (a new public host), saying what to do; returns its expiry.
fn warn_about_the_ca(
    ca_der: &CertificateDer<'_>,
    path: &Path,
    names: &[String],
) -> Option<OffsetDateTime> {
    let (_, cert) = x509_parser::parse_x509_certificate(ca_der).ok()?;
    let until = OffsetDateTime::from_unix_timestamp(cert.validity().not_after.timestamp()).ok();
    let dir = path.parent().unwrap_or(Path::new("."));
    match cert.name_constraints() {
        Ok(Some(nc)) => {
            let permitted: Vec<String> = nc
                .value
                .permitted_subtrees
                .iter()
                .flatten()
                .filter_map(|s| match &s.base {
                    x509_parser::extensions::GeneralName::DNSName(d) => Some(d.to_string()),
                    _ => None,
                })
                .collect();
            for name in names.iter().filter(|n| n.parse::<IpAddr>().is_err()) {
                let lower = name.to_ascii_lowercase();
                let ok = permitted
                    .iter()
                    .any(|p| lower == *p || lower.ends_with(&format!(".{p}")));
                if !ok {
                    tracing::warn!(
                        name = %name,
                        "the local CA does not permit this name, so devices will refuse the server certificate for it; to make a new CA, stop the server, delete {}/ca.crt and {}/ca.key, start again, and install the new profile (/ca) on each device",
                        dir.display(),
                        dir.display()
                    );
                }
            }
        }
        _ => tracing::warn!(
            "the local CA in {} has no name constraints: a device that trusts it would accept any site's certificate it signs. To replace it, stop the server, delete ca.crt and ca.key there, start again, remove the old profile from each device and install the new one (/ca)",
            dir.display()
        ),
    }
    until
}

fn server_params(names: &[String]) -> Result<CertificateParams, TlsError> {
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    for name in names {
        params.subject_alt_names.push(match name.parse::<IpAddr>() {
            Ok(ip) => SanType::IpAddress(ip),
            Err(_) => SanType::DnsName(name.clone().try_into()?),
        });
    }
    let mut dn = DistinguishedName::new();
    dn.push(
        DnType::CommonName,
        names.first().cloned().unwrap_or_else(|| "localhost".into()),
    );
    params.distinguished_name = dn;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let now = OffsetDateTime::now_utc();
    params.not_before = now - Duration::days(1);
    params.not_after = now + Duration::days(SERVER_CERT_DAYS - 1);
    Ok(params)
}

fn not_after(pem: &[u8]) -> Option<OffsetDateTime> {
    let der = CertificateDer::from_pem_slice(pem).ok()?;
    let (_, cert) = x509_parser::parse_x509_certificate(&der).ok()?;
    OffsetDateTime::from_unix_timestamp(cert.validity().not_after.timestamp()).ok()
}

/// The names a default-mode server certificate covers: localhost, the machine's host name,
/// loopback and every non-loopback address, plus the public URL's host.
pub fn default_names(public_host: Option<&str>) -> Vec<String> {
    let mut names = vec!["localhost".to_string()];
    if let Some(host) = hostname::get().ok().and_then(|h| h.into_string().ok()) {
        if !host.is_empty() && !host.contains(['/', ' ']) {
            names.push(host.clone());
            if !host.contains('.') {
                names.push(format!("{host}.local"));
            }
        }
    }
    names.push("127.0.0.1".into());
    names.push("::1".into());
    for ip in non_loopback_addresses() {
        names.push(ip.to_string());
    }
    if let Some(h) = public_host {
        let h = h.trim_start_matches('[').trim_end_matches(']').to_string();
        if !h.is_empty() {
            names.push(h);
        }
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

pub fn non_loopback_addresses() -> Vec<IpAddr> {
    if_addrs::get_if_addrs()
        .map(|list| {
            list.into_iter()
                .map(|i| i.ip())
                .filter(|ip| !ip.is_loopback() && !is_link_local(ip))
                .collect()
        })
        .unwrap_or_default()
}

fn is_link_local(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_link_local(),
        IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) == 0xfe80,
    }
}

/// Serves the current certificate; `set` swaps it without a restart (file reload, SIGHUP).
#[derive(Debug)]
pub struct Resolver(RwLock<Arc<CertifiedKey>>);

impl Resolver {
    pub fn new(key: CertifiedKey) -> Self {
        Resolver(RwLock::new(Arc::new(key)))
    }

    pub fn set(&self, key: CertifiedKey) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(key);
    }
}

impl ResolvesServerCert for Resolver {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.read().unwrap_or_else(|e| e.into_inner()).clone())
    }
}

/// rustls server config: TLS 1.2 and 1.3 only, ALPN h2 then http/1.1, ring as the provider
/// (built explicitly, so a second provider compiled in elsewhere cannot make it panic).
pub fn server_config(resolver: Arc<Resolver>) -> Result<rustls::ServerConfig, TlsError> {
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
    .with_no_client_auth()
    .with_cert_resolver(resolver);
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ca_and_server_cert_follow_apples_rules() {
        let dir = tempfile::tempdir().unwrap();
        let names = vec![
            "localhost".to_string(),
            "127.0.0.1".into(),
            "ota.test".into(),
        ];
        let ca = LocalCa::load_or_create(dir.path(), &names).unwrap();
        let (_, leaf) = x509_parser::parse_x509_certificate(&ca.server.chain[0]).unwrap();
        let days = (leaf.validity().not_after.timestamp() - leaf.validity().not_before.timestamp())
            / 86400;
        assert!(days <= 825, "validity {days} days");
        let san = leaf.subject_alternative_name().unwrap().unwrap();
        let rendered: Vec<String> = san
            .value
            .general_names
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert!(
            rendered.iter().any(|n| n.contains("ota.test")),
            "{rendered:?}"
        );
        assert!(
            san.value.general_names.iter().any(|n| matches!(
                n,
                x509_parser::extensions::GeneralName::IPAddress(b) if *b == [127, 0, 0, 1]
            )),
            "{rendered:?}"
        );
        let eku = leaf.extended_key_usage().unwrap().unwrap();
        assert!(eku.value.server_auth);
        // The CA is reused on restart; the server certificate too when the names are the same.
        let again = LocalCa::load_or_create(dir.path(), &names).unwrap();
        assert_eq!(again.ca_pem, ca.ca_pem);
        assert_eq!(again.server.chain[0], ca.server.chain[0]);
        // New names: same CA, new server certificate.
        let more = LocalCa::load_or_create(dir.path(), &["other.test".to_string()]).unwrap();
        assert_eq!(more.ca_pem, ca.ca_pem);
        assert_ne!(more.server.chain[0], ca.server.chain[0]);
        assert!(more.server.certified_key().is_ok());
    }
}
