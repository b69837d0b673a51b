//! What an edit reaches: the one function (`reach`) that decides which rows of the matrix an
//! edit can change, the records it names plus every row that reads them, whichever way the
//! edit went in (patched in place, revalidated with the same records and users, or reshaped).

use std::collections::BTreeSet;

use super::diff::same_shape;
use super::edits::{Collection, Edit};
use super::index::{Index, RecordIx};
use super::mechanisms::{Changed, Read, REGISTRY};
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

/// What reads what in one index, from the mechanisms' own declarations: per record, the
/// records whose derived set forms read its row or implied set (`Mechanism::reads`), and the
/// records whose grants look at its attached entries (`Mechanism::inputs`). Every newly
/// installed index needs its own; a patched index keeps it unless an org-wide default changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependents {
    readers: Csr<RecordIx>,
    watchers: Csr<(RecordIx, Changed)>,
}

/// Per record, a list, stored flat (one offsets array, one items array): a few hundred
/// thousand edges without an allocation per record.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Csr<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Csr<T> {
    /// From (record, one of its list's items) pairs.
    fn of(n: usize, edges: &[(u32, T)]) -> Self {
        let mut offsets = vec![0u32; n + 1];
        for (at, _) in edges {
            offsets[*at as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        // Every slot is written below; the first edge's item only fills them until then.
        let mut items = edges.first().map_or(Vec::new(), |e| vec![e.1; edges.len()]);
        for (at, item) in edges {
            items[next[*at as usize] as usize] = *item;
            next[*at as usize] += 1;
        }
        Csr { offsets, items }
    }

    fn get(&self, r: RecordIx) -> &[T] {
        &self.items[self.offsets[r.ix()] as usize..self.offsets[r.ix() + 1] as usize]
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }
}

impl Dependents {
    pub fn of(ix: &Index) -> Self {
        let (mut read_edges, mut watch_edges) = (Vec::new(), Vec::new());
        let (mut reads, mut inputs) = (Vec::new(), Vec::new());
        for r in ix.record_ixs() {
            reads.clear();
            inputs.clear();
            super::mechanisms::reads(ix, r, &mut reads);
            for m in REGISTRY {
                m.inputs(ix, r, &mut inputs);
            }
            for x in &reads {
                let (Read::Row(x) | Read::Implied(x)) = *x;
                read_edges.push((x.0, r));
            }
            inputs.sort_unstable();
            inputs.dedup();
            watch_edges.extend(inputs.iter().map(|(x, what)| (x.0, (r, *what))));
        }
        let n = ix.records.len();
        Dependents {
            readers: Csr::of(n, &read_edges),
            watchers: Csr::of(n, &watch_edges),
        }
    }

    /// The records whose rows read `r`'s row or implied set.
    pub fn readers(&self, r: RecordIx) -> &[RecordIx] {
        self.readers.get(r)
    }

    /// The records whose grants look at this part of `r`.
    pub fn watchers(&self, r: RecordIx, what: Changed) -> impl Iterator<Item = RecordIx> + '_ {
        self.watchers
            .get(r)
            .iter()
            .filter(move |(_, w)| *w == what)
            .map(|(x, _)| *x)
    }
}

/// What `edit` reaches, given how it went in. `after` is the index that now holds the edit;
/// `before` and `now` are what reads what before and after it (the same value when the edit
/// could not change it), so a row that stopped or started reading a changed one is reached.
pub fn reach(
    route: &Route,
    after: &Index,
    before: &Dependents,
    now: &Dependents,
    edit: &Edit,
) -> Reached {
    debug_assert_eq!(now.readers.len(), after.records.len());
    let seeds = match route {
        Route::Patched(Reach::Records(records, what)) => {
            records.iter().map(|r| (*r, *what)).collect()
        }
        Route::Patched(Reach::Object(object)) => after
            .record_ixs()
            .filter(|r| after.record(*r).object == *object)
            .map(|r| (r, Changed::Record))
            .collect(),
        Route::Revalidated { before: old } => {
            if !same_shape(old, after) {
                return Reached::Everything;
            }
            match revalidated_seeds(old, after, edit) {
                Some(seeds) => seeds,
                None => return Reached::Everything,
            }
        }
    };
    Reached::Records(with_dependents(after, [before, now], seeds))
}

fn collection(edit: &Edit) -> Option<Collection> {
    match edit {
        Edit::Upsert { collection, .. } | Edit::Remove { collection, .. } => Some(*collection),
        Edit::SetOrgDefault { .. } | Edit::Replace { .. } => None,
    }
}

