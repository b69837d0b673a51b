//! The set-based engine: the whole matrix at once, record by record, as sets of users. For each
//! record it asks every registered mechanism for its set form in stage order (Baseline once per
//! object, then Share, Hierarchy over the Share grants, then Derived), falling back to the
//! mechanism's per-pair grants where it has none, takes the most permissive (OR) and caps it
//! (AND). It names no mechanism: what reads what comes from `Mechanism::reads`. The per-pair
//! evaluator stays the reference: property tests check that both agree on every cell.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

use super::bits::{insert, or_into, Planes};
use super::evaluate::Evaluator;
use super::index::{Index, RecordIx};
use super::level::Access;
use super::mechanisms::{
    holders, of_stage, reads, replaces_sharing, Cx, Mechanism, Read, Rows, SetGrant, Stage,
};
use super::packed::{CellChange, FastMatrix};
use super::scenario::ObjectKind;
use super::sets::{SetCx, Who};

/// Compute every cell.
pub fn matrix(ix: &Index) -> FastMatrix {
    let mut out = FastMatrix::new(ix.users.len(), ix.records.len());
    let all: Vec<RecordIx> = ix.record_ixs().collect();
    fill(ix, &mut out, &all);
    out
}

/// Recompute the rows of `records` (rows outside them must be right for `ix` already) and
/// report the cells that changed: how many, and the first `limit`.
pub fn refill(
    ix: &Index,
    m: &mut FastMatrix,
    records: &[RecordIx],
    limit: usize,
) -> (usize, Vec<CellChange>) {
    m.open_log(limit);
    fill(ix, m, records);
    m.close_log(ix)
}

/// Per object: where every record starts (the Baseline stage's grants) and the cap (the
/// object permissions; nothing for inactive users).
struct ObjectRows {
    base: Planes,
    cap: Planes,
    /// Baseline mechanisms without a set form, asked record by record.
    per_record: Vec<&'static dyn Mechanism>,
}

struct Fill<'a> {
    ix: &'a Index,
    sx: SetCx<'a>,
    ev: Evaluator<'a>,
    /// The registered mechanisms of each stage, in registry order.
    share: &'static [&'static dyn Mechanism],
    hierarchy: &'static [&'static dyn Mechanism],
    derived: &'static [&'static dyn Mechanism],
    objects: RefCell<HashMap<ObjectKind, Rc<ObjectRows>>>,
    /// The Share and Hierarchy grants of the record being computed, kept between records.
    scratch: std::cell::Cell<(Vec<SetGrant>, Vec<SetGrant>)>,
}

/// The rows being filled, as derived set forms see them: finished rows from the matrix, and
/// the union of the implied sets of the records the one being computed reads.
struct View<'f, 'a> {
    fill: &'f Fill<'a>,
    m: &'f FastMatrix,
    implied: &'f [u64],
}

impl Rows for View<'_, '_> {
    fn sx(&self) -> &SetCx<'_> {
        &self.fill.sx
    }

    fn row(&self, record: RecordIx) -> Planes {
        self.m.load(record)
    }

    fn implied(&self) -> &[u64] {
        self.implied
    }
}

impl<'a> Fill<'a> {
    fn new(ix: &'a Index) -> Self {
        Fill {
            ix,
            sx: SetCx::new(ix),
            ev: Evaluator::new(ix),
            share: of_stage(Stage::Share),
            hierarchy: of_stage(Stage::Hierarchy),
            derived: of_stage(Stage::Derived),
            objects: RefCell::new(HashMap::default()),
            scratch: Default::default(),
        }
    }

