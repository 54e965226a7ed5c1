//! The request of one delivery: body, extra headers and (DingTalk) the signed URL. Pure
//! functions of the event, the hook and the time.
//!
//! - `json`: `{"event", "release", "sent_at"}`, `release` as `GET /api/releases/{id}` shows
//!   it; with a secret, `X-Otadrop-Signature: sha256=<hex HMAC-SHA-256 of the body>`.
//! - `slack`: an incoming-webhook message (`text`, with Slack's `<url|label>` link).
//! - `lark`: a custom bot `text` message; with a secret, Lark's `timestamp` and `sign`.
//! - `dingtalk`: a custom robot `markdown` message; with a secret, `timestamp` and `sign` in
//!   the URL's query, as DingTalk's "加签" wants.
//! - `wecom`: a group robot `markdown` message.

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

use super::{Event, EventKind, Format, Hook};
use crate::page::notes;

pub const SIGNATURE_HEADER: &str = "x-otadrop-signature";
pub const EVENT_HEADER: &str = "x-otadrop-event";

/// One request to send.
#[derive(Debug, Clone)]
pub struct Request {
    pub url: url::Url,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

/// `sha256=<hex HMAC-SHA-256 of body with secret>`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    format!(
        "sha256={}",
        hex::encode(hmac_sha256(secret.as_bytes(), body))
    )
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC takes keys of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// One line saying what happened, as plain text.
fn headline(e: &Event) -> String {
    let app = &e.release.app;
    let what = match e.kind {
        EventKind::Published => "published",
        EventKind::Deleted => "deleted",
    };
    let channel = if e.release.channel == crate::store::channel::DEFAULT {
        String::new()
    } else {
        format!(" on {}", e.release.channel)
    };
    format!(
        "{} {} ({}) {what}{channel}",
        app.title, app.version, app.build
    )
}

fn notes_line(e: &Event) -> Option<String> {
    let n = notes::summary(e.release.notes.as_deref().unwrap_or(""), 200);
    (!n.is_empty()).then_some(n)
}

/// The request for `hook` about `event`.
pub fn request(hook: &Hook, event: &Event) -> Request {
    let title = headline(event);
    let published = event.kind == EventKind::Published;
    let notes = notes_line(event);
    let mut url = hook.url.clone();
    let mut headers = vec![("content-type", "application/json".to_string())];
    let body = match hook.format {
        Format::Json => json!({
            "event": event.kind.name(),
            "release": event.release_json,
            "sent_at": rfc3339(event.sent_at),
        }),
        Format::Slack => {
            let mut text = format!("*{}*", slack_escape(&title));
            if published {
                text.push_str(&format!("\n<{}|Install page>", event.page_url));
            }
            if let Some(n) = &notes {
                text.push_str(&format!("\n{}", slack_escape(n)));
            }
            json!({ "text": text })
        }
        Format::Lark => {
            let mut text = title.clone();
            if published {
                text.push_str(&format!("\n{}", event.page_url));
            }
            if let Some(n) = &notes {
                text.push_str(&format!("\n{n}"));
            }
            let mut body = json!({ "msg_type": "text", "content": { "text": text } });
            if let Some(secret) = &hook.secret {
                let ts = event.sent_at.unix_timestamp().to_string();
                // Lark: HMAC-SHA256 keyed with "timestamp\nsecret" over nothing, in base64.
                let sign = base64::engine::general_purpose::STANDARD
                    .encode(hmac_sha256(format!("{ts}\n{secret}").as_bytes(), b""));
                body["timestamp"] = json!(ts);
                body["sign"] = json!(sign);
            }
            body
        }
        Format::Dingtalk => {
            if let Some(secret) = &hook.secret {
                // DingTalk: HMAC-SHA256 keyed with the secret over "timestamp\nsecret", base64,
                // in the query with the timestamp in milliseconds.
                let ts = (event.sent_at.unix_timestamp_nanos() / 1_000_000).to_string();
                let sign = base64::engine::general_purpose::STANDARD.encode(hmac_sha256(
                    secret.as_bytes(),
                    format!("{ts}\n{secret}").as_bytes(),
                ));
                url.query_pairs_mut()
                    .append_pair("timestamp", &ts)
                    .append_pair("sign", &sign);
            }
            json!({
                "msgtype": "markdown",
                "markdown": { "title": title, "text": chat_markdown(&title, published, &event.page_url, notes.as_deref()) },
            })
        }
        Format::Wecom => json!({
            "msgtype": "markdown",
            "markdown": { "content": chat_markdown(&title, published, &event.page_url, notes.as_deref()) },
        }),
    };
    let body = serde_json::to_vec(&body).unwrap_or_default();
    headers.push((EVENT_HEADER, event.kind.name().to_string()));
    if let (Format::Json, Some(secret)) = (hook.format, &hook.secret) {
        headers.push((SIGNATURE_HEADER, signature(secret, &body)));
    }
    Request { url, body, headers }
}

