//! The input limit (issue 17): a documented default, raised or lowered with `--max-input-mb`,
//! and a file over it refused with its size and the limit, before it is parsed.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn cli(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_access-sim"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_file_over_the_input_limit_is_refused_and_the_limit_can_be_raised() {
    // A generated org of 20,000 cases is a little under 2 MiB of JSON.
    let s = access_sim::generate::generate(100, 20_000, 1).to_string();
    let bytes = s.len();
    assert!(
        bytes > 1024 * 1024 && bytes < 2 * 1024 * 1024,
        "{bytes} bytes"
    );
    let dir = std::env::temp_dir().join(format!("access-sim-limit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("org.json");
    std::fs::write(&path, &s).unwrap();
    let path = path.display().to_string();

    let (out, err, code) = cli(&["validate", &path, "--max-input-mb", "1"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!(
            "the file is {bytes} bytes; the limit is 1048576 bytes"
        )),
        "{err}"
    );
    assert!(err.contains("--max-input-mb"), "{err}");

    let (out, _, code) = cli(&["--max-input-mb", "2", "validate", &path]);
    assert_eq!(code, 0);
    assert!(out.contains("valid (100 users"), "{out}");
    // The default (64 MiB) takes it too.
    assert_eq!(cli(&["validate", &path]).2, 0);
    // Zero is no limit anyone means: refused by the argument parser.
    assert_eq!(cli(&["validate", &path, "--max-input-mb", "0"]).2, 2);
}

#[test]
fn the_engine_refuses_text_over_the_limit_naming_both_sizes() {
    let text = format!("{{\"version\": 1, \"name\": \"{}\"}}", "x".repeat(2_000));
    access_sim::engine::validate::set_input_limit(1_000);
    let e = access_sim::engine::load(&text).unwrap_err().to_string();
    access_sim::engine::validate::set_input_limit(access_sim::engine::validate::MAX_INPUT_BYTES);
    assert!(
        e.contains(&format!(
            "the scenario is {} bytes; the limit is 1000 bytes",
            text.len()
        )),
        "{e}"
    );
}
