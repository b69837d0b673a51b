//! Org-wide defaults. Salesforce: the default is the baseline every user gets on every record of
//! the object: Private gives nothing, Public Read Only gives Read, Public Read/Write (and, for
//! cases and leads, Public Read/Write/Transfer) gives Edit. Internal users get the internal
//! default, external (portal) users the external one, which validation keeps no more open.
//! Transfer is not a level of its own on our None/Read/Edit/Full scale, so it counts as Edit.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};

pub struct OrgDefaults;

impl Mechanism for OrgDefaults {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::OrgDefault
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let object = ev.ix.record(record).object;
        let (setting, external) = ev.ix.sharing_for(user, object);
        Some(format!(
            "The {} org-wide default for {} is {}, which gives no access by itself.",
            if external { "external" } else { "internal" },
            object.label(),
            setting.label()
        ))
    }

    fn stage(&self) -> Stage {
        Stage::Baseline
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let object = ev.ix.record(record).object;
        let (setting, external) = ev.ix.sharing_for(user, object);
        let level = setting.baseline();
        if level > Access::None {
            out.push(Grant {
                level,
                reason: Reason::OrgDefault {
                    object,
                    setting,
                    external,
                },
            });
        }
    }
}
