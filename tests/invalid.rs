//! Bad scenarios: each file in tests/invalid/ must be refused with an error naming the JSON path
//! (and the id at fault), by the library and by the CLI (exit 1), never with a panic.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

use access_sim::engine;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (file, the path the error must name, a fragment the message must contain)
const CASES: &[(&str, &str, &str)] = &[
    ("wrong-version", "version", "unsupported version 2"),
    ("wrong-type", "users[0].active", "expected a boolean"),
    ("unknown-field", "cases[0]", "unknown field `colour`"),
    ("dangling-owner", "cases[0].owner", "'nobody'"),
    ("duplicate-id", "users[1].id", "duplicate id 'u1'"),
    ("role-cycle", "roles[0].parent", "cycle"),
    ("group-cycle", "groups[", "cycle"),
    ("account-cycle", "accounts[", "cycle of parent accounts"),
    (
        "external-more-open",
        "org_defaults.case.external",
        "more open",
    ),
    (
        "unknown-access-value",
        "sharing_rules[0].access",
        "unknown variant `write`",
    ),
    (
        "queue-wrong-object",
        "cases[0].owner",
        "queue 'q_leads' does not take Case",
    ),
    (
        "cbp-on-case",
        "org_defaults.case.internal",
        "can't be Controlled by Parent",
    ),
    (
        "cbp-one-side",
        "org_defaults.contact.external",
        "both must be",
    ),
    (
        "wrong-kind-reference",
        "cases[0].account",
        "'c1' is a contact, not an account",
    ),
    ("missing-profile", "users[0]", "missing field `profile`"),
    (
        "dangling-group-member",
        "groups[0].members[1].role",
        "'r_ghost'",
    ),
    (
        "team-on-contact",
        "account_teams[0].account",
        "'c1' is a contact",
    ),
    ("empty-id", "users[1].id", "id is empty"),
    ("truncated", "", "EOF"),
    ("empty", "$", "EOF"),
    ("not-an-object", "$", "a scenario is a JSON object"),
];

#[test]
fn every_invalid_file_is_refused_with_its_path() {
    for (name, path, fragment) in CASES {
        let file = root().join("tests/invalid").join(format!("{name}.json"));
        let text = std::fs::read_to_string(&file).unwrap();
        let err = match engine::load(&text) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => e,
        };
        let problems = err.problems();
        assert!(
            problems
                .iter()
                .any(|p| p.path.starts_with(path) && p.message.contains(fragment)),
            "{name}: expected an error at {path} containing {fragment:?}, got {problems:?}"
        );
    }
}

#[test]
fn the_corpus_and_the_table_agree() {
    let files = std::fs::read_dir(root().join("tests/invalid"))
        .unwrap()
        .count();
    assert_eq!(
        files,
        CASES.len(),
        "every file in tests/invalid needs a row in CASES"
    );
}

#[test]
fn the_base_of_the_corpus_is_valid() {
    let text = std::fs::read_to_string(root().join("tests/valid-base.json")).unwrap();
    engine::load(&text).expect("the base every invalid file was derived from must load");
}

#[test]
fn the_cli_exits_1_naming_the_path() {
    for (name, path, _) in CASES {
        let file = root().join("tests/invalid").join(format!("{name}.json"));
        let out = Command::new(env!("CARGO_BIN_EXE_access-sim"))
            .arg("validate")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: exit code");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(path),
            "{name}: stderr {stderr:?} lacks {path}"
        );
        assert!(!stderr.contains("panicked"), "{name}: panicked");
    }
}

#[test]
fn all_problems_are_reported_not_just_the_first() {
    let mut s: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/valid-base.json")).unwrap(),
    )
    .unwrap();
    s["cases"][0]["owner"] = "ghost".into();
    s["users"][0]["role"] = "r_ghost".into();
    let err = engine::load(&s.to_string()).unwrap_err();
    let paths: Vec<String> = err.problems().into_iter().map(|p| p.path).collect();
    assert!(paths.contains(&"cases[0].owner".to_string()), "{paths:?}");
    assert!(paths.contains(&"users[0].role".to_string()), "{paths:?}");
}
