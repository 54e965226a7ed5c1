//! BER to DER-shaped re-encoding, for signed messages written by tools (openssl, fastlane's
//! re-signing) that use indefinite lengths and chunked OCTET STRINGs. The `cms` crate reads
//! only DER; after this, it reads these too. Only lengths and OCTET STRING chunking are
//! changed: the bytes that digests cover are kept as they are.

/// Nesting bound; CMS profiles nest about 12 deep.
const MAX_DEPTH: usize = 48;

const OCTET_STRING: u8 = 0x04;
const OCTET_STRING_CONSTRUCTED: u8 = 0x24;

/// Re-encodes one BER element (the whole input) with definite lengths. `None` when the
/// input is not well-formed BER or has bytes after the element.
pub(crate) fn to_definite(input: &[u8]) -> Option<Vec<u8>> {
    let mut pos = 0;
    let node = parse(input, &mut pos, 0)?;
    if pos != input.len() {
        return None;
    }
    let mut out = Vec::with_capacity(input.len());
    node.write(&mut out);
    Some(out)
}

struct Node {
    tag: Vec<u8>,
    /// Content octets, children already re-encoded.
    content: Vec<u8>,
}

impl Node {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.tag);
        let len = self.content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = (len as u64).to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            out.push(0x80 | (8 - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
        out.extend_from_slice(&self.content);
    }
}

fn byte(input: &[u8], pos: &mut usize) -> Option<u8> {
    let b = *input.get(*pos)?;
    *pos += 1;
    Some(b)
}

fn parse(input: &[u8], pos: &mut usize, depth: usize) -> Option<Node> {
    if depth > MAX_DEPTH {
        return None;
    }
    let start = *pos;
    let first = byte(input, pos)?;
    if first & 0x1f == 0x1f {
        // High tag number: base-128 continuation bytes.
        for _ in 0..5 {
            if byte(input, pos)? & 0x80 == 0 {
                break;
            }
        }
    }
    let mut tag = input.get(start..*pos)?.to_vec();
    let constructed = first & 0x20 != 0;
    let len_byte = byte(input, pos)?;
    let definite_len = match len_byte {
        0x80 => None,
        l if l < 0x80 => Some(usize::from(l)),
        l => {
            let n = usize::from(l & 0x7f);
            if n > 8 {
                return None;
            }
            let mut len = 0u64;
            for _ in 0..n {
                len = (len << 8) | u64::from(byte(input, pos)?);
            }
            Some(usize::try_from(len).ok()?)
        }
    };
    if !constructed {
        let len = definite_len?;
        let end = pos.checked_add(len)?;
        let content = input.get(*pos..end)?.to_vec();
        *pos = end;
        return Some(Node { tag, content });
    }
    let mut children = Vec::new();
    match definite_len {
        Some(len) => {
            let end = pos.checked_add(len)?;
            let body = input.get(..end)?;
            while *pos < end {
                children.push(parse(body, pos, depth + 1)?);
            }
        }
        None => loop {
            if input.get(*pos..pos.checked_add(2)?)? == [0, 0] {
                *pos += 2;
                break;
            }
            children.push(parse(input, pos, depth + 1)?);
        },
    }
    let mut content = Vec::new();
    if tag == [OCTET_STRING_CONSTRUCTED] {
        // A chunked OCTET STRING becomes one primitive string of the chunks' contents.
        for child in children {
            if child.tag != [OCTET_STRING] {
                return None;
            }
            content.extend(child.content);
        }
        tag = vec![OCTET_STRING];
    } else {
        for child in children {
            child.write(&mut content);
        }
    }
    Some(Node { tag, content })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn indefinite_lengths_become_definite() {
        // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING (chunked) "ab" "c" }
        let ber = [
            0x30, 0x80, 0x02, 0x01, 0x05, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0,
            0, 0, 0,
        ];
        assert_eq!(
            to_definite(&ber).unwrap(),
            vec![0x30, 0x08, 0x02, 0x01, 0x05, 0x04, 0x03, b'a', b'b', b'c']
        );
    }

    #[test]
    fn der_is_unchanged_and_junk_refused() {
        let der = [0x30, 0x03, 0x02, 0x01, 0x07];
        assert_eq!(to_definite(&der).unwrap(), der.to_vec());
        assert!(to_definite(&[0x30, 0x80, 0x02, 0x01]).is_none());
        assert!(to_definite(&[0x30, 0x03, 0x02, 0x01, 0x07, 0x00]).is_none());
        let deep: Vec<u8> = std::iter::repeat_n([0x30u8, 0x80], 100).flatten().collect();
        assert!(to_definite(&deep).is_none());
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = to_definite(&bytes);
        }
    }
}
