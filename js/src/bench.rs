//! `BenchSession`, for `bench.html`: the benchmark's steps (load, full matrix, one explanation,
//! a local and a global edit) as separate calls, so that the page times each one end to end
//! with `performance.now()`, JS-to-wasm crossing included. Also `generateScenario`, the same
//! deterministic generator as `access-sim generate`.

use access_sim::engine;
use access_sim::engine::index::{RecordIx, UserIx};
use access_sim::engine::session::Engine;
use access_sim::generate::bench_edits;
use wasm_bindgen::prelude::*;

/// A generated org as scenario JSON text (deterministic for a seed).
#[wasm_bindgen(js_name = generateScenario)]
pub fn generate_scenario(users: u32, cases: u32, seed: u32) -> String {
    access_sim::generate::generate(users as usize, cases as usize, seed as u64).to_string()
}

#[wasm_bindgen]
pub struct BenchSession {
    engine: Engine,
}

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen]
impl BenchSession {
    /// Parse, validate and compute the matrix once (the page times `parse` separately).
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<BenchSession, JsError> {
        let ix = engine::load(text).map_err(err)?;
        Ok(BenchSession {
            engine: Engine::new(ix),
        })
    }

    /// Parse and validate only; returns the number of records.
    pub fn parse(text: &str) -> Result<u32, JsError> {
        Ok(engine::load(text).map_err(err)?.records.len() as u32)
    }

    pub fn users(&self) -> u32 {
        self.engine.ix.users.len() as u32
    }

    pub fn records(&self) -> u32 {
        self.engine.ix.records.len() as u32
    }

    /// Recompute the whole matrix; returns its packed size in bytes.
    #[wasm_bindgen(js_name = fullMatrix)]
    pub fn full_matrix(&self) -> f64 {
        engine::fast::matrix(&self.engine.ix).heap_bytes() as f64
    }

    /// Explain the i-th spread (user, record) pair; returns the number of reasons.
    pub fn explain(&self, i: u32) -> u32 {
        let ix = &self.engine.ix;
        let u = UserIx(((i as usize * 7919) % ix.users.len().max(1)) as u32);
        let r = RecordIx(((i as usize * 104_729) % ix.records.len().max(1)) as u32);
        engine::explain(ix, u, r).reasons.len() as u32
    }

    /// Share the first case with the second user (a local edit); returns the changed cells.
    #[wasm_bindgen(js_name = localEdit)]
    pub fn local_edit(&mut self) -> Result<f64, JsError> {
        let applied = self.engine.apply(&bench_edits::share()).map_err(err)?;
        Ok(applied.changed_cells as f64)
    }

    #[wasm_bindgen(js_name = undoLocalEdit)]
    pub fn undo_local_edit(&mut self) -> Result<(), JsError> {
        self.engine
            .apply(&bench_edits::unshare())
            .map_err(err)
            .map(|_| ())
    }

    /// Open the case org-wide default to Public Read Only (a global edit); returns the changed
    /// cells.
    #[wasm_bindgen(js_name = globalEdit)]
    pub fn global_edit(&mut self) -> Result<f64, JsError> {
        let applied = self
            .engine
            .apply(&bench_edits::case_default(true))
            .map_err(err)?;
        Ok(applied.changed_cells as f64)
    }

    #[wasm_bindgen(js_name = undoGlobalEdit)]
    pub fn undo_global_edit(&mut self) -> Result<(), JsError> {
        self.engine
            .apply(&bench_edits::case_default(false))
            .map_err(err)
            .map(|_| ())
    }
}
