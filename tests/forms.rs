//! The engine helpers behind the scenario builder's forms: id suggestions, error wording,
//! locating an error's line in JSON text, mapping lookups, and what refers to an entity.

use access_sim::engine::edits::{line_of_path, plain_message, problem_field, suggest_id};
use access_sim::engine::references::{describe, reassign, references, remove_with_references};
use access_sim::engine::scenario::{ObjectKind, TargetPath, UserField};
use access_sim::engine::validate::{mapping_targets, mapping_user_field};
use access_sim::engine::{edits::Collection, load, parse};
use serde_json::{json, Value};

fn preset(name: &str) -> String {
    std::fs::read_to_string(format!("www/scenarios/{name}.json")).unwrap()
}

fn doc(name: &str) -> Value {
    serde_json::from_str(&preset(name)).unwrap()
}

#[test]
fn suggested_ids_are_slugs_made_unique() {
    let d = doc("help-center");
    assert_eq!(
        suggest_id(&d, "Share Customer Cases!"),
        "share_customer_cases"
    );
    assert_eq!(suggest_id(&d, "  Élan -- Vital  "), "lan_vital");
    assert_eq!(suggest_id(&d, "???"), "");
    // "ken" is taken by Ken Adams, so a second Ken gets ken_2.
    assert_eq!(suggest_id(&d, "Ken"), "ken_2");
    let mut d2 = d.clone();
    d2["users"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "ken_2", "name": "K", "profile": "p_standard"}));
    assert_eq!(suggest_id(&d2, "ken"), "ken_3");
}

#[test]
fn parser_messages_become_plain_words() {
    assert_eq!(
        plain_message("$", "missing field `access` at line 1 column 1218"),
        "Choose an access level"
    );
    assert_eq!(
        plain_message("users[4]", "missing field `profile`"),
        "Choose a profile"
    );
    assert_eq!(
        plain_message("$", "related_parties: the value needs `id`"),
        "Fill in an id"
    );
    assert_eq!(
        plain_message(
            "cases[0].owner",
            "unknown variant `bogus`, expected one of `read`, `edit`"
        ),
        "'bogus' is not one of: read, edit"
    );
    assert_eq!(
        plain_message("users[6].id", "duplicate id 'ken' (already used by user 2)"),
        "That id is taken; choose another"
    );
    assert_eq!(
        plain_message("cases[0].owner", "no user has the id 'zed'"),
        "No user has the id 'zed'"
    );
    assert_eq!(
        plain_message("$", "missing field `profiles`"),
        "Add at least one profile"
    );
    for m in [
        plain_message("$", "missing field `case_access`"),
        plain_message(
            "manual_shares[0]",
            "missing field `with` at line 3 column 4",
        ),
    ] {
        assert!(
            !m.contains('`') && !m.contains("line") && !m.contains('$'),
            "{m}"
        );
    }
    assert_eq!(
        problem_field("users[4]", "missing field `profile`").as_deref(),
        Some("profile")
    );
    assert_eq!(
        problem_field("sharing_sets[0].mappings[1].target", "x").as_deref(),
        Some("mappings")
    );
    assert_eq!(problem_field("$", "something").as_deref(), None);
}

#[test]
fn an_error_path_is_found_at_its_line() {
    let text = "{\n  \"version\": 1,\n  \"cases\": [\n    {\"id\": \"a\"},\n    {\n      \"id\": \"b\",\n      \"owner\": \"zed\"\n    }\n  ]\n}\n";
    assert_eq!(line_of_path(text, "$"), Some(1));
    assert_eq!(line_of_path(text, "version"), Some(2));
    assert_eq!(line_of_path(text, "cases"), Some(3));
    assert_eq!(line_of_path(text, "cases[0]"), Some(4));
    assert_eq!(line_of_path(text, "cases[1].owner"), Some(7));
    assert_eq!(line_of_path(text, "cases[2]"), None);
    // A real validation problem of a preset, located in its pretty-printed text.
    let mut d = doc("help-center");
    d["cases"][2]["owner"] = json!("nobody");
    let pretty = serde_json::to_string_pretty(&d).unwrap();
    let problems = load(&pretty).unwrap_err().problems();
    let p = &problems[0];
    assert_eq!(p.path, "cases[2].owner");
    let line = line_of_path(&pretty, &p.path).unwrap();
    assert!(pretty.lines().nth(line - 1).unwrap().contains("\"nobody\""));
}

#[test]
fn mapping_lookups_offered_are_the_ones_validation_accepts() {
    assert_eq!(
        mapping_targets(ObjectKind::Case),
        &[
            TargetPath::Account,
            TargetPath::Contact,
            TargetPath::AssetAccount,
            TargetPath::AssetContact,
            TargetPath::ContactAccount
        ]
    );
    assert!(mapping_targets(ObjectKind::Lead).is_empty());
    assert_eq!(
        mapping_user_field(ObjectKind::Case, TargetPath::AssetAccount),
        UserField::Account
    );
    assert_eq!(
        mapping_user_field(ObjectKind::Contact, TargetPath::Id),
        UserField::Contact
    );
    // Every offered combination loads; the help-center set with each one swapped in.
    for o in ObjectKind::ALL.iter() {
        for t in mapping_targets(*o) {
            let mut d = doc("help-center");
            d["sharing_sets"][0]["mappings"] = json!([{
                "object": o, "user_field": mapping_user_field(*o, *t), "target": t, "access": "read"
            }]);
            assert!(load(&d.to_string()).is_ok(), "{o:?} {t:?}");
        }
    }
}

