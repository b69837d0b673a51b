//! The open scenario's engine and its history: every edit, undo and redo goes through one
//! incremental engine, kept with the edits and their inverses (no copy of the index or matrix
//! is ever made), and the cells each step changed, merged for highlighting.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde_json::Value;

use crate::engine::edits::{Edit, EditError};
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::matrix::CellChange;
use crate::engine::session::{Engine, MAX_LISTED_CHANGES};
use crate::engine::undo::{self, Inverse};
use crate::engine::{self, Access, Index};

/// Undo keeps at most this many steps.
const HISTORY: usize = 100;

/// One undo step: the edits as made (for redo) and their inverses, in the order the edits were
/// applied (undo takes them back in reverse).
pub(super) struct Step {
    pub(super) edits: Vec<Edit>,
    inverses: Vec<Inverse>,
}

/// The open scenario: one incremental engine (index and whole matrix, 2 bits per cell) that
/// every edit, undo and redo goes through, and the history as edits and their inverses
/// (`engine::undo`), so no version of the index or matrix is ever copied.
pub struct Session {
    pub engine: Engine,
    pub(super) undo: Vec<Step>,
    pub(super) redo: Vec<Step>,
    /// Bumped whenever the engine's scenario changes.
    pub(super) version: u64,
    /// The scenario as JSON for the editor's lists and pickers, made only when asked for.
    pub(super) doc: Option<(u64, Rc<Value>)>,
}

/// What applying some edits did: the cells they changed, merged across the edits.
pub struct Changed {
    pub(super) count: usize,
    pub(super) list: Vec<CellChange>,
}

impl Session {
    pub(super) fn new(ix: Index) -> Self {
        Session {
            engine: Engine::new(ix),
            undo: Vec::new(),
            redo: Vec::new(),
            version: 0,
            doc: None,
        }
    }

    /// Apply `edits` in order. On the first refusal the ones already applied are taken back
    /// and its error returned, so a step is all or nothing. Returns the inverses and changes.
    fn apply_all(&mut self, edits: &[Edit]) -> Result<(Vec<Inverse>, Changed), EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        let mut merged = Merge::default();
        for edit in edits {
            // An edit without an inverse has a bad shape, which the engine refuses too.
            let inv = match undo::inverse(&self.engine.ix.scenario, edit) {
                Ok(inv) => inv,
                Err(e) => {
                    self.take_back(&inverses);
                    return Err(e);
                }
            };
            match self.engine.apply(edit) {
                Ok(applied) => {
                    self.version += 1;
                    inverses.push(inv);
                    merged.add(applied);
                }
                Err(e) => {
                    self.take_back(&inverses);
                    return Err(e);
                }
            }
        }
        Ok((inverses, merged.finish()))
    }

    /// Apply inverses (those of edits applied in this order) in reverse.
    fn take_back(&mut self, inverses: &[Inverse]) -> Changed {
        let mut merged = Merge::default();
        for inv in inverses.iter().rev() {
            let edits = inv.edits(&self.engine.ix.scenario).unwrap_or_default();
            for e in &edits {
                // An inverse is made against the scenario it is applied to: it never fails.
                if let Ok(applied) = self.engine.apply(e) {
                    self.version += 1;
                    merged.add(applied);
                }
            }
        }
        merged.finish()
    }

    /// Make `edits` one undo step.
    pub(super) fn edit(&mut self, edits: Vec<Edit>) -> Result<Changed, EditError> {
        let (inverses, outcome) = self.apply_all(&edits)?;
        self.undo.push(Step { edits, inverses });
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(outcome)
    }

    pub(super) fn undo(&mut self) -> Option<Changed> {
        let step = self.undo.pop()?;
        let outcome = self.take_back(&step.inverses);
        self.redo.push(step);
        Some(outcome)
    }

    pub(super) fn redo(&mut self) -> Option<Result<Changed, EditError>> {
        let step = self.redo.pop()?;
        Some(match self.apply_all(&step.edits) {
            Ok((inverses, outcome)) => {
                self.undo.push(Step {
                    edits: step.edits,
                    inverses,
                });
                Ok(outcome)
            }
            Err(e) => Err(e),
        })
    }
}

/// Changed cells merged across several edits: the first level before and the last after,
/// cells that came back to their level dropped. Exact while every edit listed all it changed;
/// beyond `MAX_LISTED_CHANGES` the count adds up the edits' counts.
#[derive(Default)]
struct Merge {
    list: Vec<CellChange>,
    at: HashMap<(String, String), usize>,
    edits: usize,
    counted: usize,
    complete: bool,
}

impl Merge {
    fn add(&mut self, applied: engine::Applied) {
        if self.edits == 0 {
            self.complete = true;
        }
        self.edits += 1;
        self.counted += applied.changed_cells;
        self.complete &= applied.changed_cells == applied.changes.len();
        if self.edits == 1 {
            self.list = applied.changes;
            return;
        }
        if self.at.is_empty() {
            self.at = self
                .list
                .iter()
                .enumerate()
                .map(|(i, c)| ((c.user.clone(), c.record.clone()), i))
                .collect();
        }
        for c in applied.changes {
            match self.at.get(&(c.user.clone(), c.record.clone())) {
                Some(i) => self.list[*i].after = c.after,
                None => {
                    if self.list.len() < MAX_LISTED_CHANGES {
                        self.at
                            .insert((c.user.clone(), c.record.clone()), self.list.len());
                        self.list.push(c);
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Changed {
        if self.edits > 1 {
            self.list.retain(|c| c.before != c.after);
        }
        let count = if self.edits <= 1 {
            self.counted
        } else if self.complete {
            self.list.len()
        } else {
            self.counted
        };
        Changed {
            count,
            list: self.list,
        }
    }
}

/// The cells the last edit changed, with a lookup by cell: the matrix asks for every cell on
/// screen, and a global edit can change millions.
#[derive(Default)]
pub struct Changes {
    /// How many cells changed (all of them, listed or not).
    pub count: usize,
    pub list: Vec<CellChange>,
    by_cell: HashMap<(UserIx, RecordIx), Access>,
    /// Records and users holding a listed change.
    pub records: HashSet<RecordIx>,
    pub users: HashSet<UserIx>,
}

impl Changes {
    pub fn new(count: usize, list: Vec<CellChange>, ix: &Index) -> Self {
        let mut by_cell = HashMap::with_capacity(list.len());
        let (mut records, mut users) = (HashSet::new(), HashSet::new());
        for c in &list {
            if let (Some(u), Some(r)) = (ix.find_user(&c.user), ix.find_record(&c.record)) {
                by_cell.insert((u, r), c.before);
                records.insert(r);
                users.insert(u);
            }
        }
        Changes {
            count,
            list,
            by_cell,
            records,
            users,
        }
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The level a cell had before the last edit, if it changed.
    pub fn before(&self, u: UserIx, r: RecordIx) -> Option<Access> {
        if self.by_cell.is_empty() {
            return None;
        }
        self.by_cell.get(&(u, r)).copied()
    }
}
