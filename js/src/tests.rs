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
    Simulator::from_json(JsValue::from(HELP_CENTER)).unwrap()
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
    let m = message(Simulator::from_json(JsValue::from(&bad)).err().unwrap());
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
    let problems = json(&Simulator::problems(JsValue::from(&bad)).unwrap());
    assert_eq!(problems[0]["path"], "assets[0].owner");
    assert_eq!(
        json(&Simulator::problems(JsValue::from(HELP_CENTER)).unwrap()),
        serde_json::json!([])
    );
    let m = message(
        Simulator::from_json(JsValue::from("{\"version\": 1,"))
            .err()
            .unwrap(),
    );
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
    assert_eq!(
        json(
            &s.access(JsValue::from("jack"), JsValue::from("case_output"))
                .unwrap()
        ),
        "read"
    );
    assert_eq!(
        json(
            &s.access(JsValue::from("jack"), JsValue::from("case_edge"))
                .unwrap()
        ),
        "none"
    );
    let e = json(
        &s.explain(JsValue::from("jack"), JsValue::from("case_inverter"))
            .unwrap(),
    );
    assert_eq!(e["level"], "read");
    assert_eq!(e["reasons"][0]["mechanism"], "sharing_set");
    assert!(e["reasons"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Share Customer Cases"));
    assert!(message(
        s.access(JsValue::from("ghost"), JsValue::from("case_edge"))
            .err()
            .unwrap()
    )
    .contains("userId: no user has the id 'ghost'"));
    assert!(message(
        s.explain(JsValue::from("jack"), JsValue::from("nope"))
            .err()
            .unwrap()
    )
    .contains("recordId"));
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
        &s.visible_to(
            JsValue::from("jack"),
            js(serde_json::json!({"object": "case"})),
        )
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
        &s.who_can_access(
            JsValue::from("case_inverter"),
            js(serde_json::json!({"atLeast": "edit"})),
        )
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
        &s.who_can_access(JsValue::from("case_inverter"), JsValue::UNDEFINED)
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
    let e = json(
        &s.explain(JsValue::from("jack"), JsValue::from("case_inverter"))
            .unwrap(),
    );
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
    assert_eq!(
        json(
            &s.access(JsValue::from("jack"), JsValue::from("case_inverter"))
                .unwrap()
        ),
        "edit"
    );
    // Full has no why-not.
    let e = json(
        &s.explain(JsValue::from("ken"), JsValue::from("case_inverter"))
            .unwrap(),
    );
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
    assert_eq!(
        json(
            &s.access(JsValue::from("jack"), JsValue::from("case_inverter"))
                .unwrap()
        ),
        "none"
    );
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
    let again = Simulator::from_json(JsValue::from(&s.to_json().unwrap())).unwrap();
    assert_eq!(
        json(&again.matrix(JsValue::UNDEFINED).unwrap()),
        json(&s.matrix(JsValue::UNDEFINED).unwrap())
    );
}

#[wasm_bindgen_test]
fn admin_actions_and_configuration_rights() {
    let mut s = Simulator::from_json(JsValue::from(CUSTOMER_SUCCESS)).unwrap();
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
            JsValue::from("alice"),
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
            JsValue::from("alice"),
            js(serde_json::json!({"action": "disable_user", "user": "dev"})),
        )
        .unwrap(),
    );
    assert_eq!(out["outcome"], "allowed");
    assert_eq!(out["changes"].as_array().unwrap().len(), 8);
    assert_eq!(
        json(
            &s.access(JsValue::from("dev"), JsValue::from("acc_acme"))
                .unwrap()
        ),
        "none",
        "the simulator took the new scenario"
    );
    assert!(message(
        s.act(
            JsValue::from("ghost"),
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
    let mut s = Simulator::from_json(JsValue::from(&text)).unwrap();
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
        json(&s.access(JsValue::from("u5"), JsValue::from("k5")).unwrap()),
        serde_json::to_value(want).unwrap()
    );
    // A local edit (a manual share) changes the cell it names.
    let share = serde_json::json!({"edit": "upsert", "collection": "manual_shares",
        "value": {"id": "x", "record": "k7", "with": {"user": "u3"}, "access": "edit"}});
    s.apply(js(share)).unwrap();
    let level = json(&s.access(JsValue::from("u3"), JsValue::from("k7")).unwrap());
    assert!(level == "edit" || level == "full", "{level}");
}

/// Issue 13: any argument of any JS type is a thrown `Error` naming the argument, and the
/// simulator stays usable afterwards (before, a panic left it borrowed for good and even
/// `toJson()` threw "recursive use of an object").
#[wasm_bindgen_test]
fn no_argument_of_any_type_poisons_a_simulator() {
    let mut s = help();
    let before = s.to_json().unwrap();
    let function: JsValue = js_sys::Function::new_no_args("return 1").into();
    let symbol: JsValue = js_sys::Symbol::for_("x").into();
    let bigint: JsValue = js_sys::BigInt::from(7u32).into();
    let cyclic = js_sys::Object::new();
    js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let odd = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        function.clone(),
        symbol.clone(),
        bigint.clone(),
        cyclic.into(),
        JsValue::from(3.5),
        JsValue::from("text"),
        JsValue::TRUE,
    ];
    for v in &odd {
        let m = message(s.apply(v.clone()).err().unwrap());
        assert!(m.starts_with("edit"), "apply({v:?}): {m}");
        let m = message(s.act(JsValue::from("alice"), v.clone()).err().unwrap());
        assert!(
            m.starts_with("action") || m.starts_with("actorId"),
            "act: {m}"
        );
        if v.as_string().is_none() {
            let m = message(
                s.access(JsValue::from(v.clone()), JsValue::from("case_inverter"))
                    .err()
                    .unwrap(),
            );
            assert!(m.starts_with("userId: expected a string"), "access: {m}");
            let m = message(
                s.explain(JsValue::from("jack"), JsValue::from(v.clone()))
                    .err()
                    .unwrap(),
            );
            assert!(m.starts_with("recordId: expected a string"), "explain: {m}");
            let m = message(
                Simulator::from_json(JsValue::from(v.clone()))
                    .err()
                    .unwrap(),
            );
            assert!(m.starts_with("text: expected a string"), "fromJson: {m}");
        }
        if !(v.is_undefined() || v.is_null()) {
            let m = message(s.matrix(v.clone()).err().unwrap());
            assert!(m.starts_with("options"), "matrix({v:?}): {m}");
        }
    }
    // Still the same, still answering.
    assert_eq!(s.to_json().unwrap(), before);
    assert_eq!(
        json(
            &s.access(JsValue::from("jack"), JsValue::from("case_inverter"))
                .unwrap()
        ),
        "read"
    );
}

