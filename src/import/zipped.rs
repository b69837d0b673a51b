//! A .zip of an SFDX folder or a retrieved package, as the (path, bytes) list the importer
//! reads: in the CLI (`access-sim import salesforce org.zip`) and in the app, which hands over
//! the bytes of the file the user picked.

use std::io::Read;

use super::{ImportError, SourceFile};

/// Most bytes a zip may unpack to, so a zip bomb ends with an error, not an exhausted machine
/// or browser tab.
pub const MAX_UNPACKED: u64 = 1 << 30;

/// What a single read allocates ahead of the data, whatever size an entry claims.
const MAX_RESERVE: u64 = 16 << 20;

pub fn unzip(name: &str, bytes: &[u8]) -> Result<Vec<SourceFile>, ImportError> {
    let err = |message: String| ImportError {
        file: name.to_string(),
        line: None,
        message,
    };
    let too_big = || {
        err(format!(
            "unpacks to more than {}; unzip it and import the folder, or retrieve fewer metadata types",
            bytes_in_words(MAX_UNPACKED)
        ))
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| err(format!("not a readable zip: {e}")))?;
    // The sizes the zip declares, checked before anything is unpacked: an honest bomb stops
    // here at once.
    if zip
        .decompressed_size()
        .is_none_or(|n| n > u128::from(MAX_UNPACKED))
    {
        return Err(too_big());
    }
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
        let declared = entry.size();
        if declared > budget {
            return Err(too_big());
        }
        // An entry that unpacks to more than it declares is malformed (or hostile): stop
        // reading one byte past its declared size, so no entry can run away.
        let mut data = Vec::with_capacity(declared.min(MAX_RESERVE) as usize);
        (&mut entry)
            .take(declared + 1)
            .read_to_end(&mut data)
            .map_err(|e| err(format!("{path}: {e}")))?;
        if data.len() as u64 > declared {
            return Err(err(format!(
                "{path} unpacks to more than the {declared} bytes the zip declares for it: the zip is damaged"
            )));
        }
        budget -= data.len() as u64;
        out.push((path, data));
    }
    Ok(out)
}

/// 1073741824 as "1 GiB", 5242880 as "5 MiB".
fn bytes_in_words(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n => format!("{n} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip of one stored entry whose declared sizes are `declared` and whose data is `data`,
    /// written by hand (the zip crate's writer would declare the truth).
    fn lying_zip(data: &[u8], declared: u32) -> Vec<u8> {
        let name = b"roles/Big.role-meta.xml";
        let crc = crc32(data);
        let mut z = Vec::new();
        let le16 = |z: &mut Vec<u8>, v: u16| z.extend_from_slice(&v.to_le_bytes());
        let le32 = |z: &mut Vec<u8>, v: u32| z.extend_from_slice(&v.to_le_bytes());
        // Local header, stored (method 0).
        le32(&mut z, 0x0403_4b50);
        for v in [20u16, 0, 0, 0, 0] {
            le16(&mut z, v);
        }
        le32(&mut z, crc);
        le32(&mut z, data.len() as u32);
        le32(&mut z, declared);
        le16(&mut z, name.len() as u16);
        le16(&mut z, 0);
        z.extend_from_slice(name);
        z.extend_from_slice(data);
        let cd = z.len() as u32;
        le32(&mut z, 0x0201_4b50);
        for v in [20u16, 20, 0, 0, 0, 0] {
            le16(&mut z, v);
        }
        le32(&mut z, crc);
        le32(&mut z, data.len() as u32);
        le32(&mut z, declared);
        le16(&mut z, name.len() as u16);
        for v in [0u16, 0, 0, 0] {
            le16(&mut z, v);
        }
        le32(&mut z, 0);
        le32(&mut z, 0);
        z.extend_from_slice(name);
        let cd_len = z.len() as u32 - cd;
        le32(&mut z, 0x0605_4b50);
        for v in [0u16, 0, 1, 1] {
            le16(&mut z, v);
        }
        le32(&mut z, cd_len);
        le32(&mut z, cd);
        le16(&mut z, 0);
        z
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut c = !0u32;
        for b in data {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
        }
        !c
    }

    #[test]
    fn declared_sizes_bound_what_is_unpacked() {
        let data = b"<Role><name>Big</name></Role>";
        let ok = unzip("org.zip", &lying_zip(data, data.len() as u32)).unwrap();
        assert_eq!(ok, [("roles/Big.role-meta.xml".to_string(), data.to_vec())]);
        // Declaring less than it holds: stopped one byte past the declaration.
        let e = unzip("org.zip", &lying_zip(data, 4)).unwrap_err();
        assert!(e.message.contains("more than the 4 bytes"), "{e}");
        // Declaring more than the limit: refused before anything is unpacked.
        let e = unzip("org.zip", &lying_zip(data, 0xF000_0000)).unwrap_err();
        assert!(e.message.contains("more than 1 GiB"), "{e}");
        assert!(unzip("org.zip", b"PK\x03\x04 not really").is_err());
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(bytes_in_words(MAX_UNPACKED), "1 GiB");
        assert_eq!(bytes_in_words(5 << 20), "5 MiB");
        assert_eq!(bytes_in_words(10), "10 bytes");
    }
}
