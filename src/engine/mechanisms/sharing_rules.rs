//! Sharing rules. Salesforce: an owner-based rule shares the records owned by members of a
//! role, a role and its subordinates, or a public group; a criteria-based rule shares the
//! records whose field values match. Either shares with a role, a role and its subordinates, or
//! a public group, at Read Only or Read/Write. Records owned by a queue are not picked by
//! owner-based rules here, since a queue is not a member of a role or group.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::fast::{Fast, SetGrant};
use crate::engine::index::{Index, Owner, RecordIx, RuleData, RuleIx, SelectorIx, UserIx};
use crate::engine::reason::{Grant, Reason};

pub struct SharingRules;

impl Mechanism for SharingRules {
    fn stage(&self) -> Stage {
        Stage::Share
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
        for (i, rule) in ix.rules.iter().enumerate() {
            if !selects(ix, rule, record) {
                continue;
            }
            if let Some(membership) = ix.membership(user, rule.share_with) {
                out.push(Grant {
                    level: rule.access.access(),
                    reason: Reason::SharingRule {
                        rule: RuleIx(i as u32),
                        membership,
                    },
                });
            }
        }
    }

    /// Sharing-rule grants are inherited up the role hierarchy and imply Read on the parent.
    fn share_sets(&self, fx: &Fast, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let ix = fx.ix;
        let rec = ix.record(record);
        for rule in ix.rules.iter().filter(|rule| rule.object == rec.object) {
            let hit = match &rule.select {
                SelectorIx::OwnedBy(p) => match rec.owner {
                    Owner::User(owner) => fx.is_member(*p, owner),
                    Owner::Queue(_) => false,
                },
                SelectorIx::Criteria(_) => selects(ix, rule, record),
            };
            if hit {
                out.push(SetGrant {
                    users: fx.member_set(rule.share_with, true),
                    level: rule.access.access(),
                    implies_parent: true,
                });
            }
        }
        true
    }
}

/// Whether the rule picks this record.
pub fn selects(ix: &Index, rule: &RuleData, record: RecordIx) -> bool {
    let rec = ix.record(record);
    if rec.object != rule.object {
        return false;
    }
    match &rule.select {
        SelectorIx::OwnedBy(p) => match rec.owner {
            Owner::User(owner) => ix.membership(owner, *p).is_some(),
            Owner::Queue(_) => false,
        },
        SelectorIx::Criteria(criteria) => criteria.iter().all(|(field, values)| {
            rec.fields
                .get(field)
                .is_some_and(|v| values.iter().any(|want| want == v))
        }),
    }
}
