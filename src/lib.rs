//! access-sim: a CRM record-access simulator. The engine (pure Rust) answers who can read or
//! edit each record and why; the Yew app and the JS API (wasm32 only) sit on top of it.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;
