//! Guarded admin actions (CustomerSuccessBox team management, seed 004). An action is tried as
//! an acting user: the team rules either refuse it, naming the rule in plain words, or allow
//! it, returning the new scenario and every access cell and configuration right it changes.
//! The rules: only Administrators (Team Management) manage the team; an Administrator can't
//! downgrade their own profile while they are the only one; nobody can disable themselves; a
//! user who is an account's Customer Success Manager or named in a playbook task can't be
//! disabled. Reassigning a Customer Success Manager also suits those who manage all accounts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::diff::diff;
use super::index::{Index, UserIx};
use super::packed::CellChange;
use super::scenario::{ConfigArea, ObjectKind, ObjectPermission, Scenario, SystemPermission, User};
use super::validate::{validate, LoadError};

/// One admin action. JSON: `{"action": "disable_user", "user": "carla"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// The new user, kept as raw JSON and read like a scenario's user when applied.
    AddUser {
        #[schemars(with = "User")]
        user: serde_json::Value,
    },
    ChangeProfile {
        user: String,
        profile: String,
    },
    ChangeRole {
        user: String,
        role: Option<String>,
    },
    DisableUser {
        user: String,
    },
    EnableUser {
        user: String,
    },
    ReassignSuccessManager {
        account: String,
        success_manager: Option<String>,
    },
}

/// A configuration right that an action opens or closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ConfigChange {
    pub user: String,
    pub area: ConfigArea,
    pub before: bool,
    pub after: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Allowed {
        /// Why it is allowed, in plain words.
        rule: String,
        #[serde(skip)]
        #[schemars(skip)]
        scenario: Box<Scenario>,
        changes: Vec<CellChange>,
        config_changes: Vec<ConfigChange>,
    },
    Refused {
        /// The rule that refuses it, in plain words.
        rule: String,
    },
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ActionError {
    #[error("--as: no user has the id '{0}'")]
    UnknownActor(String),
    #[error("{field}: no {kind} has the id '{id}'")]
    Unknown {
        field: &'static str,
        kind: &'static str,
        id: String,
    },
    #[error("the scenario after this action would be invalid:\n{0}")]
    Invalid(LoadError),
}

fn refuse(rule: impl Into<String>) -> Result<Outcome, ActionError> {
    Ok(Outcome::Refused { rule: rule.into() })
}

fn is_admin(ix: &Index, u: UserIx) -> bool {
    ix.user(u).active && ix.config_source(u, ConfigArea::TeamManagement).is_some()
}

fn manages_all_accounts(ix: &Index, u: UserIx) -> bool {
    ix.object_permission(u, ObjectKind::Account, ObjectPermission::ModifyAll)
        .is_some()
        || ix
            .system_permission(u, SystemPermission::ModifyAllData)
            .is_some()
}