    fn cx(&self) -> Cx<'_> {
        Cx::new(self.ix, &self.ev)
    }

    /// Raise the grant's holders in `row`, and add them to `implied` when it implies parent
    /// Read and somebody reads this record's implied set.
    fn raise(&self, row: &mut Planes, implied: Option<&mut Vec<u64>>, g: &SetGrant) {
        if g.level == Access::None {
            return;
        }
        let implied = implied.filter(|_| g.implies_parent);
        if let Who::One(u) = g.who {
            row.raise_one(u.ix(), g.level);
            if let Some(set) = implied {
                insert(set, u.ix());
            }
            return;
        }
        let users = self.sx.users(&g.who);
        row.raise_set(&users, g.level);
        if let Some(set) = implied {
            or_into(set, &users);
        }
    }

    /// A mechanism's grants on `record` as one-user set grants, for mechanisms with no set
    /// form: asked user by user through the reference, with their declared lifting.
    fn asked(&self, m: &dyn Mechanism, record: RecordIx, out: &mut Vec<SetGrant>) {
        let mut found = Vec::new();
        holders(m, &self.sx, &self.cx(), record, &mut found);
        let active = g_above_none;
        out.extend(found.into_iter().map(|(u, g)| SetGrant {
            lifted: active(&g) && m.lifts(self.ix, u, &g.reason),
            implies_parent: active(&g) && m.implies_parent(&g.reason),
            who: Who::One(u),
            level: g.level,
        }));
    }

    fn object(&self, object: ObjectKind) -> Rc<ObjectRows> {
        if let Some(o) = self.objects.borrow().get(&object) {
            return o.clone();
        }
        let ix = self.ix;
        let words = self.sx.words;
        let (mut base, mut cap) = (Planes::empty(words), Planes::empty(words));
        let mut per_record = Vec::new();
        let mut sets = Vec::new();
        for m in of_stage(Stage::Baseline).iter().copied() {
            if !m.object_sets(&self.sx, object, &mut sets) {
                per_record.push(m);
            }
        }
        for g in &sets {
            self.raise(&mut base, None, g);
        }
        for u in ix.user_ixs() {
            if ix.user(u).active {
                cap.raise_one(u.ix(), ix.object_cap(u, object));
            }
        }
        let rows = Rc::new(ObjectRows {
            base,
            cap,
            per_record,
        });
        self.objects.borrow_mut().insert(object, rows.clone());
        rows
    }

    /// The Share and Hierarchy stages on `record`, raised into `row`; the users who thereby get
    /// implicit Read on the parent account are added to `implied`.
    fn record_level(&self, record: RecordIx, row: &mut Planes, mut implied: Option<&mut Vec<u64>>) {
        let (mut share, mut lifted) = self.scratch.take();
        share.clear();
        lifted.clear();
        for m in self.share {
            if !m.share_sets(&self.sx, record, &mut share) {
                self.asked(*m, record, &mut share);
            }
        }
        for m in self.hierarchy {
            if !m.lift_sets(&self.sx, record, &mut share) {
                self.asked(*m, record, &mut lifted);
            }
        }
        for g in share.iter().chain(&lifted) {
            self.raise(row, implied.as_deref_mut(), g);
        }
        self.scratch.set((share, lifted));
    }

    /// The users whose record-level grants on `record` imply Read on its parent, worked out
    /// on its own (for a record read but not recomputed now).
    fn implied_of(&self, record: RecordIx) -> Vec<u64> {
        let mut row = Planes::empty(self.sx.words);
        let mut implied = self.sx.none();
        if !replaces_sharing(self.ix, record) {
            self.record_level(record, &mut row, Some(&mut implied));
        }
        implied
    }

    /// One record's row, given the rows it reads already in place and `implied_read`, the
    /// union of the implied sets it reads; also its own implied set when `implied` is given.
    fn compute(
        &self,
        m: &FastMatrix,
        implied_read: &[u64],
        record: RecordIx,
        implied: Option<&mut Vec<u64>>,
    ) -> Planes {
        let object = self.object(self.ix.record(record).object);
        let mut row = object.base.clone();
        let mut grants = Vec::new();
        for mech in &object.per_record {
            self.asked(*mech, record, &mut grants);
        }
        if !replaces_sharing(self.ix, record) {
            self.record_level(record, &mut row, implied);
        }
        let view = View {
            fill: self,
            m,
            implied: implied_read,
        };
        for mech in self.derived {
            if !mech.derived_sets(&view, record, &mut grants) {
                self.asked(*mech, record, &mut grants);
            }
        }
        for g in &grants {
            self.raise(&mut row, None, g);
        }
        row.min_with(&object.cap);
        row
    }
}

fn g_above_none(g: &super::mechanisms::Grant) -> bool {
    g.level > Access::None
}

