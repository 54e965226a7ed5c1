//! Building responses. Errors are made with [`error`] and take their final form (JSON under
//! `/api/`, HTML elsewhere) in [`super::errors`].

use bytes::Bytes;
use http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use http::{Response, StatusCode};
use serde::Serialize;

use super::body::Body;

pub type Resp = Response<Body>;

pub fn with_type(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Resp {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Resp {
    match serde_json::to_vec_pretty(value) {
        Ok(mut v) => {
            v.push(b'\n');
            let mut r = with_type(status, "application/json", Bytes::from(v));
            r.headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("encoding JSON: {e}"),
        ),
    }
}

/// An error with `status` and a message for the client. It is written as JSON
/// (`{"error": message}`) here, and [`super::errors::finish`] rewrites it as the HTML error page
/// when the request was not for the API.
pub fn error(status: StatusCode, message: &str) -> Resp {
    problem(status, message, None)
}

/// An error whose HTML page says `words` in the visitor's language; the API's JSON keeps
/// `message` (English, as the command line).
pub fn error_page(status: StatusCode, message: &str, words: crate::page::Msg) -> Resp {
    problem(status, message, Some(words))
}

/// An error whose words are only `words`: the API's JSON says them in English.
pub fn error_said(status: StatusCode, words: crate::page::Msg) -> Resp {
    let message = crate::page::say(&words, crate::i18n::Lang::En);
    problem(status, &message, Some(words))
}

fn problem(status: StatusCode, message: &str, page: Option<crate::page::Msg>) -> Resp {
    let mut r = with_type(
        status,
        "application/json",
        super::errors::json_body(message),
    );
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r.extensions_mut().insert(super::errors::Problem {
        message: message.to_owned(),
        page,
    });
    r
}

pub fn text(status: StatusCode, body: impl Into<Body>) -> Resp {
    with_type(status, "text/plain; charset=utf-8", body)
}

pub fn empty(status: StatusCode) -> Resp {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = status;
    r
}
