//! access-sim: a CRM record-access simulator. The engine (pure Rust) answers who can read or
//! edit each record and why; the Yew app (wasm32 only) sits on top of it and never
//! re-implements its logic.

pub mod autosave;
pub mod engine;
pub mod export;
pub mod fuzzing;
pub mod generate;
pub mod import;
pub mod populate;
pub mod presets;
pub mod shapes;
pub mod share;
pub mod synthetic_org;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod ui;
