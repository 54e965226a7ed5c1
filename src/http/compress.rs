//! Compression of what we generate (pages, manifests, CSS, JS): each body is compressed once,
//! when it is first rendered, and every request just picks the variant its `Accept-Encoding`
//! allows (RFC 9110 §12.5.3). The few static files, made once per process, get the best
//! settings; pages and manifests, made on demand, get [`Level::OnDemand`] (gzip 6, brotli 5:
//! within a few per cent of the best size at a small fraction of the time). IPAs and PNGs are
//! already compressed and are always sent as they are.

use std::io::Write;

use bytes::Bytes;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The `Content-Encoding` token, and the suffix that keeps the ETag of each variant apart.
    pub fn token(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }
}

/// A body with its compressed variants. Variants that would not be smaller are not kept.
#[derive(Debug, Clone)]
pub struct Variants {
    pub identity: Bytes,
    gzip: Option<Bytes>,
    br: Option<Bytes>,
}

/// How hard to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// gzip 9, brotli 11: for what is made once per process.
    Best,
    /// gzip 6, brotli 5: for what is made on demand, while a visitor waits.
    OnDemand,
}

impl Level {
    fn gzip(self) -> flate2::Compression {
        match self {
            Level::Best => flate2::Compression::best(),
            Level::OnDemand => flate2::Compression::new(6),
        }
    }

    fn brotli(self) -> i32 {
        match self {
            Level::Best => 11,
            Level::OnDemand => 5,
        }
    }
}

/// Bodies smaller than this are not worth a compressed variant.
const MIN_SIZE: usize = 256;

impl Variants {
    /// Bytes held by all variants together.
    pub fn len(&self) -> usize {
        self.identity.len()
            + self.gzip.as_ref().map_or(0, Bytes::len)
            + self.br.as_ref().map_or(0, Bytes::len)
    }

    pub fn new(body: Bytes) -> Variants {
        Self::with_level(body, Level::Best)
    }

    pub fn with_level(body: Bytes, level: Level) -> Variants {
        if body.len() < MIN_SIZE {
            return Variants {
                identity: body,
                gzip: None,
                br: None,
            };
        }
        let gzip = {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), level.gzip());
            enc.write_all(&body).and_then(|_| enc.finish()).ok()
        };
        let br = {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: level.brotli(),
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &params)
                .ok()
                .map(|_| out)
        };
        let smaller = |v: Option<Vec<u8>>| v.filter(|v| v.len() < body.len()).map(Bytes::from);
        Variants {
            gzip: smaller(gzip),
            br: smaller(br),
            identity: body,
        }
    }

    /// The best variant `accept` allows.
    pub fn pick(&self, accept: Option<&[u8]>) -> (Encoding, Bytes) {
        let (q_br, q_gzip) = accepted(accept);
        match (&self.br, &self.gzip) {
            (Some(br), _) if q_br > 0 && q_br >= q_gzip => (Encoding::Brotli, br.clone()),
            (_, Some(gz)) if q_gzip > 0 => (Encoding::Gzip, gz.clone()),
            (Some(br), None) if q_br > 0 => (Encoding::Brotli, br.clone()),
            _ => (Encoding::Identity, self.identity.clone()),
        }
    }
}

/// The q-values (in thousandths) that an Accept-Encoding header gives brotli and gzip.
fn accepted(header: Option<&[u8]>) -> (u16, u16) {
    let Some(text) = header.and_then(|h| std::str::from_utf8(h).ok()) else {
        return (0, 0);
    };
    let (mut br, mut gzip, mut star) = (None, None, None);
    for item in text.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut q = 1000u16;
        for p in parts {
            if let Some(v) = p
                .trim()
                .strip_prefix("q=")
                .or_else(|| p.trim().strip_prefix("Q="))
            {
                q = parse_q(v.trim()).unwrap_or(0);
            }
        }
        match coding.as_str() {
            "br" => br = Some(q),
            "gzip" | "x-gzip" => gzip = Some(q),
            "*" => star = Some(q),
            _ => {}
        }
    }
    (br.or(star).unwrap_or(0), gzip.or(star).unwrap_or(0))
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
fn parse_q(v: &str) -> Option<u16> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac_value = format!("{frac:0<3}").parse::<u16>().ok()?;
    match int {
        "0" => Some(frac_value),
        "1" if frac_value == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn page() -> Bytes {
        Bytes::from("<!doctype html><p>hello</p>".repeat(100))
    }

    #[test]
    fn picks_per_rfc_9110_12_5_3() {
        let v = Variants::new(page());
        let pick = |h: &str| v.pick(Some(h.as_bytes())).0;
        assert_eq!(pick("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(pick("gzip"), Encoding::Gzip);
        assert_eq!(pick("br;q=0.5, gzip;q=0.8"), Encoding::Gzip);
        assert_eq!(pick("br;q=0, gzip;q=0"), Encoding::Identity);
        assert_eq!(pick("*"), Encoding::Brotli);
        assert_eq!(pick("*;q=0.1, br;q=0"), Encoding::Gzip);
        assert_eq!(pick("identity"), Encoding::Identity);
        assert_eq!(pick("gzip;q=2"), Encoding::Identity, "invalid q is q=0");
        assert_eq!(v.pick(None).0, Encoding::Identity);
    }

    #[test]
    fn variants_decompress_to_the_original() {
        use std::io::Read;
        let v = Variants::new(page());
        let (_, gz) = v.pick(Some(b"gzip"));
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, page());
        let (_, br) = v.pick(Some(b"br"));
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut out).unwrap();
        assert_eq!(out, page());
        assert!(br.len() < page().len() / 10);
    }

    #[test]
    fn on_demand_variants_decompress_too() {
        use std::io::Read;
        let v = Variants::with_level(page(), Level::OnDemand);
        let (enc, br) = v.pick(Some(b"br"));
        assert_eq!(enc, Encoding::Brotli);
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut out).unwrap();
        assert_eq!(out, page());
        let (enc, gz) = v.pick(Some(b"gzip"));
        assert_eq!(enc, Encoding::Gzip);
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, page());
    }

    #[test]
    fn tiny_bodies_stay_identity() {
        let v = Variants::new(Bytes::from_static(b"ok"));
        assert_eq!(v.pick(Some(b"br, gzip")).0, Encoding::Identity);
    }

    proptest! {
        #[test]
        fn negotiation_never_panics(h in "\\PC{0,60}") {
            let v = Variants::new(page());
            let _ = v.pick(Some(h.as_bytes()));
        }
    }
}
