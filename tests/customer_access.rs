//! Rules for people outside the company (issue 3): portal users and their portal roles,
//! sharing sets and share groups (Salesforce, seed 002), related parties, responsibilities, sold
//! products and CSM portal roles (ServiceNow, seed 001). Expected levels come from the rules
//! quoted in each mechanism's doc comment.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::{self, Access, Index};
use serde_json::{json, Value};
use Access::*;

/// Accounts acme (owned by rep, role Rep under Boss) and globex, with contacts; portal users
/// jack (acme, high volume) and gina (globex, high volume); a sharing set on cases by account.
fn base() -> Value {
    let all = json!(["read", "create", "edit"]);
    json!({
        "version": 1,
        "roles": [{"id": "boss_role", "name": "Boss"}, {"id": "rep_role", "name": "Rep", "parent": "boss_role"}],
        "profiles": [
            {"id": "std", "name": "Standard", "objects": {"account": all, "contact": all, "case": all, "asset": all, "sold_product": all}},
            {"id": "cc", "name": "Customer Community User", "objects": {"account": ["read"], "contact": ["read"], "case": all, "asset": ["read"], "sold_product": ["read"]}},
            {"id": "cc_other", "name": "Other portal profile", "objects": {"case": all}}
        ],
        "users": [
            {"id": "boss", "name": "Boss", "role": "boss_role", "profile": "std"},
            {"id": "rep", "name": "Rep", "role": "rep_role", "profile": "std"},
            {"id": "jack", "name": "Jack", "kind": "external", "contact": "con_jack", "profile": "cc"},
            {"id": "gina", "name": "Gina", "kind": "external", "contact": "con_gina", "profile": "cc"}
        ],
        "org_defaults": {"case": {"internal": "private"}, "contact": {"internal": "private"}, "account": {"internal": "private"}},
        "accounts": [{"id": "acme", "name": "Acme", "owner": "rep"}, {"id": "globex", "name": "Globex", "owner": "rep"}],
        "contacts": [
            {"id": "con_jack", "name": "Jack", "owner": "rep", "account": "acme"},
            {"id": "con_gina", "name": "Gina", "owner": "rep", "account": "globex"}
        ],
        "assets": [{"id": "panel", "name": "Panel", "owner": "rep", "account": "acme"},
                   {"id": "loose_panel", "name": "Unassigned panel", "owner": "rep"}],
        "cases": [
            {"id": "c_acme", "name": "Acme case", "owner": "rep", "account": "acme", "contact": "con_jack"},
            {"id": "c_globex", "name": "Globex case", "owner": "rep", "account": "globex"},
            {"id": "c_via_asset", "name": "Via asset", "owner": "rep", "asset": "panel"},
            {"id": "c_loose", "name": "Asset without account", "owner": "rep", "asset": "loose_panel"},
            {"id": "c_bare", "name": "No lookups", "owner": "rep"}
        ],
        "sharing_sets": [{"id": "ss", "name": "Share Customer Cases", "profiles": ["cc"], "mappings": [
            {"object": "case", "user_field": "account", "target": "account", "access": "read"},
            {"object": "case", "user_field": "account", "target": "asset.account", "access": "read"}
        ]}]
    })
}

fn load(v: &Value) -> Index {
    engine::load(&v.to_string()).unwrap_or_else(|e| panic!("invalid test scenario: {e}"))
}

fn level(ix: &Index, user: &str, record: &str) -> Access {
    let (u, r) = (ix.find_user(user).unwrap(), ix.find_record(record).unwrap());
    engine::explain(ix, u, r).level
}

fn explain_text(ix: &Index, user: &str, record: &str) -> String {
    let (u, r) = (ix.find_user(user).unwrap(), ix.find_record(record).unwrap());
    engine::explain(ix, u, r).to_text()
}

