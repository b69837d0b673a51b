//! `access-sim populate` (issue 15, point 4): synthetic users and records for a design with no
//! data. Checked on the fixture org imported without its data and on every preset: the same
//! seed gives the same bytes, the result validates, every role gets N users, every object M
//! records, custom detail records name an existing master, lookups point at the right object.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use access_sim::engine::scenario::*;
use access_sim::engine::{self, Scenario};
use access_sim::import::import_salesforce;
use access_sim::populate::{populate, Options, Populated};

mod common;

use common::fixture::fixture_metadata;

/// The fixture org's metadata alone (its data/ folder left out).
fn fixture_design() -> Scenario {
    let s = import_salesforce(&fixture_metadata()).unwrap().scenario;
    assert!(s.users.is_empty() && s.accounts.is_empty() && s.custom_records.is_empty());
    s
}

fn opts(n: usize, m: usize, seed: u64) -> Options {
    Options {
        users_per_role: n,
        records_per_object: m,
        seed,
    }
}

/// Records of each object in the scenario, by id.
fn objects_by_id(s: &Scenario) -> BTreeMap<String, ObjectKind> {
    let mut out = BTreeMap::new();
    for (list, o) in [
        (
            s.accounts.iter().map(|r| &r.id).collect::<Vec<_>>(),
            ObjectKind::Account,
        ),
        (
            s.contacts.iter().map(|r| &r.id).collect(),
            ObjectKind::Contact,
        ),
        (s.cases.iter().map(|r| &r.id).collect(), ObjectKind::Case),
        (
            s.opportunities.iter().map(|r| &r.id).collect(),
            ObjectKind::Opportunity,
        ),
        (s.leads.iter().map(|r| &r.id).collect(), ObjectKind::Lead),
        (s.assets.iter().map(|r| &r.id).collect(), ObjectKind::Asset),
        (
            s.sold_products.iter().map(|r| &r.id).collect(),
            ObjectKind::SoldProduct,
        ),
    ] {
        for id in list {
            out.insert(id.clone(), o);
        }
    }
    for r in &s.custom_records {
        out.insert(r.id.clone(), ObjectKind::Custom(r.object));
    }
    out
}

/// What every populated scenario must satisfy, counted from the output alone.
fn check_counts(design: &Scenario, p: &Populated, n: usize, m: usize) {
    let s = &p.scenario;
    engine::load(&serde_json::to_string(s).unwrap()).expect("the populated scenario is valid");
    let new_users = &s.users[design.users.len()..];
    assert_eq!(p.users_added, new_users.len());
    for r in &design.roles {
        let k = new_users
            .iter()
            .filter(|u| u.role.as_deref() == Some(&r.id))
            .count();
        assert_eq!(k, n, "role {} gets {n} users", r.id);
    }
    // Every profile of the design has a new user (when n > 0).
    if n > 0 {
        for pr in &design.profiles {
            assert!(
                new_users.iter().any(|u| u.profile == pr.id),
                "profile {} has no new user",
                pr.id
            );
        }
    }
    // M records of each object, beyond the design's own; contacts beyond M belong to portal users.
    let portal_contacts = new_users.iter().filter(|u| u.contact.is_some()).count();
    assert_eq!(
        s.accounts.len() - design.accounts.len(),
        m.max(usize::from(m == 0 && portal_contacts > 0))
    );
    assert_eq!(
        s.contacts.len() - design.contacts.len(),
        m + portal_contacts
    );
    for (got, had) in [
        (s.cases.len(), design.cases.len()),
        (s.opportunities.len(), design.opportunities.len()),
        (s.leads.len(), design.leads.len()),
        (s.assets.len(), design.assets.len()),
    ] {
        assert_eq!(got - had, m);
    }
    let by_id = objects_by_id(s);
    for c in &design.custom_objects {
        let recs: Vec<&CustomRecord> = s.custom_records[design.custom_records.len()..]
            .iter()
            .filter(|r| r.object == c.api_name)
            .collect();
        assert_eq!(recs.len(), m, "{} gets {m} records", c.api_name);
        for r in recs {
            if let Some(md) = &c.master_detail {
                let master = r.lookups.get(&md.field).expect("a detail names its master");
                assert_eq!(by_id.get(master), Some(&md.master), "{}'s master", r.id);
                assert_eq!(r.owner, None, "a detail record has no owner");
            } else {
                assert!(r.owner.is_some());
            }
            for l in &c.lookups {
                let Some(v) = r.lookups.get(&l.field) else {
                    panic!("{}.{} is not filled", r.id, l.field)
                };
                match l.to {
                    LookupTo::User => assert!(s.users.iter().any(|u| &u.id == v)),
                    LookupTo::Object(o) => assert_eq!(by_id.get(v), Some(&o)),
                }
            }
        }
    }
}

