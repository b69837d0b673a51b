//! ServiceNow CSM portal roles on cases. customer: their own cases (they are its contact or
//! consumer, or they opened it) and cases an agent opened for them. customer_case_manager and
//! customer_admin: every case of their account and of the accounts below it in the account
//! hierarchy. partner: cases of their own account and of the customer accounts it serves;
//! partner_admin likewise. Levels are modelling choices where the vendor only says "access":
//! customers, case managers, admins and partner admins can respond and update (Edit), a
//! plain partner reads (Read).

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Stage};
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::{CsmRole, ObjectKind};
use crate::engine::sets::SetCx;

pub struct CsmRoles;

impl Mechanism for CsmRoles {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::CsmRole
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        if ix.record(record).object != ObjectKind::Case
            || ix.users.iter().all(|u| u.csm_roles.is_empty())
        {
            return None;
        }
        let u = ix.user(user);
        let rec = super::reason::record_label(ix, record);
        Some(if u.csm_roles.is_empty() {
            format!("{} has no ServiceNow CSM role.", u.name)
        } else {
            let roles: Vec<&str> = u.csm_roles.iter().map(|r| r.key()).collect();
            format!(
                "{}'s CSM role {} does not cover {rec}: it is not their own case nor one of their account's.",
                u.name,
                roles.join(", ")
            )
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
        if rec.object != ObjectKind::Case {
            return;
        }
        let u = ix.user(user);
        for role in &u.csm_roles {
            let (applies, level) = match role {
                CsmRole::Customer => (
                    (u.contact.is_some() && rec.contact == u.contact)
                        || rec.consumer == Some(user)
                        || rec.created_by == Some(user),
                    Access::Edit,
                ),
                CsmRole::CustomerCaseManager | CsmRole::CustomerAdmin => (
                    match (u.account, rec.account) {
                        (Some(mine), Some(theirs)) => in_hierarchy(ix, theirs, mine),
                        _ => false,
                    },
                    Access::Edit,
                ),
                CsmRole::Partner | CsmRole::PartnerAdmin => (
                    match (u.account, rec.account) {
                        (Some(mine), Some(theirs)) => {
                            theirs == mine || ix.record(theirs).partner == Some(mine)
                        }
                        _ => false,
                    },
                    if *role == CsmRole::Partner {
                        Access::Read
                    } else {
                        Access::Edit
                    },
                ),
            };
            if applies {
                out.push(Grant {
                    level,
                    reason: Reason::CsmRole { role: *role },
                });
            }
        }
    }

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = sx.ix;
        if ix.record(record).object != ObjectKind::Case {
            return Some(vec![]);
        }
        Some(
            sx.users_where("csm_roles", |u| !ix.user(u).csm_roles.is_empty())
                .to_vec(),
        )
    }
}

/// True when `account` is `top` or below it in the account hierarchy (acyclic after validation;
/// the step bound only guards against a bug).
pub fn in_hierarchy(ix: &Index, account: RecordIx, top: RecordIx) -> bool {
    let mut cur = Some(account);
    for _ in 0..=ix.records.len() {
        match cur {
            Some(a) if a == top => return true,
            Some(a) => cur = ix.record(a).account,
            None => return false,
        }
    }
    false
}
