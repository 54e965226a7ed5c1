//! The host behind a URL: DNS, then a TLS handshake of our own to capture the certificate
//! chain, judged the way iOS 13+ judges it: a chain to a trusted root (the public roots, or a
//! CA given with `--ca`), a subjectAltName naming the host (the CN is ignored), within its
//! validity, a lifetime of at most 825 days (398 for publicly trusted certificates issued
//! since 2020-09-01), RSA 2048+ or ECDSA, a SHA-2 signature, and EKU serverAuth.

use std::net::IpAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use time::OffsetDateTime;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use x509_parser::prelude::{FromDer, GeneralName, X509Certificate};
use x509_parser::public_key::PublicKey;

use super::finding::Finding;

/// The roots a device would trust: the public ones, and the private CAs given with `--ca`.
#[derive(Clone)]
pub struct TrustRoots {
    public: Arc<RootCertStore>,
    private: Option<Arc<RootCertStore>>,
}

impl TrustRoots {
    pub fn new(private_cas: Vec<CertificateDer<'static>>) -> Result<Self, String> {
        let public = RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let private = if private_cas.is_empty() {
            None
        } else {
            let mut store = RootCertStore::empty();
            for ca in private_cas {
                store
                    .add(ca)
                    .map_err(|e| format!("a --ca certificate cannot be used as a root: {e}"))?;
            }
            Some(Arc::new(store))
        };
        Ok(TrustRoots {
            public: Arc::new(public),
            private,
        })
    }
}

