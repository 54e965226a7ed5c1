//! The BOM container ("BOMStore"): a block table, named variables that point at blocks, and
//! B+trees whose leaves pair a key block with a value block. Everything here is big-endian.
//!
//! Layout: a 32-byte header (`BOMStore`, version, block count, index offset/length, vars
//! offset/length); the index is a `u32` count then `(address, length)` pairs; the vars are a
//! `u32` count then `(block: u32, name_len: u8, name)`. A `tree` block holds the root path
//! block; a path block is `(is_leaf: u16, count: u16, forward: u32, backward: u32)` then
//! `count` pairs of `(value block, key block)`. Inner paths point at child paths.

use crate::bytes::{slice, u16_be, u32_be};
use crate::error::CarError;

/// At most this many leaf entries are read from one tree.
pub const MAX_TREE_ENTRIES: usize = 1 << 18;
/// Deepest inner-path chain followed from a tree's root to its first leaf.
const MAX_TREE_DEPTH: usize = 32;

/// One leaf entry of a tree: `(key block, value block)`.
pub(crate) type Entry<'a> = (&'a [u8], &'a [u8]);

/// A parsed BOM container borrowing the file.
pub(crate) struct Bom<'a> {
    data: &'a [u8],
    /// The block index: `count * 8` bytes of `(address, length)`.
    index: &'a [u8],
    vars: Vec<(&'a [u8], u32)>,
}

impl<'a> Bom<'a> {
    pub(crate) fn parse(data: &'a [u8]) -> Result<Self, CarError> {
        if !data.starts_with(b"BOMStore") {
            return Err(CarError::NotACatalog);
        }
        let field = |at| u32_be(data, at).map(|v| v as usize);
        let header = (|| Some((field(16)?, field(24)?, field(28)?)))()
            .ok_or_else(|| CarError::corrupt("BOM header is truncated"))?;
        let (index_offset, vars_offset, vars_len) = header;

        let count = field(index_offset)
            .ok_or_else(|| CarError::corrupt("BOM block index is outside the file"))?;
        let index = count
            .checked_mul(8)
            .and_then(|len| slice(data, index_offset + 4, len))
            .ok_or_else(|| CarError::corrupt("BOM block index runs past the end of the file"))?;

        let vars_area = slice(data, vars_offset, vars_len)
            .ok_or_else(|| CarError::corrupt("BOM variables are outside the file"))?;
        let var_count =
            u32_be(vars_area, 0).ok_or_else(|| CarError::corrupt("BOM variables are truncated"))?;
        let mut vars = Vec::new();
        let mut at = 4;
        for _ in 0..var_count {
            // Each entry takes at least 5 bytes, so a huge count stops at the area's end.
            let (Some(block), Some(&len)) = (u32_be(vars_area, at), vars_area.get(at + 4)) else {
                return Err(CarError::corrupt("BOM variable list is truncated"));
            };
            let name = slice(vars_area, at + 5, len as usize)
                .ok_or_else(|| CarError::corrupt("BOM variable name is truncated"))?;
            vars.push((name, block));
            at += 5 + len as usize;
        }
        Ok(Bom { data, index, vars })
    }

    /// Number of entries in the block index.
    pub(crate) fn block_count(&self) -> usize {
        self.index.len() / 8
    }

