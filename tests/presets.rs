//! Golden tests: every preset in www/scenarios/ evaluates to the matrix written by hand in
//! tests/expected/<name>.txt, cell for cell, and every non-None cell has a reason.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use access_sim::engine::{self, Access};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Expected {
    users: Vec<String>,
    rows: Vec<(String, Vec<Access>)>,
}

fn parse_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let header: Vec<String> = lines
        .next()
        .expect("header line")
        .split_whitespace()
        .skip(1)
        .map(String::from)
        .collect();
    let rows = lines
        .map(|l| {
            let mut parts = l.split_whitespace();
            let id = parts.next().unwrap().to_string();
            let cells: Vec<Access> = parts
                .map(|c| match c {
                    "F" => Access::Full,
                    "E" => Access::Edit,
                    "R" => Access::Read,
                    "-" => Access::None,
                    other => panic!("{}: bad cell '{other}' in row {id}", path.display()),
                })
                .collect();
            assert_eq!(
                cells.len(),
                header.len(),
                "{}: row {id} has the wrong width",
                path.display()
            );
            (id, cells)
        })
        .collect();
    Expected {
        users: header,
        rows,
    }
}

fn check_preset(name: &str) {
    let file = root().join("www/scenarios").join(format!("{name}.json"));
    let ix = engine::load(&std::fs::read_to_string(&file).unwrap())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected = parse_expected(&root().join("tests/expected").join(format!("{name}.txt")));
    let m = engine::matrix(&ix, None);
    assert_eq!(
        expected.rows.len(),
        ix.records.len(),
        "{name}: the expected file must cover every record"
    );
    assert_eq!(expected.users.len(), ix.users.len(), "{name}: every user");
    let mut wrong = Vec::new();
    for (rid, cells) in &expected.rows {
        let r = ix
            .find_record(rid)
            .unwrap_or_else(|| panic!("{name}: no record {rid}"));
        for (uid, want) in expected.users.iter().zip(cells) {
            let u = ix
                .find_user(uid)
                .unwrap_or_else(|| panic!("{name}: no user {uid}"));
            let got = m.level(u, r).unwrap();
            if got != *want {
                wrong.push(format!(
                    "{rid} x {uid}: expected {want:?}, engine says {got:?}"
                ));
            }
            let e = engine::explain(&ix, u, r);
            assert_eq!(
                e.level, got,
                "explanation and matrix disagree on {rid} x {uid}"
            );
            if got > Access::None {
                assert!(
                    !e.reasons.is_empty(),
                    "{rid} x {uid}: no reason for {got:?}"
                );
                assert!(
                    e.reasons[0].level >= got,
                    "{rid} x {uid}: strongest reason below level"
                );
            } else {
                assert!(
                    !e.limits.is_empty(),
                    "{rid} x {uid}: None without a why-not"
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
}

#[test]
fn account_team_preset() {
    check_preset("account-team");
}

#[test]
fn role_hierarchy_preset() {
    check_preset("role-hierarchy");
}

/// A preset without a hand-written expectation would be untested: refuse it.
#[test]
fn every_preset_has_an_expected_matrix() {
    for entry in std::fs::read_dir(root().join("www/scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let expected = root().join("tests/expected").join(format!("{stem}.txt"));
            assert!(
                expected.exists(),
                "preset {stem} has no tests/expected/{stem}.txt"
            );
            check_preset(&stem);
        }
    }
}
