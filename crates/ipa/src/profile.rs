//! `embedded.mobileprovision`: a CMS (PKCS#7) SignedData whose content is an XML plist.
//!
//! The CMS structure is parsed as DER (`cms` crate), the content digest is checked against
//! the signer's `messageDigest` attribute, then the plist is read. BER input (indefinite
//! lengths, as openssl writes) is re-encoded with definite lengths first. What still does not
//! parse, and bare plists (some tools store the decoded profile), is read through a fallback
//! that finds the plist in the bytes; those report `digest_ok: false`. The signer's
//! certificate chain is not checked against Apple's roots: iOS does that at install time.

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::asn1::{ObjectIdentifier, OctetString};
use der::Decode;
use plist::{Dictionary, Value};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};
use thiserror::Error;
use time::OffsetDateTime;

use super::ber;
use super::plist_limited::{self, PlistError};
use super::{Limits, ProfileInfo, ProfileType};

const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const ID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ProfileError {
    #[error("the provisioning profile is empty")]
    Empty,
    #[error("the provisioning profile is {0} bytes; at most {1} are accepted")]
    TooLarge(u64, u64),
    #[error("not a provisioning profile: neither a CMS signed message nor a property list")]
    NotAProfile,
    #[error("the signed message carries no content")]
    NoContent,
    #[error("the profile's property list cannot be read: {0}")]
    Plist(#[from] PlistError),
}

/// Reads a provisioning profile (`embedded.mobileprovision` or a `.provisionprofile`).
pub fn parse_profile(bytes: &[u8], limits: &Limits) -> Result<ProfileInfo, ProfileError> {
    if bytes.is_empty() {
        return Err(ProfileError::Empty);
    }
    let len = bytes.len() as u64;
    if len > limits.max_profile_bytes {
        return Err(ProfileError::TooLarge(len, limits.max_profile_bytes));
    }
    let (content, digest_ok) = match signed_content(bytes) {
        Some(signed) => signed?,
        None => (
            fallback_plist(bytes).ok_or(ProfileError::NotAProfile)?,
            false,
        ),
    };
    let dict = plist_limited::parse_dictionary(&content, limits)?;
    Ok(profile_info(&dict, digest_ok))
}

/// The content of a DER CMS SignedData and whether its digest matches; `None` when the
/// bytes are not strict-DER CMS at all (the caller falls back).
fn signed_content(bytes: &[u8]) -> Option<Result<(Vec<u8>, bool), ProfileError>> {
    let info = ContentInfo::from_der(bytes)
        .ok()
        .or_else(|| ContentInfo::from_der(&ber::to_definite(bytes)?).ok())?;
    if info.content_type != ID_SIGNED_DATA {
        return None;
    }
    let signed: SignedData = info.content.decode_as().ok()?;
    let Some(econtent) = signed.encap_content_info.econtent.as_ref() else {
        return Some(Err(ProfileError::NoContent));
    };
    let content = econtent.decode_as::<OctetString>().ok()?.into_bytes();
    let digest_ok = digest_matches(&signed, &content);
    Some(Ok((content, digest_ok)))
}

/// Every signer's `messageDigest` attribute equals the digest of the content (RFC 5652
/// section 5.4), and there is at least one signer.
fn digest_matches(signed: &SignedData, content: &[u8]) -> bool {
    let signers = signed.signer_infos.0.iter().collect::<Vec<_>>();
    !signers.is_empty()
        && signers.iter().all(|signer| {
            let Some(actual) = digest(&signer.digest_alg.oid, content) else {
                return false;
            };
            let Some(attrs) = signer.signed_attrs.as_ref() else {
                return false;
            };
            attrs
                .iter()
                .filter(|a| a.oid == ID_MESSAGE_DIGEST)
                .flat_map(|a| a.values.iter())
                .filter_map(|v| v.decode_as::<OctetString>().ok())
                .any(|expected| expected.as_bytes() == actual.as_slice())
        })
}

fn digest(algorithm: &ObjectIdentifier, content: &[u8]) -> Option<Vec<u8>> {
    Some(match *algorithm {
        ID_SHA1 => Sha1::digest(content).to_vec(),
        ID_SHA256 => Sha256::digest(content).to_vec(),
        ID_SHA384 => Sha384::digest(content).to_vec(),
        ID_SHA512 => Sha512::digest(content).to_vec(),
        _ => return None,
    })
}

/// A bare plist, or the plist found inside a signed message that is not strict DER (BER
/// indefinite lengths). Its signature cannot be checked.
fn fallback_plist(bytes: &[u8]) -> Option<Vec<u8>> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let trimmed = &bytes[start..];
    if trimmed.starts_with(b"bplist00")
        || trimmed.starts_with(b"<?xml")
        || trimmed.starts_with(b"<plist")
    {
        return Some(trimmed.to_vec());
    }
    // Inside BER, the XML plist is one run of bytes when the content is one primitive
    // OCTET STRING (what Apple's signer writes).
    let open = find(bytes, b"<?xml")?;
    let close = find(&bytes[open..], b"</plist>")? + open + b"</plist>".len();
    Some(bytes[open..close].to_vec())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn string(dict: &Dictionary, key: &str) -> Option<String> {
    dict.get(key)
        .and_then(Value::as_string)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn strings(dict: &Dictionary, key: &str) -> Vec<String> {
    match dict.get(key) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_string)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn date(dict: &Dictionary, key: &str) -> Option<OffsetDateTime> {
    let system: std::time::SystemTime = dict.get(key)?.as_date()?.into();
    Some(OffsetDateTime::from(system))
}

/// A developer certificate's subject common name and expiry.
struct DeveloperCertificate {
    common_name: Option<String>,
    not_after: OffsetDateTime,
}

fn developer_certificates(dict: &Dictionary) -> Vec<DeveloperCertificate> {
    let Some(list) = dict.get("DeveloperCertificates").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(Value::as_data)
        .filter_map(|der| x509_cert::Certificate::from_der(der).ok())
        .filter_map(|cert| {
            let tbs = cert.tbs_certificate;
            let secs = tbs.validity.not_after.to_unix_duration().as_secs();
            let not_after = OffsetDateTime::from_unix_timestamp(i64::try_from(secs).ok()?).ok()?;
            let common_name = tbs
                .subject
                .0
                .iter()
                .flat_map(|rdn| rdn.0.iter())
                .find_map(|atv| {
                    (atv.oid == ID_COMMON_NAME).then(|| directory_string(&atv.value))?
                });
            Some(DeveloperCertificate {
                common_name,
                not_after,
            })
        })
        .collect()
}

/// The text of a UTF8String / PrintableString / IA5String attribute value.
fn directory_string(value: &der::Any) -> Option<String> {
    std::str::from_utf8(value.value()).ok().map(str::to_string)
}

fn profile_info(dict: &Dictionary, digest_ok: bool) -> ProfileInfo {
    let certificates = developer_certificates(dict);
    let device_ids = strings(dict, "ProvisionedDevices");
    ProfileInfo {
        kind: profile_type(dict, &certificates),
        name: string(dict, "Name"),
        team_name: string(dict, "TeamName"),
        team_id: strings(dict, "TeamIdentifier")
            .into_iter()
            .next()
            .or_else(|| {
                strings(dict, "ApplicationIdentifierPrefix")
                    .into_iter()
                    .next()
            }),
        app_id_name: string(dict, "AppIDName"),
        created: date(dict, "CreationDate"),
        expires: date(dict, "ExpirationDate"),
        certificate_expires: certificates.iter().map(|c| c.not_after).min(),
        devices: device_ids.len(),
        device_ids,
        platforms: strings(dict, "Platform"),
        digest_ok,
    }
}

/// The distribution method (FIELD-NOTES table), refined where a profile lacks
/// `get-task-allow`: macOS development profiles carry devices but no such key, so a
/// development push environment or development-only certificates decide it.
fn profile_type(dict: &Dictionary, certificates: &[DeveloperCertificate]) -> ProfileType {
    if dict.get("ProvisionsAllDevices").and_then(Value::as_boolean) == Some(true) {
        return ProfileType::Enterprise;
    }
    let entitlements = dict.get("Entitlements").and_then(Value::as_dictionary);
    let entitlement = |k: &str| entitlements.and_then(|e| e.get(k));
    let get_task_allow = entitlement("get-task-allow").and_then(Value::as_boolean);
    if get_task_allow == Some(true) {
        return ProfileType::Development;
    }
    if !dict.contains_key("ProvisionedDevices") {
        return ProfileType::AppStore;
    }
    if get_task_allow.is_none() {
        let aps_development = ["aps-environment", "com.apple.developer.aps-environment"]
            .iter()
            .filter_map(|k| entitlement(k).and_then(Value::as_string))
            .any(|v| v == "development");
        let development_certificates = !certificates.is_empty()
            && certificates.iter().all(|c| {
                c.common_name.as_deref().is_some_and(|cn| {
                    ["Apple Development:", "iPhone Developer:", "Mac Developer:"]
                        .iter()
                        .any(|p| cn.starts_with(p))
                })
            });
        if aps_development || development_certificates {
            return ProfileType::Development;
        }
    }
    ProfileType::AdHoc
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plist(entries: &str) -> Vec<u8> {
        crate::plist_limited::xml(&format!("<dict>{entries}</dict>"))
    }

    fn kind(entries: &str) -> ProfileType {
        parse_profile(&plist(entries), &Limits::default())
            .unwrap()
            .kind
    }

    const DEVICES: &str =
        "<key>ProvisionedDevices</key><array><string>00008030-001A2C3E3A88802E</string></array>";

    #[test]
    fn type_rules() {
        assert_eq!(
            kind("<key>ProvisionsAllDevices</key><true/>"),
            ProfileType::Enterprise
        );
        assert_eq!(
            kind(&format!(
                "{DEVICES}<key>Entitlements</key><dict><key>get-task-allow</key><true/></dict>"
            )),
            ProfileType::Development
        );
        assert_eq!(
            kind(&format!(
                "{DEVICES}<key>Entitlements</key><dict><key>get-task-allow</key><false/></dict>"
            )),
            ProfileType::AdHoc
        );
        assert_eq!(kind(""), ProfileType::AppStore);
        // macOS development profile: devices, no get-task-allow, development push.
        assert_eq!(
            kind(&format!("{DEVICES}<key>Entitlements</key><dict><key>com.apple.developer.aps-environment</key><string>development</string></dict>")),
            ProfileType::Development
        );
        // An explicit get-task-allow=false wins over a development push environment.
        assert_eq!(
            kind(&format!("{DEVICES}<key>Entitlements</key><dict><key>get-task-allow</key><false/><key>aps-environment</key><string>development</string></dict>")),
            ProfileType::AdHoc
        );
    }

    #[test]
    fn bare_plist_reads_but_is_not_verified() {
        let p = parse_profile(
            &plist("<key>Name</key><string>N</string><key>TeamIdentifier</key><array><string>T1</string></array>"),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(p.name.as_deref(), Some("N"));
        assert_eq!(p.team_id.as_deref(), Some("T1"));
        assert!(!p.digest_ok);
    }

    #[test]
    fn plist_inside_unparseable_envelope_is_found() {
        let mut bytes = vec![0x30, 0x80, 0x06, 0x09];
        bytes.extend(plist("<key>Name</key><string>BER</string>"));
        bytes.extend([0, 0]);
        let p = parse_profile(&bytes, &Limits::default()).unwrap();
        assert_eq!(p.name.as_deref(), Some("BER"));
        assert!(!p.digest_ok);
    }

    #[test]
    fn garbage_is_refused() {
        assert_eq!(
            parse_profile(b"", &Limits::default()),
            Err(ProfileError::Empty)
        );
        assert_eq!(
            parse_profile(b"\x30\x03\x02\x01\x01", &Limits::default()),
            Err(ProfileError::NotAProfile)
        );
        assert!(matches!(
            parse_profile(b"<?xml version=\"1.0\"?>\n", &Limits::default()),
            Err(ProfileError::Plist(_))
        ));
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse_profile(&bytes, &Limits::default());
        }
    }
}
