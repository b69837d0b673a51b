//! Implicit parent access. Salesforce: a user with access to a case, contact or opportunity
//! gets Read on its parent account. Only record-level sharing counts (ownership, rules, teams,
//! the role hierarchy ...): the org-wide default, View All and Modify All do not create it, and
//! neither does a child that is Controlled by Parent.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};
use crate::engine::scenario::ObjectKind;

pub struct ImplicitParent;

impl Mechanism for ImplicitParent {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::ImplicitParent
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        if ix.record(record).object != ObjectKind::Account {
            return None;
        }
        Some(format!(
            "{} has no shared access to any case, contact or opportunity of {}, which would give Read on it.",
            ix.user(user).name,
            crate::engine::reason::record_label(ix, record)
        ))
    }

    fn stage(&self) -> Stage {
        Stage::Derived
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
        if ix.record(record).object != ObjectKind::Account {
            return;
        }
        // Implicit parent access gives Read however many children prove it, so the first
        // child that does is the reason: at org scale an account has tens of thousands of
        // children, and asking each one for every user froze explanations for seconds.
        for child in &ix.children[record.ix()] {
            let object = ix.record(*child).object;
            let counts = matches!(
                object,
                ObjectKind::Case | ObjectKind::Contact | ObjectKind::Opportunity
            );
            if !counts
                || ev.is_controlled_by_parent(user, *child)
                || !ev.may_hold_share(user, *child)
            {
                continue;
            }
            if let Some(best) = ev
                .record_shares(user, *child)
                .into_iter()
                .filter(|g| g.level > Access::None && g.reason.gives_implicit_parent())
                .max_by_key(|g| g.level)
            {
                out.push(Grant {
                    level: Access::Read,
                    reason: Reason::ImplicitParent {
                        child: *child,
                        inner: Box::new(best.reason),
                    },
                });
                return;
            }
        }
    }
}
