//! The one place that turns an error into the response a client sees.
//!
//! Handlers give up with [`super::response::error`], which records the status and a message
//! as a [`Problem`]. Once routing is done, [`finish`] writes it in the form the place calls
//! for: JSON `{"error": ...}` under `/api/`, the HTML error page everywhere else, with the same
//! 404 page for a malformed id as for an unknown one (a probe learns nothing from the
//! difference). Every error response carries the page security headers. An error page speaks
//! the visitor's language: its words are a message of the message files, given with
//! [`super::response::error_page`] (the API keeps its English message) or known by the message
//! ([`NOT_FOUND_PAGE`], [`NO_CA_PAGE`]).

use bytes::Bytes;
use http::header::{HeaderValue, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, VARY};
use serde::Serialize;

use super::body::Body;
use super::response::Resp;
use super::security_headers;
use crate::i18n::Lang;
use crate::page::{self, Flavor, Msg, Site};

/// What went wrong, in words for the client; attached to the response by `response::error`.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The API's words (English, as the command line).
    pub message: String,
    /// The HTML page's words, a message in every language; `None`: the page says `message`.
    pub page: Option<Msg>,
}

/// The one 404 of every release path (page, manifest, IPA, icons), for an unknown id, a
/// malformed one, or a file the release does not have.
pub const NOT_FOUND_PAGE: &str =
    "Nothing here. The link may be mistyped, or the release was deleted.";

/// `/ca` on a server with a real certificate.
pub const NO_CA_PAGE: &str = "This server uses a real certificate: there is nothing to install.";

/// The message id (in `locales/*/otadrop.ftl`) of an error page's words, when they are ours.
fn message_id(message: &str) -> Option<&'static str> {
    match message {
        NOT_FOUND_PAGE => Some("error-not-found"),
        NO_CA_PAGE => Some("error-no-ca"),
        _ => None,
    }
}

/// Where a request was going, which decides the error's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Api,
    Page,
}

impl Place {
    pub fn of(path: &str) -> Place {
        // `.json` endpoints outside /api/ (an AMP page's visitor JSON) answer in JSON too.
        if path == "/api" || path.starts_with("/api/") || path.ends_with(".json") {
            Place::Api
        } else {
            Place::Page
        }
    }
}

/// The JSON body of an API error.
pub fn json_body(message: &str) -> Bytes {
    #[derive(Serialize)]
    struct E<'a> {
        error: &'a str,
    }
    Bytes::from(serde_json::to_vec(&E { error: message }).unwrap_or_default())
}

/// Writes a recorded [`Problem`] into the response in the form its place calls for, and puts
/// the page security headers on every error response. `lang` gives the visitor's language
/// (asked only for an error page).
pub fn finish(resp: &mut Resp, place: Place, site: &Site, lang: impl FnOnce() -> Lang) {
    let status = resp.status();
    if let Some(Problem { message, page }) = resp.extensions_mut().remove::<Problem>() {
        let (content_type, body) = match place {
            Place::Api => ("application/json", json_body(&message)),
            Place::Page => {
                let words = page.or_else(|| message_id(&message).map(Msg::new));
                let html = match words {
                    Some(words) => {
                        resp.headers_mut()
                            .append(VARY, HeaderValue::from_static("Accept-Language"));
                        page::error_page_in(status.as_u16(), &words, site, lang())
                    }
                    None => page::error_page(status.as_u16(), &message, site),
                };
                ("text/html; charset=utf-8", Bytes::from(html))
            }
        };
        let h = resp.headers_mut();
        h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        h.remove(CONTENT_LENGTH);
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        *resp.body_mut() = Body::from(body);
    }
    if status.is_client_error() || status.is_server_error() {
        security_headers::apply_page(resp.headers_mut(), Flavor::Plain);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::response;
    use http::StatusCode;
    use http_body_util::BodyExt;

    fn site() -> Site {
        Site::at("https://ota.example.com")
    }

    async fn body(r: Resp) -> String {
        let b = r.into_body().collect().await.unwrap().to_bytes();
        String::from_utf8(b.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn api_errors_are_json() {
        let mut r = response::error(StatusCode::NOT_FOUND, "no release with that id");
        finish(&mut r, Place::of("/api/releases/x"), &site(), || Lang::En);
        assert_eq!(r.headers()[CONTENT_TYPE], "application/json");
        assert!(r.headers().contains_key("content-security-policy"));
        let v: serde_json::Value = serde_json::from_str(&body(r).await).unwrap();
        assert_eq!(v["error"], "no release with that id");
    }

    #[tokio::test]
    async fn page_errors_are_html() {
        let mut a = response::error(StatusCode::NOT_FOUND, NOT_FOUND_PAGE);
        let mut b = response::error(StatusCode::NOT_FOUND, NOT_FOUND_PAGE);
        finish(&mut a, Place::of("/r/zzz"), &site(), || Lang::En);
        finish(
            &mut b,
            Place::of("/r/01jd5x0000000000000000000a/icon.png"),
            &site(),
            || Lang::En,
        );
        assert!(a.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(a.headers().contains_key("content-security-policy"));
        let (a, b) = (body(a).await, body(b).await);
        assert_eq!(a, b);
        assert!(a.contains("Nothing here."), "{a}");
    }

    #[tokio::test]
    async fn an_error_with_words_speaks_the_visitors_language_on_pages_only() {
        let words = || Msg::new("error-method-not-allowed");
        let mut api = response::error_page(StatusCode::METHOD_NOT_ALLOWED, "allowed: GET", words());
        finish(&mut api, Place::of("/api/links"), &site(), || Lang::Ja);
        assert!(!api.headers().contains_key(VARY));
        let v: serde_json::Value = serde_json::from_str(&body(api).await).unwrap();
        assert_eq!(v["error"], "allowed: GET");
        let mut html =
            response::error_page(StatusCode::METHOD_NOT_ALLOWED, "allowed: GET", words());
        finish(&mut html, Place::of("/r/x"), &site(), || Lang::Ja);
        assert_eq!(html.headers()[VARY], "Accept-Language");
        let html = body(html).await;
        assert!(html.contains("<html lang=\"ja\""), "{html}");
        assert!(!html.contains("allowed: GET"), "{html}");
    }

    #[test]
    fn the_api_prefix_is_a_whole_segment() {
        assert_eq!(Place::of("/api"), Place::Api);
        assert_eq!(Place::of("/api/releases"), Place::Api);
        assert_eq!(
            Place::of("/r/01jd5x0000000000000000000a/visitor.json"),
            Place::Api
        );
        assert_eq!(Place::of("/apis"), Place::Page);
        assert_eq!(Place::of("/apps/com.x"), Place::Page);
    }
}
