//! Golden tests: every preset in www/scenarios/ evaluates to the matrix written by hand in
//! tests/expected/<name>.txt, cell for cell, and every non-None cell has a reason.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use access_sim::engine::config_rights::config_right;
use access_sim::engine::scenario::ConfigArea;
use access_sim::engine::{self, Access};

mod common;
use common::parse_expected;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check_preset(name: &str) {
    let file = root().join("www/scenarios").join(format!("{name}.json"));
    let ix = engine::load(&std::fs::read_to_string(&file).unwrap())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected_file = root().join("tests/expected").join(format!("{name}.txt"));
    let expected = parse_expected(name, &std::fs::read_to_string(expected_file).unwrap());
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
    check_config(name, &ix);
}

/// Presets with configuration areas also have tests/expected/<name>.config.txt.
fn check_config(name: &str, ix: &access_sim::engine::Index) {
    let path = root()
        .join("tests/expected")
        .join(format!("{name}.config.txt"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let areas: Vec<&str> = lines.next().unwrap().split_whitespace().skip(1).collect();
    assert_eq!(areas.len(), ConfigArea::ALL.len(), "{name}: every area");
    let mut rows = 0;
    for line in lines {
        let mut parts = line.split_whitespace();
        let uid = parts.next().unwrap();
        let u = ix
            .find_user(uid)
            .unwrap_or_else(|| panic!("{name}: no user {uid}"));
        for (area, cell) in areas.iter().zip(parts) {
            let a = ConfigArea::ALL
                .into_iter()
                .find(|a| a.key() == *area)
                .unwrap();
            let got = config_right(ix, u, a);
            assert_eq!(
                got.allowed,
                cell == "yes",
                "{name}: {uid} x {area}: {}",
                got.reason
            );
        }
        rows += 1;
    }
    assert_eq!(
        rows,
        ix.users.len(),
        "{name}: every user in the config expectation"
    );
}

#[test]
fn account_team_preset() {
    check_preset("account-team");
}

#[test]
fn role_hierarchy_preset() {
    check_preset("role-hierarchy");
}

#[test]
fn help_center_preset() {
    check_preset("help-center");
}

#[test]
fn housing_loan_preset() {
    check_preset("housing-loan");
}

#[test]
fn sold_product_preset() {
    check_preset("sold-product");
}

#[test]
fn teams_crm_preset() {
    check_preset("teams-crm");
}

#[test]
fn customer_success_preset() {
    check_preset("customer-success");
}

#[test]
fn loan_applications_preset() {
    check_preset("loan-applications");
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