fn error_of(v: &Value) -> String {
    match engine::load(&v.to_string()) {
        Ok(_) => panic!("accepted an invalid scenario"),
        Err(e) => e.to_string(),
    }
}

// --- sharing sets --------------------------------------------------------------------------

#[test]
fn a_direct_mapping_shares_the_cases_of_the_users_account_only() {
    let ix = load(&base());
    assert_eq!(level(&ix, "jack", "c_acme"), Read);
    assert_eq!(level(&ix, "jack", "c_globex"), None);
    assert_eq!(level(&ix, "gina", "c_globex"), Read);
    assert_eq!(level(&ix, "gina", "c_acme"), None);
    assert!(explain_text(&ix, "jack", "c_acme").contains("Share Customer Cases"));
}

#[test]
fn an_indirect_mapping_follows_the_asset_and_a_missing_link_matches_nothing() {
    let ix = load(&base());
    assert_eq!(level(&ix, "jack", "c_via_asset"), Read);
    assert_eq!(
        level(&ix, "jack", "c_loose"),
        None,
        "the asset has no account"
    );
    assert_eq!(level(&ix, "jack", "c_bare"), None, "the case has no asset");
}

#[test]
fn a_mapping_on_the_users_contact_and_read_write_access() {
    let mut s = base();
    s["sharing_sets"][0]["mappings"] =
        json!([{"object": "case", "user_field": "contact", "target": "contact", "access": "edit"}]);
    let ix = load(&s);
    assert_eq!(level(&ix, "jack", "c_acme"), Edit, "case contact is Jack");
    assert_eq!(
        level(&ix, "gina", "c_globex"),
        None,
        "the case has no contact"
    );
}

#[test]
fn sharing_sets_apply_only_to_their_profiles() {
    let mut s = base();
    s["users"][2]["profile"] = json!("cc_other");
    let ix = load(&s);
    assert_eq!(level(&ix, "jack", "c_acme"), None);
}

#[test]
fn sharing_set_access_gives_no_implicit_parent_and_is_not_for_internal_users() {
    let mut s = base();
    s["users"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "intern", "name": "Intern", "profile": "cc"}));
    // Jack reaches Globex's case through a mapping on the case's contact: "sharing sets"
    // give no implicit parent access, so Globex itself stays hidden from him (his own account
    // Acme he reads as a portal user: see portal_account.rs).
    s["cases"][1]["contact"] = json!("con_jack");
    s["sharing_sets"][0]["mappings"]
        .as_array_mut()
        .unwrap()
        .push(json!({"object": "case", "user_field": "contact", "target": "contact", "access": "read"}));
    let ix = load(&s);
    assert_eq!(level(&ix, "jack", "c_globex"), Read);
    assert_eq!(level(&ix, "jack", "globex"), None);
    assert_eq!(
        level(&ix, "intern", "c_acme"),
        None,
        "internal user with the same profile"
    );
}

#[test]
fn portal_users_see_contacts_that_follow_an_account_shared_with_them() {
    let mut s = base();
    s["org_defaults"]["contact"] = json!({"internal": "controlled_by_parent"});
    s["sharing_sets"][0]["mappings"]
        .as_array_mut()
        .unwrap()
        .push(
            json!({"object": "account", "user_field": "account", "target": "id", "access": "read"}),
        );
    let ix = load(&s);
    assert_eq!(level(&ix, "jack", "acme"), Read);
    assert_eq!(
        level(&ix, "jack", "con_jack"),
        Read,
        "Controlled by Parent: follows acme"
    );
    assert_eq!(level(&ix, "jack", "con_gina"), None);
}

#[test]
fn the_external_default_applies_to_portal_users() {
    let mut s = base();
    s["org_defaults"]["case"] = json!({"internal": "public_read", "external": "private"});
    let ix = load(&s);
    assert_eq!(level(&ix, "boss", "c_bare"), Full);
    assert_eq!(level(&ix, "jack", "c_bare"), None);
}