fn chat_markdown(title: &str, published: bool, page_url: &str, notes: Option<&str>) -> String {
    let mut text = format!("**{title}**");
    if published {
        text.push_str(&format!("\n\n[Install page]({page_url})"));
    }
    if let Some(n) = notes {
        text.push_str(&format!("\n\n{n}"));
    }
    text
}

/// Slack's three control characters in message text.
fn slack_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn event(kind: EventKind) -> Event {
        let release = crate::fixture::release()
            .title("Demo <&>")
            .channel("beta")
            .notes(Some("## Fixes\n\n- login"))
            .build();
        Event {
            kind,
            release_json: json!({"id": release.id.as_str()}),
            release: Arc::new(release),
            page_url: "https://ota.example.com/r/x".into(),
            sent_at: time::macros::datetime!(2026-12-02 10:00 UTC),
        }
    }

    fn hook(format: Format, secret: Option<&str>) -> Hook {
        Hook::new(
            "https://example.com/hook",
            Some(format),
            secret.map(Into::into),
        )
        .unwrap()
    }

    fn body(r: &Request) -> serde_json::Value {
        serde_json::from_slice(&r.body).unwrap()
    }

    #[test]
    fn json_is_signed_with_hmac_sha256() {
        let r = request(
            &hook(Format::Json, Some("s3cret")),
            &event(EventKind::Published),
        );
        let b = body(&r);
        assert_eq!(b["event"], "release.published");
        assert_eq!(b["sent_at"], "2026-12-02T10:00:00Z");
        assert_eq!(b["release"]["id"], crate::fixture::ID);
        let sig = r
            .headers
            .iter()
            .find(|(n, _)| *n == SIGNATURE_HEADER)
            .unwrap();
        assert_eq!(sig.1, signature("s3cret", &r.body));
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let unsigned = request(&hook(Format::Json, None), &event(EventKind::Deleted));
        assert!(!unsigned.headers.iter().any(|(n, _)| *n == SIGNATURE_HEADER));
        assert_eq!(body(&unsigned)["event"], "release.deleted");
    }

    #[test]
    fn chat_formats() {
        let e = event(EventKind::Published);
        let slack = body(&request(&hook(Format::Slack, None), &e));
        assert_eq!(
            slack["text"],
            "*Demo &lt;&amp;&gt; 1.2.3 (45) published on beta*\n<https://ota.example.com/r/x|Install page>\nFixes"
        );
        let lark = body(&request(&hook(Format::Lark, Some("k")), &e));
        assert_eq!(lark["msg_type"], "text");
        assert!(lark["content"]["text"]
            .as_str()
            .unwrap()
            .contains("https://ota.example.com/r/x"));
        assert_eq!(lark["timestamp"], e.sent_at.unix_timestamp().to_string());
        assert!(lark["sign"].as_str().is_some_and(|s| s.len() == 44));
        let ding = request(&hook(Format::Dingtalk, Some("k")), &e);
        assert_eq!(body(&ding)["msgtype"], "markdown");
        assert!(body(&ding)["markdown"]["text"]
            .as_str()
            .unwrap()
            .contains("[Install page](https://ota.example.com/r/x)"));
        let q: Vec<(String, String)> = ding.url.query_pairs().into_owned().collect();
        assert_eq!(q[0].0, "timestamp");
        assert_eq!(q[1].0, "sign");
        let wecom = body(&request(&hook(Format::Wecom, None), &e));
        assert_eq!(wecom["msgtype"], "markdown");
        assert!(wecom["markdown"]["content"]
            .as_str()
            .unwrap()
            .starts_with("**Demo <&> 1.2.3 (45) published on beta**"));
    }
}
