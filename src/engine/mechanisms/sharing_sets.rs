//! Sharing sets (seed 002). Salesforce: a sharing set is assigned to profiles and holds access
//! mappings; each mapping gives portal users of those profiles Read Only or Read/Write on the
//! records of one object whose lookup (direct, like Case.Account, or indirect, like
//! Case.Asset.Account) equals the user's Account or Contact. A broken link in an indirect path
//! (a case with no asset, an asset with no account) matches nothing. Sharing-set access is not
//! inherited up the role hierarchy and gives no implicit parent access.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::Fast;
use crate::engine::index::{Index, RecordIx, SetIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};
use crate::engine::scenario::{TargetPath, UserKind};

pub struct SharingSets;

impl Mechanism for SharingSets {
    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
        let u = ix.user(user);
        if u.kind != UserKind::External {
            return;
        }
        let object = ix.record(record).object;
        for (s, set) in ix.sharing_sets.iter().enumerate() {
            if !set.profiles.contains(&u.profile) {
                continue;
            }
            for (m, mapping) in set.mappings.iter().enumerate() {
                if mapping.object != object {
                    continue;
                }
                let Some(mine) = ix.user_field(user, mapping.user_field) else {
                    continue;
                };
                let found = follow(ix, record, mapping.target);
                let set = SetIx(s as u32);
                if found == Some(mine) {
                    out.push(Grant {
                        level: mapping.access.access(),
                        reason: Reason::SharingSet {
                            set,
                            mapping: m,
                            matched: mine,
                        },
                    });
                } else {
                    // A zero-level note, so "why not" can name the mapping that did not match.
                    out.push(Grant {
                        level: Access::None,
                        reason: Reason::SharingSetMiss {
                            set,
                            mapping: m,
                            found,
                        },
                    });
                }
            }
        }
    }

    fn candidates(&self, fx: &Fast, record: RecordIx) -> Option<Vec<UserIx>> {
        // Users whose account or contact is one of the record's lookups (or the record itself).
        let ix = fx.ix;
        let rec = ix.record(record);
        let asset = rec.asset.map(|a| ix.record(a));
        let linked = [
            Some(record),
            rec.account,
            rec.contact,
            asset.and_then(|a| a.account),
            asset.and_then(|a| a.contact),
            rec.contact.and_then(|c| ix.record(c).account),
        ];
        let mut out = Vec::new();
        for r in linked.into_iter().flatten() {
            out.extend(fx.users_by_account.get(&r).into_iter().flatten());
            out.extend(fx.users_by_contact.get(&r).into_iter().flatten());
        }
        Some(out)
    }
}

/// The record a lookup path leads to, or None where a link is missing.
pub fn follow(ix: &Index, record: RecordIx, path: TargetPath) -> Option<RecordIx> {
    let rec = ix.record(record);
    match path {
        TargetPath::Id => Some(record),
        TargetPath::Account => rec.account,
        TargetPath::Contact => rec.contact,
        TargetPath::AssetAccount => rec.asset.and_then(|a| ix.record(a).account),
        TargetPath::AssetContact => rec.asset.and_then(|a| ix.record(a).contact),
        TargetPath::ContactAccount => rec.contact.and_then(|c| ix.record(c).account),
    }
}