#[test]
fn the_fixture_org_without_data_gets_users_and_records() {
    let design = fixture_design();
    let p = populate(&design, &opts(3, 7, 11)).unwrap();
    check_counts(&design, &p, 3, 7);
    let s = &p.scenario;
    // 5 roles x 3 employees; the two portal profiles (Customer Community User, named by the
    // sharing set and by its name, and Customer Community Login User, which the sharing set names)
    // get 3 Customer Community users each, on contacts that have an account.
    assert_eq!(
        s.users
            .iter()
            .filter(|u| u.kind == UserKind::Internal)
            .count(),
        15
    );
    let portal: Vec<&User> = s
        .users
        .iter()
        .filter(|u| u.kind == UserKind::External)
        .collect();
    assert_eq!(portal.len(), 6);
    for u in &portal {
        assert_eq!(u.license, Some(License::CustomerCommunity));
        let c = s
            .contacts
            .iter()
            .find(|c| Some(&c.id) == u.contact.as_ref())
            .unwrap();
        assert!(c.account.is_some());
    }
    // The two groups and the queue had no members; each gets 3 employees.
    for g in &s.groups {
        assert_eq!(g.members.len(), 3, "group {}", g.id);
    }
    // The queue keeps the members its metadata gave it.
    assert_eq!(s.queues[0].members.len(), 2);
    // Both loans (master) and documents (detail) get records, and the matrix shows access.
    let ix = engine::load(&serde_json::to_string(s).unwrap()).unwrap();
    let m = engine::fast::matrix(&ix);
    let docs = ix
        .record_ixs()
        .filter(|r| ix.record(*r).object.key() == "Loan_Document__c")
        .count();
    assert_eq!(docs, 7);
    let seen = ix
        .record_ixs()
        .filter(|r| ix.user_ixs().any(|u| m.get(u, *r) != engine::Access::None))
        .count();
    assert_eq!(
        seen,
        ix.records.len(),
        "every record is reached by someone (its owner at least)"
    );
    // The criteria rules' fields are filled with their values (or Other).
    for c in &s.cases {
        let st = c.fields.get("Status").unwrap();
        assert!(["Escalated", "New", "Other"].contains(&st.as_str()), "{st}");
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let design = fixture_design();
    let a =
        serde_json::to_string_pretty(&populate(&design, &opts(2, 5, 9)).unwrap().scenario).unwrap();
    let b =
        serde_json::to_string_pretty(&populate(&design, &opts(2, 5, 9)).unwrap().scenario).unwrap();
    assert_eq!(a, b);
    let c = serde_json::to_string_pretty(&populate(&design, &opts(2, 5, 10)).unwrap().scenario)
        .unwrap();
    assert_ne!(a, c, "another seed spreads owners differently");
}

#[test]
fn every_preset_populates() {
    for p in access_sim::presets::PRESETS {
        let design: Scenario = engine::parse(p.json).unwrap();
        for (n, m) in [(1, 3), (2, 0), (0, 2)] {
            match populate(&design, &opts(n, m, 5)) {
                Ok(out) => check_counts(&design, &out, n, m),
                Err(e) => panic!("{} with n={n} m={m}: {e}", p.key),
            }
        }
    }
}

#[test]
fn partner_profiles_get_portal_roles_under_role_holders() {
    let mut design = fixture_design();
    design.profiles.push(Profile {
        id: "Partner Community User".into(),
        name: "Partner Community User".into(),
        objects: Default::default(),
        system: Default::default(),
        creator_access: Default::default(),
        assigned_account_access: Default::default(),
        config: Default::default(),
    });
    let p = populate(&design, &opts(3, 4, 1)).unwrap();
    check_counts(&design, &p, 3, 4);
    let s = &p.scenario;
    let partners: Vec<&User> = s
        .users
        .iter()
        .filter(|u| u.license == Some(License::Partner))
        .collect();
    assert_eq!(partners.len(), 3);
    let mut roles: Vec<PortalRole> = partners.iter().map(|u| u.portal_role.unwrap()).collect();
    roles.sort();
    assert_eq!(
        roles,
        [PortalRole::Executive, PortalRole::Manager, PortalRole::User]
    );
    // Their accounts are owned by employees with a role, as Salesforce requires.
    for u in partners {
        let c = s
            .contacts
            .iter()
            .find(|c| Some(&c.id) == u.contact.as_ref())
            .unwrap();
        let a = s
            .accounts
            .iter()
            .find(|a| Some(&a.id) == c.account.as_ref())
            .unwrap();
        let owner = s.users.iter().find(|x| x.id == a.owner).unwrap();
        assert!(owner.role.is_some());
    }
}

#[test]
fn a_design_with_nothing_to_own_records_is_refused_in_words() {
    let design = Scenario {
        version: 1,
        ..Scenario::default()
    };
    // No roles and no profiles: a profile is added for the employees, but 0 per role makes none.
    let e = populate(&design, &opts(0, 3, 1)).unwrap_err();
    assert!(e.contains("no internal user to own the records"), "{e}");
    let e = populate(&fixture_design(), &opts(1_000_000, 1, 1)).unwrap_err();
    assert!(
        e.contains("--users-per-role 1000000") && e.contains("limit"),
        "{e}"
    );
    let e = populate(&fixture_design(), &opts(1, usize::MAX, 1)).unwrap_err();
    assert!(e.contains("--records-per-object"), "{e}");
    // With users, an empty design gets the added profile and records.
    let p = populate(&design, &opts(2, 3, 1)).unwrap();
    assert_eq!(p.scenario.profiles.len(), 1);
    assert_eq!(p.scenario.users.len(), 2);
    assert_eq!(p.scenario.cases.len(), 3);
}

#[test]
fn the_command_writes_the_same_file_twice_and_names_bad_input() {
    let dir = std::env::temp_dir().join(format!("populate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let design = dir.join("design.json");
    std::fs::write(&design, serde_json::to_string(&fixture_design()).unwrap()).unwrap();
    let run = |out: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_access-sim"))
            .args([
                "populate",
                design.to_str().unwrap(),
                "--users-per-role",
                "2",
            ])
            .args(["--records-per-object", "4", "--seed", "8", "-o"])
            .arg(dir.join(out))
            .output()
            .unwrap()
    };
    assert!(run("a.json").status.success());
    assert!(run("b.json").status.success());
    let a = std::fs::read(dir.join("a.json")).unwrap();
    assert_eq!(a, std::fs::read(dir.join("b.json")).unwrap());
    engine::load(std::str::from_utf8(&a).unwrap()).unwrap();
    // An invalid scenario is refused with its file and JSON path.
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version": 1, "users": [{"id": "a", "name": "A", "profile": "nope"}]}"#,
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_access-sim"))
        .args(["populate", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.json") && err.contains("users[0].profile"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
