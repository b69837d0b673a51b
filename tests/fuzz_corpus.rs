//! Replays the committed fuzz corpus (fuzz/corpus/) through the fuzz targets' own bodies, so
//! the test command runs every input the fuzzer kept, including any crash it once found.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn replay(dir: &str, f: fn(&[u8])) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(dir);
    let mut n = 0;
    for entry in std::fs::read_dir(&path).unwrap() {
        let file = entry.unwrap().path();
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| f(&data));
        assert!(outcome.is_ok(), "{} panicked", file.display());
        n += 1;
    }
    n
}

#[test]
fn scenario_corpus_replays_without_panics() {
    let n = replay("scenario", access_sim::fuzzing::scenario);
    assert!(n >= 30, "only {n} corpus inputs");
}

#[test]
fn share_link_corpus_replays_without_panics() {
    let n = replay("share_link", access_sim::fuzzing::share_link);
    assert!(n >= 5, "only {n} corpus inputs");
}
