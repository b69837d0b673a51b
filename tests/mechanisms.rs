//! One test (or a few) per access rule, each on a tiny scenario, with the expected level taken
//! from the vendor rule quoted in the mechanism's doc comment (../shared/domain.md).
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::{self, Access, Index};
use serde_json::{json, Value};

/// Roles: top > mid > low, and side under top. Users: boss(top), mgr(mid), rep and rep2(low),
/// side(side), loner (no role). Profiles: std (read/create/edit everywhere), ro (read only),
/// blank (nothing). Every OWD is Private unless a test says otherwise.
fn base() -> Value {
    let all = |perms: &[&str]| {
        let p: Vec<&str> = perms.to_vec();
        json!({"account": p, "contact": p, "case": p, "opportunity": p, "lead": p, "asset": p})
    };
    json!({
        "version": 1,
        "roles": [
            {"id": "top", "name": "Top"},
            {"id": "mid", "name": "Mid", "parent": "top"},
            {"id": "low", "name": "Low", "parent": "mid"},
            {"id": "side_role", "name": "Side", "parent": "top"}
        ],
        "profiles": [
            {"id": "std", "name": "Standard", "objects": all(&["read", "create", "edit"])},
            {"id": "ro", "name": "Read Only", "objects": all(&["read"])},
            {"id": "blank", "name": "Blank"}
        ],
        "users": [
            {"id": "boss", "name": "Boss", "role": "top", "profile": "std"},
            {"id": "mgr", "name": "Manager", "role": "mid", "profile": "std"},
            {"id": "rep", "name": "Rep", "role": "low", "profile": "std"},
            {"id": "rep2", "name": "Rep Two", "role": "low", "profile": "std"},
            {"id": "side", "name": "Side", "role": "side_role", "profile": "std"},
            {"id": "loner", "name": "Loner", "profile": "std"}
        ],
        "accounts": [{"id": "acc", "name": "Acme", "owner": "side"}],
        "cases": [{"id": "case1", "name": "Case one", "owner": "rep", "account": "acc",
                   "fields": {"status": "New"}}]
    })
}

/// Merge `extra` into the base: arrays are appended to, objects and values replaced.
fn scenario(extra: Value) -> Index {
    let mut s = base();
    for (k, v) in extra.as_object().unwrap() {
        match (s.get_mut(k), v) {
            (Some(Value::Array(a)), Value::Array(b)) => a.extend(b.iter().cloned()),
            _ => {
                s[k] = v.clone();
            }
        }
    }
    engine::load(&s.to_string()).unwrap_or_else(|e| panic!("test scenario invalid: {e}"))
}

fn set(ix: &mut Value, path: &[&str], v: Value) {
    let mut cur = ix;
    for p in &path[..path.len() - 1] {
        cur = match p.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[*p],
        };
    }
    cur[path[path.len() - 1]] = v;
}

fn level(ix: &Index, user: &str, record: &str) -> Access {
    let u = ix.find_user(user).unwrap();
    let r = ix.find_record(record).unwrap();
    engine::explain(ix, u, r).level
}

fn mechanisms(ix: &Index, user: &str, record: &str) -> Vec<String> {
    let u = ix.find_user(user).unwrap();
    let r = ix.find_record(record).unwrap();
    engine::explain(ix, u, r)
        .reasons
        .iter()
        .map(|g| format!("{:?}", g.mechanism))
        .collect()
}

use Access::*;

// --- ownership, object permissions, inactive users -------------------------------------

#[test]
fn owner_has_full_access_under_a_private_default() {
    let ix = scenario(json!({}));
    assert_eq!(level(&ix, "rep", "case1"), Full);
    assert_eq!(mechanisms(&ix, "rep", "case1"), ["Owner"]);
}

