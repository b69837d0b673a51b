//! The Expectations panel: what the scenario promises, each expectation shown holding or
//! failing after every change, a newly failing one marked with the change that broke it, and
//! its failing cells one click from their explanation. Results come from the engine
//! (`expectations::check`), the same as `access-sim check` and the JS API's `check()`.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState};
use crate::engine::edits::{Collection, Edit};
use crate::engine::expectations::ExpectationResult;

/// Failing cells listed under a failing expectation (the engine lists up to 20).
const SHOWN_FAILURES: usize = 5;

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[function_component(ExpectationsPanel)]
pub fn expectations_panel(props: &Props) -> Html {
    let s = &props.state;
    let checks = &s.checks;
    let total = checks.results.len();
    let passing = checks.passing();
    let heading = if total == 0 {
        "Expectations".to_string()
    } else {
        format!("Expectations: {passing} of {total} hold")
    };
    // The entries as written, for removing one exactly.
    let entries: Vec<serde_json::Value> = s
        .ix()
        .scenario
        .expectations
        .iter()
        .map(|e| serde_json::to_value(e).unwrap_or_default())
        .collect();
    html! {
        <section class="panel checks expectations" aria-label="Expectations">
            <h2>
                { heading }
                if total > passing {
                    <span class="badge fail-badge">{ format!("{} failing", total - passing) }</span>
                }
            </h2>
            if total == 0 {
                <p class="hint">{ "Nothing is expected yet. Pick a cell and press \u{201c}Expect this\u{201d} to keep its level as a test: it is checked after every edit here, and by access-sim check in CI." }</p>
            }
            <ul class="result-list">
                { for checks.results.iter().map(|r| {
                    let remove = entries.get(r.index).cloned().map(|matching| {
                        let d = props.dispatch.clone();
                        Callback::from(move |_| d.emit(Action::Edit(Edit::Remove {
                            collection: Collection::Expectations,
                            matching: matching.clone(),
                            all: false,
                        })))
                    });
                    result_row(&props.state, &props.dispatch, r, checks.broken_by(&r.text), remove, true)
                }) }
            </ul>
        </section>
    }
}

/// One expectation's result: its status and words, and for a failing one the cells that
/// break it (each opens its explanation; `detailed` also says why in words) and, when known,
/// the change that broke it.
pub(super) fn result_row(
    state: &Rc<AppState>,
    dispatch: &Callback<Action>,
    r: &ExpectationResult,
    broken_by: Option<&str>,
    remove: Option<Callback<MouseEvent>>,
    detailed: bool,
) -> Html {
    let status = if r.passed { "Holds" } else { "Fails" };
    html! {
        <li class={classes!("result", if r.passed { "pass" } else { "fail" }, broken_by.map(|_| "broken"))}>
            <span class="status" role="img" aria-label={status} title={status}>{ if r.passed { "✓" } else { "✗" } }</span>
            <div class="result-body">
                <p class="result-text">{ r.text.clone() }</p>
                if let Some(why) = &r.why { <p class="hint small">{ why.clone() }</p> }
                if let Some(cause) = broken_by {
                    <p class="broken-by">{ format!("Broken by: {cause}") }</p>
                }
                if !r.passed {
                    if r.cells == 0 {
                        <p class="small">{ "It covers no cell: no user or record matches it." }</p>
                    } else if r.cells > 1 {
                        <p class="small">{ format!("{} of {} cells break it.", r.failures, r.cells) }</p>
                    }
                    <ul class="failing">
                        { for r.failing.iter().take(SHOWN_FAILURES).map(|f| {
                            let open = {
                                let (d, state) = (dispatch.clone(), state.clone());
                                let (user, record) = (f.user.clone(), f.record.clone());
                                Callback::from(move |_| {
                                    let object = {
                                        let ix = state.ix();
                                        ix.find_record(&record).map(|r| ix.record(r).object)
                                    };
                                    if let Some(o) = object {
                                        d.emit(Action::SetObject(o));
                                    }
                                    d.emit(Action::Select(user.clone(), record.clone()));
                                })
                            };
                            html! {
                                <li>
                                    <button class="link" onclick={open} title="Show why">{ format!("{} on {}", f.user_name, f.record_name) }</button>
                                    { " has " }<span class={classes!("badge", f.actual.key())}>{ f.actual.label() }</span>
                                    if detailed { <p class="hint small">{ f.explanation.clone() }</p> }
                                </li>
                            }
                        }) }
                    </ul>
                    if r.failures > SHOWN_FAILURES {
                        <p class="hint small">{ format!("and {} more", r.failures - SHOWN_FAILURES.min(r.failing.len())) }</p>
                    }
                }
            </div>
            if let Some(onclick) = remove {
                <button class="small remove" {onclick} aria-label={format!("Remove the expectation: {}", r.text)} title="Remove this expectation">{ "×" }</button>
            }
        </li>
    }
}
