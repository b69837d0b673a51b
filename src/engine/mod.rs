//! The access engine: pure Rust, no browser crates. Three entry points serve the CLI, the app
//! and the JS API alike: `load` (parse and validate into an `Index`), `matrix` (who can do what
//! on every record) and `explain` (why, for one user and record).
//!
//! Dependencies point one way, layer by layer (tests/architecture.rs checks it):
//! model (`scenario`, `level`, `text`) -> `index` -> check (`validate`) -> sets (`bits`,
//! `sets`) -> `mechanisms` -> evaluation (`evaluate`, `packed`, `fast`, `matrix`) ->
//! incremental (`diff`, `edits`, `patch`, `reach`, `session`) -> facade (the rest).

pub mod actions;
pub mod bits;
pub mod config_rights;
pub mod diff;
pub mod edits;
pub mod evaluate;
pub mod expectations;
pub mod explain;
pub mod fast;
pub mod index;
pub mod level;
pub mod lint;
pub mod matrix;
pub mod matrix_out;
pub mod mechanisms;
pub mod packed;
pub mod patch;
pub mod queries;
pub mod reach;
pub mod references;
pub mod role_tree;
pub mod scenario;
pub mod session;
pub mod sets;
pub mod text;
pub mod undo;
pub mod validate;

pub use evaluate::{Decision, Evaluator};
pub use explain::{explain, Explanation};
pub use index::Index;
pub use level::Access;
pub use matrix::{matrix, Matrix, MatrixJson};
pub use mechanisms::reason;
pub use packed::FastMatrix;
pub use scenario::{ObjectKind, Scenario};
pub use session::{Applied, Engine, MAX_LISTED_CHANGES};
pub use validate::{load, parse, validate, LoadError, Problem};

/// The JSON Schema of the scenario format, generated from the Rust types.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Scenario)).unwrap_or_default()
}
