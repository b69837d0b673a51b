//! The Lint panel: design warnings Salesforce's own guidance would raise about this scenario
//! (data skew, deep hierarchies and group nesting, external defaults wider than needed, rules
//! that grant nothing or repeat another, View All Data holders, empty queues), each with where
//! it is and the guidance it follows. The warnings are the engine's (`lint`), as in
//! `access-sim lint`.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState};

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[function_component(LintPanel)]
pub fn lint_panel(props: &Props) -> Html {
    let s = &props.state;
    let lint = s.checks.lint.clone();
    let ontoggle = {
        let (d, was) = (props.dispatch.clone(), s.lint_open);
        Callback::from(move |e: Event| {
            let open = super::details_open(&e);
            if open != was {
                d.emit(Action::SetLintOpen(open));
            }
        })
    };
    let heading = match &lint {
        Some(w) if w.is_empty() => "Design warnings: none".to_string(),
        Some(w) => format!("Design warnings ({})", w.len()),
        None => "Design warnings".to_string(),
    };
    html! {
        <details class="panel checks lint" open={s.lint_open} {ontoggle}>
            <summary><h2>{ heading }</h2></summary>
            { match &lint {
                None => html! { <p class="hint">{ "Working them out\u{2026}" }</p> },
                Some(w) if w.is_empty() => html! {
                    <p class="hint">{ "Nothing here that Salesforce's guidance on sharing design would flag." }</p>
                },
                Some(w) => html! {
                    <ul class="lint-list">
                        { for w.iter().map(|w| html! {
                            <li class="warning" data-rule={w.rule}>
                                <p>{ w.message.clone() }</p>
                                <p class="hint small">
                                    <code>{ w.path.clone() }</code>{ " \u{b7} " }{ w.reference }
                                </p>
                            </li>
                        }) }
                    </ul>
                },
            } }
        </details>
    }
}
