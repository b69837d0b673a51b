//! The matrix written row by row, as a table, JSON or JSON Lines, straight from the packed
//! set-based matrix: memory stays the packed matrix plus one row, whatever the org's size
//! (a whole table in memory as text was 8 GB at 20,000 x 20,000).

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::index::{Index, RecordIx};
use super::level::Access;
use super::matrix::{RecordRow, UserRef};
use super::packed::FastMatrix;
use super::scenario::ObjectKind;

/// How the rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    /// A plain grid: one column per user (id as header), a letter per cell, then a legend.
    Table,
    /// `{"users":[...],"records":[...]}` (`matrix::MatrixJson`), one record per line.
    Json,
    /// JSON Lines: a first line `{"users":[...]}`, then one `RecordRow` object per line.
    Jsonl,
}

fn rows(ix: &Index, object: Option<ObjectKind>) -> impl Iterator<Item = RecordIx> + '_ {
    ix.record_ixs()
        .filter(move |r| object.is_none_or(|o| ix.record(*r).object == o))
}

fn record_row(ix: &Index, m: &FastMatrix, r: RecordIx) -> RecordRow {
    let rec = ix.record(r);
    let access: BTreeMap<String, Access> = ix
        .users
        .iter()
        .zip(m.row(r))
        .map(|(u, a)| (u.id.clone(), a))
        .collect();
    RecordRow {
        id: rec.id.clone(),
        object: rec.object,
        name: rec.name.clone(),
        access,
    }
}

/// Writes the rows of `object` (every object when None). Errors are the writer's (a closed
/// pipe ...).
pub fn write_matrix(
    ix: &Index,
    m: &FastMatrix,
    object: Option<ObjectKind>,
    format: RowFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let users: Vec<UserRef> = ix
        .users
        .iter()
        .map(|u| UserRef {
            id: u.id.clone(),
            name: u.name.clone(),
        })
        .collect();
    match format {
        RowFormat::Table => {
            let rec_w = rows(ix, object)
                .map(|r| ix.record(r).id.chars().count())
                .max()
                .unwrap_or(0)
                .max("record".len());
            let widths: Vec<usize> = users.iter().map(|u| u.id.chars().count().max(1)).collect();
            write!(out, "{:<rec_w$}", "record")?;
            for (u, w) in users.iter().zip(&widths) {
                write!(out, "  {:<w$}", u.id)?;
            }
            writeln!(out)?;
            let mut line = String::new();
            for r in rows(ix, object) {
                line.clear();
                line.push_str(&format!("{:<rec_w$}", ix.record(r).id));
                for (a, w) in m.row(r).zip(&widths) {
                    line.push_str(&format!("  {:<w$}", a.letter()));
                }
                writeln!(out, "{line}")?;
            }
            let legend: Vec<String> = Access::ALL
                .iter()
                .map(|a| format!("{} {}", a.letter(), a.label()))
                .collect();
            writeln!(out, "\n{}", legend.join(", "))
        }
        RowFormat::Json => {
            write!(out, "{{\"users\":")?;
            serde_json::to_writer(&mut *out, &users)?;
            write!(out, ",\"records\":[")?;
            for (i, r) in rows(ix, object).enumerate() {
                writeln!(out, "{}", if i == 0 { "" } else { "," })?;
                serde_json::to_writer(&mut *out, &record_row(ix, m, r))?;
            }
            writeln!(out, "\n]}}")
        }
        RowFormat::Jsonl => {
            serde_json::to_writer(&mut *out, &serde_json::json!({ "users": users }))?;
            writeln!(out)?;
            for r in rows(ix, object) {
                serde_json::to_writer(&mut *out, &record_row(ix, m, r))?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}
