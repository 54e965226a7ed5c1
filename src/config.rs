//! The service's settings. Each comes from, in order of precedence: a command-line flag, its
//! `OTADROP_*` environment variable, the TOML file given with `--config`, the built-in default.
//! The defaults run a complete service with no setup: data in `./otadrop-data`, HTTPS on
//! port 8443 with a generated local CA.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

use crate::i18n::Lang;
use crate::urls::PublicUrl;

pub const DEFAULT_PORT: u16 = 8443;
/// Real IPAs reach several GiB (games, apps with ML models).
pub const DEFAULT_MAX_UPLOAD: u64 = 4 * 1024 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("config file {path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Flags of `otadrop serve`; each also reads its `OTADROP_*` environment variable.
#[derive(Debug, Default, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// Address to listen on [default: 0.0.0.0:8443].
    #[arg(long, env = "OTADROP_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// Data folder, created if absent [default: ./otadrop-data].
    #[arg(long, env = "OTADROP_DATA")]
    pub data: Option<PathBuf>,
    /// Base of every absolute URL handed out (manifest, IPA, pages), e.g. https://ota.example.com.
    /// Never taken from the request's Host header. [default: https://<this machine's address>:<port>]
    #[arg(long, env = "OTADROP_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// PEM certificate chain (leaf first) of a real certificate; reloaded when the file changes.
    #[arg(long, env = "OTADROP_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, env = "OTADROP_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Serve plain HTTP, for running behind a TLS-terminating proxy (set --public-url to the
    /// proxy's https:// address).
    #[arg(long, env = "OTADROP_HTTP", num_args = 0..=1, default_missing_value = "true")]
    pub http: Option<bool>,
    /// Bearer token for uploads and deletions [default: generated once, kept in <data>/upload-token].
    #[arg(long, env = "OTADROP_UPLOAD_TOKEN", hide_env_values = true)]
    pub upload_token: Option<String>,
    /// Largest accepted upload, in bytes [default: 4 GiB].
    #[arg(long, env = "OTADROP_MAX_UPLOAD")]
    pub max_upload: Option<u64>,
    /// Keep only the newest N releases of each app (older ones are deleted on upload).
    #[arg(long, env = "OTADROP_KEEP")]
    pub keep: Option<usize>,
    /// Also listen for plain HTTP on this address, answering only with redirects to HTTPS.
    #[arg(long, env = "OTADROP_REDIRECT_HTTP")]
    pub redirect_http: Option<SocketAddr>,
    /// Most connections served at once; more wait in the kernel's queue [default: 4096].
    #[arg(long, env = "OTADROP_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// Seconds a client has to send its request headers (slow clients are dropped) [default: 10].
    #[arg(long, env = "OTADROP_HEADER_TIMEOUT")]
    pub header_timeout: Option<u64>,
    /// Seconds an upload may go without sending a byte before it is abandoned [default: 60].
    #[arg(long, env = "OTADROP_BODY_TIMEOUT")]
    pub body_timeout: Option<u64>,
    /// Seconds an idle keep-alive connection is kept open [default: 75].
    #[arg(long, env = "OTADROP_IDLE_TIMEOUT")]
    pub idle_timeout: Option<u64>,
    /// Seconds running downloads get to finish on shutdown [default: 30].
    #[arg(long, env = "OTADROP_SHUTDOWN_GRACE")]
    pub shutdown_grace: Option<u64>,
    /// Where releases are kept: `local` (the data folder) or `s3://bucket/prefix`, an
    /// S3-compatible bucket configured by the standard AWS_* variables (AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL, AWS_ALLOW_HTTP) [default: local].
    #[arg(long, env = "OTADROP_STORAGE")]
    pub storage: Option<String>,
    /// How a bucket's IPA is served: `stream` (through this node, with Range) or `presigned`
    /// (302 to a short-lived presigned URL of the bucket or its CDN) [default: stream].
    #[arg(long, env = "OTADROP_IPA_REDIRECT")]
    pub ipa_redirect: Option<String>,
    /// Seconds a presigned IPA URL stays valid [default: 900].
    #[arg(long, env = "OTADROP_PRESIGN_TTL")]
    pub presign_ttl: Option<u64>,
    /// With a bucket: seconds between two reads of the bucket's catalogue (how soon a node sees
    /// another node's publish or delete) [default: 2].
    #[arg(long, env = "OTADROP_SYNC_INTERVAL")]
    pub sync_interval: Option<u64>,
    /// With a bucket: seconds after which an unfinished upload (a node died) is aborted and its
    /// objects removed by the sweep; must exceed the longest upload [default: 86400].
    #[arg(long, env = "OTADROP_SWEEP_AGE")]
    pub sweep_age: Option<u64>,
    /// Language of the pages for visitors whose browser asks for none of ours, and of the
    /// default AMP page: en, zh-Hans, zh-Hant, ja, ko, es, pt-BR, fr, de or ru [default: en].
    #[arg(long, env = "OTADROP_LANG")]
    pub lang: Option<Lang>,
    /// List every app at / and in GET /api/releases without signing in (a trusted network only).
    #[arg(long, env = "OTADROP_PUBLIC_INDEX", num_args = 0..=1, default_missing_value = "true")]
    pub public_index: Option<bool>,
    /// Password that lets people sign in as viewers (index, app and release pages; 8+ characters).
    #[arg(long, env = "OTADROP_VIEWER_PASSWORD", hide_env_values = true)]
    pub viewer_password: Option<String>,
    /// Also serve /metrics without a token on this address (e.g. 127.0.0.1:9100).
    #[arg(long, env = "OTADROP_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,
    /// Secret that signs share links, install grants and sessions (32+ characters); give every
    /// node the same one [default: generated once, kept in <data>/signing-key].
    #[arg(long, env = "OTADROP_SIGNING_KEY", hide_env_values = true)]
    pub signing_key: Option<String>,
    /// Seconds the installer may use the signed URLs of a password link's page [default: 600].
    #[arg(long, env = "OTADROP_GRANT_LIFETIME")]
    pub grant_lifetime: Option<u64>,
}

