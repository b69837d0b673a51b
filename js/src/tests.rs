//! Every API method on the presets, in headless Chromium (wasm-bindgen-test), including the
//! error cases: a thrown `Error` naming the path or id, and the simulator left unchanged.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use crate::Simulator;

wasm_bindgen_test_configure!(run_in_browser);

const HELP_CENTER: &str = include_str!("../../www/scenarios/help-center.json");
const CUSTOMER_SUCCESS: &str = include_str!("../../www/scenarios/customer-success.json");

/// JS value -> serde_json, to assert on what JavaScript would see.
fn json(v: &JsValue) -> serde_json::Value {
    let text: String = js_sys::JSON::stringify(v).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

fn js(v: serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

/// The message of a thrown error, as JavaScript's `e.message`.
fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    v.dyn_into::<js_sys::Error>().unwrap().message().into()
}

fn help() -> Simulator {
    Simulator::from_json(HELP_CENTER).unwrap()
}

#[wasm_bindgen_test]
fn constructors_and_validate() {
    let s = help();
    let v = json(&s.validate().unwrap());
    assert_eq!(v["valid"], true);
    assert_eq!(v["users"], 6);
    let obj = js_sys::JSON::parse(HELP_CENTER).unwrap();
    let s2 = Simulator::new(obj).unwrap();
    assert_eq!(json(&s2.validate().unwrap())["records"], 10);
}

#[wasm_bindgen_test]
fn invalid_scenarios_throw_errors_naming_the_path() {
    let bad = HELP_CENTER.replacen("\"owner\": \"ken\"", "\"owner\": \"nobody\"", 1);
    let m = message(Simulator::from_json(&bad).err().unwrap());
    assert!(
        m.contains("assets[0].owner") && m.contains("'nobody'"),
        "{m}"
    );
    let m = message(
        Simulator::new(js(serde_json::json!({"version": 1, "users": 3})))
            .err()
            .unwrap(),
    );
    assert!(m.contains("scenario: users"), "{m}");
    let problems = json(&Simulator::check(&bad).unwrap());
    assert_eq!(problems[0]["path"], "assets[0].owner");
    assert_eq!(
        json(&Simulator::check(HELP_CENTER).unwrap()),
        serde_json::json!([])
    );
    let m = message(Simulator::from_json("{\"version\": 1,").err().unwrap());
    assert!(m.contains("EOF"), "{m}");
}

#[wasm_bindgen_test]
fn matrix_access_and_explain() {
    let s = help();
    let m = json(&s.matrix(js(serde_json::json!({"object": "case"}))).unwrap());
    assert_eq!(m["records"].as_array().unwrap().len(), 5);
    let row = m["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "case_inverter")
        .unwrap();
    assert_eq!(row["access"]["jack"], "read");
    assert_eq!(
        json(&s.matrix(JsValue::UNDEFINED).unwrap())["records"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    assert_eq!(json(&s.access("jack", "case_output").unwrap()), "read");
    assert_eq!(json(&s.access("jack", "case_edge").unwrap()), "none");
    let e = json(&s.explain("jack", "case_inverter").unwrap());
    assert_eq!(e["level"], "read");
    assert_eq!(e["reasons"][0]["mechanism"], "sharing_set");
    assert!(e["reasons"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Share Customer Cases"));
    assert!(message(s.access("ghost", "case_edge").err().unwrap())
        .contains("userId: no user has the id 'ghost'"));
    assert!(message(s.explain("jack", "nope").err().unwrap()).contains("recordId"));
    let m = message(
        s.matrix(js(serde_json::json!({"object": "spaceship"})))
            .err()
            .unwrap(),
    );
    assert!(m.contains("options") && m.contains("spaceship"), "{m}");
}

#[wasm_bindgen_test]
fn visible_to_and_who_can_access() {
    let s = help();
    let seen = json(
        &s.visible_to("jack", js(serde_json::json!({"object": "case"})))
            .unwrap(),
    );
    let ids: Vec<&str> = seen
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    for id in ["case_inverter", "case_monitoring", "case_output"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    let who = json(
        &s.who_can_access("case_inverter", js(serde_json::json!({"atLeast": "edit"})))
            .unwrap(),
    );
    let ids: Vec<&str> = who
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["maria", "ken"]);
    let readers = json(
        &s.who_can_access("case_inverter", JsValue::UNDEFINED)
            .unwrap(),
    );
    assert_eq!(readers.as_array().unwrap().len(), 3, "maria, ken, jack");
}

/// Jack Rogers reads his account's case through the sharing set's Read Only mapping (seed 002:
/// "Select Read Only for access"); the explanation says why not Edit and the change that gives
/// it, and applying that change through the API gives Jack Edit.
#[wasm_bindgen_test]
fn explain_says_why_not_edit_with_a_suggestion_that_apply_accepts() {
    let mut s = help();
    let e = json(&s.explain("jack", "case_inverter").unwrap());
    let w = &e["why_not"];
    assert_eq!(w["target"], "edit", "{e}");
    assert_eq!(w["blockers"][0]["kind"], "read_only_grant", "{w}");
    let suggestion = &w["suggestion"];
    assert_eq!(suggestion["result"], "edit", "{w}");
    assert!(suggestion["text"]
        .as_str()
        .unwrap()
        .contains("Jack Rogers would get Edit"));
    let edits = suggestion["edits"].as_array().unwrap();
    assert!(!edits.is_empty());
    let mut changed = 0;
    for edit in edits {
        changed += json(&s.apply(js(edit.clone())).unwrap())
            .as_array()
            .unwrap()
            .len();
    }
    assert_eq!(
        changed as u64,
        suggestion["changed_cells"].as_u64().unwrap()
    );
    assert_eq!(json(&s.access("jack", "case_inverter").unwrap()), "edit");
    // Full has no why-not.
    let e = json(&s.explain("ken", "case_inverter").unwrap());
    assert_eq!(e["level"], "full");
    assert!(e.get("why_not").is_none(), "{e}");
}

#[wasm_bindgen_test]
fn apply_returns_changed_cells_and_keeps_the_scenario_on_error() {
    let mut s = help();
    // Remove the sharing set: Jack loses his three cases, Sean his one; Paula her share group.
    let changes = json(&s.apply(js(serde_json::json!(
        {"edit": "remove", "collection": "sharing_sets", "matching": {"id": "ss_customer_cases"}}
    ))).unwrap());
    assert_eq!(changes.as_array().unwrap().len(), 5, "{changes}");
    assert!(changes
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["user"] == "jack"
            && c["record"] == "case_output"
            && c["before"] == "read"
            && c["after"] == "none"));
    assert_eq!(json(&s.access("jack", "case_inverter").unwrap()), "none");
    // A bad edit throws with the path and leaves everything as it was.
    let before = s.to_json().unwrap();
    let m = message(s.apply(js(serde_json::json!(
        {"edit": "upsert", "collection": "cases", "value": {"id": "case_new", "name": "New", "owner": "ghost"}}
    ))).err().unwrap());
    assert!(m.contains("cases[5].owner") && m.contains("'ghost'"), "{m}");
    assert_eq!(s.to_json().unwrap(), before);
    let m = message(
        s.apply(js(serde_json::json!({"edit": "teleport"})))
            .err()
            .unwrap(),
    );
    assert!(m.contains("edit") && m.contains("teleport"), "{m}");
    // Changing the case default to Public Read Only externally is refused (internal is Private).
    let m = message(s.apply(js(serde_json::json!(
        {"edit": "set_org_default", "object": "case", "default": {"internal": "private", "external": "public_read"}}
    ))).err().unwrap());
    assert!(m.contains("org_defaults.case.external"), "{m}");
}

#[wasm_bindgen_test]
fn to_json_round_trips() {
    let s = help();
    let again = Simulator::from_json(&s.to_json().unwrap()).unwrap();
    assert_eq!(
        json(&again.matrix(JsValue::UNDEFINED).unwrap()),
        json(&s.matrix(JsValue::UNDEFINED).unwrap())
    );
}

#[wasm_bindgen_test]
fn admin_actions_and_configuration_rights() {
    let mut s = Simulator::from_json(CUSTOMER_SUCCESS).unwrap();
    let config = json(&s.config_matrix().unwrap());
    let sam = config
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "sam")
        .unwrap();
    assert_eq!(sam["areas"]["playbooks"]["allowed"], true);
    assert_eq!(sam["areas"]["settings"]["allowed"], false);
    let out = json(
        &s.act(
            "alice",
            js(serde_json::json!({"action": "disable_user", "user": "carla"})),
        )
        .unwrap(),
    );
    assert_eq!(out["outcome"], "refused");
    assert!(out["rule"]
        .as_str()
        .unwrap()
        .contains("Customer Success Manager"));
    let out = json(
        &s.act(
            "alice",
            js(serde_json::json!({"action": "disable_user", "user": "dev"})),
        )
        .unwrap(),
    );
    assert_eq!(out["outcome"], "allowed");
    assert_eq!(out["changes"].as_array().unwrap().len(), 8);
    assert_eq!(
        json(&s.access("dev", "acc_acme").unwrap()),
        "none",
        "the simulator took the new scenario"
    );
    assert!(message(
        s.act(
            "ghost",
            js(serde_json::json!({"action": "enable_user", "user": "dev"}))
        )
        .err()
        .unwrap()
    )
    .contains("'ghost'"));
}

/// Edits go through the incremental engine: a patched local edit and a global one both return
/// exactly the cells a full recomputation says changed, all of them (no listing cap here).
#[wasm_bindgen_test]
fn apply_is_incremental_and_lists_every_changed_cell() {
    use access_sim::engine::{self, edits::Edit};
    let text = access_sim::generate::generate(40, 800, 4).to_string();
    let before = engine::load(&text).unwrap();
    let mut s = Simulator::from_json(&text).unwrap();
    let edit = serde_json::json!({"edit": "set_org_default", "object": "case", "default": {"internal": "public_read"}});
    let changes = json(&s.apply(js(edit.clone())).unwrap());
    let parsed: Edit = serde_json::from_value(edit).unwrap();
    let (after, expected) = engine::edits::apply(&before, &parsed).unwrap();
    assert!(expected.len() > 10_000, "{} changes", expected.len());
    assert_eq!(changes.as_array().unwrap().len(), expected.len());
    // The simulator answers from its updated matrix.
    let u = after.find_user("u5").unwrap();
    let r = after.find_record("k5").unwrap();
    let want = engine::Evaluator::new(&after).level(u, r);
    assert_eq!(
        json(&s.access("u5", "k5").unwrap()),
        serde_json::to_value(want).unwrap()
    );
    // A local edit (a manual share) changes the cell it names.
    let share = serde_json::json!({"edit": "upsert", "collection": "manual_shares",
        "value": {"id": "x", "record": "k7", "with": {"user": "u3"}, "access": "edit"}});
    s.apply(js(share)).unwrap();
    let level = json(&s.access("u3", "k7").unwrap());
    assert!(level == "edit" || level == "full", "{level}");
}