/// The records a revalidated edit of the same shape names, or None when it can reach anything
/// (users, roles, groups, profiles, rules' principals, sharing sets, accounts, contacts ...).
fn revalidated_seeds(before: &Index, new: &Index, edit: &Edit) -> Option<Vec<(RecordIx, Changed)>> {
    let mut seeds: BTreeSet<(RecordIx, Changed)> = BTreeSet::new();
    let rec = |id: &str| new.find_record(id);
    let Some(collection) = collection(edit) else {
        // Org-wide defaults are always patched; a replaced scenario can differ anywhere.
        return None;
    };
    let (a, b) = (&before.scenario, &new.scenario);
    match collection {
        // Manual shares and team members never get here: `patch` applies them, and what it
        // leaves to full validation (an entry that does not parse, an id clash) is refused
        // there. Anything unlisted below recomputes everything. What reads the records named
        // here (an account's implicit parent Read, Controlled-by-Parent followers, cases that
        // look at an asset's lookups or a sold product's parties) is added by `reach`.
        Collection::RelatedParties => {
            for p in changed_entries(&a.related_parties, &b.related_parties) {
                seeds.extend(rec(&p.record).map(|r| (r, Changed::Parties)));
            }
        }
        // A rule can select any record of its object, before or after the change.
        Collection::SharingRules => {
            let rules: Vec<_> = changed_entries(&a.sharing_rules, &b.sharing_rules).collect();
            let objects: BTreeSet<ObjectKind> = rules.iter().map(|r| r.object).collect();
            // A rule giving access to accounts' children reaches them too.
            let children = rules.iter().any(|r| {
                (r.case_access, r.opportunity_access, r.contact_access) != Default::default()
            });
            let what = if children {
                Changed::ChildAccess
            } else {
                Changed::Rules
            };
            seeds.extend(
                new.record_ixs()
                    .filter(|r| objects.contains(&new.record(*r).object))
                    .map(|r| (r, what)),
            );
        }
        // A changed record (same id, same place): its own row. Accounts and contacts change
        // portal users and portal roles, so they are recomputed in full.
        Collection::Cases => changed(&a.cases, &b.cases, |x| &x.id, &mut seeds, new),
        Collection::Opportunities => changed(
            &a.opportunities,
            &b.opportunities,
            |x| &x.id,
            &mut seeds,
            new,
        ),
        Collection::Leads => changed(&a.leads, &b.leads, |x| &x.id, &mut seeds, new),
        Collection::AccountChildren => changed(
            &a.account_children,
            &b.account_children,
            |x| &x.id,
            &mut seeds,
            new,
        ),
        Collection::Assets => changed(&a.assets, &b.assets, |x| &x.id, &mut seeds, new),
        Collection::SoldProducts => changed(
            &a.sold_products,
            &b.sold_products,
            |x| &x.id,
            &mut seeds,
            new,
        ),
        _ => return None,
    }
    Some(seeds.into_iter().collect())
}

/// Entries of a list present in one version only (added, removed, or either side of a change).
fn changed_entries<'a, T: PartialEq>(a: &'a [T], b: &'a [T]) -> impl Iterator<Item = &'a T> {
    let only = |x: &'a [T], y: &'a [T]| x.iter().filter(move |e| !y.contains(e));
    only(a, b).chain(only(b, a))
}

/// Records of one list that differ between two versions of the same shape: each is a seed.
fn changed<T: PartialEq>(
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> &str,
    seeds: &mut BTreeSet<(RecordIx, Changed)>,
    ix: &Index,
) {
    for (x, y) in before.iter().zip(after) {
        if x != y {
            seeds.extend(ix.find_record(id(x)).map(|r| (r, Changed::Record)));
        }
    }
}

/// Seeds, the records watching their entries, and every row that reads any of them (again and
/// again: a Controlled-by-Parent contact reads an account that reads a case), by what reads
/// what before the edit or after it.
fn with_dependents(
    ix: &Index,
    deps: [&Dependents; 2],
    seeds: Vec<(RecordIx, Changed)>,
) -> Vec<RecordIx> {
    let mut seen = vec![false; ix.records.len()];
    let mut out = Vec::new();
    let mut work: Vec<RecordIx> = seeds.iter().map(|(r, _)| *r).collect();
    for (s, what) in &seeds {
        for d in deps {
            work.extend(d.watchers(*s, *what));
        }
    }
    while let Some(r) = work.pop() {
        if std::mem::replace(&mut seen[r.ix()], true) {
            continue;
        }
        out.push(r);
        for d in deps {
            work.extend(d.readers(r).iter().copied());
        }
    }
    out.sort_unstable();
    out
}
