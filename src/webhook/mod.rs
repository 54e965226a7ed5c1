//! Webhooks: a message to each configured URL when a release is published or deleted.
//!
//! [`format`] makes the request body for each format (our own `json`, and the incoming-webhook
//! shapes of Slack, Lark/Feishu, DingTalk and WeCom) and the `X-Otadrop-Signature` of a `json`
//! delivery; [`deliver`] sends them off the request path, retrying with backoff. The URLs come
//! from the configuration only, never from a request.

pub mod deliver;
pub mod format;

use std::sync::Arc;

use serde::Deserialize;

use crate::store::Release;

pub use deliver::Webhooks;

/// The body shape a hook receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Slack,
    Lark,
    Dingtalk,
    Wecom,
}

impl Format {
    pub const ALL: [(&'static str, Format); 5] = [
        ("json", Format::Json),
        ("slack", Format::Slack),
        ("lark", Format::Lark),
        ("dingtalk", Format::Dingtalk),
        ("wecom", Format::Wecom),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("json", |(n, _)| n)
    }

    pub fn parse(s: &str) -> Option<Format> {
        Self::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s))
            .map(|(_, f)| *f)
    }

    /// The format a URL's host implies: the chat services' own webhook hosts, else `json`.
    pub fn for_host(host: &str) -> Format {
        let host = host.to_ascii_lowercase();
        let is = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
        if is("hooks.slack.com") {
            Format::Slack
        } else if is("open.feishu.cn") || is("open.larksuite.com") {
            Format::Lark
        } else if is("oapi.dingtalk.com") {
            Format::Dingtalk
        } else if is("qyapi.weixin.qq.com") {
            Format::Wecom
        } else {
            Format::Json
        }
    }
}

/// One configured hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hook {
    pub url: url::Url,
    pub format: Format,
    /// `json`: the HMAC key of `X-Otadrop-Signature`; `lark` and `dingtalk`: the bot's signing
    /// secret.
    pub secret: Option<String>,
}

impl Hook {
    /// A hook from `--webhook`: `URL`, or `FORMAT=URL` (`slack=https://hooks.slack.com/...`).
    /// Without a format, the URL's host picks one ([`Format::for_host`]).
    pub fn from_flag(s: &str, secret: Option<&str>) -> Result<Hook, String> {
        let (format, url) = match s.split_once('=') {
            Some((f, rest)) if !f.contains(':') && !f.contains('/') => match Format::parse(f) {
                Some(format) => (Some(format), rest),
                None => {
                    return Err(format!(
                        "--webhook {s:?}: unknown format {f:?} (json, slack, lark, dingtalk, wecom)"
                    ))
                }
            },
            _ => (None, s),
        };
        Hook::new(url, format, secret.map(str::to_owned))
    }

    pub fn new(url: &str, format: Option<Format>, secret: Option<String>) -> Result<Hook, String> {
        let url = url::Url::parse(url.trim()).map_err(|e| format!("webhook URL {url:?}: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!(
                "webhook URL {url}: must be an http:// or https:// URL"
            ));
        }
        let format = format.unwrap_or_else(|| Format::for_host(url.host_str().unwrap_or("")));
        Ok(Hook {
            url,
            format,
            secret: secret.filter(|s| !s.is_empty()),
        })
    }
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Published,
    Deleted,
}

impl EventKind {
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Published => "release.published",
            EventKind::Deleted => "release.deleted",
        }
    }
}

/// One event, with everything any format needs.
#[derive(Debug, Clone)]
pub struct Event {
    pub kind: EventKind,
    pub release: Arc<Release>,
    /// The release as the API shows it (`GET /api/releases/{id}`).
    pub release_json: serde_json::Value,
    /// The release's install page.
    pub page_url: String,
    pub sent_at: time::OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hooks_from_flags() {
        let h = Hook::from_flag("https://hooks.slack.com/services/T/B/X", None).unwrap();
        assert_eq!(h.format, Format::Slack);
        let h = Hook::from_flag("https://open.feishu.cn/open-apis/bot/v2/hook/x", None).unwrap();
        assert_eq!(h.format, Format::Lark);
        let h = Hook::from_flag("wecom=http://127.0.0.1:9/x?a=b", Some("s")).unwrap();
        assert_eq!(h.format, Format::Wecom);
        assert_eq!(h.url.as_str(), "http://127.0.0.1:9/x?a=b");
        assert_eq!(h.secret.as_deref(), Some("s"));
        let h = Hook::from_flag("https://example.com/hook?x=1", None).unwrap();
        assert_eq!(h.format, Format::Json);
        assert!(Hook::from_flag("teams=https://example.com", None).is_err());
        assert!(Hook::from_flag("ftp://example.com/x", None).is_err());
        assert!(Hook::from_flag("not a url", None).is_err());
    }
}
