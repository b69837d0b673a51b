//! Related parties (ServiceNow customer access management, seed 001). A party is added to a
//! case or sold product with a relationship type; the type's default responsibility (or the
//! agent's override) decides access through the responsibility's access configuration for that
//! table: read, write (our Edit) or full. A contact party covers the user who is that contact,
//! an account party every user of the account, a consumer or user party that user. A type with
//! no responsibility (Listed Contact, Listed Consumer) gives nothing; the mechanism still notes
//! the party so the explanation can say so.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Stage};
use crate::engine::index::{Index, PartyIx, PartyIxRef, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::sets::SetCx;

pub struct RelatedParties;

impl Mechanism for RelatedParties {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::RelatedParty
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let object = ix.record(record).object;
        let parties = &ix.parties_by_record[record.ix()];
        if parties.is_empty() && !ix.party_configs.iter().any(|c| c.applies_to == object) {
            return None;
        }
        let rec = super::reason::record_label(ix, record);
        let who = &ix.user(user).name;
        if let Some(p) = parties.iter().find(|p| is_party(ix, **p, user)) {
            // A party whose responsibility gives nothing on this table: the zero-level
            // grant's own description says which.
            let reason = Reason::RelatedParty {
                party: *p,
                responsibility: ix.related_parties[p.ix()].responsibility(ix),
            };
            return Some(reason.describe(ix, user, record));
        }
        Some(if parties.is_empty() {
            format!("{rec} has no related parties.")
        } else {
            format!("{who} is not one of the related parties of {rec}.")
        })
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: false,
            implies_parent: false,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
        let table = ix.record(record).object;
        for p in &ix.parties_by_record[record.ix()] {
            if !is_party(ix, *p, user) {
                continue;
            }
            let responsibility = ix.related_parties[p.ix()].responsibility(ix);
            let level = responsibility
                .and_then(|r| ix.responsibilities[r.ix()].access.get(&table))
                .map_or(Access::None, |a| a.access());
            out.push(Grant {
                level,
                reason: Reason::RelatedParty {
                    party: *p,
                    responsibility,
                },
            });
        }
    }

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        Some(party_users(sx, record))
    }
}

/// Whether the user is (or, for an account party, belongs to) the party.
pub fn is_party(ix: &Index, p: PartyIx, user: UserIx) -> bool {
    let u = ix.user(user);
    match ix.related_parties[p.ix()].party {
        PartyIxRef::User(x) => x == user,
        PartyIxRef::Contact(c) => u.contact == Some(c),
        PartyIxRef::Account(a) => u.account == Some(a),
    }
}

/// The users who are the parties of a record.
pub fn party_users(sx: &SetCx, record: RecordIx) -> Vec<UserIx> {
    let ix = sx.ix;
    let mut out = Vec::new();
    for p in &ix.parties_by_record[record.ix()] {
        match ix.related_parties[p.ix()].party {
            PartyIxRef::User(u) => out.push(u),
            PartyIxRef::Contact(c) => out.extend(sx.users_by_contact.get(&c).into_iter().flatten()),
            PartyIxRef::Account(a) => out.extend(sx.users_by_account.get(&a).into_iter().flatten()),
        }
    }
    out
}
