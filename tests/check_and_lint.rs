//! Expectations (`access-sim check`, exit codes, TAP and JUnit) and design warnings
//! (`access-sim lint`), through the engine and through the built binary.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use access_sim::engine::{self, expectations::check, fast, lint::lint};
use serde_json::{json, Value};

fn preset(name: &str) -> Value {
    let path = format!("{}/www/scenarios/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn results(s: &Value) -> Vec<engine::expectations::ExpectationResult> {
    let ix = engine::load(&s.to_string()).unwrap();
    check(&ix, &fast::matrix(&ix))
}

fn cli(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_access-sim"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn write(name: &str, s: &Value) -> String {
    let dir = std::env::temp_dir().join(format!("access-sim-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, s.to_string()).unwrap();
    path.display().to_string()
}

#[test]
fn exact_at_least_and_at_most_bounds_and_group_forms() {
    // help-center (tests/expected/help-center.txt): jack reads case_inverter; sean owns
    // case_sean_own (Full); ken is an agent with Full on the cases he owns.
    let mut s = preset("help-center");
    s["expectations"] = json!([
        {"user": "jack", "record": "case_inverter", "access": "read"},
        {"user": "jack", "record": "case_inverter", "access": "edit"},
        {"user": "jack", "record": "case_inverter", "access": "read", "at_least": true},
        {"user": "jack", "record": "case_inverter", "access": "none", "at_most": true},
        {"users": {"profile": "p_customer"}, "records": {"object": "case"}, "access": "read", "at_most": true},
        {"users": {"role": "r_agent"}, "records": {"object": "case", "where": [{"field": "zzz", "equals": ["x"]}]}, "access": "none"}
    ]);
    let r = results(&s);
    let passed: Vec<bool> = r.iter().map(|x| x.passed).collect();
    assert_eq!(passed, [true, false, true, false, false, true]);
    assert_eq!(r[1].failing[0].actual, engine::Access::Read);
    assert!(r[1].failing[0]
        .explanation
        .contains("Sharing set 'Share Customer Cases'"));
    // Customers on every case: one cell breaks it, sean's own case (Full).
    assert_eq!((r[4].cells, r[4].failures), (10, 1));
    assert_eq!(r[4].failing[0].record, "case_sean_own");
    assert_eq!(r[5].cells, 0, "no record has that field");
}

#[test]
fn expectations_are_validated_with_paths() {
    let mut s = preset("help-center");
    s["expectations"] = json!([
        {"user": "nobody", "record": "case_inverter", "access": "read"},
        {"user": "jack", "users": {"role": "r_agent"}, "record": "case_inverter", "access": "read"},
        {"user": "jack", "records": {"object": "Ghost__c"}, "access": "read"},
        {"user": "jack", "record": "case_inverter", "access": "read", "at_least": true, "at_most": true}
    ]);
    let e = engine::load(&s.to_string()).expect_err("refused");
    let paths: Vec<String> = e.problems().iter().map(|p| p.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "expectations[0].user",
            "expectations[1]",
            "expectations[2].records.object",
            "expectations[3].at_most"
        ]
    );
}

#[test]
fn the_check_command_exits_by_outcome_and_speaks_tap_and_junit() {
    let mut s = preset("sold-product");
    s["expectations"] = json!([
        {"user": "carl", "record": "case_renewal", "access": "none", "why": "Northwind restricts contact access"},
        {"user": "fiona", "record": "case_renewal", "access": "edit", "at_least": true}
    ]);
    let good = write("good.json", &s);
    let (out, code) = cli(&["check", &good]);
    assert_eq!(code, 0, "{out}");
    s["expectations"][1]["access"] = json!("full");
    let bad = write("bad.json", &s);
    let (out, code) = cli(&["check", &good, &bad]);
    assert_eq!(code, 1);
    assert!(
        out.contains("FAIL #2 Fiona Finch (finance) has at least Full"),
        "{out}"
    );
    let (junit, _) = cli(&["check", &bad, "--format", "junit"]);
    assert_eq!(
        junit.matches("<testcase ").count(),
        2,
        "one testcase per expectation"
    );
    assert_eq!(junit.matches("<failure ").count(), 1);
    let (tap, _) = cli(&["check", &bad, "--format", "tap"]);
    assert!(
        tap.starts_with("TAP version 13\n1..2\nok 1 - ") && tap.contains("\nnot ok 2 - "),
        "{tap}"
    );
    let broken = write(
        "broken.json",
        &json!({"version": 1, "users": [{"id": "x"}]}),
    );
    assert_eq!(cli(&["check", &good, &broken]).1, 2);
}

#[test]
fn lint_flags_each_design_smell_with_its_reference() {
    let s = json!({
        "version": 1,
        "roles": (0..12).map(|i| if i == 0 { json!({"id": "r0", "name": "R0"}) } else { json!({"id": format!("r{i}"), "name": format!("R{i}"), "parent": format!("r{}", i - 1)}) }).collect::<Vec<_>>(),
        "groups": (0..7).map(|i| if i == 6 { json!({"id": "g6", "name": "G6", "members": [{"user": "u"}]}) } else { json!({"id": format!("g{i}"), "name": format!("G{i}"), "members": [{"group": format!("g{}", i + 1)}]}) }).collect::<Vec<_>>(),
        "profiles": [{"id": "p", "name": "P", "objects": {"case": ["read"]}, "system": ["view_all_data"]}],
        "users": [{"id": "u", "name": "U", "profile": "p", "role": "r11"},
                  {"id": "x", "name": "X", "kind": "external", "contact": "c", "profile": "p"}],
        "queues": [{"id": "q", "name": "Empty", "objects": ["case"], "members": []}],
        "org_defaults": {"case": {"internal": "public_read", "external": "public_read"}},
        "accounts": [{"id": "a", "name": "A", "owner": "u"}],
        "contacts": [{"id": "c", "name": "C", "owner": "u", "account": "a"}],
        "cases": [{"id": "k", "name": "K", "owner": "q"}],
        "sharing_rules": [
            {"id": "s1", "name": "Same as default", "object": "case", "select": {"owned_by": {"role": "r0"}}, "share_with": {"group": "g0"}, "access": "read"},
            {"id": "s2", "name": "Again", "object": "case", "select": {"owned_by": {"role": "r0"}}, "share_with": {"group": "g0"}, "access": "read"}
        ]
    });
    let ix = engine::load(&s.to_string()).unwrap();
    let rules: Vec<&str> = lint(&ix).iter().map(|w| w.rule).collect();
    for rule in [
        "deep_role_hierarchy",
        "deep_group_nesting",
        "open_external_default",
        "sharing_rule_grants_nothing",
        "duplicate_sharing_rule",
        "view_all_data",
        "empty_queue",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    assert!(lint(&engine::load(&preset("loan-applications").to_string()).unwrap()).is_empty());
}

#[test]
fn lint_flags_a_generated_org_with_an_account_over_ten_thousand_cases() {
    // "account data skew": more than 10,000 child records on one account. The generator puts
    // about a fifth of the cases on its biggest account.
    let s = access_sim::generate::generate(100, 60_000, 1);
    let path = write("skewed.json", &s);
    let (out, code) = cli(&["lint", &path, "--strict"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("[account_data_skew] account 'Account 0' has"),
        "{out}"
    );
}

/// The app names the edit that broke an expectation with `Edit::summary`: the entry's kind in
/// words and its identifying fields, so the words must follow the edit, not a fixed text.
#[test]
fn an_edit_says_what_it_did_in_words() {
    use engine::edits::{Collection, Edit};
    let edit = |v: Value| serde_json::from_value::<Edit>(v).unwrap().summary();
    assert_eq!(
        edit(json!({"edit": "upsert", "collection": "sharing_sets", "value": {"id": "ss1"}})),
        "saved sharing set 'ss1'"
    );
    assert_eq!(
        edit(json!({"edit": "remove", "collection": "account_teams",
            "matching": {"account": "acme", "user": "bob"}})),
        "removed account team member 'acme' / 'bob'"
    );
    assert_eq!(
        edit(json!({"edit": "remove", "collection": "manual_shares", "matching": {}, "all": true})),
        "removed every manual share"
    );
    assert_eq!(
        edit(json!({"edit": "set_org_default", "object": "case",
            "default": {"internal": "public_read", "external": "private"}})),
        "set the Case org-wide default to Public Read Only (external Private)"
    );
    assert_eq!(
        edit(json!({"edit": "upsert", "collection": "expectations",
            "value": {"user": "jack", "record": "case_inverter", "access": "read"}})),
        "saved expectation 'jack' / 'case_inverter'"
    );
    // Every collection has its own noun.
    let nouns: std::collections::HashSet<&str> = [
        Collection::Users,
        Collection::Cases,
        Collection::CustomRecords,
        Collection::Exercises,
    ]
    .iter()
    .map(|c| c.noun())
    .collect();
    assert_eq!(nouns.len(), 4);
}
