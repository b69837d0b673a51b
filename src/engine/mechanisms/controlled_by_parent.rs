//! Controlled by Parent. Salesforce: when an object's default is Controlled by Parent, a user
//! can do on the record what they can do on its parent (a contact's or asset's account; an
//! asset without an account follows its contact; a custom detail record its master, so a detail
//! of a detail follows its top master). The record has no sharing of its own, so no Share or
//! Hierarchy grant applies to it. A record with no parent is private: only its owner and those
//! above them see it, as for Salesforce's private contacts.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Read, Rows, SetGrant, Stage};
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::sets::Who;
use std::rc::Rc;

pub struct ControlledByParent;

impl Mechanism for ControlledByParent {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::ControlledByParent
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let object = ix.record(record).object;
        if ix.sharing_for(user, object).0 != crate::engine::scenario::Sharing::ControlledByParent {
            return None;
        }
        let rec = super::reason::record_label(ix, record);
        Some(match ix.cbp_parent(record) {
            Some(p) => format!(
                "{} is Controlled by Parent, and {} has no access to its parent {}.",
                ix.object_label(object),
                ix.user(user).name,
                super::reason::record_label(ix, p)
            ),
            None => format!("{} is Controlled by Parent but {rec} has no parent, so only its owner and those above them see it.", ix.object_label(object)),
        })
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Derived,
            lifted: false,
            implies_parent: false,
        }
    }

    fn replaces_sharing(&self, ix: &Index, record: RecordIx) -> bool {
        ix.follows_parent(record)
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        if !cx.ix.follows_parent(record) {
            return;
        }
        let Some(parent) = cx.ix.cbp_parent(record) else {
            return;
        };
        let decision = cx.decide(user, parent);
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

    fn reads(&self, ix: &Index, record: RecordIx, out: &mut Vec<Read>) {
        if ix.follows_parent(record) {
            out.extend(ix.cbp_parent(record).map(Read::Row));
        }
    }

    /// The parent's finished row, level by level.
    fn derived_sets(&self, rows: &dyn Rows, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let ix = rows.sx().ix;
        let Some(parent) = ix.cbp_parent(record).filter(|_| ix.follows_parent(record)) else {
            return true;
        };
        let row = rows.row(parent);
        for level in [Access::Read, Access::Edit, Access::Full] {
            out.push(SetGrant {
                who: Who::Set(Rc::new(row.at_least(level).to_vec())),
                level,
                lifted: false,
                implies_parent: false,
            });
        }
        true
    }
}
