//! Small request bodies: sign-in and password forms (`application/x-www-form-urlencoded`) and
//! the links API's JSON. Read whole, with a size limit and the body timeout.

use bytes::Bytes;
use http::StatusCode;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use super::response::{self, Resp};
use super::State;
use crate::page::Msg;

/// Largest small body accepted.
pub const MAX_SMALL_BODY: usize = 16 * 1024;

/// Why a small body could not be read.
#[derive(Debug)]
pub struct BodyError {
    status: StatusCode,
    /// For the API (English).
    message: String,
    /// For a form's page, in the visitor's language.
    words: &'static str,
}

impl BodyError {
    /// The error response: JSON under `/api/`, the error page in the visitor's language elsewhere.
    pub fn response(&self) -> Resp {
        response::error_page(self.status, &self.message, Msg::new(self.words))
    }
}

pub async fn read(state: &State, body: Incoming) -> Result<Bytes, BodyError> {
    let collect = Limited::new(body, MAX_SMALL_BODY).collect();
    let (status, message, words) =
        match tokio::time::timeout(state.config.body_timeout, collect).await {
            Ok(Ok(c)) => return Ok(c.to_bytes()),
            Err(_) => (
                StatusCode::REQUEST_TIMEOUT,
                "the request body did not arrive in time".into(),
                "error-body-timeout",
            ),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is over {MAX_SMALL_BODY} bytes"),
                "error-body-too-large",
            ),
            Ok(Err(e)) => (
                StatusCode::BAD_REQUEST,
                format!("reading the request body: {e}"),
                "error-body-unreadable",
            ),
        };
    Err(BodyError {
        status,
        message,
        words,
    })
}

/// The first value of `field` in a urlencoded form.
pub fn field(form: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(form)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_decoded() {
        assert_eq!(
            super::field(b"a=1&secret=p%C3%A4ss+word&secret=2", "secret").as_deref(),
            Some("päss word")
        );
        assert_eq!(super::field(b"a=1", "secret"), None);
    }
}
