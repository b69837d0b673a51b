//! Which metadata type each file holds, told from its name the way the Metadata API lays out a
//! package: SFDX source (`roles/CEO.role-meta.xml`) or a retrieved package (`roles/CEO.role`).

use super::report::Report;
use super::{ImportError, SourceFile};

/// The metadata types the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Role,
    Group,
    Queue,
    SharingRules,
    SharingSet,
    Object,
    Field,
    Profile,
    PermissionSet,
    SharingSettings,
    /// Data Loader CSV of one object (`Account.csv`); `name` is the object.
    DataCsv,
    /// `sf data export tree` JSON (`Account-Contact.json`).
    DataTree,
}

/// (SFDX suffix, Metadata API suffix, the folder a package keeps them in, kind).
const SUFFIXES: [(&str, &str, &str, Kind); 9] = [
    (".role-meta.xml", ".role", "roles", Kind::Role),
    (".group-meta.xml", ".group", "groups", Kind::Group),
    (".queue-meta.xml", ".queue", "queues", Kind::Queue),
    (
        ".sharingRules-meta.xml",
        ".sharingRules",
        "sharingRules",
        Kind::SharingRules,
    ),
    (
        ".sharingSet-meta.xml",
        ".sharingSet",
        "sharingSets",
        Kind::SharingSet,
    ),
    (".object-meta.xml", ".object", "objects", Kind::Object),
    (".profile-meta.xml", ".profile", "profiles", Kind::Profile),
    (
        ".permissionset-meta.xml",
        ".permissionset",
        "permissionsets",
        Kind::PermissionSet,
    ),
    (".field-meta.xml", "", "fields", Kind::Field),
];

/// A file the importer reads, with the component name its path gives.
pub struct Source<'a> {
    pub path: String,
    pub bytes: &'a [u8],
    pub kind: Kind,
    /// The component's full name: the file name without its suffix, percent-decoded (the
    /// Metadata API writes `Custom%3A Sales Profile.profile`).
    pub name: String,
    /// For a field: the object whose folder holds it.
    pub object: Option<String>,
}

/// Sort the files into the ones read and the rest (counted in the report by folder).
pub fn classify<'a>(files: &'a [SourceFile], report: &mut Report) -> Vec<Source<'a>> {
    let mut out = Vec::new();
    for (path, bytes) in files {
        let path = path.replace('\\', "/");
        if path.ends_with('/') {
            continue; // a zip's directory entry
        }
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let Some(file) = segs.last().copied() else {
            continue;
        };
        // What macOS adds when it zips a folder (`__MACOSX/`, `._Name` resource forks): they
        // carry the metadata files' suffixes but no metadata.
        if segs.contains(&"__MACOSX") || file.starts_with("._") {
            *report
                .other_files
                .entry("(macOS resource forks)".into())
                .or_default() += 1;
            continue;
        }
        let parent = segs.len().checked_sub(2).map_or("", |i| segs[i]);
        match kind_of(file, parent) {
            Some((kind, stem)) => {
                let object =
                    (kind == Kind::Field && segs.len() >= 3).then(|| decode(segs[segs.len() - 3]));
                out.push(Source {
                    path: path.clone(),
                    bytes,
                    kind,
                    name: decode(stem),
                    object,
                });
            }
            None => {
                *report.other_files.entry(folder_key(&segs)).or_default() += 1;
            }
        }
    }
    // The same order whatever order a folder walk or a zip listed them in.
    out.sort_by(|a, b| (a.kind, &a.path).cmp(&(b.kind, &b.path)));
    out
}

fn kind_of<'f>(file: &'f str, parent: &str) -> Option<(Kind, &'f str)> {
    if let Some(stem) = file.strip_suffix(".csv") {
        return super::rows::sobject_of_csv(stem).map(|_| (Kind::DataCsv, stem));
    }
    if let Some(stem) = file.strip_suffix(".json") {
        // Project and tool files, and tree plans (which only list the data files).
        let tooling = [
            "sfdx-project",
            "package",
            "package-lock",
            "tsconfig",
            "jsconfig",
        ];
        return (!tooling.contains(&stem) && !stem.ends_with("-plan"))
            .then_some((Kind::DataTree, stem));
    }
    if parent == "settings" {
        return match file {
            "Sharing.settings-meta.xml" | "Sharing.settings" => {
                Some((Kind::SharingSettings, "Sharing"))
            }
            _ => None,
        };
    }
    for (sfdx, mdapi, folder, kind) in SUFFIXES {
        if let Some(stem) = file.strip_suffix(sfdx) {
            return Some((kind, stem));
        }
        // The bare suffixes are short; trust them only in their own folder.
        if !mdapi.is_empty() && parent == folder {
            if let Some(stem) = file.strip_suffix(mdapi) {
                return Some((kind, stem));
            }
        }
    }
    None
}

/// "objects/listViews" for a file under an object's folder, else its folder's name.
fn folder_key(segs: &[&str]) -> String {
    if let Some(i) = segs.iter().position(|s| *s == "objects") {
        if segs.len() > i + 3 {
            return format!("objects/{}", segs[segs.len() - 2]);
        }
        return "objects".into();
    }
    match segs.len() {
        0 | 1 => "(top level)".into(),
        n => segs[n - 2].to_string(),
    }
}

/// `%3A` -> `:` (the Metadata API encodes characters a file name can't hold).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The file as text: UTF-8 (as the Metadata API writes it), a byte-order mark dropped.
pub fn text_of(path: &str, bytes: &[u8]) -> Result<String, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.strip_prefix('\u{feff}').unwrap_or(t).to_string()),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let col = before.iter().rev().take_while(|b| **b != b'\n').count() as u32 + 1;
            Err(ImportError {
                file: path.to_string(),
                line: Some((line, col)),
                message: "not UTF-8 text (metadata files are UTF-8 XML)".into(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_kinds() {
        assert_eq!(decode("Custom%3A Sales Profile"), "Custom: Sales Profile");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(
            kind_of("CEO.role-meta.xml", "roles"),
            Some((Kind::Role, "CEO"))
        );
        assert_eq!(kind_of("CEO.role", "roles"), Some((Kind::Role, "CEO")));
        assert_eq!(kind_of("CEO.role", "misc"), None);
        assert_eq!(
            kind_of("Sharing.settings", "settings"),
            Some((Kind::SharingSettings, "Sharing"))
        );
        assert_eq!(kind_of("Account.settings", "settings"), None);
    }

    #[test]
    fn macos_resource_forks_are_other_files() {
        let files: Vec<SourceFile> = [
            "org/roles/CEO.role-meta.xml",
            "__MACOSX/org/roles/._CEO.role-meta.xml",
            "org/roles/._CEO.role-meta.xml",
        ]
        .iter()
        .map(|p| (p.to_string(), b"\0\x05\x16\x07".to_vec()))
        .collect();
        let mut report = Report::default();
        let read = classify(&files, &mut report);
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].name, "CEO");
        assert_eq!(report.other_files["(macOS resource forks)"], 2);
    }
}