impl Settings {
    /// Reads a TOML file with the same keys as the flags (`listen = "0.0.0.0:8443"`, ...).
    pub fn from_toml_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.into(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::File {
            path: path.into(),
            message: e.to_string(),
        })
    }

    /// Fills what `self` leaves unset from `other`.
    pub fn or(self, other: Settings) -> Settings {
        Settings {
            listen: self.listen.or(other.listen),
            data: self.data.or(other.data),
            public_url: self.public_url.or(other.public_url),
            tls_cert: self.tls_cert.or(other.tls_cert),
            tls_key: self.tls_key.or(other.tls_key),
            http: self.http.or(other.http),
            upload_token: self.upload_token.or(other.upload_token),
            max_upload: self.max_upload.or(other.max_upload),
            keep: self.keep.or(other.keep),
            redirect_http: self.redirect_http.or(other.redirect_http),
            max_connections: self.max_connections.or(other.max_connections),
            header_timeout: self.header_timeout.or(other.header_timeout),
            body_timeout: self.body_timeout.or(other.body_timeout),
            idle_timeout: self.idle_timeout.or(other.idle_timeout),
            shutdown_grace: self.shutdown_grace.or(other.shutdown_grace),
            storage: self.storage.or(other.storage),
            ipa_redirect: self.ipa_redirect.or(other.ipa_redirect),
            presign_ttl: self.presign_ttl.or(other.presign_ttl),
            sync_interval: self.sync_interval.or(other.sync_interval),
            sweep_age: self.sweep_age.or(other.sweep_age),
            lang: self.lang.or(other.lang),
            public_index: self.public_index.or(other.public_index),
            viewer_password: self.viewer_password.or(other.viewer_password),
            metrics_listen: self.metrics_listen.or(other.metrics_listen),
            signing_key: self.signing_key.or(other.signing_key),
            grant_lifetime: self.grant_lifetime.or(other.grant_lifetime),
        }
    }
}

/// How the server does TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsMode {
    /// Generated CA and server certificate in `<data>/tls/`.
    LocalCa,
    /// A real certificate from PEM files.
    Files { cert: PathBuf, key: PathBuf },
    /// Plain HTTP behind a TLS-terminating proxy.
    Off,
}

/// Where releases are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// `<data>/releases/`.
    Local,
    /// An S3-compatible bucket.
    S3(crate::store::S3Location),
}

