//! The edit session: a scenario with its whole matrix, kept up to date edit by edit. An edit
//! recomputes only the rows it reaches (`reach::reach` decides, whichever way the edit went
//! in), or everything when it can't tell; a new index is installed in one place only.

use super::diff::changes_between;
use super::edits::{apply_to, Edit, EditError};
use super::fast::{matrix, refill};
use super::index::{Index, RecordIx, UserIx};
use super::level::Access;
use super::packed::{CellChange, FastMatrix};
use super::patch::{patch, Reach};
use super::reach::{reach, Dependents, Reached, Route};
use super::scenario::{OrgDefault, Sharing};
use super::validate::validate;

/// At most this many changed cells are listed one by one; beyond it only the count is kept,
/// since a global edit at org scale can change hundreds of millions of cells.
pub const MAX_LISTED_CHANGES: usize = 10_000;

/// What an edit did: how many cells changed (counted word by word), the first
/// `MAX_LISTED_CHANGES` of them, and whether only some rows were recomputed.
pub struct Applied {
    pub changed_cells: usize,
    pub changes: Vec<CellChange>,
    pub rows_recomputed: usize,
    pub incremental: bool,
}

/// A scenario with its whole matrix, kept up to date edit by edit.
pub struct Engine {
    pub ix: Index,
    pub matrix: FastMatrix,
    /// What reads what in `ix`; rebuilt by `install` whenever another index goes in.
    deps: Dependents,
}

impl Engine {
    /// An engine over an index whose matrix is already computed (`matrix` must be `ix`'s).
    pub fn from_parts(ix: Index, matrix: FastMatrix) -> Self {
        let deps = Dependents::of(&ix);
        Engine { ix, matrix, deps }
    }

    pub fn new(ix: Index) -> Self {
        let matrix = matrix(&ix);
        Engine::from_parts(ix, matrix)
    }

    pub fn level(&self, user: UserIx, record: RecordIx) -> Access {
        self.matrix.get(user, record)
    }

    /// Apply an edit. On error nothing changes. Local edits (a manual share, a team member, an
    /// org-wide default) patch the index in place (`patch`); the rest are revalidated in full.
    pub fn apply(&mut self, edit: &Edit) -> Result<Applied, EditError> {
        self.apply_listing(edit, MAX_LISTED_CHANGES)
    }

    /// `apply`, listing at most `limit` changed cells (all are counted either way).
    pub fn apply_listing(&mut self, edit: &Edit, limit: usize) -> Result<Applied, EditError> {
        // What reads what before the edit: a row that stops reading a changed one is reached.
        let mut before = None;
        let defaults_before = self.ix.org_defaults.clone();
        let route = match patch(&mut self.ix, edit) {
            Some(Err(e)) => return Err(e),
            Some(Ok(patched)) => {
                // A patch never moves a record; only an org-wide default going to or from
                // Controlled by Parent changes what reads what (a contact that becomes
                // Controlled by Parent reads its account). Rebuilding it takes a tenth of a
                // global edit at org scale, so other defaults keep it (the assertion below
                // checks that in every debug build's edit).
                if let Reach::Object(object) = patched {
                    let was = super::scenario::default_of(&defaults_before, object);
                    if follows(was) || follows(self.ix.org_default(object)) {
                        let deps = Dependents::of(&self.ix);
                        before = Some(std::mem::replace(&mut self.deps, deps));
                    }
                }
                debug_assert!(
                    self.deps == Dependents::of(&self.ix),
                    "a patched edit changed what reads what"
                );
                Route::Patched(patched)
            }
            None => {
                let next =
                    validate(apply_to(&self.ix.scenario, edit)?).map_err(EditError::Invalid)?;
                // Any part of the scenario may have changed: what the kept implied sets were
                // worked out from too.
                self.matrix.forget_implied();
                let (old, deps) = self.install(next);
                before = Some(deps);
                Route::Revalidated {
                    before: Box::new(old),
                }
            }
        };
        let before_deps = before.as_ref().unwrap_or(&self.deps);
        match reach(&route, &self.ix, before_deps, &self.deps, edit) {
            Reached::Records(records) => Ok(self.recompute(&records, limit)),
            Reached::Everything => {
                // A patched index keeps its users and records, so it is its own "before".
                let old = match &route {
                    Route::Revalidated { before } => before,
                    Route::Patched(_) => &self.ix,
                };
                let m = matrix(&self.ix);
                let (changed_cells, changes) =
                    changes_between(old, &self.matrix, &self.ix, &m, limit);
                self.matrix = m;
                Ok(Applied {
                    changed_cells,
                    changes,
                    rows_recomputed: self.ix.records.len(),
                    incremental: false,
                })
            }
        }
    }

    /// Put `ix` in place of the current index, with everything built from it (the matrix is
    /// brought up to date by the caller); returns the index and dependents it replaces.
    fn install(&mut self, ix: Index) -> (Index, Dependents) {
        let deps = std::mem::replace(&mut self.deps, Dependents::of(&ix));
        (std::mem::replace(&mut self.ix, ix), deps)
    }

    /// Recompute the rows of `records` (the index already holds the edit) and list what changed.
    fn recompute(&mut self, records: &[RecordIx], limit: usize) -> Applied {
        let (changed_cells, changes) = refill(&self.ix, &mut self.matrix, records, limit);
        Applied {
            changed_cells,
            changes,
            rows_recomputed: records.len(),
            incremental: true,
        }
    }
}

/// Whether records of an object with these defaults follow their parent.
fn follows(d: OrgDefault) -> bool {
    d.internal == Sharing::ControlledByParent || d.external == Some(Sharing::ControlledByParent)
}
