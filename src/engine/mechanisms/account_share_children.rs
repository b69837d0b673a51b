//! Access to an account's children from the account's sharing rules and manual shares. An
//! account sharing rule carries "the access level for the account's children (case, contact,
//! and opportunity)" (SharingRules metadata, `accountSettings`: caseAccessLevel,
//! contactAccessLevel, opportunityAccessLevel: None, Read or Edit), and so does a manual
//! account share (AccountShare: CaseAccessLevel, ContactAccessLevel, OpportunityAccessLevel;
//! the Share page prompts for the related contacts, opportunities and cases). The grantees get
//! that level on every case, opportunity and contact of the account, like account team members;
//! a Controlled-by-Parent contact has no sharing of its own, so Contact Access does nothing
//! there. Managers inherit it as they inherit the account share itself, except from a
//! deactivated user the share names directly.

use super::reason::{member_text, principal_label, record_label, Fact, Grant, MechanismId, Reason};
use super::{selects, Changed, Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::index::{Index, PrincipalIx, RecordIx, RuleIx, ShareIx, UserIx};
use crate::engine::level::ChildAccess;
use crate::engine::scenario::ObjectKind;
use crate::engine::sets::{SetCx, Who};

pub struct AccountShareChildren;

const ID: MechanismId = MechanismId::new("account_share_children", "Account sharing (child access)");

/// The account a case, opportunity or contact hangs off.
fn parent_account(ix: &Index, record: RecordIx) -> Option<RecordIx> {
    let rec = ix.record(record);
    matches!(
        rec.object,
        ObjectKind::Case | ObjectKind::Opportunity | ObjectKind::Contact
    )
    .then_some(rec.account)
    .flatten()
}

/// Every rule selecting `account` and every manual share of it that gives something on a
/// child of `object`: (the rule or share, its principal, its level there).
fn shares_of(
    ix: &Index,
    account: RecordIx,
    object: ObjectKind,
) -> impl Iterator<Item = (Via, PrincipalIx, ChildAccess)> + '_ {
    let rules = ix
        .rules
        .iter()
        .enumerate()
        .filter(move |(_, r)| r.children.on(object) > ChildAccess::None && selects(ix, r, account))
        .map(move |(i, r)| (Via::Rule(RuleIx(i as u32)), r.share_with, r.children.on(object)));
    let shares = ix.shares_by_record[account.ix()].iter().filter_map(move |s| {
        let m = &ix.manual_shares[s.ix()];
        let level = m.children.on(object);
        (level > ChildAccess::None).then_some((Via::Share(*s), m.with, level))
    });
    rules.chain(shares)
}

#[derive(Clone, Copy)]
enum Via {
    Rule(RuleIx),
    Share(ShareIx),
}

/// A manual share naming a now inactive user directly: their managers lose it too.
fn lost_by_deactivation(ix: &Index, via: Via, with: PrincipalIx) -> bool {
    matches!((via, with), (Via::Share(_), PrincipalIx::User(u)) if !ix.user(u).active)
}

impl Mechanism for AccountShareChildren {
    fn id(&self) -> MechanismId {
        ID
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: true,
            implies_parent: true,
        }
    }

    fn lifts(&self, ix: &Index, _holder: UserIx, reason: &Reason) -> bool {
        let Reason::Fact(f) = reason else {
            return false;
        };
        match (f.rule, f.share) {
            (_, Some(s)) => {
                let with = ix.manual_shares[s.ix()].with;
                !lost_by_deactivation(ix, Via::Share(s), with)
            }
            _ => true,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
        let Some(account) = parent_account(ix, record) else {
            return;
        };
        for (via, with, level) in shares_of(ix, account, ix.record(record).object) {
            let Some(membership) = ix.membership(user, with) else {
                continue;
            };
            let (rule, share) = match via {
                Via::Rule(r) => (Some(r), None),
                Via::Share(s) => (None, Some(s)),
            };
            out.push(Grant {
                level: level.access(),
                reason: Reason::Fact(Fact {
                    record: Some(account),
                    rule,
                    share,
                    membership: Some(membership),
                    ..Fact::new(ID)
                }),
            });
        }
    }

    fn describe(&self, ix: &Index, fact: &Fact, holder: UserIx, record: RecordIx) -> String {
        let who = &ix.user(holder).name;
        let rec = record_label(ix, record);
        let account = fact.record.map(|a| record_label(ix, a)).unwrap_or_default();
        let object = ix.record(record).object;
        let (what, with, level) = match (fact.rule, fact.share) {
            (Some(r), _) => {
                let rule = &ix.rules[r.ix()];
                (format!("sharing rule '{}'", rule.name), rule.share_with, rule.children.on(object))
            }
            (_, Some(s)) => {
                let m = &ix.manual_shares[s.ix()];
                (format!("{} '{}'", m.name, m.id), m.with, m.children.on(object))
            }
            _ => return format!("{account} is shared with {who}."),
        };
        let member = fact
            .membership
            .as_ref()
            .map(|m| member_text(ix, m, "is named in it"))
            .unwrap_or_default();
        format!(
            "{account} is shared with {} by {what} with {} {} access, and {rec} belongs to that account; {who} {member}.",
            principal_label(ix, with),
            level.access().label(),
            ix.object_label(object)
        )
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let account = parent_account(ix, record)?;
        let object = ix.record(record).object;
        let any = ix.rules.iter().any(|r| r.children.any())
            || ix.manual_shares.iter().any(|m| m.children.any());
        if !any {
            return None;
        }
        let label = ix.object_label(object);
        let mut shares = shares_of(ix, account, object).peekable();
        Some(if shares.peek().is_none() {
            format!(
                "No sharing rule or manual share of {} gives {label} access to its records.",
                record_label(ix, account)
            )
        } else {
            let names: Vec<String> = shares.map(|(_, with, _)| principal_label(ix, with)).collect();
            format!(
                "{} shares its {label} records with {} only, and {} is not among them.",
                record_label(ix, account),
                names.join(", "),
                ix.user(user).name
            )
        })
    }

    /// A child's grants look at its account's shares and rules that carry child access.
    fn inputs(&self, ix: &Index, record: RecordIx, out: &mut Vec<(RecordIx, Changed)>) {
        if let Some(a) = parent_account(ix, record) {
            out.push((a, Changed::ChildAccess));
        }
    }

    /// The members of each rule's or share's principal, lifted to their managers.
    fn share_sets(&self, sx: &SetCx, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let ix = sx.ix;
        let Some(account) = parent_account(ix, record) else {
            return true;
        };
        for (via, with, level) in shares_of(ix, account, ix.record(record).object) {
            out.push(SetGrant {
                who: Who::Members(with),
                level: level.access(),
                lifted: !lost_by_deactivation(ix, via, with),
                implies_parent: true,
            });
        }
        true
    }
}