/// How a bucket's IPA is handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpaRedirect {
    Stream,
    Presigned,
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data: PathBuf,
    pub public_url: PublicUrl,
    pub tls: TlsMode,
    pub upload_token: String,
    pub max_upload: u64,
    pub keep: Option<usize>,
    pub redirect_http: Option<SocketAddr>,
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub idle_timeout: Duration,
    pub shutdown_grace: Duration,
    pub storage: Storage,
    pub ipa_redirect: IpaRedirect,
    pub presign_ttl: Duration,
    pub sync_interval: Duration,
    pub sweep_age: Duration,
    pub lang: Lang,
    /// Anyone may list releases (`--public-index`).
    pub public_index: bool,
    pub viewer_password: Option<String>,
    pub metrics_listen: Option<SocketAddr>,
    /// The secret share links, grants and sessions are signed with.
    pub signing_key: String,
    pub grant_lifetime: Duration,
}

impl Config {
    pub fn resolve(s: Settings) -> Result<Config, ConfigError> {
        let listen = s
            .listen
            .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], DEFAULT_PORT)));
        let data = s.data.unwrap_or_else(|| PathBuf::from("otadrop-data"));
        let tls = match (s.http.unwrap_or(false), s.tls_cert, s.tls_key) {
            (true, None, None) => TlsMode::Off,
            (true, _, _) => {
                return Err(ConfigError::Invalid(
                    "--http and --tls-cert/--tls-key exclude each other".into(),
                ))
            }
            (false, Some(cert), Some(key)) => TlsMode::Files { cert, key },
            (false, None, None) => TlsMode::LocalCa,
            _ => {
                return Err(ConfigError::Invalid(
                    "--tls-cert and --tls-key go together".into(),
                ))
            }
        };
        let public_url = match s.public_url {
            Some(u) => PublicUrl::parse(&u).map_err(ConfigError::Invalid)?,
            None => default_public_url(listen, &tls),
        };
        if tls == TlsMode::Off && s.redirect_http.is_some() {
            return Err(ConfigError::Invalid(
                "--redirect-http needs HTTPS on --listen; drop --http".into(),
            ));
        }
        let storage = match s.storage.as_deref().map(str::trim) {
            None | Some("") | Some("local") => Storage::Local,
            Some(url) => {
                Storage::S3(crate::store::S3Location::parse(url).map_err(ConfigError::Invalid)?)
            }
        };
        let ipa_redirect = match s.ipa_redirect.as_deref().map(str::trim) {
            None | Some("stream") => IpaRedirect::Stream,
            Some("presigned") if storage != Storage::Local => IpaRedirect::Presigned,
            Some("presigned") => {
                return Err(ConfigError::Invalid(
                    "--ipa-redirect presigned needs --storage s3://...".into(),
                ))
            }
            Some(other) => {
                return Err(ConfigError::Invalid(format!(
                    "--ipa-redirect {other:?}: expected stream or presigned"
                )))
            }
        };
        if storage != Storage::Local && (s.upload_token.is_none() || s.signing_key.is_none()) {
            return Err(ConfigError::Invalid(
                "with --storage s3://..., set --upload-token and --signing-key (OTADROP_UPLOAD_TOKEN, OTADROP_SIGNING_KEY): every node must accept the same token and links".into(),
            ));
        }
        let upload_token = match s.upload_token {
            Some(t) if t.trim().len() >= 8 => t.trim().to_string(),
            Some(_) => {
                return Err(ConfigError::Invalid(
                    "--upload-token must be at least 8 characters".into(),
                ))
            }
            None => stored_secret(&data, "upload-token")?,
        };
        let viewer_password = match s.viewer_password {
            Some(p) if p.trim().len() >= 8 => Some(p.trim().to_string()),
            Some(_) => {
                return Err(ConfigError::Invalid(
                    "--viewer-password must be at least 8 characters".into(),
                ))
            }
            None => None,
        };
        let signing_key = match s.signing_key {
            Some(k) if k.trim().len() >= 32 => k.trim().to_string(),
            Some(_) => {
                return Err(ConfigError::Invalid(
                    "--signing-key must be at least 32 characters".into(),
                ))
            }
            None => stored_secret(&data, "signing-key")?,
        };
        Ok(Config {
            listen,
            data,
            public_url,
            tls,
            upload_token,
            max_upload: s.max_upload.unwrap_or(DEFAULT_MAX_UPLOAD),
            keep: s.keep.filter(|&k| k > 0),
            redirect_http: s.redirect_http,
            max_connections: s.max_connections.unwrap_or(4096).max(1),
            header_timeout: Duration::from_secs(s.header_timeout.unwrap_or(10).max(1)),
            body_timeout: Duration::from_secs(s.body_timeout.unwrap_or(60).max(1)),
            idle_timeout: Duration::from_secs(s.idle_timeout.unwrap_or(75).max(1)),
            shutdown_grace: Duration::from_secs(s.shutdown_grace.unwrap_or(30)),
            storage,
            ipa_redirect,
            presign_ttl: Duration::from_secs(s.presign_ttl.unwrap_or(900).clamp(1, 7 * 86400)),
            sync_interval: Duration::from_secs(s.sync_interval.unwrap_or(2).max(1)),
            sweep_age: Duration::from_secs(s.sweep_age.unwrap_or(86400)),
            lang: s.lang.unwrap_or_default(),
            public_index: s.public_index.unwrap_or(false),
            viewer_password,
            metrics_listen: s.metrics_listen,
            signing_key,
            grant_lifetime: Duration::from_secs(s.grant_lifetime.unwrap_or(600).max(1)),
        })
    }

    /// Cookies carry `Secure` unless the server speaks plain HTTP on loopback to an http://
    /// public URL (local development): a browser would not send a `Secure` cookie back there.
    pub fn secure_cookies(&self) -> bool {
        !(self.tls == TlsMode::Off && self.listen.ip().is_loopback() && !self.public_url.is_https())
    }
}