/// Try `action` as the user `actor`.
pub fn act(ix: &Index, actor: &str, action: &Action) -> Result<Outcome, ActionError> {
    let a = ix
        .find_user(actor)
        .ok_or_else(|| ActionError::UnknownActor(actor.to_string()))?;
    let me = ix.user(a);
    let user = |field: &'static str, id: &str| {
        ix.find_user(id).ok_or(ActionError::Unknown {
            field,
            kind: "user",
            id: id.to_string(),
        })
    };
    if !me.active {
        return refuse(format!(
            "{} is disabled, and a disabled user can't act.",
            me.name
        ));
    }
    let admin_rule = "Only Administrators manage the team (adding, changing, disabling and enabling users needs Team Management).";
    let mut next = ix.scenario.clone();
    let allowed_why;
    match action {
        Action::ReassignSuccessManager {
            account,
            success_manager,
        } => {
            let acc = ix
                .find_record(account)
                .filter(|r| ix.record(*r).object == ObjectKind::Account)
                .ok_or(ActionError::Unknown {
                    field: "account",
                    kind: "account",
                    id: account.clone(),
                })?;
            if let Some(m) = success_manager {
                user("success_manager", m)?;
            }
            if !is_admin(ix, a) && !manages_all_accounts(ix, a) {
                return refuse("Only Administrators and users who manage all accounts (Super Managers) can reassign an account's Customer Success Manager.");
            }
            let id = &ix.record(acc).id;
            if let Some(x) = next.accounts.iter_mut().find(|x| &x.id == id) {
                x.success_manager = success_manager.clone();
            }
            allowed_why = format!(
                "{} may reassign accounts: they manage the team or all accounts.",
                me.name
            );
        }
        _ if !is_admin(ix, a) => return refuse(admin_rule),
        Action::AddUser { user: new } => {
            let new: User = super::validate::from_json(&new.to_string())
                .map_err(|e| ActionError::Invalid(prefix(e, "user")))?;
            next.users.push(new);
            allowed_why = format!("{} is an Administrator.", me.name);
        }
        Action::ChangeProfile { user: id, profile } => {
            let t = user("user", id)?;
            let new_profile = ix
                .scenario
                .profiles
                .iter()
                .find(|p| &p.id == profile)
                .ok_or(ActionError::Unknown {
                    field: "profile",
                    kind: "profile",
                    id: profile.clone(),
                })?;
            let keeps_admin = new_profile.config.contains(&ConfigArea::TeamManagement)
                || new_profile.config.contains(&ConfigArea::Settings)
                || ix.user(t).permission_sets.iter().any(|p| {
                    ix.permission_sets[p.ix()]
                        .config
                        .contains(&ConfigArea::TeamManagement)
                });
            let other_admins = ix
                .user_ixs()
                .filter(|u| *u != a && is_admin(ix, *u))
                .count();
            if t == a && !keeps_admin && other_admins == 0 {
                return refuse(format!(
                    "An Administrator can't downgrade their own profile while they are the only Administrator: {} is the only one. Make someone else an Administrator first.",
                    me.name
                ));
            }
            next.users[t.ix()].profile = profile.clone();
            allowed_why = format!("{} is an Administrator.", me.name);
        }
        Action::ChangeRole { user: id, role } => {
            let t = user("user", id)?;
            next.users[t.ix()].role = role.clone();
            allowed_why = format!("{} is an Administrator.", me.name);
        }
        Action::DisableUser { user: id } => {
            let t = user("user", id)?;
            let target = ix.user(t);
            if t == a {
                return refuse("Nobody can disable themselves.");
            }
            if !target.active {
                return refuse(format!("{} is already disabled.", target.name));
            }
            if let Some(acc) = ix.records.iter().find(|r| r.success_manager == Some(t)) {
                return refuse(format!(
                    "{} is the Customer Success Manager of account '{}': a user assigned as Customer Success Manager on any account can't be disabled. Reassign the account first.",
                    target.name, acc.name
                ));
            }
            for (playbook, tasks) in &ix.playbooks {
                if let Some((task, _)) = tasks.iter().find(|(_, who)| *who == Some(t)) {
                    return refuse(format!(
                        "{} is named in the task '{task}' of playbook '{playbook}': a user mentioned in a playbook task can't be disabled.",
                        target.name
                    ));
                }
            }
            next.users[t.ix()].active = false;
            allowed_why = format!(
                "{} is an Administrator, and {} has no account or playbook task.",
                me.name, target.name
            );
        }
        Action::EnableUser { user: id } => {
            let t = user("user", id)?;
            if ix.user(t).active {
                return refuse(format!("{} is already enabled.", ix.user(t).name));
            }
            next.users[t.ix()].active = true;
            allowed_why = format!("{} is an Administrator.", me.name);
        }
    }
    let after = validate(next.clone()).map_err(ActionError::Invalid)?;
    let config_changes = config_diff(ix, &after);
    Ok(Outcome::Allowed {
        rule: allowed_why,
        scenario: Box::new(next),
        changes: diff(ix, &after),
        config_changes,
    })
}

/// Point a parse error at the action's field.
fn prefix(e: LoadError, field: &str) -> LoadError {
    match e {
        LoadError::Syntax { path, message } => LoadError::Syntax {
            path: format!("{field}.{path}"),
            message,
        },
        other => other,
    }
}

fn config_diff(before: &Index, after: &Index) -> Vec<ConfigChange> {
    let right = |ix: &Index, id: &str, area| {
        ix.find_user(id)
            .map(|u| super::config_rights::config_right(ix, u, area).allowed)
            .unwrap_or(false)
    };
    let mut out = Vec::new();
    for u in after.user_ixs() {
        let id = &after.user(u).id;
        for area in ConfigArea::ALL {
            let (b, a) = (right(before, id, area), right(after, id, area));
            if a != b {
                out.push(ConfigChange {
                    user: id.clone(),
                    area,
                    before: b,
                    after: a,
                });
            }
        }
    }
    out
}