#[test]
fn without_edit_on_the_object_the_owner_is_capped_to_read() {
    let mut s = base();
    set(&mut s, &["users", "2", "profile"], json!("ro"));
    let ix = engine::load(&s.to_string()).unwrap();
    assert_eq!(level(&ix, "rep", "case1"), Read);
    let e = engine::explain(
        &ix,
        ix.find_user("rep").unwrap(),
        ix.find_record("case1").unwrap(),
    );
    assert!(e.limits[0].contains("no Edit on Case"), "{:?}", e.limits);
}

#[test]
fn without_read_on_the_object_nothing_is_visible() {
    let mut s = base();
    set(&mut s, &["users", "2", "profile"], json!("blank"));
    let ix = engine::load(&s.to_string()).unwrap();
    assert_eq!(level(&ix, "rep", "case1"), None);
}

#[test]
fn a_permission_set_adds_edit_on_top_of_a_read_only_profile() {
    let mut s = base();
    set(&mut s, &["users", "2", "profile"], json!("ro"));
    set(
        &mut s,
        &["users", "2", "permission_sets"],
        json!(["ps_edit"]),
    );
    set(
        &mut s,
        &["permission_sets"],
        json!([{"id": "ps_edit", "name": "Case editor", "objects": {"case": ["edit"]}}]),
    );
    let ix = engine::load(&s.to_string()).unwrap();
    assert_eq!(level(&ix, "rep", "case1"), Full);
}

#[test]
fn inactive_users_get_nothing_but_their_managers_keep_access() {
    let mut s = base();
    set(&mut s, &["users", "2", "active"], json!(false));
    let ix = engine::load(&s.to_string()).unwrap();
    assert_eq!(level(&ix, "rep", "case1"), None);
    assert_eq!(level(&ix, "mgr", "case1"), Full);
}

// --- role hierarchy ----------------------------------------------------------------------

#[test]
fn users_above_the_owner_get_full_and_peers_and_others_nothing() {
    let ix = scenario(json!({}));
    assert_eq!(level(&ix, "mgr", "case1"), Full);
    assert_eq!(level(&ix, "boss", "case1"), Full);
    assert_eq!(level(&ix, "rep2", "case1"), None);
    assert_eq!(level(&ix, "side", "case1"), None);
    assert_eq!(level(&ix, "loner", "case1"), None);
}

#[test]
fn users_below_the_owner_get_nothing() {
    let ix = scenario(json!({"cases": [{"id": "c_mgr", "name": "Mgr's", "owner": "mgr"}]}));
    assert_eq!(level(&ix, "rep", "c_mgr"), None);
    assert_eq!(level(&ix, "boss", "c_mgr"), Full);
}

// --- org-wide defaults ---------------------------------------------------------------------

#[test]
fn public_defaults_give_read_or_edit_to_everyone_inside() {
    for (setting, want) in [
        ("public_read", Read),
        ("public_read_write", Edit),
        ("public_read_write_transfer", Edit),
    ] {
        let ix = scenario(json!({"org_defaults": {"case": {"internal": setting}}}));
        assert_eq!(level(&ix, "loner", "case1"), want, "{setting}");
        assert_eq!(level(&ix, "rep", "case1"), Full, "the owner keeps Full");
    }
}

#[test]
fn external_users_get_the_external_default() {
    let ix = scenario(json!({
        "org_defaults": {"case": {"internal": "public_read", "external": "private"}},
        "users": [{"id": "ext", "name": "Portal", "kind": "external", "license": "consumer", "profile": "std"}]
    }));
    assert_eq!(level(&ix, "loner", "case1"), Read);
    assert_eq!(level(&ix, "ext", "case1"), None);
}

// --- overrides -------------------------------------------------------------------------------

