//! How the open scenario stands against what it promises: its expectations and the exercise
//! being played, checked by the engine after every change, with the change that broke each
//! newly failing expectation remembered until it holds again. The panels only show this.

use std::rc::Rc;

use crate::engine::expectations::{self, ExerciseResult, ExpectationResult};
use crate::engine::lint::{self, LintWarning};
use crate::engine::session::Engine;

/// Up to this many records, design warnings are worked out on every change (so their count
/// shows); above it, only while the Lint panel is open, since an org-scale lint costs more
/// than a local edit.
pub const EAGER_LINT_RECORDS: usize = 20_000;

#[derive(Default)]
pub struct Checks {
    pub results: Vec<ExpectationResult>,
    /// (expectation text, the change that broke it) for each expectation failing since then.
    pub broken: Vec<(String, String)>,
    /// The exercise being played, checked.
    pub exercise: Option<ExerciseResult>,
    /// Design warnings, when worked out (see `EAGER_LINT_RECORDS`).
    pub lint: Option<Rc<Vec<LintWarning>>>,
}

impl Checks {
    /// Check `engine`'s scenario. `before` and `cause` (the change just made) decide which
    /// failures are new: one that held before `cause` is marked as broken by it; one broken
    /// earlier keeps its cause while it fails.
    pub fn new(
        engine: &Engine,
        exercise: Option<&str>,
        lint_open: bool,
        before: Option<&Checks>,
        cause: Option<&str>,
    ) -> Checks {
        let (ix, m) = (&engine.ix, &engine.matrix);
        let results = expectations::check(ix, m);
        let mut broken = Vec::new();
        if let Some(before) = before {
            for r in results.iter().filter(|r| !r.passed) {
                let held = before.results.iter().any(|b| b.passed && b.text == r.text);
                let earlier = before.broken.iter().find(|(t, _)| *t == r.text);
                match (earlier, cause) {
                    (Some(e), _) => broken.push(e.clone()),
                    (None, Some(c)) if held => broken.push((r.text.clone(), c.to_string())),
                    _ => {}
                }
            }
        }
        let lint =
            (lint_open || ix.records.len() <= EAGER_LINT_RECORDS).then(|| Rc::new(lint::lint(ix)));
        Checks {
            results,
            broken,
            exercise: exercise.and_then(|id| expectations::check_exercise(ix, m, id)),
            lint,
        }
    }

    /// The change that broke this failing expectation, if it held before some change.
    pub fn broken_by(&self, text: &str) -> Option<&str> {
        self.broken
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, c)| c.as_str())
    }

    pub fn passing(&self) -> usize {
        self.results.iter().filter(|r| r.passed).count()
    }
}
