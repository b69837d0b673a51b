//! A .zip of an SFDX folder or a retrieved package, as the (path, bytes) list the importer
//! reads. Native only: the app hands over a zip's contents itself.

use std::io::Read;

use super::{ImportError, SourceFile};

/// Most bytes a zip may unpack to, so a zip bomb ends with an error, not an exhausted machine.
pub const MAX_UNPACKED: u64 = 1 << 30;

pub fn unzip(name: &str, bytes: &[u8]) -> Result<Vec<SourceFile>, ImportError> {
    let err = |message: String| ImportError {
        file: name.to_string(),
        line: None,
        message,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| err(format!("not a readable zip: {e}")))?;
    let mut out = Vec::new();
    let mut budget = MAX_UNPACKED;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| err(format!("entry {}: {e}", i + 1)))?;
        if entry.is_dir() {
            continue;
        }
        let path = entry.name().to_string();
        let mut data = Vec::new();
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut data)
            .map_err(|e| err(format!("{path}: {e}")))?;
        if data.len() as u64 > budget {
            return Err(err(format!(
                "unpacks to more than {MAX_UNPACKED} bytes; unzip it and import the folder"
            )));
        }
        budget -= data.len() as u64;
        out.push((path, data));
    }
    Ok(out)
}
