//! Local edits patched into the index in place (`engine::patch`) give exactly what a full
//! revalidation gives: the same scenario, lists, per-record indexes and matrix when accepted,
//! the same problems (paths and messages) when refused, and an untouched index then.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use access_sim::engine::edits::{apply_to, Collection, Edit};
use access_sim::engine::{self, fast, patch, validate, Index};
use proptest::prelude::*;
use serde_json::{json, Value};

use common::gen::ids;

/// Good and bad local edits: unknown ids, wrong kinds, high-volume users, clashing ids, values
/// of the wrong shape, removals that match nothing, impossible org-wide defaults.
fn local_edit(s: &Value, k: &[u8]) -> Edit {
    let at = |i: usize| k.get(i).copied().unwrap_or(0) as usize;
    let pick = |list: &[String], i: usize| {
        list.get(at(i) % list.len().max(1))
            .cloned()
            .unwrap_or_default()
    };
    let users = ids(s, "users");
    let mut records = ids(s, "cases");
    records.extend(ids(s, "accounts"));
    records.extend(ids(s, "contacts"));
    records.push("ghost".into());
    records.push(pick(&users, 9));
    let user = if at(2) % 5 == 0 {
        "ghost".to_string()
    } else {
        pick(&users, 3)
    };
    let principal = match at(4) % 4 {
        0 => json!({"user": user}),
        1 => json!({"role": format!("r{}", at(5) % 4)}),
        2 => json!({"group": format!("g{}", at(5) % 4)}),
        _ => json!({"role_and_subordinates": "r0"}),
    };
    let access = ["read", "edit", "edit", "bogus"][at(6) % 4];
    let share_ids = ids(s, "manual_shares");
    let share_id = match at(7) % 5 {
        0 => pick(&share_ids, 8),
        1 => pick(&users, 8),
        2 => String::new(),
        _ => format!("new{}", at(8) % 3),
    };
    let accounts = ids(s, "accounts");
    let account = if at(10) % 6 == 0 {
        pick(&records, 11)
    } else {
        pick(&accounts, 11)
    };
    let case = pick(&records, 1);
    let settings = [
        "private",
        "public_read",
        "public_read_write",
        "controlled_by_parent",
        "public_read_write_transfer",
    ];
    let objects = [
        "case",
        "contact",
        "account",
        "asset",
        "opportunity",
        "lead",
        "account_child",
    ];
    match at(0) % 11 {
        0 | 1 => Edit::Upsert {
            collection: Collection::ManualShares,
            value: json!({"id": share_id, "record": case, "with": principal, "access": access}),
        },
        2 => Edit::Upsert {
            collection: Collection::AccountTeams,
            value: json!({"account": account, "user": user, "account_access": "read", "case_access": access, "contact_access": "read"}),
        },
        3 => Edit::Upsert {
            collection: Collection::CaseTeams,
            value: json!({"case": case, "user": user, "access": access}),
        },
        4 => Edit::Upsert {
            collection: Collection::OpportunityTeams,
            value: json!({"opportunity": if at(1) % 2 == 0 { "o0".to_string() } else { case }, "user": user, "access": access}),
        },
        5 => Edit::Remove {
            collection: Collection::ManualShares,
            matching: json!({"id": if at(7) % 4 == 0 { "nope".to_string() } else { pick(&share_ids, 8) }}),
            all: false,
        },
        6 => Edit::Remove {
            collection: Collection::AccountTeams,
            matching: if at(1) % 2 == 0 {
                json!({"account": account})
            } else {
                json!({"account": account, "user": user})
            },
            all: false,
        },
        7 => Edit::Remove {
            collection: Collection::CaseTeams,
            matching: json!({"user": user}),
            all: false,
        },
        8 => Edit::Upsert {
            collection: [Collection::ManualShares, Collection::CaseTeams][at(1) % 2],
            value: if at(2) % 2 == 0 {
                json!("not an object")
            } else {
                json!({"access": "read"})
            },
        },
        _ => Edit::SetOrgDefault {
            object: serde_json::from_value(json!(objects[at(1) % objects.len()])).unwrap(),
            default: serde_json::from_value(
                json!({"internal": settings[at(2) % 5], "external": settings[at(3) % 5]}),
            )
            .unwrap(),
        },
    }
}

