//! What an edit reaches: the one function (`reach`) that decides which rows of the matrix an
//! edit can change, the records it names plus every row that reads them, whichever way the
//! edit went in (patched in place, revalidated with the same records and users, or reshaped).

use std::collections::BTreeSet;

use super::edits::{Collection, Edit};
use super::evaluate::Evaluator;
use super::index::{Index, RecordIx};
use super::patch::Reach;
use super::scenario::ObjectKind;

/// The rows an edit can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reached {
    /// These records (sorted, each once), the rows that read them included: every other row
    /// keeps its level.
    Records(Vec<RecordIx>),
    /// Any row can change, or the users and records themselves did: recompute everything.
    Everything,
}

/// How an edit got into the index that is now installed.
pub enum Route {
    /// Patched in place by `patch::patch`, which reports the records its entries name.
    Patched(Reach),
    /// Revalidated in full; `before` is the index the edit was applied to.
    Revalidated { before: Box<Index> },
}

/// What reads what in one index: per record, the Controlled-by-Parent records that follow it.
/// Built from record links alone (a contact's account, an asset's account or contact), so a
/// patched edit, which never moves a record, keeps it; every newly installed index needs its
/// own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependents {
    followers: Vec<Vec<RecordIx>>,
}

impl Dependents {
    pub fn of(ix: &Index) -> Self {
        let ev = Evaluator::new(ix);
        let mut followers = vec![Vec::new(); ix.records.len()];
        for x in ix.record_ixs() {
            if let Some(p) = ev.parent_of(x) {
                followers[p.ix()].push(x);
            }
        }
        Dependents { followers }
    }

    /// The records that follow `r` (whose row is `r`'s under Controlled by Parent).
    pub fn followers(&self, r: RecordIx) -> &[RecordIx] {
        &self.followers[r.ix()]
    }
}

/// What `edit` reaches, given how it went in. `after` is the index that now holds the edit and
/// `deps` must be built from it (the engine rebuilds both together in one place).
pub fn reach(route: &Route, after: &Index, deps: &Dependents, edit: &Edit) -> Reached {
    debug_assert_eq!(deps.followers.len(), after.records.len());
    let seeds = match route {
        Route::Patched(Reach::Records(records)) => {
            let mut records = records.clone();
            // An account team member's case, contact and opportunity access reaches the
            // account's children.
            if collection(edit) == Some(Collection::AccountTeams) {
                let accounts = records.clone();
                for a in accounts {
                    records.extend(after.children[a.ix()].iter().copied());
                }
            }
            records
        }
        Route::Patched(Reach::Object(object)) => object_seeds(after, *object),
        Route::Revalidated { before } => {
            if !same_shape(before, after) {
                return Reached::Everything;
            }
            match revalidated_seeds(before, after, edit) {
                Some(seeds) => seeds,
                None => return Reached::Everything,
            }
        }
    };
    Reached::Records(with_dependents(after, deps, seeds))
}

fn collection(edit: &Edit) -> Option<Collection> {
    match edit {
        Edit::Upsert { collection, .. } | Edit::Remove { collection, .. } => Some(*collection),
        Edit::SetOrgDefault { .. } | Edit::Replace { .. } => None,
    }
}

/// Same users and same records, in the same order: row and column positions still match.
pub fn same_shape(before: &Index, after: &Index) -> bool {
    before
        .users
        .iter()
        .map(|u| &u.id)
        .eq(after.users.iter().map(|u| &u.id))
        && before
            .records
            .iter()
            .map(|r| &r.id)
            .eq(after.records.iter().map(|r| &r.id))
}

