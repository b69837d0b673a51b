//! Assignment-based visibility (CustomerSuccessBox, seed 004). A Customer Success Manager "has
//! access to their own accounts, unassigned accounts, and associated records": a profile's
//! `assigned_account_access` gives its holders that level on accounts whose
//! `success_manager` is them or nobody. Associated records follow through Controlled by
//! Parent (account children always do), so no account access means no child access.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Stage};
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::scenario::ObjectKind;
use crate::engine::sets::SetCx;

pub struct Assignment;

impl Mechanism for Assignment {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::Assignment
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
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
        let label = super::reason::record_label(ix, record);
        Some(match rec.success_manager {
            Some(m) if m != user => format!("{label} has {} as its Customer Success Manager, not {who}.", ix.user(m).name),
            _ => format!("{who}'s profile and permission sets give no access to assigned or unassigned accounts."),
        })
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: false,
            implies_parent: false,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
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

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = sx.ix;
        let rec = ix.record(record);
        if rec.object != ObjectKind::Account {
            return Some(vec![]);
        }
        // Unassigned accounts are open to every holder of the setting.
        Some(match rec.success_manager {
            Some(m) => vec![m],
            None => sx
                .users_where("assignment", |u| {
                    ix.best_setting(u, |p| p.assigned_account_access).is_some()
                })
                .to_vec(),
        })
    }
}
