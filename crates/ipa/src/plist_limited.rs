//! Property lists (XML, binary or ASCII) parsed under limits.
//!
//! The `plist` crate does the tokenising; the tree is built here from its event stream so
//! that nesting depth, the number of values and the bytes of strings and data are bounded. A
//! binary plist can make one object reachable many times (object references form a DAG), so
//! a 2 KiB file could otherwise expand to gigabytes.

use std::io::Cursor;

use plist::stream::{Event, Reader};
use plist::{Dictionary, Value};
use thiserror::Error;

use super::Limits;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlistError {
    #[error("{0} bytes is larger than the {1} accepted")]
    TooLarge(u64, u64),
    #[error("nested deeper than {0} levels")]
    TooDeep(usize),
    #[error("holds more than {0} values")]
    TooManyItems(usize),
    #[error("expands to more than {0} bytes of strings and data")]
    TooMuchData(u64),
    #[error("not a property list: {0}")]
    Syntax(String),
    #[error("the top level is not a dictionary")]
    NotADictionary,
}

enum Frame {
    Array(Vec<Value>),
    Dict(Dictionary, Option<String>),
}

/// Parses a whole property list into a [`Value`], within `limits`.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Value, PlistError> {
    let len = bytes.len() as u64;
    if len > limits.max_plist_bytes {
        return Err(PlistError::TooLarge(len, limits.max_plist_bytes));
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut items = 0usize;
    let mut value_bytes = 0u64;
    for event in Reader::new(Cursor::new(bytes)) {
        let event = event.map_err(|e| PlistError::Syntax(e.to_string()))?;
        items += 1;
        if items > limits.max_plist_items {
            return Err(PlistError::TooManyItems(limits.max_plist_items));
        }
        let value = match event {
            Event::StartArray(_) | Event::StartDictionary(_) => {
                if stack.len() >= limits.max_plist_depth {
                    return Err(PlistError::TooDeep(limits.max_plist_depth));
                }
                stack.push(match event {
                    Event::StartArray(_) => Frame::Array(Vec::new()),
                    _ => Frame::Dict(Dictionary::new(), None),
                });
                continue;
            }
            Event::EndCollection => match stack.pop() {
                Some(Frame::Array(a)) => Value::Array(a),
                Some(Frame::Dict(d, None)) => Value::Dictionary(d),
                Some(Frame::Dict(_, Some(key))) => {
                    return Err(PlistError::Syntax(format!("key {key:?} has no value")))
                }
                None => return Err(PlistError::Syntax("unbalanced end of collection".into())),
            },
            Event::Boolean(b) => Value::Boolean(b),
            Event::Data(d) => {
                value_bytes += d.len() as u64;
                Value::Data(d.into_owned())
            }
            Event::Date(d) => Value::Date(d),
            Event::Integer(i) => Value::Integer(i),
            Event::Real(r) => Value::Real(r),
            Event::String(s) => {
                value_bytes += s.len() as u64;
                Value::String(s.into_owned())
            }
            Event::Uid(u) => Value::Uid(u),
            _ => return Err(PlistError::Syntax("unknown plist event".into())),
        };
        if value_bytes > limits.max_plist_value_bytes {
            return Err(PlistError::TooMuchData(limits.max_plist_value_bytes));
        }
        match stack.last_mut() {
            None => return Ok(value),
            Some(Frame::Array(a)) => a.push(value),
            Some(Frame::Dict(d, key @ Some(_))) => {
                if let Some(k) = key.take() {
                    d.insert(k, value);
                }
            }
            Some(Frame::Dict(_, key @ None)) => match value {
                Value::String(k) => *key = Some(k),
                _ => return Err(PlistError::Syntax("dictionary key is not a string".into())),
            },
        }
    }
    Err(PlistError::Syntax(
        "ends before the property list is complete".into(),
    ))
}

/// Parses a property list whose top level must be a dictionary (Info.plist, profiles).
pub fn parse_dictionary(bytes: &[u8], limits: &Limits) -> Result<Dictionary, PlistError> {
    parse(bytes, limits)?
        .into_dictionary()
        .ok_or(PlistError::NotADictionary)
}

/// For the crate's tests: an XML plist document holding `body`.
#[cfg(test)]
pub(crate) fn xml(body: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">{body}</plist>")
        .into_bytes()
}

/// For the crate's tests: the dictionary of `entries` (`<key>..</key><string>..</string>...`).
#[cfg(test)]
pub(crate) fn dictionary_of(entries: &str) -> plist::Dictionary {
    plist::from_bytes(&xml(&format!("<dict>{entries}</dict>"))).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn xml_dictionary_parses() {
        let d = parse_dictionary(
            &xml("<dict><key>A</key><string>B</string><key>N</key><array><integer>1</integer></array></dict>"),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(d.get("A").and_then(Value::as_string), Some("B"));
        assert_eq!(d.get("N").and_then(Value::as_array).map(Vec::len), Some(1));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let body = format!("{}{}", "<array>".repeat(200), "</array>".repeat(200));
        assert_eq!(
            parse(&xml(&body), &Limits::default()),
            Err(PlistError::TooDeep(64))
        );
    }

    /// A binary plist whose arrays all refer to the next one ten times: 10^12 values once
    /// expanded, from about 130 bytes.
    fn binary_laughs(levels: u8) -> Vec<u8> {
        let mut out = b"bplist00".to_vec();
        let mut offsets = Vec::new();
        for i in 0..levels {
            offsets.push(out.len() as u8);
            out.push(0xA0 | 10);
            let target = if i + 1 == levels { i } else { i + 1 };
            out.extend(std::iter::repeat_n(target, 10));
        }
        // last object: a string instead of an array
        let last = *offsets.last().unwrap() as usize;
        out.truncate(last);
        out.extend(b"\x55hello");
        let table = out.len() as u64;
        out.extend(&offsets);
        out.extend([0u8; 6]);
        out.push(1); // offset size
        out.push(1); // ref size
        out.extend((levels as u64).to_be_bytes());
        out.extend(0u64.to_be_bytes());
        out.extend(table.to_be_bytes());
        out
    }

    #[test]
    fn reference_bombs_are_refused() {
        let err = parse(&binary_laughs(12), &Limits::default()).unwrap_err();
        assert_eq!(err, PlistError::TooManyItems(500_000));
    }

    #[test]
    fn non_dictionary_root_is_refused() {
        assert_eq!(
            parse_dictionary(&xml("<array/>"), &Limits::default()),
            Err(PlistError::NotADictionary)
        );
    }

    #[test]
    fn size_limit_applies_before_parsing() {
        let limits = Limits {
            max_plist_bytes: 10,
            ..Limits::default()
        };
        assert!(matches!(
            parse(&xml("<dict/>"), &limits),
            Err(PlistError::TooLarge(_, 10))
        ));
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse(&bytes, &Limits::default());
        }

        #[test]
        fn arbitrary_bplist_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256)) {
            let mut bytes = b"bplist00".to_vec();
            bytes.extend(body);
            let _ = parse(&bytes, &Limits::default());
        }
    }
}