#[test]
fn share_groups_reach_records_owned_by_high_volume_users() {
    let mut s = base();
    s["users"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "liaison", "name": "Liaison", "profile": "std"}));
    s["sharing_sets"][0]["share_group"] =
        json!({"members": [{"user": "liaison"}], "access": "edit"});
    s["cases"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "c_jacks", "name": "Jack's own", "owner": "jack", "account": "acme"}));
    let ix = load(&s);
    assert_eq!(level(&ix, "liaison", "c_jacks"), Edit);
    assert_eq!(
        level(&ix, "boss", "c_jacks"),
        None,
        "high-volume users have no role above them"
    );
    assert_eq!(
        level(&ix, "liaison", "c_acme"),
        None,
        "owned by an internal user"
    );
}

#[test]
fn mapping_paths_are_checked_against_the_object() {
    let mut s = base();
    s["sharing_sets"][0]["mappings"] =
        json!([{"object": "case", "user_field": "contact", "target": "account", "access": "read"}]);
    assert!(
        error_of(&s).contains("sharing_sets[0].mappings[0].target"),
        "{}",
        error_of(&s)
    );
    s["sharing_sets"][0]["mappings"] =
        json!([{"object": "lead", "user_field": "account", "target": "account", "access": "read"}]);
    assert!(
        error_of(&s).contains("no account or contact lookup"),
        "{}",
        error_of(&s)
    );
}

// --- what Salesforce refuses for high-volume users --------------------------------------------

#[test]
fn high_volume_users_cannot_join_groups_teams_or_have_roles() {
    let mut s = base();
    s["groups"] = json!([{"id": "g", "name": "G", "members": [{"user": "jack"}]}]);
    assert!(
        error_of(&s).contains("groups[0].members[0].user: 'jack' is a high-volume"),
        "{}",
        error_of(&s)
    );
    let mut s = base();
    s["account_teams"] = json!([{"account": "acme", "user": "jack", "account_access": "read"}]);
    assert!(
        error_of(&s).contains("account_teams[0].user"),
        "{}",
        error_of(&s)
    );
    let mut s = base();
    s["users"][2]["role"] = json!("rep_role");
    assert!(error_of(&s).contains("users[2].role"), "{}", error_of(&s));
    let mut s = base();
    s["users"][2]["portal_role"] = json!("manager");
    assert!(
        error_of(&s).contains("users[2].portal_role"),
        "{}",
        error_of(&s)
    );
    let mut s = base();
    s["users"][2].as_object_mut().unwrap().remove("contact");
    assert!(
        error_of(&s).contains("users[2].contact"),
        "{}",
        error_of(&s)
    );
}

// --- portal roles --------------------------------------------------------------------------

fn partners() -> Value {
    let mut s = base();
    let users = s["users"].as_array_mut().unwrap();
    users.push(
        json!({"id": "pexec", "name": "Partner Exec", "kind": "external", "license": "partner",
        "portal_role": "executive", "contact": "con_jack", "profile": "cc"}),
    );
    users.push(
        json!({"id": "puser", "name": "Partner User", "kind": "external", "license": "partner",
        "contact": "con_jack", "profile": "cc"}),
    );
    users.push(json!({"id": "gplus", "name": "Globex Plus", "kind": "external", "license": "customer_community_plus",
        "portal_role": "executive", "contact": "con_gina", "profile": "cc"}));
    s["cases"].as_array_mut().unwrap().push(
        json!({"id": "c_puser", "name": "Partner's case", "owner": "puser", "account": "acme"}),
    );
    s
}