#[test]
fn view_all_and_modify_all_ignore_sharing() {
    let ix = scenario(json!({
        "profiles": [
            {"id": "va", "name": "Case viewer", "objects": {"case": ["view_all"]}},
            {"id": "ma", "name": "Case master", "objects": {"case": ["modify_all"]}},
            {"id": "vad", "name": "Auditor", "system": ["view_all_data"]},
            {"id": "mad", "name": "Admin", "system": ["modify_all_data"]}
        ],
        "users": [
            {"id": "u_va", "name": "VA", "profile": "va"},
            {"id": "u_ma", "name": "MA", "profile": "ma"},
            {"id": "u_vad", "name": "VAD", "profile": "vad"},
            {"id": "u_mad", "name": "MAD", "profile": "mad"}
        ]
    }));
    assert_eq!(level(&ix, "u_va", "case1"), Read);
    assert_eq!(level(&ix, "u_ma", "case1"), Full);
    assert_eq!(level(&ix, "u_vad", "case1"), Read);
    assert_eq!(level(&ix, "u_mad", "case1"), Full);
    // View All on Case says nothing about accounts, and creates no implicit parent access.
    assert_eq!(level(&ix, "u_va", "acc"), None);
    assert_eq!(level(&ix, "u_vad", "acc"), Read);
}

// --- sharing rules ---------------------------------------------------------------------------

#[test]
fn owner_based_rule_shares_records_of_role_and_subordinates_with_a_nested_group() {
    let ix = scenario(json!({
        "groups": [
            {"id": "inner", "name": "Inner", "members": [{"user": "loner"}]},
            {"id": "outer", "name": "Outer", "members": [{"group": "inner"}]}
        ],
        "sharing_rules": [{"id": "r1", "name": "Mid's cases", "object": "case",
            "select": {"owned_by": {"role_and_subordinates": "mid"}},
            "share_with": {"group": "outer"}, "access": "read"}]
    }));
    assert_eq!(level(&ix, "loner", "case1"), Read);
    assert_eq!(level(&ix, "side", "case1"), None);
    let e = engine::explain(
        &ix,
        ix.find_user("loner").unwrap(),
        ix.find_record("case1").unwrap(),
    );
    assert!(
        e.reasons[0].text.contains("'Outer' which contains 'Inner'"),
        "{}",
        e.reasons[0].text
    );
}

#[test]
fn owner_based_rule_on_a_role_alone_skips_subordinates_owners() {
    let ix = scenario(json!({
        "sharing_rules": [{"id": "r1", "name": "Mid only", "object": "case",
            "select": {"owned_by": {"role": "mid"}},
            "share_with": {"role": "side_role"}, "access": "edit"}]
    }));
    // case1 is owned by rep (role low), not by a holder of role mid.
    assert_eq!(level(&ix, "side", "case1"), None);
}

#[test]
fn criteria_rule_matches_any_listed_value_and_ignores_other_objects() {
    let ix = scenario(json!({
        "cases": [{"id": "case2", "name": "Two", "owner": "rep", "fields": {"status": "Closed"}},
                  {"id": "case3", "name": "Three", "owner": "rep"}],
        "sharing_rules": [
            {"id": "r1", "name": "Open", "object": "case",
             "select": {"criteria": [{"field": "status", "equals": ["New", "Working"]}]},
             "share_with": {"role_and_subordinates": "side_role"}, "access": "edit"},
            {"id": "r2", "name": "Accounts", "object": "account",
             "select": {"criteria": [{"field": "status", "equals": ["New"]}]},
             "share_with": {"role": "low"}, "access": "read"}
        ]
    }));
    assert_eq!(level(&ix, "side", "case1"), Edit);
    assert_eq!(
        level(&ix, "side", "case2"),
        None,
        "status Closed is not listed"
    );
    assert_eq!(
        level(&ix, "side", "case3"),
        None,
        "a missing field matches nothing"
    );
}

