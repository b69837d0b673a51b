//! Sold products (ServiceNow, seed 001). Contacts with access to a sold product automatically
//! get access to the cases for that product. A contact reaches a product as its related party
//! (the responsibility's access on the product, and on its cases the same responsibility's
//! access on the Case table), or, when the owning account's "Restrict Contact Access" is off,
//! simply by being a contact of that account (Read on the product and its cases). With the flag
//! on, only the product's related parties get in.

use super::reason::{Grant, Reason};
use super::related_parties::is_party;
use super::{Changed, Cx, Declared, Mechanism, Stage};
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::ObjectKind;
use crate::engine::sets::SetCx;

pub struct SoldProducts;

impl Mechanism for SoldProducts {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::SoldProduct
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let rec = ix.record(record);
        let product = match rec.object {
            ObjectKind::SoldProduct => record,
            ObjectKind::Case => match rec.sold_product {
                Some(p) => p,
                None if ix
                    .records
                    .iter()
                    .any(|r| r.object == ObjectKind::SoldProduct) =>
                {
                    return Some(format!(
                        "{} is not about a sold product.",
                        super::reason::record_label(ix, record)
                    ))
                }
                None => return None,
            },
            _ => return None,
        };
        let who = &ix.user(user).name;
        let p = super::reason::record_label(ix, product);
        let Some(account) = ix.record(product).account else {
            return Some(format!("{p} belongs to no account, so only its related parties reach it, and {who} is not one."));
        };
        let acc = super::reason::record_label(ix, account);
        Some(if ix.record(account).restrict_contact_access {
            format!("Restrict Contact Access is on for {acc}, which owns {p}: only the product's related parties reach it and its cases, and {who} is not one.")
        } else {
            format!("{who} is not a contact of {acc}, which owns {p}, nor one of the product's related parties.")
        })
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: false,
            implies_parent: false,
        }
    }

    /// A case's grants read its sold product's parties and account.
    fn inputs(&self, ix: &Index, record: RecordIx, out: &mut Vec<(RecordIx, Changed)>) {
        let rec = ix.record(record);
        if let (ObjectKind::Case, Some(p)) = (rec.object, rec.sold_product) {
            out.extend([(p, Changed::Parties), (p, Changed::Record)]);
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
        let rec = ix.record(record);
        match rec.object {
            ObjectKind::SoldProduct => {
                if let Some(g) = open_account_access(cx, user, record) {
                    out.push(g);
                }
            }
            ObjectKind::Case => {
                let Some(product) = rec.sold_product else {
                    return;
                };
                for p in &ix.parties_by_record[product.ix()] {
                    if !is_party(ix, *p, user) {
                        continue;
                    }
                    let Some(resp) = ix.related_parties[p.ix()].responsibility(ix) else {
                        continue;
                    };
                    let Some(level) = ix.responsibilities[resp.ix()].access.get(&ObjectKind::Case)
                    else {
                        continue;
                    };
                    out.push(Grant {
                        level: level.access(),
                        reason: Reason::SoldProductCase {
                            product,
                            party: Some(*p),
                        },
                    });
                }
                if open_account_access(cx, user, product).is_some() {
                    out.push(Grant {
                        level: Access::Read,
                        reason: Reason::SoldProductCase {
                            product,
                            party: None,
                        },
                    });
                }
            }
            _ => {}
        }
    }

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = sx.ix;
        let rec = ix.record(record);
        let product = match rec.object {
            ObjectKind::SoldProduct => record,
            ObjectKind::Case => match rec.sold_product {
                Some(p) => p,
                None => return Some(vec![]),
            },
            _ => return Some(vec![]),
        };
        let mut out = super::related_parties::party_users(sx, product);
        if let Some(a) = ix.record(product).account {
            out.extend(sx.users_by_account.get(&a).into_iter().flatten());
        }
        Some(out)
    }
}

/// Read on a product for any contact of its account, unless the account restricts it.
fn open_account_access(cx: &Cx, user: UserIx, product: RecordIx) -> Option<Grant> {
    let ix = cx.ix;
    let account = ix.record(product).account?;
    if ix.record(account).restrict_contact_access || ix.user(user).account != Some(account) {
        return None;
    }
    Some(Grant {
        level: Access::Read,
        reason: Reason::AccountContactProduct { account },
    })
}
