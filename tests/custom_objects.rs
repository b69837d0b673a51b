//! Custom objects (issue 14): declarations, records, and every mechanism that applies to them in
//! Salesforce, with the documented limits. Expected levels come from the quoted documentation;
//! each scenario is also checked set-based against per-pair.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::{self, edits::Edit, fast, Access, Evaluator, Index};
use serde_json::{json, Value};
use Access::*;

const ALL: [&str; 3] = ["read", "create", "edit"];

/// Boss above Rep; Invoice__c (a master with lookups) and its detail Line__c, and Line__c's
/// detail Note__c (a chain of two). Invoices are Private.
fn org(hierarchies: bool) -> Value {
    json!({
        "version": 1,
        "roles": [{"id": "r_boss", "name": "Boss"}, {"id": "r_rep", "name": "Rep", "parent": "r_boss"}],
        "profiles": [
            {"id": "std", "name": "Standard", "objects": {"account": ALL, "contact": ALL,
                "Invoice__c": ALL, "Line__c": ALL, "Note__c": ALL}},
            {"id": "auditor", "name": "Auditor", "objects": {"Invoice__c": ["view_all"], "Line__c": ["read"]}},
            {"id": "portal", "name": "Portal", "objects": {"Invoice__c": ["read"], "Line__c": ["read"]}}
        ],
        "users": [
            {"id": "boss", "name": "Boss", "role": "r_boss", "profile": "std"},
            {"id": "rep", "name": "Rep", "role": "r_rep", "profile": "std"},
            {"id": "other", "name": "Other", "profile": "std"},
            {"id": "audit", "name": "Audit", "profile": "auditor"},
            {"id": "jack", "name": "Jack", "kind": "external", "contact": "con_jack", "profile": "portal"}
        ],
        "groups": [{"id": "g", "name": "Finance", "members": [{"user": "other"}]}],
        "org_defaults": {"account": {"internal": "private"}, "contact": {"internal": "private"}},
        "accounts": [{"id": "acme", "name": "Acme", "owner": "boss"}],
        "contacts": [{"id": "con_jack", "name": "Jack", "owner": "boss", "account": "acme"}],
        "custom_objects": [
            {"api_name": "Invoice__c", "label": "Invoice", "internal": "private",
             "grant_access_using_hierarchies": hierarchies,
             "lookups": [{"field": "Customer__c", "to": "account"}, {"field": "Contact__c", "to": "contact"},
                         {"field": "Approver__c", "to": "user"}]},
            {"api_name": "Line__c", "label": "Invoice Line", "master_detail": {"field": "Invoice__c", "master": "Invoice__c"}},
            {"api_name": "Note__c", "label": "Line Note", "master_detail": {"field": "Line__c", "master": "Line__c"}}
        ],
        "custom_records": [
            {"id": "inv1", "name": "INV-1", "object": "Invoice__c", "owner": "rep",
             "lookups": {"Customer__c": "acme", "Contact__c": "con_jack", "Approver__c": "boss"}, "fields": {"Stage": "Paid"}},
            {"id": "inv2", "name": "INV-2", "object": "Invoice__c", "owner": "other"},
            {"id": "line1", "name": "Line 1", "object": "Line__c", "lookups": {"Invoice__c": "inv1"}},
            {"id": "note1", "name": "Note 1", "object": "Note__c", "lookups": {"Line__c": "line1"}}
        ]
    })
}

fn load(v: &Value) -> Index {
    let ix = engine::load(&v.to_string()).unwrap_or_else(|e| panic!("invalid test scenario: {e}"));
    let (m, ev) = (fast::matrix(&ix), Evaluator::new(&ix));
    for r in ix.record_ixs() {
        for u in ix.user_ixs() {
            assert_eq!(
                m.get(u, r),
                ev.level(u, r),
                "{} on {}",
                ix.user(u).id,
                ix.record(r).id
            );
        }
    }
    ix
}

fn level(ix: &Index, user: &str, record: &str) -> Access {
    let (u, r) = (ix.find_user(user).unwrap(), ix.find_record(record).unwrap());
    fast::matrix(ix).get(u, r)
}

fn problems(v: &Value) -> Vec<String> {
    match engine::load(&v.to_string()) {
        Ok(_) => vec![],
        Err(e) => e
            .problems()
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect(),
    }
}

