//! Share links: a whole scenario in a URL fragment, deflate-compressed and base64url-encoded,
//! so a scenario can be sent without any server. Both sides are size-capped: a link longer than
//! `MAX_LINK_CHARS` is refused before decoding, and decompression stops at `MAX_SCENARIO_BYTES`
//! so a small link cannot expand into a memory bomb.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use thiserror::Error;

/// The fragment prefix: `#s=<data>`.
pub const PREFIX: &str = "s=";
/// Longest link payload accepted (characters after `#s=`).
pub const MAX_LINK_CHARS: usize = 2 * 1024 * 1024;
/// Largest scenario a link may expand to.
pub const MAX_SCENARIO_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShareError {
    #[error("this link is not a scenario link (it should start with #{PREFIX})")]
    NotALink,
    #[error("this link is {0} characters long; the limit is {MAX_LINK_CHARS}")]
    TooLong(usize),
    #[error("this link is damaged (it is not valid base64url)")]
    Encoding,
    #[error("this link is damaged (its data does not decompress)")]
    Compression,
    #[error("this link expands past {MAX_SCENARIO_BYTES} bytes, so it was not opened")]
    TooLarge,
    #[error("this link's scenario is not UTF-8 text")]
    Utf8,
}

/// The fragment (without `#`) for a scenario's JSON text.
pub fn encode(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The scenario JSON text a fragment (with or without `#`) carries. It still has to be loaded
/// and validated like any file.
pub fn decode(fragment: &str) -> Result<String, ShareError> {
    let data = fragment
        .trim_start_matches('#')
        .strip_prefix(PREFIX)
        .ok_or(ShareError::NotALink)?;
    if data.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(data.len()));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| ShareError::Encoding)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_SCENARIO_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::Compression,
        })?;
    String::from_utf8(bytes).map_err(|_| ShareError::Utf8)
}
