//! Assignment-based visibility (CustomerSuccessBox, seed 004). A Customer Success Manager "has
//! access to their own accounts, unassigned accounts, and associated records": a profile's
//! `assigned_account_access` gives its holders that level on accounts whose
//! `success_manager` is them or nobody. Associated records follow through Controlled by
//! Parent (account children always do), so no account access means no child access.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::reason::{Grant, Reason};
use crate::engine::scenario::ObjectKind;

pub struct Assignment;

impl Mechanism for Assignment {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::Assignment
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        let rec = ix.record(record);
        if rec.object != ObjectKind::Account
            || ix
                .profiles
                .iter()
                .chain(&ix.permission_sets)
                .all(|p| p.assigned_account_access == crate::engine::level::ChildAccess::None)
        {
            return None;
        }
        let who = &ix.user(user).name;
        let label = crate::engine::reason::record_label(ix, record);
        Some(match rec.success_manager {
            Some(m) if m != user => format!("{label} has {} as its Customer Success Manager, not {who}.", ix.user(m).name),
            _ => format!("{who}'s profile and permission sets give no access to assigned or unassigned accounts."),
        })
    }

    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
        let rec = ix.record(record);
        if rec.object != ObjectKind::Account {
            return;
        }
        let assigned = match rec.success_manager {
            Some(m) if m == user => true,
            Some(_) => return,
            None => false,
        };
        if let Some((level, source)) = ix.best_setting(user, |p| p.assigned_account_access) {
            out.push(Grant {
                level: level.access(),
                reason: Reason::Assignment { assigned, source },
            });
        }
    }

    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = fx.ix;
        let rec = ix.record(record);
        if rec.object != ObjectKind::Account {
            return Some(vec![]);
        }
        // Unassigned accounts are open to every holder of the setting.
        Some(match rec.success_manager {
            Some(m) => vec![m],
            None => fx
                .users_where("assignment", |u| {
                    ix.best_setting(u, |p| p.assigned_account_access).is_some()
                })
                .to_vec(),
        })
    }
}