#[test]
fn portal_roles_sit_under_the_account_owners_role() {
    let ix = load(&partners());
    // The partner user's case: the executive above them in the account's portal roles, the
    // account owner (rep) and everyone above rep see it with the owner's Full access.
    assert_eq!(level(&ix, "puser", "c_puser"), Full);
    assert_eq!(level(&ix, "pexec", "c_puser"), Full);
    assert_eq!(level(&ix, "rep", "c_puser"), Full);
    assert_eq!(level(&ix, "boss", "c_puser"), Full);
    // Another account's portal executive is not above them.
    assert_eq!(level(&ix, "gplus", "c_puser"), None);
    let text = explain_text(&ix, "pexec", "c_puser");
    assert!(text.contains("Acme Partner Executive"), "{text}");
}

#[test]
fn role_and_internal_subordinates_leaves_portal_users_out() {
    let mut s = partners();
    s["sharing_rules"] = json!([
        {"id": "r_all", "name": "All below Boss", "object": "case", "select": {"criteria": [{"field": "status", "equals": ["Open"]}]},
         "share_with": {"role_and_subordinates": "boss_role"}, "access": "read"},
        {"id": "r_int", "name": "Internal below Boss", "object": "case", "select": {"criteria": [{"field": "status", "equals": ["Hot"]}]},
         "share_with": {"role_and_internal_subordinates": "boss_role"}, "access": "read"}
    ]);
    s["cases"].as_array_mut().unwrap().extend([
        json!({"id": "c_open", "name": "Open", "owner": "boss", "fields": {"status": "Open"}}),
        json!({"id": "c_hot", "name": "Hot", "owner": "boss", "fields": {"status": "Hot"}}),
    ]);
    let ix = load(&s);
    assert_eq!(level(&ix, "puser", "c_open"), Read);
    assert_eq!(level(&ix, "puser", "c_hot"), None);
    assert_eq!(level(&ix, "rep", "c_hot"), Read);
    assert_eq!(
        level(&ix, "jack", "c_open"),
        None,
        "high-volume users have no role at all"
    );
}

#[test]
fn portal_users_need_an_account_owner_with_a_role() {
    let mut s = partners();
    s["accounts"][0]["owner"] = json!("boss");
    s["roles"][0] = json!({"id": "boss_role", "name": "Boss"});
    s["users"][0].as_object_mut().unwrap().remove("role");
    assert!(
        error_of(&s).contains("has no role; Salesforce requires one"),
        "{}",
        error_of(&s)
    );
}

// --- related parties -------------------------------------------------------------------------

fn loan() -> Value {
    let mut s = base();
    s["users"].as_array_mut().unwrap().extend([
        json!({"id": "arjun", "name": "Arjun", "kind": "external", "license": "consumer", "profile": "cc"}),
        json!({"id": "lena", "name": "Lena", "kind": "external", "license": "consumer", "profile": "cc"}),
    ]);
    s["responsibilities"] = json!([
        {"id": "rep_resp", "name": "Authorized Representative", "type": "consumer"},
        {"id": "viewer", "name": "Viewer", "type": "consumer"},
        {"id": "nothing_on_cases", "name": "Products only", "type": "contact"}
    ]);
    s["responsibility_access"] = json!([
        {"responsibility": "rep_resp", "table": "case", "access": "write"},
        {"responsibility": "viewer", "table": "case", "access": "read"},
        {"responsibility": "nothing_on_cases", "table": "sold_product", "access": "read"}
    ]);
    s["related_party_configs"] = json!([
        {"id": "coborrower", "name": "Co-borrower", "applies_to": "case", "entity": "consumer", "default_responsibility": "rep_resp"},
        {"id": "listed", "name": "Listed Consumer", "applies_to": "case", "entity": "consumer"},
        {"id": "acct_party", "name": "Authorized Account", "applies_to": "case", "entity": "account", "default_responsibility": "viewer"},
        {"id": "contact_party", "name": "Authorized Contact", "applies_to": "case", "entity": "contact", "default_responsibility": "rep_resp"}
    ]);
    s["related_parties"] = json!([
        {"id": "p1", "record": "c_bare", "party": {"consumer": "arjun"}, "relationship": "coborrower"},
        {"id": "p2", "record": "c_bare", "party": {"consumer": "lena"}, "relationship": "listed"}
    ]);
    s
}