#[test]
fn references_say_what_an_entity_is_used_for() {
    let s = parse(&preset("help-center")).unwrap();
    let refs = references(&s, Collection::Users, "ken");
    // ken owns four cases (inverter, monitoring, output, edge) and the solar panel asset.
    let owned: Vec<&str> = refs
        .iter()
        .filter(|r| r.field == "owner")
        .map(|r| r.entry.as_str())
        .collect();
    assert_eq!(
        owned,
        [
            "case_inverter",
            "case_monitoring",
            "case_output",
            "case_edge",
            "asset_panels"
        ]
    );
    // ...and the help center's second exercise checks Ken's access: removing him removes it.
    assert_eq!(
        describe(&refs),
        "owns 4 cases and 1 asset; is checked by 1 exercise"
    );
    let paula = references(&s, Collection::Users, "paula");
    assert_eq!(paula.len(), 1);
    assert_eq!(paula[0].field, "share_group.members[0].user");
    assert_eq!(describe(&paula), "is a member of 1 sharing set");
    // case_edge is checked by the exercise that keeps Jack out of Edge's cases, nothing else.
    let edge = references(&s, Collection::Cases, "case_edge");
    assert_eq!(describe(&edge), "is checked by 1 exercise");
    // An exercise's model answer names Paula but doesn't count: it is not part of the design.
    assert!(paula.iter().all(|r| r.collection != Collection::Exercises));
}

#[test]
fn reassign_and_cascade_give_loadable_scenarios() {
    let s = parse(&preset("help-center")).unwrap();
    let moved = reassign(&s, Collection::Users, "ken", "maria");
    let ix = load(&moved.to_string()).unwrap();
    assert!(ix.find_user("ken").is_none());
    let cases = moved["cases"].as_array().unwrap();
    assert_eq!(cases.iter().filter(|c| c["owner"] == "maria").count(), 4);

    let gone = remove_with_references(&s, Collection::Users, "ken");
    load(&gone.to_string()).unwrap();
    // Only sean's own case is left; the asset went too, and case_output lost nothing else.
    let ids: Vec<&str> = gone["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["case_sean_own"]);
    assert!(gone["assets"].as_array().unwrap().is_empty());

    // paula only sits in a share group: she is dropped from it, the set stays.
    let p = remove_with_references(&s, Collection::Users, "paula");
    load(&p.to_string()).unwrap();
    assert_eq!(p["sharing_sets"][0]["share_group"]["members"], json!([]));

    // Every user and role of every preset can be removed with what needs it.
    for name in [
        "account-team",
        "customer-success",
        "help-center",
        "housing-loan",
        "role-hierarchy",
        "sold-product",
        "teams-crm",
    ] {
        let s = parse(&preset(name)).unwrap();
        for u in s.users.iter().map(|u| u.id.clone()) {
            let d = remove_with_references(&s, Collection::Users, &u);
            if let Err(e) = load(&d.to_string()) {
                panic!("{name}: removing {u} with its references: {e}");
            }
        }
    }
}

#[test]
fn validation_messages_name_entries_in_words_not_paths() {
    let mut d = doc("help-center");
    d["users"][5]["id"] = json!("ken");
    let p = load(&d.to_string()).unwrap_err().problems();
    let dup = p.iter().find(|p| p.path == "users[5].id").unwrap();
    // ken is the second user.
    assert_eq!(dup.message, "duplicate id 'ken' (already used by user 2)");

    let mut d = doc("role-hierarchy");
    d["sharing_rules"][1]["select"] =
        json!({"criteria": [{"field": "status", "equals": ["New"]}, {"field": " ", "equals": []}]});
    let p = load(&d.to_string()).unwrap_err().problems();
    let msgs: Vec<(&str, &str)> = p
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        msgs,
        [
            (
                "sharing_rules[1].select.criteria[1].field",
                "criterion 2 has no field name"
            ),
            (
                "sharing_rules[1].select.criteria[1].equals",
                "criterion 2 of rule 'sr_escalated' lists no value to match"
            )
        ]
    );
}

#[test]
fn renaming_an_id_moves_its_references() {
    let mut d = doc("help-center");
    d["users"][1]["id"] = json!("ken_adams");
    access_sim::engine::references::rename_in(&mut d, "ken", "ken_adams");
    let ix = load(&d.to_string()).unwrap();
    assert!(ix.find_user("ken_adams").is_some());
    assert_eq!(d["cases"][0]["owner"], "ken_adams");
    assert_eq!(d["assets"][0]["owner"], "ken_adams");
}

#[test]
fn removal_effects_count_removed_and_unlinked_entries() {
    use access_sim::engine::references::removal_effects;
    let s = parse(&preset("help-center")).unwrap();
    // ken: four cases and an asset need their owner, and an exercise checks him: all six
    // would go.
    assert_eq!(
        removal_effects(&references(&s, Collection::Users, "ken")),
        (6, 0)
    );
    // paula: only a share-group member, dropped from the list.
    assert_eq!(
        removal_effects(&references(&s, Collection::Users, "paula")),
        (0, 1)
    );
    // con_jack: jack (a portal user is his contact) goes, and so does the exercise checking
    // Ken's access to that contact; case_inverter only loses its contact.
    assert_eq!(
        removal_effects(&references(&s, Collection::Contacts, "con_jack")),
        (2, 1)
    );
}
