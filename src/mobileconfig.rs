//! The Apple configuration profile that installs the local CA on an iPhone or iPad
//! (`/ca.mobileconfig`, served as `application/x-apple-aspen-config`).
//!
//! One `com.apple.security.root` payload carrying the CA certificate (DER). The profile is
//! unsigned (iOS shows "Not Verified" and installs it all the same). Its UUIDs come from the
//! certificate's hash, so the same CA always yields the same profile and reinstalling it
//! replaces rather than duplicates it.

use plist::{Dictionary, Value};
use sha2::{Digest, Sha256};

fn uuid_from(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x50; // version 5 layout (name-based)
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let x = hex::encode_upper(b);
    format!(
        "{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

/// The profile as XML bytes. `host` names the server in what the user sees.
pub fn ca_profile(ca_der: &[u8], host: &str) -> Vec<u8> {
    let mut cert = Dictionary::new();
    cert.insert("PayloadType".into(), "com.apple.security.root".into());
    cert.insert("PayloadVersion".into(), 1.into());
    cert.insert("PayloadIdentifier".into(), "dev.otadrop.ca.cert".into());
    cert.insert(
        "PayloadUUID".into(),
        uuid_from(&[ca_der, b"cert"].concat()).into(),
    );
    cert.insert(
        "PayloadDisplayName".into(),
        format!("otadrop CA ({host})").into(),
    );
    cert.insert("PayloadCertificateFileName".into(), "otadrop-ca.cer".into());
    cert.insert("PayloadContent".into(), Value::Data(ca_der.to_vec()));

    let mut root = Dictionary::new();
    root.insert("PayloadType".into(), "Configuration".into());
    root.insert("PayloadVersion".into(), 1.into());
    root.insert("PayloadIdentifier".into(), "dev.otadrop.ca".into());
    root.insert("PayloadUUID".into(), uuid_from(ca_der).into());
    root.insert(
        "PayloadDisplayName".into(),
        format!("otadrop: trust {host}").into(),
    );
    root.insert(
        "PayloadDescription".into(),
        format!(
            "Lets this device trust the HTTPS certificate of the otadrop server at {host}, so it can install apps from it. After installing, turn on full trust in Settings > General > About > Certificate Trust Settings."
        )
        .into(),
    );
    root.insert("PayloadOrganization".into(), "otadrop".into());
    root.insert("PayloadRemovalDisallowed".into(), false.into());
    root.insert(
        "PayloadContent".into(),
        Value::Array(vec![Value::Dictionary(cert)]),
    );
    let mut out = Vec::new();
    if let Err(e) = Value::Dictionary(root).to_writer_xml(&mut out) {
        unreachable!("writing a plist to memory failed: {e}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_carries_the_certificate_and_stable_uuids() {
        let der = b"\x30\x03\x02\x01\x01";
        let xml = ca_profile(der, "ota.local");
        let v: Value = plist::from_bytes(&xml).unwrap();
        let root = v.as_dictionary().unwrap();
        assert_eq!(root["PayloadType"].as_string(), Some("Configuration"));
        let payload = root["PayloadContent"].as_array().unwrap()[0]
            .as_dictionary()
            .unwrap();
        assert_eq!(
            payload["PayloadType"].as_string(),
            Some("com.apple.security.root")
        );
        assert_eq!(payload["PayloadContent"].as_data(), Some(&der[..]));
        let uuid = root["PayloadUUID"].as_string().unwrap();
        assert_eq!(uuid.len(), 36);
        assert_ne!(uuid, payload["PayloadUUID"].as_string().unwrap());
        assert_eq!(ca_profile(der, "ota.local"), xml, "deterministic");
    }
}