#[test]
fn a_relationship_types_default_responsibility_decides_access() {
    let ix = load(&loan());
    assert_eq!(level(&ix, "arjun", "c_bare"), Edit, "write on cases");
    assert_eq!(
        level(&ix, "lena", "c_bare"),
        None,
        "Listed Consumer carries no responsibility"
    );
    assert!(explain_text(&ix, "lena", "c_bare").contains("carries no responsibility"));
    assert_eq!(
        level(&ix, "arjun", "c_acme"),
        None,
        "a party of one case only"
    );
}

#[test]
fn an_agent_can_override_the_default_responsibility() {
    let mut s = loan();
    s["related_parties"][0]["responsibility"] = json!("viewer");
    s["related_parties"][1]["responsibility"] = json!("rep_resp");
    let ix = load(&s);
    assert_eq!(level(&ix, "arjun", "c_bare"), Read);
    assert_eq!(level(&ix, "lena", "c_bare"), Edit);
    assert!(explain_text(&ix, "lena", "c_bare").contains("set by the agent"));
}

#[test]
fn an_inactive_or_removed_party_gets_nothing() {
    let mut s = loan();
    s["users"][4]["active"] = json!(false);
    assert_eq!(level(&load(&s), "arjun", "c_bare"), None);
    let mut s = loan();
    s["related_parties"].as_array_mut().unwrap().remove(0);
    assert_eq!(level(&load(&s), "arjun", "c_bare"), None);
}

#[test]
fn account_and_contact_parties_cover_the_right_users() {
    let mut s = loan();
    s["related_parties"] = json!([
        {"id": "p1", "record": "c_bare", "party": {"account": "acme"}, "relationship": "acct_party"},
        {"id": "p2", "record": "c_globex", "party": {"contact": "con_gina"}, "relationship": "contact_party"}
    ]);
    let ix = load(&s);
    assert_eq!(level(&ix, "jack", "c_bare"), Read, "every user of acme");
    assert_eq!(level(&ix, "gina", "c_bare"), None);
    assert_eq!(level(&ix, "gina", "c_globex"), Edit);
}

#[test]
fn related_party_shape_is_validated() {
    let mut s = loan();
    s["related_parties"][0]["party"] = json!({"contact": "con_jack"});
    assert!(
        error_of(&s).contains(
            "related_parties[0].party: relationship 'coborrower' is for consumer parties"
        ),
        "{}",
        error_of(&s)
    );
    let mut s = loan();
    s["related_parties"][0]["party"] = json!({"consumer": "jack"});
    assert!(
        error_of(&s).contains("'jack' is not a consumer"),
        "{}",
        error_of(&s)
    );
    let mut s = loan();
    s["related_parties"][0]["record"] = json!("acme");
    assert!(
        error_of(&s).contains("applies to case records, but 'acme' is a account"),
        "{}",
        error_of(&s)
    );
}

// --- sold products ---------------------------------------------------------------------------

fn products(restrict: bool) -> Value {
    let mut s = loan();
    s["accounts"][0]["restrict_contact_access"] = json!(restrict);
    s["sold_products"] =
        json!([{"id": "sp", "name": "Chiller", "owner": "rep", "account": "acme"}]);
    s["cases"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "c_sp", "name": "Chiller case", "owner": "rep", "sold_product": "sp"}));
    s["users"].as_array_mut().unwrap().push(json!({"id": "tom", "name": "Tom", "kind": "external", "contact": "con_tom", "profile": "cc"}));
    s["contacts"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "con_tom", "name": "Tom", "owner": "rep", "account": "acme"}));
    s["related_party_configs"].as_array_mut().unwrap().push(json!(
        {"id": "sp_contact", "name": "Authorized Contact", "applies_to": "sold_product", "entity": "contact", "default_responsibility": "rep_resp"}));
    s["responsibility_access"]
        .as_array_mut()
        .unwrap()
        .push(json!({"responsibility": "rep_resp", "table": "sold_product", "access": "read"}));
    s["related_parties"] = json!([{"id": "p1", "record": "sp", "party": {"contact": "con_jack"}, "relationship": "sp_contact"}]);
    s
}