/// Reads a CA file: every certificate of a PEM file, or the one certificate of a DER file
/// (what a server's `/ca.crt` serves and a browser saves).
pub fn load_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_ca(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// [`load_ca_file`] on bytes already read.
pub fn parse_ca(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    // DER: one SEQUENCE that parses as an X.509 certificate.
    if bytes.first() == Some(&0x30) {
        return match x509_parser::parse_x509_certificate(bytes) {
            Ok(([], _)) => Ok(vec![CertificateDer::from(bytes.to_vec())]),
            Ok(_) => Err("trailing bytes after the DER certificate".into()),
            Err(e) => Err(format!("not a DER certificate: {e}")),
        };
    }
    let certs: Vec<_> = CertificateDer::pem_slice_iter(bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    if certs.is_empty() {
        return Err("no certificate in it (neither PEM nor DER)".into());
    }
    Ok(certs)
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Checks the host of an `https://` URL. `what` names it in messages ("the manifest host").
pub async fn check(
    host: &str,
    port: u16,
    roots: &TrustRoots,
    timeout: Duration,
    what: &str,
    public_only: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // Findings up to the first failure, which ends the check.
    let checked: Result<(), Finding> = async {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let addrs = match tokio::time::timeout(timeout, tokio::net::lookup_host((host, port))).await
        {
            Ok(Ok(a)) => match super::guard::filter(a.collect(), public_only, host) {
                Ok(allowed) => allowed,
                Err(refused) => {
                    return Err(Finding::fail(
                        "dns",
                        refused,
                        "Give the doctor a link whose hosts are on the public internet.",
                    ));
                }
            },
            Ok(Err(e)) => {
                return Err(Finding::fail(
                    "dns",
                    format!("{what} {host} does not resolve: {e}"),
                    "Fix the DNS record, or use a host name the devices can resolve.",
                ));
            }
            Err(_) => {
                return Err(Finding::fail(
                    "dns",
                    format!("resolving {what} {host} took longer than {timeout:?}"),
                    "Check the DNS servers for this name.",
                ));
            }
        };
        let Some(first) = addrs.first() else {
            return Err(Finding::fail(
                "dns",
                format!("{what} {host} has no address"),
                "Add an A or AAAA record for it.",
            ));
        };
        if host.parse::<IpAddr>().is_err() {
            out.push(Finding::pass(
                "dns",
                format!("{host} resolves to {}", first.ip()),
            ));
        }

        let mut stream = None;
        let mut last_error = String::new();
        for addr in &addrs {
            match tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
                Ok(Ok(s)) => {
                    stream = Some(s);
                    break;
                }
                Ok(Err(e)) => last_error = format!("{addr}: {e}"),
                Err(_) => last_error = format!("{addr}: no answer within {timeout:?}"),
            }
        }
        let Some(stream) = stream else {
            return Err(Finding::fail(
                "tls.connect",
                format!("cannot connect to {what} {host}:{port} ({last_error})"),
                "Make sure the server listens on this port and no firewall blocks it.",
            ));
        };

        let Ok(server_name) = ServerName::try_from(host.to_string()) else {
            return Err(Finding::fail(
                "tls.handshake",
                format!("{host:?} is not a valid TLS server name"),
                "Use a plain DNS name or IP address in the URL.",
            ));
        };
        let capture = Arc::new(Capture::new(provider()));
        let config = match rustls::ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
        {
            Ok(b) => b
                .dangerous()
                .with_custom_certificate_verifier(capture.clone())
                .with_no_client_auth(),
            Err(e) => {
                return Err(Finding::fail(
                    "tls.handshake",
                    format!("TLS set-up failed: {e}"),
                    "This is a bug in otadrop; please report it.",
                ));
            }
        };
        let connector = TlsConnector::from(Arc::new(config));
        let version =
            match tokio::time::timeout(timeout, connector.connect(server_name.clone(), stream))
                .await
            {
                Ok(Ok(tls)) => tls
                    .get_ref()
                    .1
                    .protocol_version()
                    .map(|v| format!("{v:?}").replace('_', "."))
                    .unwrap_or_default(),
                Ok(Err(e)) => {
                    return Err(Finding::fail(
                        "tls.handshake",
                        format!("TLS handshake with {what} {host}:{port} failed: {e}"),
                        "Serve TLS 1.2 or 1.3 with a certificate and key that match, on this port.",
                    ));
                }
                Err(_) => {
                    return Err(Finding::fail(
                        "tls.handshake",
                        format!(
                            "TLS handshake with {what} {host}:{port} took longer than {timeout:?}"
                        ),
                        "Make sure this port speaks TLS (not plain HTTP).",
                    ));
                }
            };
        let Some((leaf, intermediates)) = capture.take() else {
            return Err(Finding::fail(
                "tls.handshake",
                format!("{what} {host} sent no certificate"),
                "Configure a server certificate.",
            ));
        };
        out.push(Finding::pass(
            "tls.handshake",
            format!("{version} handshake with {host}:{port}"),
        ));
        let trust = judge_chain(&leaf, &intermediates, &server_name, roots);
        out.push(trust.finding(host));
        out.extend(judge_leaf(
            &leaf,
            host,
            trust.public,
            OffsetDateTime::now_utc(),
        ));
        Ok(())
    }
    .await;
    if let Err(failed) = checked {
        out.push(failed);
    }
    out
}

/// Accepts any certificate and remembers the chain the server sent (the judging happens
/// afterwards), but checks the handshake signatures with the provider's algorithms.
#[derive(Debug)]
pub(crate) struct Capture {
    chain: Mutex<Option<(CertificateDer<'static>, Vec<CertificateDer<'static>>)>>,
    provider: Arc<CryptoProvider>,
}

impl Capture {
    pub(crate) fn new(provider: Arc<CryptoProvider>) -> Self {
        Capture {
            chain: Mutex::new(None),
            provider,
        }
    }

    fn algorithms(&self) -> &rustls::crypto::WebPkiSupportedAlgorithms {
        &self.provider.signature_verification_algorithms
    }

    fn take(&self) -> Option<(CertificateDer<'static>, Vec<CertificateDer<'static>>)> {
        self.chain.lock().ok().and_then(|mut c| c.take())
    }
}

impl ServerCertVerifier for Capture {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut c) = self.chain.lock() {
            *c = Some((
                end_entity.clone().into_owned(),
                intermediates
                    .iter()
                    .map(|c| c.clone().into_owned())
                    .collect(),
            ));
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, self.algorithms())
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, self.algorithms())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms().supported_schemes()
    }
}