/// The first non-loopback IPv4 address (what a phone on the same network can reach), else
/// localhost.
pub(crate) fn default_public_url(listen: SocketAddr, tls: &TlsMode) -> PublicUrl {
    let host = if listen.ip().is_loopback() {
        "localhost".to_string()
    } else if listen.ip().is_unspecified() {
        crate::tls::non_loopback_addresses()
            .into_iter()
            .find(|ip| ip.is_ipv4())
            .map(|ip| ip.to_string())
            .unwrap_or_else(|| "localhost".into())
    } else {
        match listen.ip() {
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            ip => ip.to_string(),
        }
    };
    let scheme = if *tls == TlsMode::Off {
        "http"
    } else {
        "https"
    };
    let port = listen.port();
    let url = if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) {
        format!("{scheme}://{host}")
    } else {
        format!("{scheme}://{host}:{port}")
    };
    // The pieces are a scheme, an address and a port, which always parse.
    PublicUrl::parse(&url).unwrap_or_else(|_| unreachable!("built from parts: {url}"))
}

/// A secret kept in `<data>/<name>` (the upload token, the signing key), generated on first use.
fn stored_secret(data: &Path, name: &str) -> Result<String, ConfigError> {
    let path = data.join(name);
    let io = |source| ConfigError::Io {
        path: path.clone(),
        source,
    };
    if let Ok(t) = std::fs::read_to_string(&path) {
        if t.trim().len() >= 8 {
            return Ok(t.trim().to_string());
        }
    }
    std::fs::create_dir_all(data).map_err(io)?;
    let mut bytes = [0u8; 24];
    getrandom::getrandom(&mut bytes).map_err(|e| io(std::io::Error::other(e.to_string())))?;
    let token = hex::encode(bytes);
    std::fs::write(&path, &token).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_file_and_defaults_fill_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let file: Settings = toml::from_str(
            "listen = \"127.0.0.1:9000\"\nmax-upload = 1000\nupload-token = \"file-token-123\"\nkeep = 3",
        )
        .unwrap();
        let flags = Settings {
            data: Some(dir.path().into()),
            max_upload: Some(5),
            ..Default::default()
        };
        let c = Config::resolve(flags.or(file)).unwrap();
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.max_upload, 5);
        assert_eq!(c.keep, Some(3));
        assert_eq!(c.upload_token, "file-token-123");
        assert_eq!(c.tls, TlsMode::LocalCa);
        assert_eq!(c.public_url.as_str(), "https://localhost:9000");
    }

    #[test]
    fn bucket_storage_needs_a_shared_token_and_presigned_needs_a_bucket() {
        let s = Settings {
            storage: Some("s3://bucket/otadrop".into()),
            ..Default::default()
        };
        assert!(Config::resolve(s.clone()).is_err());
        let no_key = Settings {
            upload_token: Some("shared-token-1".into()),
            ..s.clone()
        };
        assert!(Config::resolve(no_key).is_err());
        let c = Config::resolve(Settings {
            upload_token: Some("shared-token-1".into()),
            signing_key: Some("0123456789abcdef0123456789abcdef".into()),
            ipa_redirect: Some("presigned".into()),
            ..s
        })
        .unwrap();
        assert_eq!(c.ipa_redirect, IpaRedirect::Presigned);
        assert!(
            matches!(&c.storage, Storage::S3(l) if l.bucket == "bucket" && l.prefix == "otadrop")
        );
        let dir = tempfile::tempdir().unwrap();
        let local = Settings {
            data: Some(dir.path().into()),
            ipa_redirect: Some("presigned".into()),
            ..Default::default()
        };
        assert!(Config::resolve(local).is_err());
        let file: Settings =
            toml::from_str("storage = \"s3://b/p\"\nipa-redirect = \"stream\"\nsync-interval = 5")
                .unwrap();
        assert_eq!(file.sync_interval, Some(5));
    }

    #[test]
    fn the_default_language_comes_from_the_file_or_a_flag_and_is_english_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let base = || Settings {
            data: Some(dir.path().into()),
            ..Default::default()
        };
        assert_eq!(Config::resolve(base()).unwrap().lang, Lang::En);
        let file: Settings = toml::from_str("lang = \"zh-Hant\"").unwrap();
        assert_eq!(
            Config::resolve(base().or(file.clone())).unwrap().lang,
            Lang::ZhHant
        );
        let flag = Settings {
            lang: Some(Lang::Ja),
            ..base()
        };
        assert_eq!(Config::resolve(flag.or(file)).unwrap().lang, Lang::Ja);
        let err = toml::from_str::<Settings>("lang = \"it\"").unwrap_err();
        assert!(err.to_string().contains("unknown language"), "{err}");
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        assert!(toml::from_str::<Settings>("listn = \"x\"").is_err());
    }

    #[test]
    fn generated_token_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let s = || Settings {
            data: Some(dir.path().into()),
            ..Default::default()
        };
        let a = Config::resolve(s()).unwrap().upload_token;
        let b = Config::resolve(s()).unwrap().upload_token;
        assert_eq!(a, b);
        assert_eq!(a.len(), 48);
    }

    #[test]
    fn access_settings_are_checked_and_the_signing_key_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let s = || Settings {
            data: Some(dir.path().into()),
            ..Default::default()
        };
        let a = Config::resolve(s()).unwrap();
        assert_eq!(a.signing_key, Config::resolve(s()).unwrap().signing_key);
        assert_eq!(a.signing_key.len(), 48);
        assert!(!a.public_index);
        assert_eq!(a.grant_lifetime, Duration::from_secs(600));
        assert!(a.secure_cookies());
        let file: Settings = toml::from_str(
            "public-index = true\nviewer-password = \"long enough\"\nsigning-key = \"0123456789abcdef0123456789abcdef\"\nhttp = true\nlisten = \"127.0.0.1:8080\"\npublic-url = \"http://localhost:8080\"",
        )
        .unwrap();
        let c = Config::resolve(s().or(file)).unwrap();
        assert!(c.public_index);
        assert_eq!(c.viewer_password.as_deref(), Some("long enough"));
        assert_eq!(c.signing_key, "0123456789abcdef0123456789abcdef");
        assert!(
            !c.secure_cookies(),
            "plain HTTP on loopback for local development"
        );
        for bad in [
            Settings {
                viewer_password: Some("short".into()),
                ..s()
            },
            Settings {
                signing_key: Some("too short".into()),
                ..s()
            },
        ] {
            assert!(Config::resolve(bad).is_err());
        }
    }

    #[test]
    fn contradictions_are_refused() {
        let s = Settings {
            http: Some(true),
            tls_cert: Some("a".into()),
            tls_key: Some("b".into()),
            upload_token: Some("12345678".into()),
            ..Default::default()
        };
        assert!(Config::resolve(s).is_err());
        let s = Settings {
            upload_token: Some("short".into()),
            ..Default::default()
        };
        assert!(Config::resolve(s).is_err());
    }
}
