//! The whole matrix packed at 2 bits per cell: records in rows, users in columns, each row two
//! bit planes over the users (a cell's level is `lo | hi << 1`). While an edit is applied the
//! matrix notes every cell it overwrites with another level, so no copy of the old rows is kept.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bits::{words_for, Planes};
use super::index::{Index, RecordIx, UserIx};
use super::level::Access;

/// One cell whose level an edit changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CellChange {
    pub user: String,
    pub record: String,
    pub before: Access,
    pub after: Access,
}

#[derive(Clone)]
pub struct FastMatrix {
    pub users: usize,
    pub records: usize,
    words_per_row: usize,
    lo: Vec<u64>,
    hi: Vec<u64>,
    /// While an edit is applied: the cells that change, noted as rows are overwritten (so no
    /// copy of the old rows is kept, which for a global edit would be the whole matrix).
    log: Option<ChangeLog>,
    /// Per record, once an edit has worked it out: the users (by index) whose record-level
    /// grants on it imply Read on its parent. Recomputing an account reads every child's set,
    /// and a skewed account has tens of thousands of children: working them all out again on
    /// every edit made a one-case edit under such an account take 90 ms instead of 18 (the
    /// first edit there still does). Kept by `fast::fill`.
    implied: Vec<Option<Implied>>,
}

/// One record's kept implied set: its users' indices, or the bit set when that is smaller.
#[derive(Clone)]
enum Implied {
    Users(Box<[u32]>),
    Bits(Box<[u64]>),
}

/// Cells an edit changed: all counted, the first `limit` kept.
#[derive(Default, Clone)]
struct ChangeLog {
    changed_cells: usize,
    limit: usize,
    listed: Vec<(RecordIx, UserIx, Access, Access)>,
}

impl ChangeLog {
    fn new(limit: usize) -> Self {
        ChangeLog {
            limit,
            ..ChangeLog::default()
        }
    }

    fn note(&mut self, record: RecordIx, word: usize, old: (u64, u64), new: (u64, u64)) {
        let differ = (old.0 ^ new.0) | (old.1 ^ new.1);
        if differ == 0 {
            return;
        }
        self.changed_cells += differ.count_ones() as usize;
        let mut bits = differ;
        while bits != 0 && self.listed.len() < self.limit {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let level =
                |(l, h): (u64, u64)| Access::ALL[((l >> i) & 1 | ((h >> i) & 1) << 1) as usize];
            let user = UserIx((word * 64 + i) as u32);
            self.listed.push((record, user, level(old), level(new)));
        }
    }

    /// The count and the listed cells, named by `ix`'s ids.
    fn into_changes(self, ix: &Index) -> (usize, Vec<CellChange>) {
        let listed = self
            .listed
            .into_iter()
            .map(|(r, u, before, after)| CellChange {
                user: ix.user(u).id.clone(),
                record: ix.record(r).id.clone(),
                before,
                after,
            })
            .collect();
        (self.changed_cells, listed)
    }
}

impl FastMatrix {
    pub fn new(users: usize, records: usize) -> Self {
        let words_per_row = words_for(users);
        FastMatrix {
            users,
            records,
            words_per_row,
            lo: vec![0; words_per_row * records],
            hi: vec![0; words_per_row * records],
            log: None,
            implied: vec![None; records],
        }
    }

    /// Fold a record's kept implied set into `into` (a bit set over the users); false when it
    /// is not kept.
    pub(crate) fn or_implied(&self, r: RecordIx, into: &mut [u64]) -> bool {
        match self.implied.get(r.ix()).and_then(Option::as_ref) {
            Some(Implied::Users(users)) => {
                for &u in users.iter() {
                    if let Some(w) = into.get_mut(u as usize / 64) {
                        *w |= 1 << (u % 64);
                    }
                }
                true
            }
            Some(Implied::Bits(bits)) => {
                for (w, b) in into.iter_mut().zip(bits.iter()) {
                    *w |= b;
                }
                true
            }
            None => false,
        }
    }

    /// Whether a record's implied set is kept.
    pub(crate) fn has_implied(&self, r: RecordIx) -> bool {
        self.implied.get(r.ix()).is_some_and(Option::is_some)
    }

