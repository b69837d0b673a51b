//! The bodies of the fuzz targets (fuzz/): parse, validate, evaluate and explain arbitrary
//! bytes, or decode them as a share link. The test command replays the committed corpus through
//! these same functions, so every crash the fuzzer ever found stays a regression test.

use crate::engine::{self, Evaluator};

/// Most cells evaluated per input, so a valid but huge scenario can't stall the fuzzer.
const MAX_CELLS: usize = 20_000;

/// Load arbitrary bytes as a scenario; if valid, evaluate and explain a bounded set of cells
/// and check that each explanation agrees with the level.
pub fn scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ix) = engine::load(text) else { return };
    let ev = Evaluator::new(&ix);
    // The set-based matrix must agree with the reference on every cell checked below.
    let fast = (ix.users.len() * ix.records.len() <= MAX_CELLS).then(|| engine::fast::matrix(&ix));
    let mut cells = 0;
    for r in ix.record_ixs() {
        for u in ix.user_ixs() {
            if cells >= MAX_CELLS {
                return;
            }
            cells += 1;
            let d = ev.decide(u, r);
            if let Some(m) = &fast {
                assert_eq!(
                    m.get(u, r),
                    d.level,
                    "set-based engine disagrees with the reference"
                );
            }
            let e = engine::explain::explain_brief(&ix, u, r);
            assert_eq!(d.level, e.level, "explanation disagrees with the level");
            if d.level > engine::Access::None {
                assert!(
                    e.reasons.first().is_some_and(|g| g.level >= d.level),
                    "no reason for a grant"
                );
            }
        }
    }
    let _ = engine::config_rights::config_matrix(&ix);
}

/// Decode arbitrary bytes as a share-link fragment, then load what it carries.
pub fn share_link(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(json) = crate::share::decode(text) {
        scenario(json.as_bytes());
    }
}
