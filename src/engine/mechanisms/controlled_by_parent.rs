//! Controlled by Parent. Salesforce: when an object's default is Controlled by Parent, a user
//! can do on the record what they can do on its parent (a contact's or asset's account; an
//! asset without an account follows its contact). The record has no sharing of its own, so the
//! core skips every record-level share for it. A record with no parent is private: only its
//! owner and those above them see it, as for Salesforce's private contacts.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};

pub struct ControlledByParent;

impl Mechanism for ControlledByParent {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::ControlledByParent
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        let object = ix.record(record).object;
        if ix.sharing_for(user, object).0 != crate::engine::scenario::Sharing::ControlledByParent {
            return None;
        }
        let rec = crate::engine::reason::record_label(ix, record);
        Some(match ev.parent_of(record) {
            Some(p) => format!(
                "{} is Controlled by Parent, and {} has no access to its parent {}.",
                object.label(),
                ix.user(user).name,
                crate::engine::reason::record_label(ix, p)
            ),
            None => format!("{} is Controlled by Parent but {rec} has no parent, so only its owner and those above them see it.", object.label()),
        })
    }

    fn stage(&self) -> Stage {
        Stage::Derived
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        if !ev.is_controlled_by_parent(user, record) {
            return;
        }
        let Some(parent) = ev.parent_of(record) else {
            return;
        };
        let decision = ev.decide(user, parent);
        if decision.level == Access::None {
            return;
        }
        if let Some(best) = decision.grants.into_iter().next() {
            out.push(Grant {
                level: decision.level,
                reason: Reason::ControlledByParent {
                    parent,
                    parent_level: decision.level,
                    inner: Box::new(best.reason),
                },
            });
        }
    }
}