/// The records to recompute in the order to compute them: by level (a record comes after the
/// recomputed records it reads), in index order within a level, so rows are written in
/// sequence. With each, what it reads.
fn schedule(f: &Fill, records: &[RecordIx], wanted: &[bool]) -> Vec<(RecordIx, Vec<Read>)> {
    let ix = f.ix;
    // What each record to recompute reads; `at[r]` finds a record's entry (NONE: reads nothing).
    const NONE: u32 = u32::MAX;
    let mut at = vec![NONE; ix.records.len()];
    let mut reading: Vec<(RecordIx, Vec<Read>)> = Vec::new();
    let mut found = Vec::new();
    for &r in records {
        found.clear();
        reads(ix, r, &mut found);
        if !found.is_empty() && at[r.ix()] == NONE {
            at[r.ix()] = reading.len() as u32;
            reading.push((r, found.clone()));
        }
    }
    let read_record = |x: &Read| match *x {
        Read::Row(x) | Read::Implied(x) => x,
    };
    // Levels of the records that read others (the rest are level 0), depth first and
    // iteratively; a record met again on its own walk (a cycle of reads, which the mechanisms
    // never declare: validation keeps parents acyclic) is taken as it stands.
    const UNKNOWN: u32 = u32::MAX;
    const ON_WALK: u32 = u32::MAX - 1;
    let mut level = vec![UNKNOWN; reading.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in 0..reading.len() {
        if level[start] != UNKNOWN {
            continue;
        }
        level[start] = ON_WALK;
        stack.push((start, 0));
        while let Some((i, next)) = stack.last_mut() {
            let i = *i;
            match reading[i].1.get(*next).map(read_record) {
                Some(d) => {
                    *next += 1;
                    let j = at[d.ix()];
                    if wanted[d.ix()] && j != NONE && level[j as usize] == UNKNOWN {
                        level[j as usize] = ON_WALK;
                        stack.push((j as usize, 0));
                    }
                }
                None => {
                    level[i] = reading[i]
                        .1
                        .iter()
                        .map(read_record)
                        .filter(|d| wanted[d.ix()])
                        .map(|d| match at[d.ix()] {
                            NONE => 1,
                            j if level[j as usize] == ON_WALK => 0,
                            j => level[j as usize] + 1,
                        })
                        .max()
                        .unwrap_or(0);
                    stack.pop();
                }
            }
        }
    }
    let top = level.iter().copied().max().unwrap_or(0) as usize;
    let mut buckets: Vec<Vec<RecordIx>> = vec![Vec::new(); top + 1];
    for &r in records {
        match at[r.ix()] {
            NONE => buckets[0].push(r),
            j => buckets[level[j as usize] as usize].push(r),
        }
    }
    let mut order = Vec::with_capacity(records.len());
    for r in buckets.into_iter().flatten() {
        let reads = match at[r.ix()] {
            NONE => Vec::new(),
            j => std::mem::take(&mut reading[j as usize].1),
        };
        order.push((r, reads));
    }
    order
}

/// Recompute the rows of `records` in `m`. Rows outside `records` must already be right: a
/// record reads their rows from `m`, and works out their implied sets on demand. A recomputed
/// record's implied set is folded straight into the records that read it.
fn fill(ix: &Index, m: &mut FastMatrix, records: &[RecordIx]) {
    let f = Fill::new(ix);
    let mut wanted = vec![false; ix.records.len()];
    for r in records {
        wanted[r.ix()] = true;
    }
    let order = schedule(&f, records, &wanted);
    // Who reads each recomputed record's implied set: almost always one record (a child's
    // account), kept densely; any further readers in a map. A map of every child was slow.
    const NONE: u32 = u32::MAX;
    let mut first_reader = vec![NONE; ix.records.len()];
    let mut more_readers: HashMap<RecordIx, Vec<RecordIx>> = HashMap::default();
    for (r, reads) in &order {
        for x in reads {
            if let Read::Implied(x) = *x {
                if !wanted[x.ix()] {
                    continue;
                }
                if first_reader[x.ix()] == NONE {
                    first_reader[x.ix()] = r.0;
                } else {
                    more_readers.entry(x).or_default().push(*r);
                }
            }
        }
    }
    // What the readers have gathered so far.
    let mut gathered: HashMap<RecordIx, Vec<u64>> = HashMap::default();
    let mut implied = f.sx.none();
    for (r, reads) in order {
        let mut implied_read = gathered.remove(&r).unwrap_or_default();
        for x in &reads {
            if let Read::Implied(x) = *x {
                if !wanted[x.ix()] {
                    implied_read.resize(f.sx.words, 0);
                    if !m.or_implied(x, &mut implied_read) {
                        let set = f.implied_of(x);
                        or_into(&mut implied_read, &set);
                        m.keep_implied(x, Some(&set));
                    }
                }
            }
        }
        let read_by = first_reader[r.ix()];
        implied.fill(0);
        let row = f.compute(
            m,
            &implied_read,
            r,
            (read_by != NONE).then_some(&mut implied),
        );
        m.store(r, &row);
        if read_by == NONE {
            // Its set was not worked out: what was kept may be stale now.
            m.keep_implied(r, None);
            continue;
        }
        // Kept sets stay right; others are kept only once a later edit needs them (above):
        // keeping every record's set made the full matrix a tenth slower.
        if m.has_implied(r) {
            m.keep_implied(r, Some(&implied));
        }
        let more = more_readers.remove(&r).unwrap_or_default();
        for reader in std::iter::once(RecordIx(read_by)).chain(more) {
            let acc = gathered.entry(reader).or_insert_with(|| f.sx.none());
            or_into(acc, &implied);
        }
    }
}
