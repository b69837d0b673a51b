//! Portal users' own account and contact (Salesforce implicit sharing for Experience Cloud
//! users). "About High-Volume Community or Site Users": they "can access their own account and
//! contact records, based on implicit sharing" and "have Read access on the account they belong
//! to". The "Experience Cloud Site" row of the Implicit Sharing table (Designing Record Access
//! for Enterprise Scale): "Access to a customer or partner account and all associated contacts
//! for all customer or partner users under that account. Access to a case for the customer or
//! partner user that's the contact on the case", shared "with the lowest role under the
//! customer or partner account" (so Customer Community Plus and Partner users, who have portal
//! roles, and the roles above them; high-volume users have no role and get their own account
//! and contact only). Every level is Read: the documentation's example gives "Read access to
//! the Acme account as well as Read access to all the other contacts", and says no more for the
//! case. Consumers have no account or contact.

use std::rc::Rc;

use super::reason::{record_label, Fact, Grant, MechanismId, Reason};
use super::{Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::bits::insert;
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::{ObjectKind, UserKind};
use crate::engine::sets::{SetCx, Who};

pub struct PortalAccount;

const ID: MechanismId = MechanismId::new("portal_account", "Portal user's own account");

/// Why `user` reaches `record` this way, if they do: the account or contact that links them.
fn reaches(ix: &Index, user: UserIx, record: RecordIx) -> Option<Via> {
    let u = ix.user(user);
    if u.kind != UserKind::External {
        return None;
    }
    let rec = ix.record(record);
    let role_based = u.license.is_some_and(|l| l.has_portal_role());
    match rec.object {
        ObjectKind::Account if u.account == Some(record) => Some(Via::OwnAccount),
        ObjectKind::Contact if u.contact == Some(record) => Some(Via::OwnContact),
        ObjectKind::Contact if role_based && u.account.is_some() && rec.account == u.account => {
            Some(Via::AccountContact)
        }
        ObjectKind::Case if role_based && u.contact.is_some() && rec.contact == u.contact => {
            Some(Via::CaseContact)
        }
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    OwnAccount,
    OwnContact,
    AccountContact,
    CaseContact,
}

impl Mechanism for PortalAccount {
    fn id(&self) -> MechanismId {
        ID
    }

    fn declared(&self) -> Declared {
        // Shared with the portal roles, so the roles above inherit it; a high-volume user has
        // no role, so nothing is lifted from them (`lifts`).
        Declared {
            stage: Stage::Share,
            lifted: true,
            implies_parent: false,
        }
    }

    fn lifts(&self, ix: &Index, holder: UserIx, _reason: &Reason) -> bool {
        ix.user(holder).license.is_some_and(|l| l.has_portal_role())
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        if reaches(cx.ix, user, record).is_some() {
            out.push(Grant {
                level: Access::Read,
                reason: Reason::Fact(Fact {
                    record: Some(record),
                    ..Fact::new(ID)
                }),
            });
        }
    }

    fn describe(&self, ix: &Index, _fact: &Fact, holder: UserIx, record: RecordIx) -> String {
        let u = ix.user(holder);
        let license = u.license.map_or("portal", |l| l.label());
        let rec = record_label(ix, record);
        let account = u.account.map(|a| record_label(ix, a)).unwrap_or_default();
        match reaches(ix, holder, record) {
            Some(Via::OwnAccount) => format!(
                "{} is a {license} user of {rec}, and portal users read the account they belong to.",
                u.name
            ),
            Some(Via::OwnContact) => format!(
                "{rec} is {}'s own contact, which a portal user reads.",
                u.name
            ),
            Some(Via::AccountContact) => format!(
                "{} is a {license} user of {account}, and such users read every contact of their account.",
                u.name
            ),
            Some(Via::CaseContact) | None => format!(
                "{} is the contact on {rec}, and a {license} user reads the cases they are the contact on.",
                u.name
            ),
        }
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let u = ix.user(user);
        let rec = ix.record(record);
        if u.kind != UserKind::External
            || !matches!(
                rec.object,
                ObjectKind::Account | ObjectKind::Contact | ObjectKind::Case
            )
        {
            return None;
        }
        let label = record_label(ix, record);
        let role_based = u.license.is_some_and(|l| l.has_portal_role());
        Some(match (rec.object, role_based) {
            (ObjectKind::Account, _) => {
                format!("{} belongs to another account than {label}.", u.name)
            }
            (ObjectKind::Contact, false) => format!(
                "{label} is not {}'s own contact, and high-volume users read only their own.",
                u.name
            ),
            (ObjectKind::Contact, true) => {
                format!("{label} is not a contact of {}'s account.", u.name)
            }
            (_, false) => format!(
                "{} is a high-volume portal user; the cases they are the contact on reach them only through a sharing set.",
                u.name
            ),
            (_, true) => format!("{} is not the contact on {label}.", u.name),
        })
    }

    /// The portal users of the account (or contact) the record is, or belongs to, in two sets:
    /// those with a portal role (lifted) and the high-volume ones (not).
    fn share_sets(&self, sx: &SetCx, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let ix = sx.ix;
        let rec = ix.record(record);
        let mut candidates: Vec<UserIx> = Vec::new();
        match rec.object {
            ObjectKind::Account => {
                candidates.extend(sx.users_by_account.get(&record).into_iter().flatten());
            }
            ObjectKind::Contact => {
                candidates.extend(sx.users_by_contact.get(&record).into_iter().flatten());
                if let Some(a) = rec.account {
                    candidates.extend(sx.users_by_account.get(&a).into_iter().flatten());
                }
            }
            ObjectKind::Case => {
                if let Some(c) = rec.contact {
                    candidates.extend(sx.users_by_contact.get(&c).into_iter().flatten());
                }
            }
            _ => return true,
        }
        if candidates.is_empty() {
            return true;
        }
        let (mut lifted, mut own) = (sx.none(), sx.none());
        for u in candidates {
            if reaches(ix, u, record).is_some() {
                let set = if self.lifts(ix, u, &Reason::Owner) {
                    &mut lifted
                } else {
                    &mut own
                };
                insert(set, u.ix());
            }
        }
        for (users, lifted) in [(lifted, true), (own, false)] {
            if users.iter().any(|w| *w != 0) {
                out.push(SetGrant {
                    who: Who::Set(Rc::new(users)),
                    level: Access::Read,
                    lifted,
                    implies_parent: false,
                });
            }
        }
        true
    }
}
