//! The whole who-can-see-what table: every user against every record (optionally of one
//! object), and its JSON form as the CLI and the app print it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::evaluate::Evaluator;
use super::index::{Index, RecordIx, UserIx};
use super::level::Access;
use super::packed::FastMatrix;
use super::scenario::ObjectKind;

pub use super::packed::CellChange;

/// Records in rows, users in columns, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    pub users: Vec<UserIx>,
    pub records: Vec<RecordIx>,
    pub cells: Vec<Access>,
}

impl Matrix {
    pub fn get(&self, row: usize, col: usize) -> Access {
        self.cells[row * self.users.len() + col]
    }

    pub fn level(&self, user: UserIx, record: RecordIx) -> Option<Access> {
        let col = self.users.iter().position(|u| *u == user)?;
        let row = self.records.iter().position(|r| *r == record)?;
        Some(self.get(row, col))
    }
}

/// Every user, and the records of `object` (all objects when None).
fn axes(ix: &Index, object: Option<ObjectKind>) -> (Vec<UserIx>, Vec<RecordIx>) {
    let users = ix.user_ixs().collect();
    let records = ix
        .record_ixs()
        .filter(|r| object.is_none_or(|o| ix.record(*r).object == o))
        .collect();
    (users, records)
}

/// Evaluate every user against every record of `object` (all objects when None), with the
/// set-based engine (`fast`), row by row.
pub fn matrix(ix: &Index, object: Option<ObjectKind>) -> Matrix {
    from_fast(ix, &super::fast::matrix(ix), object)
}

/// The same table read from an already computed set-based matrix of `ix`.
pub fn from_fast(ix: &Index, all: &FastMatrix, object: Option<ObjectKind>) -> Matrix {
    let (users, records) = axes(ix, object);
    let mut cells = Vec::with_capacity(users.len() * records.len());
    for r in &records {
        cells.extend(all.row(*r));
    }
    Matrix {
        users,
        records,
        cells,
    }
}

/// The same matrix from the per-pair reference evaluator, one cell at a time.
pub fn reference_matrix(ix: &Index, object: Option<ObjectKind>) -> Matrix {
    let ev = Evaluator::new(ix);
    let (users, records) = axes(ix, object);
    let mut cells = Vec::with_capacity(users.len() * records.len());
    for r in &records {
        for u in &users {
            cells.push(ev.level(*u, *r));
        }
    }
    Matrix {
        users,
        records,
        cells,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UserRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordRow {
    pub id: String,
    pub object: ObjectKind,
    pub name: String,
    /// User id to level.
    pub access: std::collections::BTreeMap<String, Access>,
}

/// `{"users":[{"id","name"}...],"records":[{"id","object","name","access":{...}}...]}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MatrixJson {
    pub users: Vec<UserRef>,
    pub records: Vec<RecordRow>,
}

pub fn to_json(ix: &Index, m: &Matrix) -> MatrixJson {
    MatrixJson {
        users: m
            .users
            .iter()
            .map(|u| UserRef {
                id: ix.user(*u).id.clone(),
                name: ix.user(*u).name.clone(),
            })
            .collect(),
        records: m
            .records
            .iter()
            .enumerate()
            .map(|(row, r)| {
                let rec = ix.record(*r);
                RecordRow {
                    id: rec.id.clone(),
                    object: rec.object,
                    name: rec.name.clone(),
                    access: m
                        .users
                        .iter()
                        .enumerate()
                        .map(|(col, u)| (ix.user(*u).id.clone(), m.get(row, col)))
                        .collect(),
                }
            })
            .collect(),
    }
}
