//! Small request bodies: sign-in and password forms (`application/x-www-form-urlencoded`) and
//! the links API's JSON. Read whole, with a size limit and the body timeout.

use bytes::Bytes;
use http::StatusCode;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use super::State;

/// Largest small body accepted.
pub const MAX_SMALL_BODY: usize = 16 * 1024;

/// Why a small body could not be read: (status, message).
pub type BodyError = (StatusCode, String);

pub async fn read(state: &State, body: Incoming) -> Result<Bytes, BodyError> {
    let collect = Limited::new(body, MAX_SMALL_BODY).collect();
    match tokio::time::timeout(state.config.body_timeout, collect).await {
        Err(_) => Err((
            StatusCode::REQUEST_TIMEOUT,
            "the request body did not arrive in time".into(),
        )),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over {MAX_SMALL_BODY} bytes"),
        )),
        Ok(Err(e)) => Err((
            StatusCode::BAD_REQUEST,
            format!("reading the request body: {e}"),
        )),
        Ok(Ok(c)) => Ok(c.to_bytes()),
    }
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
