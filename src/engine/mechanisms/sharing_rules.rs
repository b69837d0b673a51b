//! Sharing rules. Salesforce: an owner-based rule shares the records owned by members of a
//! role, a role and its subordinates, or a public group; a criteria-based rule shares the
//! records whose field values match. Either shares with a role, a role and its subordinates, or
//! a public group, at Read Only or Read/Write. Records owned by a queue are not picked by
//! owner-based rules here, since a queue is not a member of a role or group.

use super::reason::{principal_label, Grant, Reason};
use super::{Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::index::{Index, Owner, RecordIx, RuleData, RuleIx, SelectorIx, UserIx};
use crate::engine::sets::{SetCx, Who};

pub struct SharingRules;

impl Mechanism for SharingRules {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::SharingRule
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let rec = ix.record(record);
        let who = &ix.user(user).name;
        let mut parts = Vec::new();
        for rule in ix.rules.iter().filter(|r| r.object == rec.object) {
            let part = if !selects(ix, rule, record) {
                match &rule.select {
                    SelectorIx::OwnedBy(p) => match rec.owner {
                        Owner::User(o) => format!(
                            "rule '{}' shares {}s owned by {}, and the owner {} is not in it",
                            rule.name,
                            ix.object_noun(rec.object),
                            principal_label(ix, *p),
                            ix.user(o).name
                        ),
                        Owner::Queue(_) => format!(
                            "rule '{}' shares {}s owned by {}, and a queue owns this one",
                            rule.name,
                            ix.object_noun(rec.object),
                            principal_label(ix, *p)
                        ),
                    },
                    SelectorIx::Criteria(c) => {
                        let misses: Vec<String> = c
                            .iter()
                            .filter(|(f, want)| {
                                !rec.fields.get(f).is_some_and(|v| want.contains(v))
                            })
                            .map(|(f, want)| {
                                let has = rec
                                    .fields
                                    .get(f)
                                    .map_or("not set".to_string(), |v| format!("'{v}'"));
                                format!(
                                    "{f} = {} (this {}'s {f} is {has})",
                                    want.join(" or "),
                                    ix.object_noun(rec.object)
                                )
                            })
                            .collect();
                        format!(
                            "rule '{}' selects {}s where {}",
                            rule.name,
                            ix.object_noun(rec.object),
                            misses.join(" and ")
                        )
                    }
                }
            } else {
                format!(
                    "rule '{}' selects this {} but shares it with {}, and {who} is not in it",
                    rule.name,
                    ix.object_noun(rec.object),
                    principal_label(ix, rule.share_with)
                )
            };
            parts.push(part);
        }
        if parts.is_empty() {
            return None;
        }
        Some(format!("{}.", capitalize(&parts.join("; "))))
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: true,
            implies_parent: true,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
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
    fn share_sets(&self, sx: &SetCx, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let ix = sx.ix;
        let rec = ix.record(record);
        for rule in ix.rules.iter().filter(|rule| rule.object == rec.object) {
            let hit = match &rule.select {
                SelectorIx::OwnedBy(p) => match rec.owner {
                    Owner::User(owner) => sx.is_member(*p, owner),
                    Owner::Queue(_) => false,
                },
                SelectorIx::Criteria(_) => selects(ix, rule, record),
            };
            if hit {
                out.push(SetGrant {
                    who: Who::Members(rule.share_with),
                    level: rule.access.access(),
                    lifted: true,
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

/// "rule 'x' ..." -> "Rule 'x' ...".
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