fn refused(v: &Value, path: &str, words: &str) {
    let found = problems(v);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(path) && p.contains(words)),
        "expected a problem at {path} saying '{words}', got {found:?}"
    );
}

#[test]
fn the_owner_has_full_and_managers_depend_on_grant_access_using_hierarchies() {
    // "users above a record owner in the role hierarchy are also implicitly granted Full
    // Access"; "if the Grant Access Using Hierarchies option is disabled for a custom object,
    // only the record owner and users granted access by the org-wide defaults receive access".
    let ix = load(&org(true));
    assert_eq!(
        (level(&ix, "rep", "inv1"), level(&ix, "boss", "inv1")),
        (Full, Full)
    );
    let ix = load(&org(false));
    assert_eq!(
        (level(&ix, "rep", "inv1"), level(&ix, "boss", "inv1")),
        (Full, None)
    );
    assert_eq!(level(&ix, "other", "inv1"), None, "Private");
}

#[test]
fn details_follow_their_master_and_a_detail_of_a_detail_its_top_master() {
    // Controlled by Parent: users can act on a detail "if they can perform the same action on
    // all associated master records"; "The security settings for the master record control
    // the detail and subdetail records".
    let ix = load(&org(true));
    for user in ["rep", "boss"] {
        assert_eq!(level(&ix, user, "line1"), Full, "{user}");
        assert_eq!(level(&ix, user, "note1"), Full, "{user}");
    }
    assert_eq!(level(&ix, "other", "note1"), None);
    // A detail record has no owner of its own: the master's owner owns it.
    let r = ix.find_record("note1").unwrap();
    assert_eq!(
        ix.record(r).owner,
        ix.record(ix.find_record("inv1").unwrap()).owner
    );
}

#[test]
fn sharing_rules_manual_shares_and_queues_reach_custom_records() {
    let mut s = org(false);
    s["sharing_rules"] = json!([
        {"id": "crit", "name": "Paid invoices", "object": "Invoice__c",
         "select": {"criteria": [{"field": "Stage", "equals": ["Paid"]}]}, "share_with": {"group": "g"}, "access": "edit"},
        {"id": "own", "name": "Other's invoices", "object": "Invoice__c",
         "select": {"owned_by": {"role": "r_rep"}}, "share_with": {"role": "r_boss"}, "access": "read"}
    ]);
    s["manual_shares"] =
        json!([{"id": "m", "record": "inv2", "with": {"user": "rep"}, "access": "read"}]);
    s["queues"] = json!([{"id": "q", "name": "Billing", "objects": ["Invoice__c"], "members": [{"user": "rep"}]}]);
    s["custom_records"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "inv3", "name": "INV-3", "object": "Invoice__c", "owner": "q"}));
    let ix = load(&s);
    assert_eq!(level(&ix, "other", "inv1"), Edit, "criteria-based rule");
    assert_eq!(level(&ix, "other", "line1"), Edit, "the detail follows");
    assert_eq!(
        level(&ix, "boss", "inv1"),
        Read,
        "owner-based rule to the boss's role"
    );
    assert_eq!(level(&ix, "rep", "inv2"), Read, "manual share");
    assert_eq!(level(&ix, "rep", "inv3"), Full, "queue member");
    // The queue grants access using hierarchies by default, but the object does not.
    assert_eq!(level(&ix, "boss", "inv3"), None);
}

#[test]
fn view_all_and_modify_all_ignore_sharing_on_custom_objects() {
    // View All / Modify All "ignore sharing rules and settings".
    let mut s = org(true);
    let ix = load(&s);
    assert_eq!(level(&ix, "audit", "inv2"), Read);
    assert_eq!(
        level(&ix, "audit", "line1"),
        Read,
        "a detail follows its master's access"
    );
    assert_eq!(
        level(&ix, "audit", "note1"),
        None,
        "no Read on Line Note in the profile"
    );
    s["profiles"][1]["objects"]["Invoice__c"] = json!(["modify_all"]);
    assert_eq!(level(&load(&s), "audit", "inv2"), Full);
}

