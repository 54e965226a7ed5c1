//! Security headers. Plain pages get a Content-Security-Policy that allows exactly what they
//! use: their inline style, our own script, images from here and `data:`; AMP pages also allow
//! the AMP runtime (the one external script AMP requires).

use http::header::{HeaderName, HeaderValue};
use http::HeaderMap;

use crate::page::Flavor;

const PLAIN_CSP: &str = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; \
    script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const AMP_CSP: &str = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; \
    script-src https://cdn.ampproject.org; connect-src 'self'; form-action 'self'; base-uri 'none'; \
    frame-ancestors 'none'";

/// Headers every response carries.
pub fn apply_common(h: &mut HeaderMap) {
    h.insert(
        HeaderName::from_static("x-content-type-options"),
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("DENY"),
    );
}

/// Headers of an HTML page.
pub fn apply_page(h: &mut HeaderMap, flavor: Flavor) {
    let csp = match flavor {
        Flavor::Plain => PLAIN_CSP,
        Flavor::Amp => AMP_CSP,
    };
    h.insert(
        HeaderName::from_static("content-security-policy"),
        HeaderValue::from_static(csp),
    );
}

/// HSTS, only when serving HTTPS with a real certificate (never on the local CA: a browser
/// that saw HSTS for an address would refuse it after the CA changes).
pub fn apply_hsts(h: &mut HeaderMap) {
    h.insert(
        HeaderName::from_static("strict-transport-security"),
        HeaderValue::from_static("max-age=31536000"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_csp_allows_no_external_origin() {
        let mut h = HeaderMap::new();
        apply_page(&mut h, Flavor::Plain);
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(!csp.contains("http"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-eval"));
    }
}
