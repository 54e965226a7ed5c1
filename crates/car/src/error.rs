//! The one error type of the crate. Messages say what is wrong with the file and, where it
//! helps, what the caller can do (fall back to the loose PNG icons, raise a limit).

use crate::csi::Compression;

/// Why a catalog or one of its icons could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CarError {
    /// The bytes do not start with the `BOMStore` signature.
    #[error("not an asset catalog: Assets.car must start with the BOMStore signature")]
    NotACatalog,
    /// The whole file is above [`MAX_CAR_BYTES`](crate::MAX_CAR_BYTES).
    #[error("Assets.car is {size} bytes; catalogs above {limit} bytes are refused")]
    TooLarge {
        /// Size of the input.
        size: usize,
        /// The limit that was exceeded.
        limit: usize,
    },
    /// A structure points outside the file, loops, or contradicts itself.
    #[error("Assets.car is damaged: {0}")]
    Corrupt(String),
    /// The image is larger than the reader's pixel limit.
    #[error("image is {width}x{height} px; images above {limit} px per side are refused")]
    ImageTooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// The per-side limit.
        limit: u32,
    },
    /// The image is stored with a compression this reader does not decode.
    #[error("image uses {0} compression, which this reader does not decode; use the loose PNG icons instead")]
    UnsupportedCompression(Compression),
    /// The image has a pixel format other than ARGB or GA8.
    #[error("image uses pixel format {0:?}, which this reader does not decode")]
    UnsupportedPixelFormat(String),
    /// The compressed data is invalid or does not decompress to the size the header states.
    #[error("image data does not decompress ({compression}): {detail}")]
    Decompress {
        /// The compression in use.
        compression: Compression,
        /// What went wrong.
        detail: String,
    },
}

impl CarError {
    pub(crate) fn corrupt(what: impl Into<String>) -> Self {
        CarError::Corrupt(what.into())
    }
}