#[test]
fn sharing_sets_map_custom_lookups_directly_and_one_step_further() {
    // "Access mappings support indirect lookups from the user and target record to the account
    // or contact"; the custom object needs "an account or contact lookup field".
    let mut s = org(true);
    s["sharing_sets"] = json!([{"id": "ss", "name": "Invoices", "profiles": ["portal"], "mappings": [
        {"object": "Invoice__c", "user_field": "contact", "target": "Contact__c", "access": "read"}]}]);
    let ix = load(&s);
    assert_eq!(level(&ix, "jack", "inv1"), Read);
    assert_eq!(level(&ix, "jack", "inv2"), None, "no contact");
    assert_eq!(level(&ix, "jack", "line1"), Read, "the detail follows");
    s["sharing_sets"][0]["mappings"] = json!([
        {"object": "Invoice__c", "user_field": "account", "target": "Contact__c.account", "access": "read"}]);
    assert_eq!(
        level(&load(&s), "jack", "inv1"),
        Read,
        "the contact's account is Jack's"
    );
    s["sharing_sets"][0]["mappings"] = json!([
        {"object": "Invoice__c", "user_field": "contact", "target": "Customer__c", "access": "read"}]);
    refused(
        &s,
        "sharing_sets[0].mappings[0].target",
        "one is an account and the other a contact",
    );
    s["sharing_sets"][0]["mappings"] = json!([
        {"object": "Invoice__c", "user_field": "contact", "target": "Approver__c", "access": "read"}]);
    refused(
        &s,
        "sharing_sets[0].mappings[0].target",
        "not a lookup this mapping can follow",
    );
}

#[test]
fn custom_objects_give_no_implicit_parent_access() {
    // Implicit sharing exists between accounts and their cases, contacts and opportunities;
    // a custom record that looks up an account gives nothing on it.
    let mut s = org(true);
    s["custom_records"][0]["owner"] = json!("other");
    let ix = load(&s);
    assert_eq!(level(&ix, "other", "inv1"), Full);
    assert_eq!(level(&ix, "other", "acme"), None);
}

#[test]
fn a_custom_default_edit_goes_through_the_declaration_and_matches_a_fresh_load() {
    let s = org(false);
    let mut eng = engine::Engine::new(load(&s));
    let edit: Edit =
        serde_json::from_value(json!({"edit": "set_org_default", "object": "Invoice__c",
        "default": {"internal": "public_read"}}))
        .unwrap();
    eng.apply(&edit).unwrap();
    let fresh = fast::matrix(&engine::validate(eng.ix.scenario.clone()).unwrap());
    assert_eq!(eng.matrix.changes_since(&fresh, &eng.ix, 10).0, 0);
    assert_eq!(
        eng.ix.scenario.custom_objects[0].internal,
        Some(engine::scenario::Sharing::PublicRead)
    );
    let (other, line) = (
        eng.ix.find_user("other").unwrap(),
        eng.ix.find_record("line1").unwrap(),
    );
    assert_eq!(
        eng.level(other, line),
        Read,
        "Public Read Only reaches the detail"
    );
    // A detail stays Controlled by Parent.
    let edit: Edit = serde_json::from_value(json!({"edit": "set_org_default", "object": "Line__c",
        "default": {"internal": "public_read"}}))
    .unwrap();
    assert!(eng.apply(&edit).is_err());
}