/// `matrix()` pages: the pages put together are the whole matrix, and a request too big for one
/// call is refused with the page size that fits instead of trapping.
#[wasm_bindgen_test]
fn the_matrix_is_read_in_pages_and_an_oversized_request_is_refused() {
    let s = help();
    let whole = json(&s.matrix(JsValue::UNDEFINED).unwrap());
    let total = whole["total_records"].as_u64().unwrap() as usize;
    assert_eq!(whole["records"].as_array().unwrap().len(), total);
    let mut rows = Vec::new();
    let mut offset = Some(0u64);
    while let Some(o) = offset {
        let page = json(
            &s.matrix(js(serde_json::json!({"offset": o, "limit": 3})))
                .unwrap(),
        );
        assert!(page["records"].as_array().unwrap().len() <= 3);
        rows.extend(page["records"].as_array().unwrap().iter().cloned());
        offset = page["next_offset"].as_u64();
    }
    assert_eq!(serde_json::Value::Array(rows), whole["records"]);

    // 2,000 users x 1,500 records: 3 M cells, over the 2 M one call returns.
    let text = access_sim::generate::generate(2_000, 1_400, 3).to_string();
    let big = Simulator::from_json(JsValue::from(&text)).unwrap();
    let m = message(big.matrix(JsValue::UNDEFINED).err().unwrap());
    assert!(
        m.contains("read it in pages of at most 1000 records"),
        "{m}"
    );
    let page = json(
        &big.matrix(js(serde_json::json!({"offset": 1000, "limit": 1000})))
            .unwrap(),
    );
    assert_eq!(page["offset"], 1000);
    assert!(page["records"].as_array().unwrap().len() <= 1000);
}

/// In the browser NFC comes from `String.prototype.normalize`: the same two spellings of "José"
/// are one id, and a zero-width space in an id is refused naming it.
#[wasm_bindgen_test]
fn ids_are_composed_and_invisible_characters_refused_in_the_browser() {
    let scenario = |id: &str, owner: &str| {
        serde_json::json!({"version": 1, "profiles": [{"id": "p", "name": "P", "objects": {"case": ["read", "edit"]}}],
            "users": [{"id": id, "name": "José", "profile": "p"}],
            "cases": [{"id": "k1", "name": "Case", "owner": owner}]})
        .to_string()
    };
    let s = Simulator::from_json(JsValue::from(scenario("jose\u{301}", "jos\u{e9}"))).unwrap();
    assert_eq!(
        json(
            &s.access(JsValue::from("jos\u{e9}"), JsValue::from("k1"))
                .unwrap()
        ),
        "full"
    );
    let m = message(
        Simulator::from_json(JsValue::from(scenario("u\u{200B}1", "u\u{200B}1")))
            .err()
            .unwrap(),
    );
    assert!(m.contains("U+200B ZERO WIDTH SPACE"), "{m}");
}