    /// The bytes of block `id`.
    pub(crate) fn block(&self, id: u32) -> Result<&'a [u8], CarError> {
        let at = (id as usize)
            .checked_mul(8)
            .filter(|&at| at < self.index.len())
            .ok_or_else(|| CarError::corrupt(format!("block {id} is not in the BOM index")))?;
        let (Some(addr), Some(len)) = (u32_be(self.index, at), u32_be(self.index, at + 4)) else {
            return Err(CarError::corrupt("BOM index entry is truncated"));
        };
        slice(self.data, addr as usize, len as usize)
            .ok_or_else(|| CarError::corrupt(format!("block {id} points outside the file")))
    }

    /// The block a named variable points at (`CARHEADER`, `RENDITIONS`, ...).
    pub(crate) fn var(&self, name: &str) -> Option<u32> {
        self.vars
            .iter()
            .find(|(n, _)| *n == name.as_bytes())
            .map(|&(_, b)| b)
    }

    /// The `(key, value)` pairs of the tree named `name`, in leaf order; an empty list when
    /// the variable is absent.
    pub(crate) fn tree(&self, name: &str) -> Result<Vec<Entry<'a>>, CarError> {
        let Some(tree_block) = self.var(name) else {
            return Ok(Vec::new());
        };
        let tree = self.block(tree_block)?;
        if !tree.starts_with(b"tree") {
            return Err(CarError::corrupt(format!("{name} is not a BOM tree")));
        }
        let mut path_id = u32_be(tree, 8)
            .ok_or_else(|| CarError::corrupt(format!("{name} tree header is truncated")))?;

        // Descend through inner paths to the leftmost leaf.
        let mut depth = 0;
        let mut path = self.block(path_id)?;
        while u16_be(path, 0) == Some(0) {
            depth += 1;
            if depth > MAX_TREE_DEPTH {
                return Err(CarError::corrupt(format!(
                    "{name} tree is deeper than {MAX_TREE_DEPTH}"
                )));
            }
            if u16_be(path, 2) == Some(0) {
                return Ok(Vec::new()); // an inner node without children: an empty tree
            }
            path_id = u32_be(path, 12)
                .ok_or_else(|| CarError::corrupt(format!("{name} tree path is truncated")))?;
            path = self.block(path_id)?;
        }

        // Walk the leaves through their forward links. A leaf can be visited at most once per
        // block, so a cycle ends once more leaves were visited than blocks exist.
        let mut entries = Vec::new();
        let mut visited = 0usize;
        loop {
            visited += 1;
            if visited > self.block_count() {
                return Err(CarError::corrupt(format!(
                    "{name} tree leaves form a cycle"
                )));
            }
            let (Some(count), Some(forward)) = (u16_be(path, 2), u32_be(path, 4)) else {
                return Err(CarError::corrupt(format!("{name} tree path is truncated")));
            };
            for i in 0..count as usize {
                let at = 12 + 8 * i;
                let (Some(value), Some(key)) = (u32_be(path, at), u32_be(path, at + 4)) else {
                    return Err(CarError::corrupt(format!("{name} tree path is truncated")));
                };
                if entries.len() >= MAX_TREE_ENTRIES {
                    return Err(CarError::corrupt(format!(
                        "{name} has more than {MAX_TREE_ENTRIES} entries"
                    )));
                }
                entries.push((self.block(key)?, self.block(value)?));
            }
            if forward == 0 {
                return Ok(entries);
            }
            path = self.block(forward)?;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a minimal BOM: `blocks` become blocks 1.., `vars` name block ids.
    pub(crate) fn build(blocks: &[&[u8]], vars: &[(&str, u32)]) -> Vec<u8> {
        let mut out = b"BOMStore".to_vec();
        out.resize(32, 0);
        let mut addrs = vec![(0u32, 0u32)];
        for b in blocks {
            addrs.push((out.len() as u32, b.len() as u32));
            out.extend_from_slice(b);
        }
        let index_offset = out.len() as u32;
        out.extend_from_slice(&(addrs.len() as u32).to_be_bytes());
        for (a, l) in &addrs {
            out.extend_from_slice(&a.to_be_bytes());
            out.extend_from_slice(&l.to_be_bytes());
        }
        let vars_offset = out.len() as u32;
        out.extend_from_slice(&(vars.len() as u32).to_be_bytes());
        for (name, id) in vars {
            out.extend_from_slice(&id.to_be_bytes());
            out.push(name.len() as u8);
            out.extend_from_slice(name.as_bytes());
        }
        let vars_len = out.len() as u32 - vars_offset;
        out[8..12].copy_from_slice(&1u32.to_be_bytes());
        out[12..16].copy_from_slice(&(addrs.len() as u32).to_be_bytes());
        out[16..20].copy_from_slice(&index_offset.to_be_bytes());
        out[20..24].copy_from_slice(&(addrs.len() as u32 * 8 + 4).to_be_bytes());
        out[24..28].copy_from_slice(&vars_offset.to_be_bytes());
        out[28..32].copy_from_slice(&vars_len.to_be_bytes());
        out
    }

    pub(crate) fn tree_block(root: u32) -> Vec<u8> {
        let mut t = b"tree".to_vec();
        for v in [1u32, root, 4096, 0] {
            t.extend_from_slice(&v.to_be_bytes());
        }
        t.push(0);
        t
    }

    pub(crate) fn leaf(entries: &[(u32, u32)], forward: u32) -> Vec<u8> {
        let mut p = 1u16.to_be_bytes().to_vec();
        p.extend_from_slice(&(entries.len() as u16).to_be_bytes());
        p.extend_from_slice(&forward.to_be_bytes());
        p.extend_from_slice(&0u32.to_be_bytes());
        for (value, key) in entries {
            p.extend_from_slice(&value.to_be_bytes());
            p.extend_from_slice(&key.to_be_bytes());
        }
        p
    }

    #[test]
    fn walks_a_two_leaf_tree() {
        // blocks: 1 tree, 2 leaf -> 3, 3 leaf, 4..7 keys/values
        let bom = build(
            &[
                &tree_block(2),
                &leaf(&[(5, 4)], 3),
                &leaf(&[(7, 6)], 0),
                b"k1",
                b"v1",
                b"k2",
                b"v2",
            ],
            &[("T", 1)],
        );
        let bom = Bom::parse(&bom).unwrap();
        let t = bom.tree("T").unwrap();
        assert_eq!(t, vec![(&b"k1"[..], &b"v1"[..]), (&b"k2"[..], &b"v2"[..])]);
        assert!(bom.tree("missing").unwrap().is_empty());
    }

    #[test]
    fn a_leaf_cycle_is_an_error_not_a_hang() {
        let bom = build(
            &[
                &tree_block(2),
                &leaf(&[(4, 4)], 3),
                &leaf(&[(4, 4)], 2),
                b"x",
            ],
            &[("T", 1)],
        );
        let bom = Bom::parse(&bom).unwrap();
        assert!(matches!(bom.tree("T"), Err(CarError::Corrupt(_))));
    }

    #[test]
    fn rejects_non_bom_and_out_of_range_blocks() {
        assert!(matches!(
            Bom::parse(b"PK\x03\x04"),
            Err(CarError::NotACatalog)
        ));
        assert!(Bom::parse(b"BOMStore").is_err());
        let bom = build(&[b"abc"], &[]);
        let bom = Bom::parse(&bom).unwrap();
        assert_eq!(bom.block(1).unwrap(), b"abc");
        assert!(bom.block(2).is_err());
        assert!(bom.block(u32::MAX).is_err());
    }
}
