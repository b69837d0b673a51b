//! Hostile input: every file in tests/hostile/ (plus the invalid corpus, and inputs too large
//! to commit, generated here) is refused with a message that names where the problem is, and
//! nothing panics. Times are printed, not asserted: performance is the benchmark's job.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::time::Instant;

use access_sim::engine;
use access_sim::share;

fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

/// Load bytes as a scenario file would be: not UTF-8 is refused before parsing.
fn load_bytes(data: &[u8]) -> Result<engine::Index, String> {
    let text =
        std::str::from_utf8(data).map_err(|e| format!("$: the file is not UTF-8 text ({e})"))?;
    engine::load(text).map_err(|e| e.to_string())
}

fn refused(label: &str, data: &[u8]) {
    let t = Instant::now();
    let outcome = std::panic::catch_unwind(|| load_bytes(data));
    let elapsed = t.elapsed();
    let result = outcome.unwrap_or_else(|_| panic!("{label}: panicked"));
    let err = match result {
        Ok(_) => panic!("{label}: accepted"),
        Err(e) => e,
    };
    let first = err.lines().next().unwrap_or("");
    assert!(
        first.contains(':') && first.len() > 3,
        "{label}: unclear error {err:?}"
    );
    println!(
        "{label}: refused in {elapsed:?}: {}",
        &first[..first.len().min(140)]
    );
}

#[test]
fn every_committed_hostile_file_is_refused() {
    let mut n = 0;
    for entry in std::fs::read_dir(dir("hostile")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let data = std::fs::read(&path).unwrap();
        if name.ends_with(".link") {
            let text = String::from_utf8(data).unwrap();
            assert!(
                share::decode(&text).is_err(),
                "{name}: the link was accepted"
            );
        } else if name == "bom-prefixed.json" {
            // A byte-order mark is tolerated: the rest is a valid scenario.
            load_bytes(&data).unwrap();
        } else {
            refused(&name, &data);
        }
        n += 1;
    }
    assert!(n >= 25, "{n} hostile files");
}

#[test]
fn the_whole_bad_corpus_is_at_least_thirty_files() {
    let count = |d| std::fs::read_dir(dir(d)).unwrap().count();
    assert!(count("hostile") + count("invalid") >= 30);
}

#[test]
fn ten_megabyte_strings_are_refused_by_the_name_limit() {
    let name = "x".repeat(10 * 1024 * 1024);
    let text = format!(r#"{{"version": 1, "profiles": [{{"id": "p", "name": "{name}"}}]}}"#);
    refused("10 MB name", text.as_bytes());
    let text = format!(r#"{{"version": 1, "profiles": [{{"id": "{name}", "name": "P"}}]}}"#);
    refused("10 MB id", text.as_bytes());
}

#[test]
fn huge_counts_are_refused() {
    let users: Vec<String> = (0..150_000)
        .map(|i| format!(r#"{{"id":"u{i}","name":"U","profile":"p"}}"#))
        .collect();
    let text = format!(r#"{{"version": 1, "users": [{}]}}"#, users.join(","));
    refused("150,000 users", text.as_bytes());
}

#[test]
fn input_over_the_size_cap_is_refused_before_parsing() {
    let text = format!(
        r#"{{"version": 1, "name": "{}"}}"#,
        " ".repeat(engine::validate::MAX_INPUT_BYTES)
    );
    refused("64 MB file", text.as_bytes());
}

#[test]
fn html_and_script_in_names_are_just_text() {
    let text = r#"{"version": 1, "profiles": [{"id": "p", "name": "<img src=x onerror=alert(1)>"}],
        "users": [{"id": "u", "name": "<script>alert('x')</script>", "profile": "p"}]}"#;
    let ix = engine::load(text).unwrap();
    assert_eq!(
        ix.users[0].name, "<script>alert('x')</script>",
        "kept verbatim; the UI renders it as text"
    );
}
