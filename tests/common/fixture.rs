//! The checked-in fixture org (tests/fixtures/sfdx-org) as the importer takes it: (path
//! relative to the fixture, bytes) for every file, data/ included.

use std::path::Path;

use access_sim::import::SourceFile;

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sfdx-org");

pub fn fixture_files() -> Vec<SourceFile> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<SourceFile>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new(FIXTURE), Path::new(FIXTURE), &mut out);
    out
}

/// The metadata alone (the data/ folder left out).
pub fn fixture_metadata() -> Vec<SourceFile> {
    let mut files = fixture_files();
    files.retain(|(p, _)| !p.starts_with("data"));
    files
}
