use thiserror::Error;

/// Why an IPA could not be read. Every variant but `Io` is the uploader's problem (HTTP 400,
/// or a non-zero exit of `otadrop inspect`); messages say what is wrong and what to do.
#[derive(Debug, Error)]
pub enum IpaError {
    #[error("not a zip archive ({0}); an .ipa is the zip that Xcode exports")]
    NotZip(String),
    #[error(
        "no Payload/<Name>.app folder at the top of the archive (it holds: {found}); \
         is this an .ipa exported for iOS?"
    )]
    NoAppBundle { found: String },
    #[error(
        "the app is at {found}, inside an extra folder: iOS installs only an .ipa whose \
         Payload/ folder is at the top; zip the Payload folder itself, or re-export from Xcode"
    )]
    NestedPayload { found: String },
    #[error("Payload/ holds several apps ({0}); an .ipa carries exactly one")]
    SeveralApps(String),
    #[error("{0} has no Info.plist; the app bundle is incomplete, re-export it")]
    NoInfoPlist(String),
    #[error("Info.plist cannot be read ({0}); export the .ipa again from Xcode")]
    BadInfoPlist(String),
    #[error("Info.plist has no {0}; iOS needs it to install the app")]
    MissingKey(&'static str),
    #[error("{0}")]
    Limit(String),
    #[error(
        "the archive is ambiguous ({0}): iOS could install something other than what was \
         checked; export the .ipa again from Xcode"
    )]
    Ambiguous(String),
    #[error(
        "the archive entry {name} cannot be read ({reason}); the .ipa is damaged, export it again"
    )]
    BadEntry { name: String, reason: String },
    #[error("reading the archive failed: {0}")]
    Io(#[from] std::io::Error),
}

impl IpaError {
    /// True when the file itself is at fault (as opposed to the disk).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, IpaError::Io(_))
    }
}

/// Whether an I/O error met while decoding says the data is bad (rather than the disk).
pub(crate) fn io_is_bad_data(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        InvalidData | InvalidInput | UnexpectedEof | Unsupported
    )
}
