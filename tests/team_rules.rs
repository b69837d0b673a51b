//! Team roles (issue 4): creator- and assignment-based visibility, configuration rights, and
//! every CustomerSuccessBox team-management rule, each allowed and refused (seed 004).
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::actions::{act, Action, ActionError, Outcome};
use access_sim::engine::config_rights::config_right;
use access_sim::engine::scenario::{ConfigArea, Scenario};
use access_sim::engine::{self, Access, Index};
use serde_json::json;

fn preset(name: &str) -> Index {
    let path = format!("{}/www/scenarios/{name}.json", env!("CARGO_MANIFEST_DIR"));
    engine::load(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn csb() -> Index {
    preset("customer-success")
}

fn edited(ix: &Index, f: impl FnOnce(&mut Scenario)) -> Index {
    let mut s = ix.scenario.clone();
    f(&mut s);
    engine::validate(s).unwrap()
}

fn level(ix: &Index, user: &str, record: &str) -> Access {
    engine::explain(
        ix,
        ix.find_user(user).unwrap(),
        ix.find_record(record).unwrap(),
    )
    .level
}

fn refused(ix: &Index, actor: &str, action: Action) -> String {
    match act(ix, actor, &action).unwrap() {
        Outcome::Refused { rule } => rule,
        Outcome::Allowed { rule, .. } => panic!("allowed ({rule}), expected a refusal"),
    }
}

/// Allowed: returns the new index, and checks the reported changes against an independent
/// recomputation of both matrices.
fn allowed(ix: &Index, actor: &str, action: Action) -> Index {
    match act(ix, actor, &action).unwrap() {
        Outcome::Refused { rule } => panic!("refused: {rule}"),
        Outcome::Allowed {
            scenario, changes, ..
        } => {
            let after = engine::validate(*scenario).unwrap();
            let mut expected = Vec::new();
            for r in after.record_ixs() {
                for u in after.user_ixs() {
                    let (uid, rid) = (&after.user(u).id, &after.record(r).id);
                    let before = match (ix.find_user(uid), ix.find_record(rid)) {
                        (Some(bu), Some(br)) => engine::explain(ix, bu, br).level,
                        _ => Access::None,
                    };
                    let now = engine::explain(&after, u, r).level;
                    if before != now {
                        expected.push((uid.clone(), rid.clone(), before, now));
                    }
                }
            }
            let got: Vec<_> = changes
                .into_iter()
                .map(|c| (c.user, c.record, c.before, c.after))
                .collect();
            assert_eq!(
                got.len(),
                expected.len(),
                "changed cells: {got:?} vs {expected:?}"
            );
            for e in &expected {
                assert!(got.contains(e), "missing change {e:?}");
            }
            after
        }
    }
}

// --- creator and assignment -----------------------------------------------------------------

#[test]
fn members_see_only_what_they_created_and_owners_everything() {
    let ix = preset("teams-crm");
    assert_eq!(level(&ix, "mia", "lead_contoso"), Access::Edit);
    assert_eq!(level(&ix, "mia", "lead_litware"), Access::None);
    assert_eq!(level(&ix, "oscar", "lead_contoso"), Access::Full);
    // Without the profile's creator access, creating a record gives nothing.
    let off = edited(&ix, |s| {
        s.profiles[1].creator_access = engine::level::ChildAccess::None
    });
    assert_eq!(level(&off, "mia", "lead_contoso"), Access::None);
}

#[test]
fn csms_see_their_own_and_unassigned_accounts_and_children_follow() {
    let ix = csb();
    assert_eq!(level(&ix, "carla", "acc_acme"), Access::Edit);
    assert_eq!(
        level(&ix, "carla", "acc_initech"),
        Access::Edit,
        "unassigned"
    );
    assert_eq!(level(&ix, "carla", "acc_globex"), Access::None, "Chen's");
    assert_eq!(
        level(&ix, "carla", "ms_globex"),
        Access::None,
        "no account access, no child access"
    );
    let assigned = edited(&ix, |s| s.accounts[2].success_manager = Some("chen".into()));
    assert_eq!(level(&assigned, "carla", "acc_initech"), Access::None);
    assert_eq!(level(&assigned, "carla", "task_initech"), Access::None);
}

#[test]
fn account_children_can_only_follow_their_account() {
    let mut s = csb().scenario.clone();
    s.org_defaults.insert(
        engine::ObjectKind::AccountChild,
        serde_json::from_value(json!({"internal": "private"})).unwrap(),
    );
    let err = engine::validate(s).unwrap_err().to_string();
    assert!(err.contains("org_defaults.account_child.internal"), "{err}");
}

#[test]
fn configuration_rights_follow_profiles_and_settings_includes_its_sub_areas() {
    let ix = csb();
    let can = |u: &str, a| config_right(&ix, ix.find_user(u).unwrap(), a).allowed;
    assert!(can("alice", ConfigArea::TeamManagement), "via Settings");
    assert!(can("sam", ConfigArea::Playbooks));
    assert!(!can("sam", ConfigArea::Settings));
    assert!(can("dev", ConfigArea::DeveloperConsole));
    assert!(!can("dev", ConfigArea::Settings));
    let disabled = edited(&ix, |s| s.users[4].active = false);
    let cell = config_right(
        &disabled,
        disabled.find_user("dev").unwrap(),
        ConfigArea::DeveloperConsole,
    );
    assert!(
        !cell.allowed && cell.reason.contains("disabled"),
        "{}",
        cell.reason
    );
}

// --- only Administrators manage the team ----------------------------------------------------------

#[test]
fn only_administrators_manage_the_team() {
    let ix = csb();
    for actor in ["sam", "carla", "dev"] {
        for action in [
            Action::DisableUser { user: "dev".into() },
            Action::ChangeProfile {
                user: "carla".into(),
                profile: "p_super".into(),
            },
            Action::ChangeRole {
                user: "carla".into(),
                role: None,
            },
        ] {
            let rule = refused(&ix, actor, action);
            assert!(
                rule.starts_with("Only Administrators manage the team"),
                "{rule}"
            );
        }
    }
    let after = allowed(
        &ix,
        "alice",
        Action::ChangeProfile {
            user: "carla".into(),
            profile: "p_super".into(),
        },
    );
    assert_eq!(level(&after, "carla", "acc_globex"), Access::Full);
}

#[test]
fn adding_a_user_is_for_administrators_and_must_stay_valid() {
    let ix = csb();
    let new = json!({"id": "dana", "name": "Dana CSM", "profile": "p_csm"});
    let rule = refused(&ix, "carla", Action::AddUser { user: new.clone() });
    assert!(rule.contains("Only Administrators"), "{rule}");
    let after = allowed(&ix, "alice", Action::AddUser { user: new.clone() });
    assert_eq!(level(&after, "dana", "acc_initech"), Access::Edit);
    let mut dup = new;
    dup["id"] = json!("carla");
    match act(&ix, "alice", &Action::AddUser { user: dup }) {
        Err(ActionError::Invalid(e)) => {
            assert!(e.to_string().contains("duplicate id 'carla'"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}

// --- an Administrator can't downgrade their own profile if they are the only one -----------

#[test]
fn the_only_administrator_cannot_downgrade_themselves() {
    let ix = csb();
    let rule = refused(
        &ix,
        "alice",
        Action::ChangeProfile {
            user: "alice".into(),
            profile: "p_csm".into(),
        },
    );
    assert!(rule.contains("only Administrator"), "{rule}");
    // With a second Administrator, the same change is allowed.
    let two = allowed(
        &ix,
        "alice",
        Action::ChangeProfile {
            user: "sam".into(),
            profile: "p_admin".into(),
        },
    );
    let after = allowed(
        &two,
        "alice",
        Action::ChangeProfile {
            user: "alice".into(),
            profile: "p_csm".into(),
        },
    );
    let alice = after.find_user("alice").unwrap();
    assert!(
        !config_right(&after, alice, ConfigArea::TeamManagement).allowed,
        "no longer an Administrator"
    );
    assert_eq!(
        level(&after, "alice", "acc_acme"),
        Access::Full,
        "she still owns Acme"
    );
    // Staying an Administrator is never a downgrade.
    allowed(
        &ix,
        "alice",
        Action::ChangeProfile {
            user: "alice".into(),
            profile: "p_admin".into(),
        },
    );
}

// --- nobody can disable themselves --------------------------------------------------------------

#[test]
fn nobody_can_disable_themselves() {
    let ix = csb();
    assert_eq!(
        refused(
            &ix,
            "alice",
            Action::DisableUser {
                user: "alice".into()
            }
        ),
        "Nobody can disable themselves."
    );
    let after = allowed(&ix, "alice", Action::DisableUser { user: "dev".into() });
    assert_eq!(level(&after, "dev", "acc_acme"), Access::None);
}

// --- assigned CSMs and playbook assignees can't be disabled ------------------------------------

#[test]
fn an_assigned_success_manager_cannot_be_disabled_until_reassigned() {
    let ix = csb();
    let rule = refused(
        &ix,
        "alice",
        Action::DisableUser {
            user: "carla".into(),
        },
    );
    assert!(
        rule.contains("Customer Success Manager of account 'Acme'"),
        "{rule}"
    );
    let moved = allowed(
        &ix,
        "alice",
        Action::ReassignSuccessManager {
            account: "acc_acme".into(),
            success_manager: Some("chen".into()),
        },
    );
    let after = allowed(
        &moved,
        "alice",
        Action::DisableUser {
            user: "carla".into(),
        },
    );
    assert_eq!(level(&after, "carla", "acc_initech"), Access::None);
}

#[test]
fn a_user_named_in_a_playbook_task_cannot_be_disabled() {
    let ix = edited(&csb(), |s| {
        s.playbooks[0].tasks[1].assignee = Some("dev".into())
    });
    let rule = refused(&ix, "alice", Action::DisableUser { user: "dev".into() });
    assert!(
        rule.contains("named in the task 'Send guide' of playbook 'Onboarding'"),
        "{rule}"
    );
    let cleared = edited(&ix, |s| s.playbooks[0].tasks[1].assignee = None);
    allowed(
        &cleared,
        "alice",
        Action::DisableUser { user: "dev".into() },
    );
}

#[test]
fn reassigning_needs_team_management_or_all_accounts() {
    let ix = csb();
    let rule = refused(
        &ix,
        "carla",
        Action::ReassignSuccessManager {
            account: "acc_acme".into(),
            success_manager: None,
        },
    );
    assert!(rule.contains("Super Managers"), "{rule}");
    let after = allowed(
        &ix,
        "sam",
        Action::ReassignSuccessManager {
            account: "acc_acme".into(),
            success_manager: None,
        },
    );
    assert_eq!(
        level(&after, "chen", "acc_acme"),
        Access::Edit,
        "now unassigned: every CSM"
    );
}

#[test]
fn disabled_users_cannot_act_and_enabling_restores_access() {
    let ix = allowed(&csb(), "alice", Action::DisableUser { user: "dev".into() });
    let rule = refused(&ix, "dev", Action::EnableUser { user: "dev".into() });
    assert!(rule.contains("disabled user can't act"), "{rule}");
    let back = allowed(&ix, "alice", Action::EnableUser { user: "dev".into() });
    assert_eq!(level(&back, "dev", "acc_acme"), Access::Read);
    assert!(
        refused(&back, "alice", Action::EnableUser { user: "dev".into() })
            .contains("already enabled")
    );
}

#[test]
fn unknown_ids_are_errors_not_panics() {
    let ix = csb();
    assert!(matches!(
        act(&ix, "ghost", &Action::DisableUser { user: "dev".into() }),
        Err(ActionError::UnknownActor(_))
    ));
    assert!(matches!(
        act(
            &ix,
            "alice",
            &Action::DisableUser {
                user: "ghost".into()
            }
        ),
        Err(ActionError::Unknown { .. })
    ));
    assert!(act(
        &ix,
        "alice",
        &Action::ChangeProfile {
            user: "dev".into(),
            profile: "nope".into()
        }
    )
    .is_err());
}

#[test]
fn the_cli_reports_refusals_and_changes() {
    let file = format!(
        "{}/www/scenarios/customer-success.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_access-sim"))
            .args(["act", &file])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (code, text) = run(&[
        "--as",
        "alice",
        "--action",
        "disable-user",
        "--user",
        "carla",
    ]);
    assert_eq!(code, Some(0));
    assert!(
        text.starts_with("refused: Carla CSM is the Customer Success Manager"),
        "{text}"
    );
    let (code, text) = run(&[
        "--as",
        "sam",
        "--action",
        "reassign-success-manager",
        "--account",
        "acc_acme",
        "--success-manager",
        "chen",
    ]);
    assert_eq!(code, Some(0));
    assert!(
        text.contains("6 cells changed") && text.contains("acc_acme x chen: none -> edit"),
        "{text}"
    );
}
