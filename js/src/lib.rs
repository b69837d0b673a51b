//! The engine as an ES module for documentation embeds and headless tests: a logic-free
//! wasm-bindgen wrapper. Every method forwards to an engine entry point; values cross with
//! serde-wasm-bindgen as plain JSON-like objects; errors are thrown as `Error`s whose message
//! names the JSON path and id at fault. Nothing here panics across the boundary.

#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
pub use api::Simulator;
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
mod bench;
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub use bench::{generate_scenario, BenchSession};

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