fn same_index(a: &Index, b: &Index) -> Result<(), String> {
    let checks = [
        ("scenario", a.scenario == b.scenario),
        ("org_defaults", a.org_defaults == b.org_defaults),
        (
            "manual_shares",
            format!("{:?}", a.manual_shares) == format!("{:?}", b.manual_shares),
        ),
        (
            "account_teams",
            format!("{:?}", a.account_teams) == format!("{:?}", b.account_teams),
        ),
        (
            "case_teams",
            format!("{:?}", a.case_teams) == format!("{:?}", b.case_teams),
        ),
        (
            "opportunity_teams",
            format!("{:?}", a.opportunity_teams) == format!("{:?}", b.opportunity_teams),
        ),
        ("shares_by_record", a.shares_by_record == b.shares_by_record),
        (
            "account_team_by_account",
            a.account_team_by_account == b.account_team_by_account,
        ),
        (
            "case_team_by_record",
            a.case_team_by_record == b.case_team_by_record,
        ),
        (
            "opportunity_team_by_record",
            a.opportunity_team_by_record == b.opportunity_team_by_record,
        ),
        ("by_id", a.by_id == b.by_id),
    ];
    match checks.iter().find(|(_, ok)| !ok) {
        Some((what, _)) => Err(format!("{what} differs")),
        None => Ok(()),
    }
}

/// Some(true) when the patch path handled the edit, Some(false) when it deferred, Err on any
/// disagreement with a full revalidation.
fn compare(s: &Value, edit: &Edit) -> Result<bool, String> {
    let ix = engine::load(&s.to_string()).unwrap();
    let mut patched = ix.clone();
    let Some(outcome) = patch::patch(&mut patched, edit) else {
        return Ok(false);
    };
    let full = apply_to(&ix.scenario, edit)
        .and_then(|s| validate(s).map_err(engine::edits::EditError::Invalid));
    match (outcome, full) {
        (Ok(_), Ok(full)) => {
            same_index(&patched, &full)?;
            let (m1, m2) = (fast::matrix(&patched), fast::matrix(&full));
            for r in full.record_ixs() {
                if !m1.row(r).eq(m2.row(r)) {
                    return Err(format!("row {} differs", full.record(r).id));
                }
            }
            Ok(true)
        }
        (Err(e), Err(f)) => {
            if e.problems() != f.problems() {
                return Err(format!(
                    "patch: {:?}\nfull: {:?}",
                    e.problems(),
                    f.problems()
                ));
            }
            same_index(&patched, &ix)
                .map_err(|w| format!("refused edit changed the index: {w}"))?;
            Ok(true)
        }
        (Ok(_), Err(f)) => Err(format!("patch accepted, full refused: {:?}", f.problems())),
        (Err(e), Ok(_)) => Err(format!("patch refused, full accepted: {:?}", e.problems())),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn patching_equals_full_revalidation(b in prop::collection::vec(any::<u8>(), 32..400), k in prop::collection::vec(any::<u8>(), 12)) {
        let s = common::gen::scenario(&b);
        let edit = local_edit(&s, &k);
        if let Err(e) = compare(&s, &edit) {
            prop_assert!(false, "{:?}: {}", edit, e);
        }
    }
}

#[test]
fn most_local_edits_take_the_patch_path() {
    let (mut handled, mut total) = (0, 0);
    for seed in 0..200u32 {
        let b: Vec<u8> = (0..120)
            .map(|i| (seed.wrapping_mul(2654435761).wrapping_add(i * 40503) >> 7) as u8)
            .collect();
        let s = common::gen::scenario(&b);
        let k: Vec<u8> = (0..12).map(|i| (seed * 31 + i * 17) as u8).collect();
        let edit = local_edit(&s, &k);
        total += 1;
        handled += compare(&s, &edit).unwrap_or_else(|e| panic!("{edit:?}: {e}")) as usize;
    }
    assert!(
        handled * 10 >= total * 8,
        "only {handled} of {total} edits were patched"
    );
}

#[test]
fn a_refused_patch_names_the_entry_and_keeps_the_index() {
    let s = engine::load(access_sim::presets::PRESETS[0].json).unwrap();
    let mut ix = s.clone();
    let edit = Edit::Upsert {
        collection: Collection::CaseTeams,
        value: json!({"case": "ghost_case", "user": "ghost_user", "access": "read"}),
    };
    let err = patch::patch(&mut ix, &edit)
        .expect("a case team edit is local")
        .unwrap_err();
    let problems = err.problems();
    let n = s.scenario.case_teams.len();
    assert_eq!(problems[0].path, format!("case_teams[{n}].case"));
    assert!(problems[0].message.contains("ghost_case"));
    assert_eq!(problems[1].path, format!("case_teams[{n}].user"));
    assert_eq!(ix.scenario, s.scenario);
}