#[test]
fn the_most_permissive_reason_wins() {
    let ix = scenario(json!({
        "sharing_rules": [{"id": "r1", "name": "Read all", "object": "case",
            "select": {"owned_by": {"role": "low"}},
            "share_with": {"role": "side_role"}, "access": "read"}],
        "manual_shares": [{"id": "m1", "record": "case1", "with": {"user": "side"}, "access": "edit"}]
    }));
    assert_eq!(level(&ix, "side", "case1"), Edit);
    assert_eq!(
        mechanisms(&ix, "side", "case1"),
        ["ManualShare", "SharingRule"]
    );
}

// --- manual shares -------------------------------------------------------------------------

#[test]
fn manual_share_to_a_role_and_subordinates_reaches_below_and_lifts_above() {
    let ix = scenario(json!({
        "cases": [{"id": "c_side", "name": "Side's", "owner": "side"}],
        "manual_shares": [{"id": "m1", "record": "c_side", "with": {"role_and_subordinates": "low"}, "access": "read"}]
    }));
    assert_eq!(level(&ix, "rep", "c_side"), Read);
    assert_eq!(level(&ix, "rep2", "c_side"), Read);
    // mgr is above rep, and managers inherit their subordinates' shares.
    assert_eq!(level(&ix, "mgr", "c_side"), Read);
    assert_eq!(level(&ix, "loner", "c_side"), None);
}

// --- queues ----------------------------------------------------------------------------------

#[test]
fn queue_members_get_access_and_bosses_only_with_hierarchies_on() {
    for (include_bosses, boss_level) in [(true, Full), (false, None)] {
        let ix = scenario(json!({
            "groups": [{"id": "g", "name": "Queue group", "members": [{"role": "low"}]}],
            "queues": [{"id": "q", "name": "Q", "objects": ["case"],
                        "members": [{"group": "g"}], "include_bosses": include_bosses}],
            "cases": [{"id": "qc", "name": "Queued", "owner": "q"}]
        }));
        assert_eq!(level(&ix, "rep", "qc"), Full);
        assert_eq!(level(&ix, "rep2", "qc"), Full);
        assert_eq!(
            level(&ix, "mgr", "qc"),
            boss_level,
            "include_bosses={include_bosses}"
        );
        assert_eq!(level(&ix, "boss", "qc"), boss_level);
        assert_eq!(level(&ix, "side", "qc"), None);
    }
}

// --- teams -----------------------------------------------------------------------------------

#[test]
fn account_team_gives_account_and_child_access_as_set() {
    let ix = scenario(json!({
        "opportunities": [{"id": "opp", "name": "Deal", "owner": "rep", "account": "acc"}],
        "account_teams": [{"account": "acc", "user": "loner", "account_access": "edit",
                           "case_access": "none", "opportunity_access": "read"}]
    }));
    assert_eq!(level(&ix, "loner", "acc"), Edit);
    assert_eq!(level(&ix, "loner", "case1"), None);
    assert_eq!(level(&ix, "loner", "opp"), Read);
}

#[test]
fn account_team_contact_access_is_unused_when_contacts_follow_their_account() {
    let team = json!([{"account": "acc", "user": "loner", "account_access": "read", "contact_access": "edit"}]);
    let contacts = json!([{"id": "con", "name": "Jo", "owner": "side", "account": "acc"}]);
    let private = scenario(json!({"account_teams": team, "contacts": contacts}));
    assert_eq!(level(&private, "loner", "con"), Edit);
    let cbp = scenario(json!({"account_teams": team, "contacts": contacts,
        "org_defaults": {"contact": {"internal": "controlled_by_parent"}}}));
    assert_eq!(
        level(&cbp, "loner", "con"),
        Read,
        "follows the account team's account Read"
    );
}

#[test]
fn opportunity_and_case_teams_share_their_record_and_lift_to_managers() {
    let ix = scenario(json!({
        "opportunities": [{"id": "opp", "name": "Deal", "owner": "side"}],
        "opportunity_teams": [{"opportunity": "opp", "user": "rep", "access": "edit"}],
        "case_teams": [{"case": "case1", "user": "side", "team_role": "Expert", "access": "read"}]
    }));
    assert_eq!(level(&ix, "rep", "opp"), Edit);
    assert_eq!(level(&ix, "mgr", "opp"), Edit);
    assert_eq!(level(&ix, "side", "case1"), Read);
    assert_eq!(level(&ix, "rep2", "opp"), None);
}