#[test]
fn salesforce_limits_on_custom_objects_are_refused_at_their_path() {
    let base = org(true);
    let mut s = base.clone();
    s["custom_records"][2]["owner"] = json!("rep");
    refused(&s, "custom_records[2].owner", "no owner of its own");
    let mut s = base.clone();
    s["custom_records"][2]["lookups"] = json!({});
    refused(&s, "custom_records[2].lookups", "needs its master");
    let mut s = base.clone();
    s["custom_records"][1]
        .as_object_mut()
        .unwrap()
        .remove("owner");
    refused(&s, "custom_records[1].owner", "needs an owner");
    let mut s = base.clone();
    s["custom_records"][0]["lookups"]["Customer__c"] = json!("con_jack");
    refused(
        &s,
        "custom_records[0].lookups.Customer__c",
        "not an account",
    );
    let mut s = base.clone();
    s["custom_records"][0]["lookups"]["Nope__c"] = json!("acme");
    refused(
        &s,
        "custom_records[0].lookups.Nope__c",
        "has no lookup field",
    );
    let mut s = base.clone();
    s["sharing_rules"] = json!([{"id": "r", "name": "R", "object": "Line__c",
        "select": {"owned_by": {"role": "r_rep"}}, "share_with": {"role": "r_boss"}, "access": "read"}]);
    refused(&s, "sharing_rules[0].object", "can't have sharing rules");
    let mut s = base.clone();
    s["manual_shares"] =
        json!([{"id": "m", "record": "line1", "with": {"user": "other"}, "access": "read"}]);
    refused(&s, "manual_shares[0].record", "can't be shared manually");
    let mut s = base.clone();
    s["queues"] = json!([{"id": "q", "name": "Q", "objects": ["Line__c"]}]);
    refused(&s, "queues[0].objects", "no queue can own them");
    let mut s = base.clone();
    s["custom_objects"][1]["internal"] = json!("private");
    refused(&s, "custom_objects[1].internal", "controlled_by_parent");
    let mut s = base.clone();
    s["custom_objects"][0]["internal"] = json!("controlled_by_parent");
    refused(
        &s,
        "custom_objects[0].internal",
        "can't be Controlled by Parent",
    );
    let mut s = base.clone();
    s["custom_objects"][1]["grant_access_using_hierarchies"] = json!(false);
    refused(
        &s,
        "custom_objects[1].grant_access_using_hierarchies",
        "Controlled by Parent",
    );
    let mut s = base.clone();
    s["org_defaults"]["Invoice__c"] = json!({"internal": "public_read"});
    refused(
        &s,
        "org_defaults.Invoice__c",
        "set its defaults on its declaration",
    );
    let mut s = base.clone();
    s["profiles"][0]["objects"]["Ghost__c"] = json!(["read"]);
    refused(
        &s,
        "profiles[0].objects.Ghost__c",
        "no custom object 'Ghost__c' is declared",
    );
    let mut s = base.clone();
    s["custom_objects"][0]["master_detail"] = json!({"field": "Loop__c", "master": "Note__c"});
    s["custom_objects"][0]["internal"] = json!("controlled_by_parent");
    refused(
        &s,
        "custom_objects[0].master_detail.master",
        "cycle of master-detail",
    );
    let mut s = base.clone();
    s["custom_objects"][0]["api_name"] = json!("Invoice");
    refused(&s, "custom_objects[0].api_name", "ending in __c");
}

#[test]
fn master_detail_chains_go_at_most_three_levels_deep() {
    let mut s = org(true);
    let objects = s["custom_objects"].as_array_mut().unwrap();
    objects.push(json!({"api_name": "Stamp__c", "label": "Stamp", "master_detail": {"field": "Note__c", "master": "Note__c"}}));
    assert!(problems(&s).is_empty(), "three levels: {:?}", problems(&s));
    s["custom_objects"].as_array_mut().unwrap().push(
        json!({"api_name": "Ink__c", "label": "Ink", "master_detail": {"field": "Stamp__c", "master": "Stamp__c"}}));
    refused(
        &s,
        "custom_objects[4].master_detail",
        "4 master-detail levels below its top master",
    );
}

#[test]
fn explanations_name_the_master_and_hierarchies_turned_off() {
    let ix = load(&org(false));
    let (boss, rep, note) = (
        ix.find_user("boss").unwrap(),
        ix.find_user("rep").unwrap(),
        ix.find_record("note1").unwrap(),
    );
    let e = engine::explain(&ix, rep, note);
    assert!(
        e.reasons[0]
            .text
            .starts_with("Line Note is Controlled by Parent"),
        "{}",
        e.reasons[0].text
    );
    assert!(
        e.reasons[0].text.contains("Invoice 'INV-1'"),
        "{}",
        e.reasons[0].text
    );
    let e = engine::explain::explain_brief(&ix, boss, ix.find_record("inv1").unwrap());
    let considered: Vec<&str> = e
        .why_not
        .as_ref()
        .unwrap()
        .considered
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert!(
        considered
            .iter()
            .any(|t| t.contains("Grant Access Using Hierarchies is off for Invoice")),
        "{considered:?}"
    );
}
