//! Org-wide defaults. Salesforce: the default is the baseline every user gets on every record of
//! the object: Private gives nothing, Public Read Only gives Read, Public Read/Write (and, for
//! cases and leads, Public Read/Write/Transfer) gives Edit. Internal users get the internal
//! default, external (portal) users the external one, which validation keeps no more open.
//! Transfer is not a level of its own on our None/Read/Edit/Full scale, so it counts as Edit.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::{ObjectKind, UserKind};
use crate::engine::sets::{SetCx, Who};

pub struct OrgDefaults;

impl Mechanism for OrgDefaults {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::OrgDefault
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let object = cx.ix.record(record).object;
        let (setting, external) = cx.ix.sharing_for(user, object);
        Some(format!(
            "The {} org-wide default for {} is {}, which gives no access by itself.",
            if external { "external" } else { "internal" },
            cx.ix.object_label(object),
            setting.label()
        ))
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Baseline,
            lifted: false,
            implies_parent: false,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let object = cx.ix.record(record).object;
        let (setting, external) = cx.ix.sharing_for(user, object);
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

    /// Every internal user at the internal default's level, every external user at the
    /// external one's.
    fn object_sets(&self, sx: &SetCx, object: ObjectKind, out: &mut Vec<SetGrant>) -> bool {
        let ix = sx.ix;
        let owd = ix.org_default(object);
        for (kind, setting) in [
            (UserKind::Internal, owd.internal),
            (UserKind::External, owd.external()),
        ] {
            let level = setting.baseline();
            if level == Access::None {
                continue;
            }
            let key = ("org_defaults", [kind as u32, 0, 0]);
            let users = sx.set_where(key, ix.user_ixs(), |u| ix.user(u).kind == kind);
            out.push(SetGrant {
                who: Who::Set(users),
                level,
                lifted: false,
                implies_parent: false,
            });
        }
        true
    }
}