// --- implicit sharing -------------------------------------------------------------------------

#[test]
fn account_owner_gets_child_access_from_their_role() {
    let mut s = base();
    set(
        &mut s,
        &["roles", "3", "case_access_for_account_owner"],
        json!("edit"),
    );
    let ix = engine::load(&s.to_string()).unwrap();
    assert_eq!(level(&ix, "side", "case1"), Edit);
    assert_eq!(
        level(&ix, "boss", "case1"),
        Full,
        "above the case owner anyway"
    );
    let none = scenario(json!({}));
    assert_eq!(level(&none, "side", "case1"), None, "role setting none");
}

#[test]
fn an_account_owner_without_a_role_gets_no_implicit_child_access() {
    let ix = scenario(json!({
        "accounts": [{"id": "acc2", "name": "Loner's", "owner": "loner"}],
        "cases": [{"id": "c2", "name": "Two", "owner": "rep", "account": "acc2"}]
    }));
    assert_eq!(level(&ix, "loner", "c2"), None);
}

#[test]
fn access_to_a_child_gives_read_on_the_account_but_not_through_defaults_or_view_all() {
    let ix = scenario(json!({}));
    // rep owns case1 on acc: implicit Read on acc; mgr above rep too.
    assert_eq!(level(&ix, "rep", "acc"), Read);
    assert_eq!(level(&ix, "mgr", "acc"), Read);
    assert_eq!(mechanisms(&ix, "rep", "acc"), ["ImplicitParent"]);
    let public = scenario(json!({"org_defaults": {"case": {"internal": "public_read"}}}));
    assert_eq!(level(&public, "loner", "case1"), Read);
    assert_eq!(level(&public, "loner", "acc"), None);
}

// --- controlled by parent ------------------------------------------------------------------

#[test]
fn controlled_by_parent_records_follow_their_parent() {
    let ix = scenario(json!({
        "org_defaults": {"contact": {"internal": "controlled_by_parent"},
                         "asset": {"internal": "controlled_by_parent"}},
        "contacts": [{"id": "con", "name": "Jo", "owner": "loner", "account": "acc"},
                     {"id": "orphan", "name": "No account", "owner": "rep"}],
        "assets": [{"id": "asset", "name": "Panel", "owner": "loner", "account": "acc"},
                   {"id": "asset2", "name": "Panel 2", "owner": "loner", "contact": "orphan"}],
        "manual_shares": [{"id": "m1", "record": "con", "with": {"user": "rep2"}, "access": "edit"}]
    }));
    for user in ["boss", "mgr", "rep", "rep2", "side", "loner"] {
        assert_eq!(
            level(&ix, user, "con"),
            level(&ix, user, "acc"),
            "{user} on con"
        );
        assert_eq!(
            level(&ix, user, "asset"),
            level(&ix, user, "acc"),
            "{user} on asset"
        );
        assert_eq!(
            level(&ix, user, "asset2"),
            level(&ix, user, "orphan"),
            "{user} on asset2"
        );
    }
    // The owner of a contact on an account they can't see does not see it either...
    assert_eq!(level(&ix, "loner", "con"), None);
    // ...and the contact's own manual share is ignored.
    assert_eq!(level(&ix, "rep2", "con"), None);
    // A contact with no account is private to its owner and those above.
    assert_eq!(level(&ix, "rep", "orphan"), Full);
    assert_eq!(level(&ix, "mgr", "orphan"), Full);
    assert_eq!(
        level(&ix, "side", "orphan"),
        None,
        "not the owner, not above them"
    );
}
