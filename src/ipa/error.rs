use thiserror::Error;

/// Why an IPA could not be read. Every variant but `Io` is the uploader's problem (HTTP 400,
/// or a non-zero exit of `otadrop inspect`); messages say what is wrong and what to do.
#[derive(Debug, Error)]
pub enum IpaError {
    #[error("not a zip archive ({0}); an .ipa is the zip that Xcode exports")]
    NotZip(String),
    #[error("no Payload/<Name>.app folder in the archive; is this an .ipa exported for iOS?")]
    NoAppBundle,
    #[error("{0} has no Info.plist")]
    NoInfoPlist(String),
    #[error("Info.plist cannot be read: {0}")]
    BadInfoPlist(String),
    #[error("Info.plist has no {0}")]
    MissingKey(&'static str),
    #[error("{0}")]
    Limit(String),
    #[error("reading the archive failed: {0}")]
    Io(#[from] std::io::Error),
}

impl IpaError {
    /// True when the file itself is at fault (as opposed to the disk).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, IpaError::Io(_))
    }
}