    /// Keep a record's implied set (a bit set over the users), or forget it (None): as user
    /// indices while that is smaller than the bit set, which it is for most records (an owner
    /// and the few above them).
    pub(crate) fn keep_implied(&mut self, r: RecordIx, set: Option<&[u64]>) {
        let Some(slot) = self.implied.get_mut(r.ix()) else {
            return;
        };
        *slot = set.map(|bits| {
            let count: u32 = bits.iter().map(|w| w.count_ones()).sum();
            // A u32 per user against two per word of the bit set.
            if count as usize > 2 * bits.len() {
                return Implied::Bits(bits.into());
            }
            let mut users = Vec::with_capacity(count as usize);
            for (w, &word) in bits.iter().enumerate() {
                let mut x = word;
                while x != 0 {
                    users.push((w * 64) as u32 + x.trailing_zeros());
                    x &= x - 1;
                }
            }
            Implied::Users(users.into_boxed_slice())
        });
    }

    /// Forget every kept implied set: after an edit whose effects are not known record by
    /// record (a revalidated scenario), each is worked out again when next read.
    pub(crate) fn forget_implied(&mut self) {
        self.implied.iter_mut().for_each(|s| *s = None);
    }

    pub fn get(&self, user: UserIx, record: RecordIx) -> Access {
        let i = user.ix();
        let w = record.ix() * self.words_per_row + i / 64;
        let bit = |x: &[u64]| ((x[w] >> (i % 64)) & 1) as usize;
        Access::ALL[bit(&self.lo) | bit(&self.hi) << 1]
    }

    /// One record's levels, user by user.
    pub fn row(&self, record: RecordIx) -> impl Iterator<Item = Access> + '_ {
        (0..self.users as u32).map(move |u| self.get(UserIx(u), record))
    }

    fn span(&self, record: RecordIx) -> std::ops::Range<usize> {
        record.ix() * self.words_per_row..(record.ix() + 1) * self.words_per_row
    }

    /// Overwrite one row, noting the cells that change while a log is open.
    pub fn store(&mut self, record: RecordIx, row: &Planes) {
        let span = self.span(record);
        let [r, e, f] = &row.at_least;
        for (k, w) in span.enumerate() {
            // Levels are nested planes, so None/Read/Edit/Full = 00/01/10/11.
            let (lo, hi) = (r[k] ^ e[k] ^ f[k], e[k]);
            if let Some(log) = &mut self.log {
                log.note(record, k, (self.lo[w], self.hi[w]), (lo, hi));
            }
            self.lo[w] = lo;
            self.hi[w] = hi;
        }
    }

    /// One row as threshold planes.
    pub fn load(&self, record: RecordIx) -> Planes {
        let span = self.span(record);
        let (lo, hi) = (&self.lo[span.clone()], &self.hi[span]);
        Planes {
            at_least: [
                lo.iter().zip(hi).map(|(l, h)| l | h).collect(),
                hi.to_vec(),
                lo.iter().zip(hi).map(|(l, h)| l & h).collect(),
            ],
        }
    }

    /// Start noting the cells that `store` changes, listing at most `limit` of them.
    pub fn open_log(&mut self, limit: usize) {
        self.log = Some(ChangeLog::new(limit));
    }

    /// Stop noting: how many cells changed since `open_log`, and the listed ones.
    pub fn close_log(&mut self, ix: &Index) -> (usize, Vec<CellChange>) {
        self.log.take().unwrap_or_default().into_changes(ix)
    }

    /// The cells that differ from `before`, a matrix of the same users and records (named by
    /// `ix`'s ids), compared word by word.
    pub fn changes_since(
        &self,
        before: &FastMatrix,
        ix: &Index,
        limit: usize,
    ) -> (usize, Vec<CellChange>) {
        let mut log = ChangeLog::new(limit);
        for r in 0..self.records as u32 {
            let r = RecordIx(r);
            for (k, w) in self.span(r).enumerate() {
                log.note(r, k, (before.lo[w], before.hi[w]), (self.lo[w], self.hi[w]));
            }
        }
        log.into_changes(ix)
    }

    /// Bytes the packed cells take.
    pub fn heap_bytes(&self) -> usize {
        (self.lo.len() + self.hi.len()) * 8
    }
}