#[path = "../../tests/common/edits.rs"]
#[allow(dead_code)]
mod edits;
/// The native suite's scenario and edit generators (tests/common), shared so that the JS API
/// is driven through the same sequences.
#[path = "../../tests/common/gen.rs"]
#[allow(dead_code)]
mod gen;

/// Issue 13: sequences of 2-20 random edits of every kind through one `Simulator`; after each,
/// its matrix equals a fresh load of its own scenario and `apply` listed exactly the cells that
/// changed. Async, handing the page back between sequences: one synchronous run of all 150 in a
/// debug build holds the renderer past chromedriver's 30 s message timeout.
#[wasm_bindgen_test]
async fn every_edit_of_a_sequence_through_the_js_api_equals_a_fresh_load() {
    use access_sim::engine;
    let (mut sequences, mut applied, mut cells) = (0, 0, 0usize);
    for seed in 0u32..150 {
        let bytes: Vec<u8> = (0..300u32)
            .map(|i| (seed.wrapping_mul(2_654_435_761).wrapping_add(i * 131) >> 9) as u8)
            .collect();
        let mut sim =
            Simulator::from_json(JsValue::from(gen::scenario(&bytes).to_string())).unwrap();
        // The scenario as the simulator writes it (defaults filled in), edited from here on.
        let mut current: serde_json::Value = serde_json::from_str(&sim.to_json().unwrap()).unwrap();
        for step in 0..(2 + seed % 19) {
            let k = ((seed * 13 + step * 7) % edits::KINDS as u32) as u8;
            let Some(edit) = edits::random_edit(&current, k, seed.wrapping_mul(97) ^ step) else {
                continue;
            };
            let edit_json = serde_json::to_value(&edit).unwrap();
            let before = engine::load(&current.to_string()).unwrap();
            let Ok(changes) = sim.apply(js(edit_json.clone())) else {
                // Refused: the scenario is unchanged.
                assert_eq!(
                    serde_json::from_str::<serde_json::Value>(&sim.to_json().unwrap()).unwrap(),
                    current
                );
                continue;
            };
            applied += 1;
            let text = sim.to_json().unwrap();
            current = serde_json::from_str(&text).unwrap();
            let fresh = Simulator::from_json(JsValue::from(&text)).unwrap();
            let (kept, want) = (
                json(&sim.matrix(JsValue::UNDEFINED).unwrap()),
                json(&fresh.matrix(JsValue::UNDEFINED).unwrap()),
            );
            assert!(
                kept == want,
                "seed {seed} step {step}: kept matrix differs from a fresh load after {edit_json}"
            );
            let expected = engine::diff::diff(&before, &engine::load(&text).unwrap());
            assert_eq!(
                json(&changes).as_array().unwrap().len(),
                expected.len(),
                "seed {seed} step {step}: change list"
            );
            cells +=
                want["records"].as_array().unwrap().len() * want["users"].as_array().unwrap().len();
        }
        sequences += 1;
        next_task().await;
    }
    web_sys_log(&format!(
        "{sequences} sequences, {applied} edits applied, {cells} cells compared"
    ));
    assert!(applied > 900, "only {applied} edits applied");
}

/// Resolves on a fresh macrotask (`setTimeout(0)`), so the browser can answer the test driver.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let set_timeout: js_sys::Function = js_sys::Reflect::get(&global, &"setTimeout".into())
            .unwrap()
            .unchecked_into();
        set_timeout.call2(&global, &resolve, &0.into()).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn web_sys_log(text: &str) {
    js_sys::eval(&format!("console.log({})", serde_json::Value::from(text))).ok();
}

/// `check()` gives the expectation results `access-sim check` prints, and follows edits.
#[wasm_bindgen_test]
fn check_reports_each_expectation_and_follows_edits() {
    let mut s: serde_json::Value = serde_json::from_str(HELP_CENTER).unwrap();
    s["expectations"] = serde_json::json!([
        {"user": "jack", "record": "case_inverter", "access": "read"},
        {"user": "jack", "record": "case_edge", "access": "read", "at_least": true}
    ]);
    let mut sim = Simulator::new(js(s)).unwrap();
    let r = json(&sim.check_expectations().unwrap());
    assert_eq!(
        (r[0]["passed"].clone(), r[1]["passed"].clone()),
        (true.into(), false.into())
    );
    assert_eq!(r[1]["failing"][0]["actual"], "none");
    // Remove the sharing set: Jack no longer reads his account's cases.
    sim.apply(js(
        serde_json::json!({"edit": "remove", "collection": "sharing_sets",
        "matching": {"id": "ss_customer_cases"}}),
    ))
    .unwrap();
    assert_eq!(json(&sim.check_expectations().unwrap())[0]["passed"], false);
    let lint = json(&sim.lint().unwrap());
    assert!(lint.is_array());
}
