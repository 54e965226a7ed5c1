//! What the commands that talk to a server share: the server, token and CA flags, a client
//! that trusts the CA, JSON calls with the server's error message on failure.

use std::path::PathBuf;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

/// `--server`, `--token`, `--ca`.
#[derive(clap::Args, Clone)]
pub struct ServerArgs {
    /// The otadrop server's base URL, e.g. https://ota.example.com.
    #[arg(long, env = "OTADROP_SERVER")]
    pub server: String,
    /// The upload (admin) token.
    #[arg(long, env = "OTADROP_TOKEN", hide_env_values = true)]
    pub token: String,
    /// Also trust this CA certificate (PEM), e.g. a default server's <data>/tls/ca.crt.
    #[arg(long)]
    pub ca: Option<PathBuf>,
}

impl ServerArgs {
    pub fn client(&self) -> Result<reqwest::Client, String> {
        reqwest::Client::builder()
            .use_preconfigured_tls(tls_config(self.ca.as_ref())?)
            .build()
            .map_err(|e| e.to_string())
    }

    /// `path` under the server's base URL.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.trim_end_matches('/'))
    }

    /// Sends a request with the token and returns the JSON answer (`Null` for `204`); an
    /// error status becomes `Err` with the server's message.
    pub async fn call(
        &self,
        client: &reqwest::Client,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<serde_json::Value, String> {
        let url = self.url(path);
        let mut req = client.request(method, &url).bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(b);
        }
        let response = req.send().await.map_err(|e| describe(&url, e))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| describe(&url, e))?;
        if status == reqwest::StatusCode::NO_CONTENT {
            return Ok(serde_json::Value::Null);
        }
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|_| format!("{url} answered {status} with something that is not JSON"))?;
        if !status.is_success() {
            let msg = json["error"].as_str().unwrap_or(&text);
            return Err(format!("{url}: {status}: {msg}"));
        }
        Ok(json)
    }
}

pub fn tls_config(ca: Option<&PathBuf>) -> Result<rustls::ClientConfig, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca {
        let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut n = 0;
        for cert in CertificateDer::pem_slice_iter(&pem) {
            let cert = cert.map_err(|e| format!("{}: {e}", path.display()))?;
            roots
                .add(cert)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            n += 1;
        }
        if n == 0 {
            return Err(format!("{}: no CERTIFICATE in the file", path.display()));
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

pub fn describe(url: &str, e: reqwest::Error) -> String {
    let mut msg = format!("{url}: {e}");
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    msg
}

/// Seconds in a duration written like `90`, `90s`, `30m`, `12h`, `7d` or `2w`.
pub fn parse_duration(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("{s:?} is not a duration: write e.g. 90s, 30m, 12h, 7d"))?;
    let mult = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => {
            return Err(format!(
                "{s:?}: unknown unit {unit:?} (use s, m, h, d or w)"
            ))
        }
    };
    match n.checked_mul(mult) {
        Some(0) | None => Err(format!("{s:?} is not a usable duration")),
        Some(v) => Ok(v),
    }
}

/// A password from a file: its first line, without the line break.
pub fn read_password_file(path: &std::path::Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        return Err(format!(
            "{}: the first line (the password) is empty",
            path.display()
        ));
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(90));
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("30m"), Ok(1800));
        assert_eq!(parse_duration("12h"), Ok(43_200));
        assert_eq!(parse_duration("7d"), Ok(604_800));
        assert_eq!(parse_duration("2w"), Ok(1_209_600));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("7y").is_err());
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
    }
}
