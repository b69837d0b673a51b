//! Property tests over random valid scenarios that use every mechanism (tests/common/gen.rs):
//! the cached evaluator equals the per-pair reference, explanations match levels, edits report
//! exactly the cells that change, and each vendor rule holds as a property.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use access_sim::engine::edits::{apply, Collection, Edit};
use access_sim::engine::evaluate::ShareCache;
use access_sim::engine::reason::MechanismId;
use access_sim::engine::scenario::{
    ObjectKind, ObjectPermission, Sharing, SystemPermission, UserKind,
};
use access_sim::engine::{self, Access, Evaluator, Index};
use common::gen;
use proptest::prelude::*;
use serde_json::{json, Value};

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 32..400)
}

fn load(v: &Value) -> Index {
    engine::load(&v.to_string())
        .unwrap_or_else(|e| panic!("the generator made an invalid scenario: {e}\n{v:#}"))
}

fn levels(ix: &Index) -> Vec<(String, String, Access)> {
    let ev = Evaluator::new(ix);
    ix.record_ixs()
        .flat_map(|r| ix.user_ixs().map(move |u| (u, r)))
        .map(|(u, r)| {
            (
                ix.user(u).id.clone(),
                ix.record(r).id.clone(),
                ev.level(u, r),
            )
        })
        .collect()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Differential: the cached evaluator the app uses agrees with the reference on every cell,
    /// and every explanation agrees with its cell.
    #[test]
    fn cached_matrix_equals_reference_and_explanations_match(b in bytes()) {
        let ix = load(&gen::scenario(&b));
        let cache = ShareCache::default();
        let (plain, cached) = (Evaluator::new(&ix), Evaluator::with_cache(&ix, &cache));
        for r in ix.record_ixs() {
            for u in ix.user_ixs() {
                let d = plain.decide(u, r);
                prop_assert_eq!(d.level, cached.level(u, r));
                let e = engine::explain::explain_brief(&ix, u, r);
                prop_assert_eq!(e.level, d.level);
                if d.level > Access::None {
                    prop_assert!(!e.reasons.is_empty());
                    prop_assert!(e.reasons[0].level >= d.level, "strongest reason below the level");
                    prop_assert_eq!(d.level, e.reasons[0].level.min(d.cap));
                } else {
                    prop_assert!(!e.limits.is_empty(), "None without a why-not");
                }
            }
        }
    }

    /// An edit reports exactly the cells whose level differs when everything is recomputed.
    #[test]
    fn edits_report_exactly_the_changed_cells(b in bytes(), which in 0usize..4, pick in any::<u8>()) {
        let s = gen::scenario(&b);
        let ix = load(&s);
        let edit = match which {
            0 => Edit::SetOrgDefault { object: ObjectKind::Case, default: serde_json::from_value(json!({"internal": "public_read"})).unwrap() },
            1 => Edit::Remove { collection: Collection::Cases, matching: json!({"id": "k0"}), all: false },
            2 => Edit::Upsert { collection: Collection::ManualShares, value: json!({"id": "new_share", "record": "k0", "with": {"role": "r0"}, "access": "edit"}) },
            _ => {
                let users = s["users"].as_array().unwrap();
                let u = users[pick as usize % users.len()]["id"].clone();
                Edit::Upsert { collection: Collection::Users, value: { let mut x = users[pick as usize % users.len()].clone(); x["active"] = json!(false); let _ = u; x } }
            }
        };
        // A refused edit (e.g. removing a case that a team still names) changes nothing.
        let Ok((after, changes)) = apply(&ix, &edit) else { return Ok(()) };
        let (before_levels, after_levels) = (levels(&ix), levels(&after));
        let lookup = |v: &[(String, String, Access)], u: &str, r: &str| v.iter().find(|x| x.0 == u && x.1 == r).map_or(Access::None, |x| x.2);
        let mut expected = 0;
        for (u, r, a) in &after_levels {
            let b = lookup(&before_levels, u, r);
            if *a != b {
                expected += 1;
                prop_assert!(changes.iter().any(|c| &c.user == u && &c.record == r && c.before == b && c.after == *a), "missing {} x {}", r, u);
            }
        }
        for (u, r, b) in &before_levels {
            if after.find_record(r).is_none() && *b != Access::None {
                expected += 1;
                prop_assert!(changes.iter().any(|c| &c.user == u && &c.record == r && c.after == Access::None));
            }
        }
        prop_assert_eq!(changes.len(), expected);
    }

    /// Monotonicity: adding a grant (manual share, team membership, sharing rule) never lowers
    /// any cell.
    #[test]
    fn adding_a_grant_never_lowers_a_cell(b in bytes(), kind in 0usize..3, r in any::<u8>(), u in any::<u8>()) {
        let s = gen::scenario(&b);
        let ix = load(&s);
        let internal: Vec<&str> = ix.users.iter().filter(|x| x.kind == UserKind::Internal).map(|x| x.id.as_str()).collect();
        let user = internal[u as usize % internal.len()];
        let record = &ix.records[r as usize % ix.records.len()].id;
        let edit = match kind {
            0 => Edit::Upsert { collection: Collection::ManualShares, value: json!({"id": "added", "record": record, "with": {"user": user}, "access": "edit"}) },
            1 => Edit::Upsert { collection: Collection::AccountTeams, value: json!({"account": "a0", "user": user, "account_access": "edit", "case_access": "edit", "contact_access": "read", "opportunity_access": "read", "team_role": "Added"}) },
            _ => Edit::Upsert { collection: Collection::SharingRules, value: json!({"id": "added", "name": "Added", "object": "case", "select": {"owned_by": {"role_and_subordinates": "r0"}}, "share_with": {"role": "r0"}, "access": "read"}) },
        };
        // An upsert for someone already on a0's team replaces their access (it may lower it):
        // that is not adding a grant.
        let on_team = s["account_teams"].as_array().is_some_and(|t| t.iter().any(|m| m["account"] == "a0" && m["user"] == user));
        if kind == 1 && on_team {
            return Ok(());
        }
        let Ok((after, _)) = apply(&ix, &edit) else { return Ok(()) };
        let (ev0, ev1) = (Evaluator::new(&ix), Evaluator::new(&after));
        for rr in ix.record_ixs() {
            for uu in ix.user_ixs() {
                prop_assert!(ev1.level(uu, rr) >= ev0.level(uu, rr), "{} x {} went down", ix.record(rr).id, ix.user(uu).id);
            }
        }
    }

    /// Without Read on an object (and no View/Modify All Data), a user sees none of its records.
    #[test]
    fn no_object_read_means_no_records(b in bytes(), u in any::<u8>(), o in 0usize..3) {
        let mut s = gen::scenario(&b);
        let object = ["case", "account", "contact"][o];
        let users = s["users"].as_array().unwrap().len();
        let target = u as usize % users;
        let mut p = s["profiles"][0].clone();
        p["id"] = json!("p_blind");
        p["objects"].as_object_mut().unwrap().remove(object);
        p["system"] = json!([]);
        s["profiles"].as_array_mut().unwrap().push(p);
        s["users"][target]["profile"] = json!("p_blind");
        s["users"][target].as_object_mut().unwrap().remove("permission_sets");
        let ix = load(&s);
        let ev = Evaluator::new(&ix);
        let user = ix.find_user(s["users"][target]["id"].as_str().unwrap()).unwrap();
        for r in ix.record_ixs().filter(|r| ix.record(*r).object.key() == object) {
            prop_assert_eq!(ev.level(user, r), Access::None);
        }
    }

    /// Inactive users get nothing.
    #[test]
    fn inactive_users_get_none(b in bytes()) {
        let ix = load(&gen::scenario(&b));
        let ev = Evaluator::new(&ix);
        for u in ix.user_ixs().filter(|u| !ix.user(*u).active) {
            for r in ix.record_ixs() {
                prop_assert_eq!(ev.level(u, r), Access::None);
            }
        }
    }

    /// A Public Read/Write case default gives every active internal user with Edit on Case at
    /// least Edit on every case.
    #[test]
    fn public_read_write_gives_everyone_with_edit_at_least_edit(b in bytes()) {
        let mut s = gen::scenario(&b);
        s["org_defaults"]["case"] = json!({"internal": "public_read_write", "external": "private"});
        let ix = load(&s);
        let ev = Evaluator::new(&ix);
        for u in ix.user_ixs() {
            let user = ix.user(u);
            if !user.active || user.kind != UserKind::Internal || ix.object_cap(u, ObjectKind::Case) < Access::Full {
                continue;
            }
            for r in ix.record_ixs().filter(|r| ix.record(*r).object == ObjectKind::Case) {
                prop_assert!(ev.level(u, r) >= Access::Edit);
            }
        }
    }

    /// An active owner has the owner's Full access, capped only by object permissions (Full
    /// when their profile allows Read and Edit), unless the record follows its parent.
    #[test]
    fn owners_have_full_up_to_their_object_permissions(b in bytes()) {
        let ix = load(&gen::scenario(&b));
        let ev = Evaluator::new(&ix);
        for r in ix.record_ixs() {
            if let engine::index::Owner::User(o) = ix.record(r).owner {
                if ix.user(o).active && !ix.follows_parent(r) {
                    prop_assert_eq!(ev.level(o, r), ix.object_cap(o, ix.record(r).object));
                }
            }
        }
    }

    /// High-volume portal users never gain access through groups, roles or teams.
    #[test]
    fn high_volume_users_never_gain_through_groups_roles_or_teams(b in bytes()) {
        let ix = load(&gen::scenario(&b));
        let banned = [MechanismId::RoleHierarchy, MechanismId::SharingRule, MechanismId::AccountTeam,
            MechanismId::OpportunityTeam, MechanismId::CaseTeam, MechanismId::Queue, MechanismId::ManualShare];
        for u in ix.user_ixs().filter(|u| ix.user(*u).high_volume()) {
            for r in ix.record_ixs() {
                let e = engine::explain::explain_brief(&ix, u, r);
                for g in &e.reasons {
                    prop_assert!(!banned.contains(&g.mechanism), "{} gets {:?} on {}", e.user, g.mechanism, e.record);
                }
            }
        }
    }

    /// Controlled by Parent children equal their parent (capped by the child's object
    /// permissions) for users without object-wide overrides.
    #[test]
    fn controlled_by_parent_children_equal_their_parent(b in bytes()) {
        let ix = load(&gen::scenario(&b));
        let ev = Evaluator::new(&ix);
        for r in ix.record_ixs() {
            for u in ix.user_ixs() {
                if !ix.follows_parent(r) { continue; }
                let object = ix.record(r).object;
                let overrides = ix.object_permission(u, object, ObjectPermission::ViewAll).is_some()
                    || ix.system_permission(u, SystemPermission::ViewAllData).is_some();
                if overrides { continue; }
                let parent = ev.parent_of(r).unwrap();
                prop_assert_eq!(ev.level(u, r), ev.level(u, parent).min(ix.object_cap(u, object)), "{} x {}", ix.record(r).id, ix.user(u).id);
            }
        }
    }

    /// The external default never gives more than the internal one.
    #[test]
    fn external_default_never_exceeds_internal(b in bytes(), i in 0usize..5, e in 0usize..5) {
        let settings = ["private", "public_read", "public_read_write", "public_read_write_transfer", "controlled_by_parent"];
        let mut s = gen::scenario(&b);
        s["org_defaults"]["contact"] = json!({"internal": settings[i], "external": settings[e]});
        match engine::load(&s.to_string()) {
            Ok(ix) => {
                let owd = ix.org_default(ObjectKind::Contact);
                prop_assert!(owd.external().baseline() <= owd.internal.baseline());
                prop_assert_eq!(owd.internal == Sharing::ControlledByParent, owd.external() == Sharing::ControlledByParent);
                let ev = Evaluator::new(&ix);
                for u in ix.user_ixs().filter(|u| ix.user(*u).kind == UserKind::External) {
                    for r in ix.record_ixs().filter(|r| ix.record(*r).object == ObjectKind::Contact) {
                        for g in ev.decide(u, r).grants {
                            if g.reason.mechanism() == MechanismId::OrgDefault {
                                prop_assert!(g.level <= owd.internal.baseline());
                            }
                        }
                    }
                }
            }
            Err(err) => {
                let invalid = settings[e] == "public_read_write_transfer" || settings[i] == "public_read_write_transfer"
                    || (settings[i] == "controlled_by_parent") != (settings[e] == "controlled_by_parent") || e > i;
                prop_assert!(invalid, "refused a valid pair {} / {}: {}", settings[i], settings[e], err);
            }
        }
    }
}
