//! Bounds-checked integer reads from byte slices. Every read returns `None` past the end, so
//! a truncated catalog turns into an error at the call site instead of a panic.

pub(crate) fn u16_le(d: &[u8], at: usize) -> Option<u16> {
    array(d, at).map(u16::from_le_bytes)
}

pub(crate) fn u32_le(d: &[u8], at: usize) -> Option<u32> {
    array(d, at).map(u32::from_le_bytes)
}

pub(crate) fn u16_be(d: &[u8], at: usize) -> Option<u16> {
    array(d, at).map(u16::from_be_bytes)
}

pub(crate) fn u32_be(d: &[u8], at: usize) -> Option<u32> {
    array(d, at).map(u32::from_be_bytes)
}

/// The `N` bytes at `at`, if they are all inside `d`.
fn array<const N: usize>(d: &[u8], at: usize) -> Option<[u8; N]> {
    slice(d, at, N)?.try_into().ok()
}

/// `len` bytes at `at`, if they are all inside `d`.
pub(crate) fn slice(d: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    d.get(at..at.checked_add(len)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_end() {
        let d = [1, 2, 3, 4, 5];
        assert_eq!(u32_le(&d, 0), Some(0x0403_0201));
        assert_eq!(u32_be(&d, 1), Some(0x0203_0405));
        assert_eq!(u32_le(&d, 2), None);
        assert_eq!(u16_le(&d, 4), None);
        assert_eq!(u16_be(&d, usize::MAX), None);
        assert_eq!(slice(&d, 3, 2), Some(&d[3..5]));
        assert_eq!(slice(&d, 3, usize::MAX), None);
    }
}