/// Whether the chain leads to a root the device trusts.
struct Trust {
    public: bool,
    private: bool,
    error: Option<String>,
}

impl Trust {
    fn finding(&self, host: &str) -> Finding {
        if self.public {
            Finding::pass(
                "tls.trust",
                format!("{host}'s certificate chains to a public root"),
            )
        } else if self.private {
            Finding::pass(
                "tls.trust",
                format!("{host}'s certificate chains to the CA given with --ca (devices must install that CA and turn on full trust for it)"),
            )
        } else {
            Finding::fail(
                "tls.trust",
                format!(
                    "{host}'s certificate does not chain to a root iOS trusts ({})",
                    self.error.as_deref().unwrap_or("unknown issuer")
                ),
                "Use a certificate from a public CA, or install your private CA on the devices (with full trust) and pass it to the doctor with --ca.",
            )
        }
    }
}

fn judge_chain(
    leaf: &CertificateDer<'static>,
    intermediates: &[CertificateDer<'static>],
    name: &ServerName<'static>,
    roots: &TrustRoots,
) -> Trust {
    let mut error = None;
    let public = match chains_to(leaf, intermediates, name, roots.public.clone()) {
        Ok(()) => true,
        Err(e) => {
            error = Some(e);
            false
        }
    };
    let private = !public
        && roots.private.as_ref().is_some_and(|store| {
            match chains_to(leaf, intermediates, name, store.clone()) {
                Ok(()) => true,
                Err(e) => {
                    error = Some(e);
                    false
                }
            }
        });
    Trust {
        public,
        private,
        error,
    }
}

/// Verifies the path only: a wrong name is left to [`judge_leaf`], and an expired leaf is
/// verified again at a moment inside its validity so that the path is still judged.
fn chains_to(
    leaf: &CertificateDer<'static>,
    intermediates: &[CertificateDer<'static>],
    name: &ServerName<'static>,
    store: Arc<RootCertStore>,
) -> Result<(), String> {
    let verifier = WebPkiServerVerifier::builder_with_provider(store, provider())
        .build()
        .map_err(|e| e.to_string())?;
    let verify = |now: UnixTime| verifier.verify_server_cert(leaf, intermediates, name, &[], now);
    let result = match verify(UnixTime::now()) {
        Err(rustls::Error::InvalidCertificate(
            CertificateError::Expired
            | CertificateError::ExpiredContext { .. }
            | CertificateError::NotValidYet
            | CertificateError::NotValidYetContext { .. },
        )) => match validity(leaf) {
            Some((from, until)) => {
                let middle: OffsetDateTime = from + (until - from) / 2;
                verify(UnixTime::since_unix_epoch(Duration::from_secs(
                    u64::try_from(middle.unix_timestamp()).unwrap_or(0),
                )))
            }
            None => return Err("the certificate cannot be parsed".into()),
        },
        other => other,
    };
    match result {
        Ok(_) => Ok(()),
        Err(rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        )) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

fn validity(cert: &CertificateDer<'_>) -> Option<(OffsetDateTime, OffsetDateTime)> {
    let (_, c) = X509Certificate::from_der(cert.as_ref()).ok()?;
    let from = OffsetDateTime::from_unix_timestamp(c.validity().not_before.timestamp()).ok()?;
    let until = OffsetDateTime::from_unix_timestamp(c.validity().not_after.timestamp()).ok()?;
    Some((from, until))
}

/// The leaf certificate against Apple's requirements for TLS server certificates.
pub fn judge_leaf(
    leaf: &CertificateDer<'_>,
    host: &str,
    publicly_trusted: bool,
    now: OffsetDateTime,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let Ok((_, cert)) = X509Certificate::from_der(leaf.as_ref()) else {
        out.push(Finding::fail(
            "tls.certificate",
            "the server certificate cannot be parsed",
            "Install a well-formed X.509 certificate.",
        ));
        return out;
    };

    // Names.
    let names: Vec<String> = match cert.subject_alternative_name() {
        Ok(Some(san)) => san
            .value
            .general_names
            .iter()
            .filter_map(|n| match n {
                GeneralName::DNSName(d) => Some(d.to_string()),
                GeneralName::IPAddress(b) => ip_from_bytes(b).map(|ip| ip.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    out.push(if names.is_empty() {
        Finding::fail(
            "tls.name",
            "the certificate has no subjectAltName; iOS 13 and later ignore the common name",
            "Reissue the certificate with the host name in subjectAltName (DNS:name or IP:address).",
        )
    } else if names.iter().any(|n| name_matches(n, host)) {
        Finding::pass("tls.name", format!("subjectAltName covers {host}"))
    } else {
        Finding::fail(
            "tls.name",
            format!("the certificate names {} but not {host}", names.join(", ")),
            format!("Reissue the certificate with {host} in subjectAltName, or link to a name it covers."),
        )
    });

    // Validity.
    let from = OffsetDateTime::from_unix_timestamp(cert.validity().not_before.timestamp())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let until = OffsetDateTime::from_unix_timestamp(cert.validity().not_after.timestamp())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let day = |t: OffsetDateTime| t.date().to_string();
    out.push(if now < from {
        Finding::fail(
            "tls.validity",
            format!("the certificate is not valid before {}", day(from)),
            "Check the server's clock and the certificate's dates.",
        )
    } else if now > until {
        Finding::fail(
            "tls.validity",
            format!("the certificate expired on {}", day(until)),
            "Renew the certificate.",
        )
    } else if until - now < time::Duration::days(14) {
        Finding::warn(
            "tls.validity",
            format!("the certificate expires on {}", day(until)),
            "Renew the certificate soon.",
        )
    } else {
        Finding::pass(
            "tls.validity",
            format!(
                "valid until {} ({} days left)",
                day(until),
                (until - now).whole_days()
            ),
        )
    });

    // Lifetime limits (Apple: 825 days for certificates issued since 2019-07-01, 398 days for
    // publicly trusted ones issued since 2020-09-01).
    let days = (until - from).whole_days();
    let since_2019 = from >= time::macros::datetime!(2019-07-01 0:00 UTC);
    let since_2020 = from >= time::macros::datetime!(2020-09-01 0:00 UTC);
    out.push(if publicly_trusted && since_2020 && days > 398 {
        Finding::fail(
            "tls.lifetime",
            format!("the certificate is valid for {days} days; iOS rejects publicly trusted certificates valid for more than 398"),
            "Reissue it with a validity of at most 398 days.",
        )
    } else if since_2019 && days > 825 {
        Finding::fail(
            "tls.lifetime",
            format!("the certificate is valid for {days} days; iOS rejects server certificates valid for more than 825"),
            "Reissue it with a validity of at most 825 days (398 if publicly trusted).",
        )
    } else {
        Finding::pass("tls.lifetime", format!("lifetime of {days} days is within Apple's limits"))
    });

    // Key.
    out.push(match cert.public_key().parsed() {
        Ok(PublicKey::RSA(rsa)) if rsa.key_size() < 2048 => Finding::fail(
            "tls.key",
            format!(
                "RSA key of {} bits; iOS needs at least 2048",
                rsa.key_size()
            ),
            "Reissue the certificate with an RSA 2048+ or ECDSA P-256 key.",
        ),
        Ok(PublicKey::RSA(rsa)) => Finding::pass("tls.key", format!("RSA {} bits", rsa.key_size())),
        Ok(PublicKey::EC(ec)) => Finding::pass("tls.key", format!("ECDSA {} bits", ec.key_size())),
        _ => Finding::warn(
            "tls.key",
            "the key is neither RSA nor ECDSA, which iOS may not accept",
            "Reissue the certificate with an RSA 2048+ or ECDSA P-256 key.",
        ),
    });

    // Signature algorithm.
    let oid = cert.signature_algorithm.algorithm.to_id_string();
    out.push(match oid.as_str() {
        "1.2.840.113549.1.1.4"
        | "1.2.840.113549.1.1.5"
        | "1.2.840.10045.4.1"
        | "1.2.840.10040.4.3" => Finding::fail(
            "tls.signature",
            format!("the certificate is signed with MD5 or SHA-1 ({oid}); iOS requires SHA-2"),
            "Reissue the certificate with a SHA-256 signature.",
        ),
        "1.2.840.113549.1.1.11"
        | "1.2.840.113549.1.1.12"
        | "1.2.840.113549.1.1.13"
        | "1.2.840.113549.1.1.10"
        | "1.2.840.10045.4.3.2"
        | "1.2.840.10045.4.3.3"
        | "1.2.840.10045.4.3.4" => Finding::pass("tls.signature", "SHA-2 signature"),
        _ => Finding::warn(
            "tls.signature",
            format!("unusual signature algorithm {oid}"),
            "Reissue the certificate with an RSA or ECDSA SHA-256 signature.",
        ),
    });

    // Extended key usage.
    out.push(match cert.extended_key_usage() {
        Ok(Some(eku)) if eku.value.server_auth || eku.value.any => {
            Finding::pass("tls.eku", "extended key usage includes serverAuth")
        }
        Ok(Some(_)) => Finding::fail(
            "tls.eku",
            "the extended key usage does not include serverAuth",
            "Reissue the certificate with extendedKeyUsage = serverAuth.",
        ),
        _ => Finding::fail(
            "tls.eku",
            "the certificate has no extended key usage; iOS 13 and later require serverAuth in it",
            "Reissue the certificate with extendedKeyUsage = serverAuth.",
        ),
    });
    out
}

fn ip_from_bytes(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => <[u8; 4]>::try_from(b).ok().map(IpAddr::from),
        16 => <[u8; 16]>::try_from(b).ok().map(IpAddr::from),
        _ => None,
    }
}

/// RFC 6125 matching: exact (case-insensitive), or a `*` as the whole leftmost label.
fn name_matches(pattern: &str, host: &str) -> bool {
    if let (Ok(a), Ok(b)) = (pattern.parse::<IpAddr>(), host.parse::<IpAddr>()) {
        return a == b;
    }
    let pattern = pattern.trim_end_matches('.').to_ascii_lowercase();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if let Some(rest) = pattern.strip_prefix("*.") {
        return host
            .split_once('.')
            .is_some_and(|(label, tail)| !label.is_empty() && tail == rest && rest.contains('.'));
    }
    pattern == host
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{CertificateParams, ExtendedKeyUsagePurpose, KeyPair, SanType};

    fn cert(params: CertificateParams) -> CertificateDer<'static> {
        let key = KeyPair::generate().unwrap();
        params.self_signed(&key).unwrap().der().clone()
    }

    #[test]
    fn ca_files_in_der_and_pem_are_both_read() {
        let key = KeyPair::generate().unwrap();
        let ca = good_params().self_signed(&key).unwrap();
        let dir = std::env::temp_dir().join(format!("otadrop-doctor-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let der = dir.join("ca.crt");
        std::fs::write(&der, ca.der()).unwrap();
        let pem = dir.join("ca.pem");
        std::fs::write(&pem, ca.pem()).unwrap();
        assert_eq!(load_ca_file(&der).unwrap(), vec![ca.der().clone()]);
        assert_eq!(load_ca_file(&pem).unwrap(), vec![ca.der().clone()]);
        let junk = dir.join("junk");
        std::fs::write(&junk, b"\x30\x03\x02\x01\x00").unwrap();
        assert!(load_ca_file(&junk).is_err());
        std::fs::write(&junk, b"hello").unwrap();
        let e = load_ca_file(&junk).unwrap_err();
        assert!(e.contains("no certificate"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn good_params() -> CertificateParams {
        let mut p = CertificateParams::new(vec!["ota.example.com".to_string()]).unwrap();
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let now = OffsetDateTime::now_utc();
        p.not_before = now - time::Duration::days(1);
        p.not_after = now + time::Duration::days(300);
        p
    }

    fn status(findings: &[Finding], check: &str) -> Option<super::super::Status> {
        findings.iter().find(|f| f.check == check).map(|f| f.status)
    }

    use super::super::Status;

    #[test]
    fn a_good_leaf_passes_every_leaf_check() {
        let f = judge_leaf(
            &cert(good_params()),
            "ota.example.com",
            false,
            OffsetDateTime::now_utc(),
        );
        assert!(f.iter().all(|f| f.status == Status::Pass), "{f:?}");
    }

    #[test]
    fn missing_san_wrong_name_expiry_lifetime_and_eku_fail() {
        let mut p = good_params();
        p.subject_alt_names = vec![];
        let f = judge_leaf(
            &cert(p),
            "ota.example.com",
            false,
            OffsetDateTime::now_utc(),
        );
        assert_eq!(status(&f, "tls.name"), Some(Status::Fail));

        let f = judge_leaf(
            &cert(good_params()),
            "other.example.com",
            false,
            OffsetDateTime::now_utc(),
        );
        assert_eq!(status(&f, "tls.name"), Some(Status::Fail));

        let mut p = good_params();
        p.not_after = OffsetDateTime::now_utc() - time::Duration::days(1);
        p.not_before = OffsetDateTime::now_utc() - time::Duration::days(30);
        let f = judge_leaf(
            &cert(p),
            "ota.example.com",
            false,
            OffsetDateTime::now_utc(),
        );
        assert_eq!(status(&f, "tls.validity"), Some(Status::Fail));

        let mut p = good_params();
        p.not_after = OffsetDateTime::now_utc() + time::Duration::days(500);
        let der = cert(p);
        let f = judge_leaf(&der, "ota.example.com", false, OffsetDateTime::now_utc());
        assert_eq!(
            status(&f, "tls.lifetime"),
            Some(Status::Pass),
            "825-day limit for private CAs"
        );
        let f = judge_leaf(&der, "ota.example.com", true, OffsetDateTime::now_utc());
        assert_eq!(
            status(&f, "tls.lifetime"),
            Some(Status::Fail),
            "398-day limit for public CAs"
        );

        let mut p = good_params();
        p.extended_key_usages = vec![];
        let f = judge_leaf(
            &cert(p),
            "ota.example.com",
            false,
            OffsetDateTime::now_utc(),
        );
        assert_eq!(status(&f, "tls.eku"), Some(Status::Fail));
    }

    #[test]
    fn ip_address_names_match() {
        let mut p = good_params();
        p.subject_alt_names = vec![SanType::IpAddress("127.0.0.1".parse().unwrap())];
        let f = judge_leaf(&cert(p), "127.0.0.1", false, OffsetDateTime::now_utc());
        assert_eq!(status(&f, "tls.name"), Some(Status::Pass));
    }

    #[test]
    fn wildcards_cover_one_label() {
        assert!(name_matches("*.example.com", "ota.example.com"));
        assert!(!name_matches("*.example.com", "a.ota.example.com"));
        assert!(!name_matches("*.example.com", "example.com"));
        assert!(!name_matches("*.com", "example.com"));
        assert!(name_matches("OTA.example.com.", "ota.EXAMPLE.com"));
    }
}
