//! Implicit parent access. Salesforce: a user with access to a case, contact or opportunity
//! gets Read on its parent account. Only record-level sharing counts (ownership, rules, teams,
//! the role hierarchy ...): the org-wide default, View All and Modify All do not create it, and
//! neither does a child that is Controlled by Parent. Custom objects give no implicit parent
//! access ("custom objects don't use implicit sharing"), whatever they look up.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Read, Rows, SetGrant, Stage};
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::ObjectKind;
use crate::engine::sets::Who;
use std::rc::Rc;

pub struct ImplicitParent;

/// The children of an account whose record-level access gives Read on it.
fn proving_children(ix: &Index, account: RecordIx) -> impl Iterator<Item = RecordIx> + '_ {
    let is_account = ix.record(account).object == ObjectKind::Account;
    ix.children[account.ix()].iter().copied().filter(move |c| {
        is_account
            && matches!(
                ix.record(*c).object,
                ObjectKind::Case | ObjectKind::Contact | ObjectKind::Opportunity
            )
            && !super::replaces_sharing(ix, *c)
    })
}

impl Mechanism for ImplicitParent {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::ImplicitParent
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        if ix.record(record).object != ObjectKind::Account {
            return None;
        }
        Some(format!(
            "{} has no shared access to any case, contact or opportunity of {}, which would give Read on it.",
            ix.user(user).name,
            super::reason::record_label(ix, record)
        ))
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Derived,
            lifted: false,
            implies_parent: false,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        // Implicit parent access gives Read however many children prove it, so the first
        // child that does is the reason: at org scale an account has tens of thousands of
        // children, and asking each one for every user froze explanations for seconds.
        for child in proving_children(cx.ix, record) {
            if !cx.may_hold_share(user, child) {
                continue;
            }
            if let Some(best) = cx
                .record_shares(user, child)
                .into_iter()
                .filter(super::implies_parent)
                .max_by_key(|g| g.level)
            {
                out.push(Grant {
                    level: Access::Read,
                    reason: Reason::ImplicitParent {
                        child,
                        inner: Box::new(best.reason),
                    },
                });
                return;
            }
        }
    }

    fn reads(&self, ix: &Index, record: RecordIx, out: &mut Vec<Read>) {
        out.extend(proving_children(ix, record).map(Read::Implied));
    }

    /// Read for everyone whose record-level grants on a proving child imply it (the engine
    /// gathers the children's implied sets it `reads`).
    fn derived_sets(&self, rows: &dyn Rows, _record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let users = rows.implied();
        if users.iter().all(|w| *w == 0) {
            return true;
        }
        out.push(SetGrant {
            who: Who::Set(Rc::new(users.to_vec())),
            level: Access::Read,
            lifted: false,
            implies_parent: false,
        });
        true
    }
}
