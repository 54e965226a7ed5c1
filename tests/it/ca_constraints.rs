//! Issue 13 item 15: the local CA can vouch only for what this server can be. Checked with
//! OpenSSL (`openssl verify`, `curl --cacert`) and with rustls/webpki, against the real server:
//! its own certificate is accepted, a certificate the same CA signed for an outside name is
//! refused by both. All traffic goes to 127.0.0.1 (`curl --resolve`).

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use crate::support::{rustls_client_config, strict, TestServer};

fn tool(cmd: &str) -> bool {
    let present = Command::new(cmd).arg("--version").output().is_ok()
        || Command::new(cmd).arg("version").output().is_ok();
    assert!(
        present || !strict(),
        "{cmd} is missing (tests/tools/setup.sh installs it)"
    );
    present
}

/// A leaf for `name`, signed by the server's own CA (read from its data folder); writes the
/// chain and key to `dir` and returns their paths.
fn outside_leaf(tls: &Path, dir: &Path, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let ca_pem = std::fs::read_to_string(tls.join("ca.crt")).unwrap();
    let ca_key =
        rcgen::KeyPair::from_pem(&std::fs::read_to_string(tls.join("ca.key")).unwrap()).unwrap();
    let issuer = rcgen::Issuer::from_ca_cert_pem(&ca_pem, ca_key).unwrap();
    let mut params = rcgen::CertificateParams::new(vec![name.to_string()]).unwrap();
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = params.signed_by(&key, &issuer).unwrap();
    let (chain, key_path) = (dir.join("outside.crt"), dir.join("outside.key"));
    std::fs::write(&chain, format!("{}{}", cert.pem(), ca_pem)).unwrap();
    std::fs::write(&key_path, key.serialize_pem()).unwrap();
    (chain, key_path)
}

#[tokio::test]
async fn the_local_ca_cannot_vouch_for_outside_sites() {
    let own = TestServer::start(&[]);
    let tls = own.data.join("tls");
    let ca = tls.join("ca.crt");

    // The CA says so itself: critical nameConstraints, and a shorter life.
    let der = rustls_pki_types::CertificateDer::from(
        {
            use rustls_pki_types::pem::PemObject;
            rustls_pki_types::CertificateDer::from_pem_file(&ca).unwrap()
        }
        .to_vec(),
    );
    let (_, cert) = x509_parser::parse_x509_certificate(&der).unwrap();
    let nc = cert
        .extensions()
        .iter()
        .find(|e| e.oid == x509_parser::oid_registry::OID_X509_EXT_NAME_CONSTRAINTS)
        .expect("nameConstraints");
    assert!(nc.critical);
    let days =
        (cert.validity().not_after.timestamp() - cert.validity().not_before.timestamp()) / 86_400;
    assert!(days <= 3 * 365 + 1, "CA valid {days} days");

    let dir = tempfile::tempdir().unwrap();
    let (chain, key) = outside_leaf(&tls, dir.path(), "www.example.com");
    let outside = TestServer::start(&[
        "--tls-cert",
        chain.to_str().unwrap(),
        "--tls-key",
        key.to_str().unwrap(),
    ]);
    let port = |s: &TestServer| s.addr.rsplit(':').next().unwrap().to_string();

    // rustls (webpki): the real server's certificate is accepted, the outside one refused.
    for (server, name, ok) in [
        (&own, "localhost", true),
        (&outside, "www.example.com", false),
    ] {
        let connector = tokio_rustls::TlsConnector::from(Arc::new(rustls_client_config(&ca)));
        let tcp = tokio::net::TcpStream::connect(&server.addr).await.unwrap();
        let sni = rustls_pki_types::ServerName::try_from(name.to_string()).unwrap();
        let result = connector.connect(sni, tcp).await;
        assert_eq!(result.is_ok(), ok, "rustls, {name}: {:?}", result.err());
    }

    if tool("openssl") {
        let verify = |leaf: &Path| {
            Command::new("openssl")
                .args(["verify", "-CAfile"])
                .arg(&ca)
                .arg(leaf)
                .output()
                .unwrap()
        };
        let mine = verify(&tls.join("server.crt"));
        assert!(
            mine.status.success(),
            "{}",
            String::from_utf8_lossy(&mine.stdout)
        );
        let theirs = verify(&chain);
        let text = String::from_utf8_lossy(&theirs.stderr).to_string()
            + &String::from_utf8_lossy(&theirs.stdout);
        assert!(!theirs.status.success(), "{text}");
        assert!(text.contains("permitted subtree violation"), "{text}");
    }
    if tool("curl") {
        let curl = |server: &TestServer, host: &str| {
            let p = port(server);
            Command::new("curl")
                .args(["-sS", "--max-time", "30", "--cacert"])
                .arg(&ca)
                .args(["--resolve", &format!("{host}:{p}:127.0.0.1")])
                .arg(format!("https://{host}:{p}/healthz"))
                .output()
                .unwrap()
        };
        let mine = curl(&own, "localhost");
        assert!(
            mine.status.success(),
            "{}",
            String::from_utf8_lossy(&mine.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&mine.stdout), "ok\n");
        let theirs = curl(&outside, "www.example.com");
        assert_eq!(
            theirs.status.code(),
            Some(60),
            "curl must refuse the certificate: {}",
            String::from_utf8_lossy(&theirs.stderr)
        );
    }
}