#[test]
fn restrict_contact_access_limits_sold_products_to_their_parties() {
    let ix = load(&products(true));
    assert_eq!(level(&ix, "jack", "sp"), Read);
    assert_eq!(
        level(&ix, "jack", "c_sp"),
        Edit,
        "the responsibility's write on cases"
    );
    assert_eq!(level(&ix, "tom", "sp"), None);
    assert_eq!(level(&ix, "tom", "c_sp"), None);
    let open = load(&products(false));
    assert_eq!(
        level(&open, "tom", "sp"),
        Read,
        "every contact of the account"
    );
    assert_eq!(level(&open, "tom", "c_sp"), Read);
    assert_eq!(
        level(&open, "gina", "sp"),
        None,
        "a contact of another account"
    );
}

#[test]
fn a_responsibility_without_case_access_reaches_the_product_only() {
    let mut s = products(true);
    s["related_party_configs"][4]["default_responsibility"] = json!("nothing_on_cases");
    let ix = load(&s);
    assert_eq!(level(&ix, "jack", "sp"), Read);
    assert_eq!(level(&ix, "jack", "c_sp"), None);
}

// --- CSM portal roles ----------------------------------------------------------------------------

#[test]
fn csm_roles_follow_the_account_hierarchy_and_partnerships() {
    let mut s = base();
    s["accounts"].as_array_mut().unwrap().extend([
        json!({"id": "acme_eu", "name": "Acme EU", "owner": "rep", "parent": "acme"}),
        json!({"id": "partnerco", "name": "PartnerCo", "owner": "rep"}),
    ]);
    s["accounts"][1]["partner"] = json!("partnerco");
    s["contacts"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "con_pat", "name": "Pat", "owner": "rep", "account": "partnerco"}));
    s["cases"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "c_eu", "name": "EU case", "owner": "rep", "account": "acme_eu"}));
    s["sharing_sets"] = json!([]);
    s["users"][2]["csm_roles"] = json!(["customer_case_manager"]);
    s["users"][3]["csm_roles"] = json!(["customer"]);
    s["users"].as_array_mut().unwrap().push(json!({"id": "pat", "name": "Pat", "kind": "external", "contact": "con_pat", "profile": "cc", "csm_roles": ["partner"]}));
    let ix = load(&s);
    assert_eq!(level(&ix, "jack", "c_acme"), Edit);
    assert_eq!(level(&ix, "jack", "c_eu"), Edit, "a child account's case");
    assert_eq!(level(&ix, "jack", "c_globex"), None);
    assert_eq!(
        level(&ix, "gina", "c_globex"),
        None,
        "customer: not her case (no contact, not opened by her)"
    );
    assert_eq!(
        level(&ix, "pat", "c_globex"),
        Read,
        "PartnerCo serves Globex"
    );
    assert_eq!(level(&ix, "pat", "c_acme"), None);
}

#[test]
fn no_access_names_the_mapping_that_did_not_match() {
    let ix = load(&base());
    let (u, r) = (
        ix.find_user("jack").unwrap(),
        ix.find_record("c_globex").unwrap(),
    );
    let e = engine::explain(&ix, u, r);
    assert_eq!(e.level, None);
    assert!(e.reasons.is_empty());
    assert!(
        e.limits.iter().any(|l| l
            .contains("maps User.Account = Case.Account, but Jack's account is account 'Acme'")
            && l.contains("account 'Globex'")),
        "{:?}",
        e.limits
    );
}