/// The records a revalidated edit of the same shape names, or None when it can reach anything
/// (users, roles, groups, profiles, rules' principals, sharing sets, accounts, contacts ...).
fn revalidated_seeds(before: &Index, new: &Index, edit: &Edit) -> Option<Vec<RecordIx>> {
    let mut seeds: BTreeSet<RecordIx> = BTreeSet::new();
    let rec = |id: &str| new.find_record(id);
    let Some(collection) = collection(edit) else {
        // Org-wide defaults are always patched; a replaced scenario can differ anywhere.
        return None;
    };
    let (a, b) = (&before.scenario, &new.scenario);
    match collection {
        // Manual shares and team members never get here: `patch` applies them, and what it
        // leaves to full validation (an entry that does not parse, an id clash) is refused
        // there. Anything unlisted below recomputes everything.
        Collection::RelatedParties => {
            for p in changed_entries(&a.related_parties, &b.related_parties) {
                if let Some(r) = rec(&p.record) {
                    seeds.insert(r);
                    seeds.extend(new.cases_by_product[r.ix()].iter().copied());
                }
            }
        }
        // A rule can select any record of its object, before or after the change.
        Collection::SharingRules => {
            let objects: BTreeSet<ObjectKind> = changed_entries(&a.sharing_rules, &b.sharing_rules)
                .map(|r| r.object)
                .collect();
            seeds.extend(
                new.record_ixs()
                    .filter(|r| objects.contains(&new.record(*r).object)),
            );
        }
        // A changed record (same id, same place): its own row, the account it hung off before
        // (implicit parent Read; the one after is a dependent), and the cases that read it
        // (through an asset's lookups, or a sold product's parties). Accounts and contacts
        // change portal users and portal roles, so they are recomputed in full.
        Collection::Cases => {
            changed(
                &a.cases,
                &b.cases,
                |x| (&x.id, x.account.as_deref()),
                &mut seeds,
                new,
            );
        }
        Collection::Opportunities => {
            changed(
                &a.opportunities,
                &b.opportunities,
                |x| (&x.id, x.account.as_deref()),
                &mut seeds,
                new,
            );
        }
        Collection::Leads => {
            changed(&a.leads, &b.leads, |x| (&x.id, None), &mut seeds, new);
        }
        Collection::AccountChildren => {
            changed(
                &a.account_children,
                &b.account_children,
                |x| (&x.id, Some(&x.account)),
                &mut seeds,
                new,
            );
        }
        Collection::Assets => {
            let assets = changed(
                &a.assets,
                &b.assets,
                |x| (&x.id, x.account.as_deref()),
                &mut seeds,
                new,
            );
            seeds.extend(
                new.record_ixs()
                    .filter(|r| new.record(*r).asset.is_some_and(|x| assets.contains(&x))),
            );
        }
        Collection::SoldProducts => {
            let products = changed(
                &a.sold_products,
                &b.sold_products,
                |x| (&x.id, x.account.as_deref()),
                &mut seeds,
                new,
            );
            for p in products {
                seeds.extend(new.cases_by_product[p.ix()].iter().copied());
            }
        }
        _ => return None,
    }
    Some(seeds.into_iter().collect())
}

/// Entries of a list present in one version only (added, removed, or either side of a change).
fn changed_entries<'a, T: PartialEq>(a: &'a [T], b: &'a [T]) -> impl Iterator<Item = &'a T> {
    let only = |x: &'a [T], y: &'a [T]| x.iter().filter(move |e| !y.contains(e));
    only(a, b).chain(only(b, a))
}

/// Records of one list that differ between two versions of the same shape: adds each one and
/// the account it hung off before to `seeds`, and returns the changed ones.
fn changed<T: PartialEq>(
    before: &[T],
    after: &[T],
    id_and_account: impl Fn(&T) -> (&str, Option<&str>),
    seeds: &mut BTreeSet<RecordIx>,
    ix: &Index,
) -> Vec<RecordIx> {
    let mut out = Vec::new();
    for (x, y) in before.iter().zip(after) {
        if x == y {
            continue;
        }
        let (id, account) = id_and_account(x);
        out.extend(ix.find_record(id));
        seeds.extend(account.and_then(|a| ix.find_record(a)));
    }
    seeds.extend(out.iter().copied());
    out
}

/// The records an org-wide default change can reach: the object's own, and the accounts and
/// Controlled-by-Parent records that read them.
fn object_seeds(ix: &Index, object: ObjectKind) -> Vec<RecordIx> {
    ix.record_ixs()
        .filter(|r| {
            let o = ix.record(*r).object;
            o == object || o == ObjectKind::Account || o.may_be_controlled_by_parent()
        })
        .collect()
}

/// Seeds plus the rows that read them: an account's implicit parent access reads its
/// children's shares, and a Controlled-by-Parent record reads its parent's row.
fn with_dependents(ix: &Index, deps: &Dependents, seeds: Vec<RecordIx>) -> Vec<RecordIx> {
    let mut seen = vec![false; ix.records.len()];
    let mut out = Vec::new();
    let mut work = seeds;
    while let Some(r) = work.pop() {
        if std::mem::replace(&mut seen[r.ix()], true) {
            continue;
        }
        out.push(r);
        let data = ix.record(r);
        if matches!(
            data.object,
            ObjectKind::Case | ObjectKind::Contact | ObjectKind::Opportunity
        ) {
            work.extend(data.account);
        }
        work.extend(deps.followers(r).iter().copied());
    }
    out.sort_unstable();
    out
}
