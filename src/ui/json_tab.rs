//! The editor's JSON tab, for experts: the whole scenario as editable JSON. Apply goes
//! through the reducer like any edit; a refusal keeps the current scenario and shows each
//! problem at its line (serde's line for syntax errors, the problem's path located otherwise).

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::state::{Action, AppState};
use crate::engine::edits::{line_of_path, plain_message, Edit};

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

fn pretty(s: &AppState) -> String {
    serde_json::to_string_pretty(&s.ix().scenario).unwrap_or_default()
}

#[function_component(JsonTab)]
pub fn json_tab(props: &Props) -> Html {
    let text = use_state(|| pretty(&props.state));
    let area = use_node_ref();
    // Problems found before the engine saw the text (it is not JSON at all): (line, message).
    let syntax = use_state(|| None::<(usize, String)>);
    let applied = use_state(|| false);
    {
        // An accepted apply (or any other edit) shows the scenario now in force.
        let (text, state, syntax, applied) = (
            text.clone(),
            props.state.clone(),
            syntax.clone(),
            applied.clone(),
        );
        use_effect_with(props.state.revision, move |_| {
            text.set(pretty(&state));
            syntax.set(None);
            applied.set(false);
        });
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            text.set(el.value());
        })
    };
    let apply = {
        let (text, syntax, applied, d) = (
            text.clone(),
            syntax.clone(),
            applied.clone(),
            props.dispatch.clone(),
        );
        Callback::from(move |_| match serde_json::from_str::<Value>(&text) {
            Ok(scenario) => {
                syntax.set(None);
                applied.set(true);
                d.emit(Action::Edit(Edit::Replace { scenario }));
            }
            Err(e) => {
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                syntax.set(Some((e.line(), format!("This is not valid JSON: {msg}"))));
            }
        })
    };
    let reset = {
        let (text, state, syntax) = (text.clone(), props.state.clone(), syntax.clone());
        Callback::from(move |_| {
            text.set(pretty(&state));
            syntax.set(None);
        })
    };
    let mut errors: Vec<(Option<usize>, String)> = Vec::new();
    if let Some((line, m)) = &*syntax {
        errors.push((Some(*line), m.clone()));
    } else if *applied {
        for p in &props.state.edit_problems {
            // serde errors carry their own line; validation problems carry a path.
            let line = p
                .message
                .rsplit_once(" at line ")
                .and_then(|(_, rest)| rest.split(' ').next()?.parse().ok())
                .or_else(|| line_of_path(&text, &p.path));
            errors.push((line, plain_message(&p.path, &p.message)));
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    // Clicking an error's line selects that line in the text, scrolled into view.
    let go_to = {
        let (area, text) = (area.clone(), text.clone());
        Callback::from(move |line: usize| {
            let Some(el) = area.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let mut start = 0usize;
            for (i, l) in text.split('\n').enumerate() {
                let len = l.encode_utf16().count();
                if i + 1 == line {
                    let _ = el.focus();
                    let _ = el.set_selection_range(start as u32, (start + len) as u32);
                    let total = text.split('\n').count().max(1) as f64;
                    let h = el.scroll_height() as f64;
                    el.set_scroll_top(((i as f64 / total) * h - 80.0).max(0.0) as i32);
                    return;
                }
                start += len + 1;
            }
        })
    };
    html! {
        <div class="json-tab">
            <p class="hint">{ "The whole scenario as JSON. Apply checks it; if it is refused, your current scenario stays and each problem is shown at its line." }</p>
            <textarea ref={area} class="json-text" rows="24" value={(*text).clone()} {oninput} aria-label="Scenario JSON" spellcheck="false" />
            <div class="form-actions">
                <button type="button" class="primary" onclick={apply}>{ "Apply" }</button>
                <button type="button" onclick={reset}>{ "Revert to current" }</button>
            </div>
            if !errors.is_empty() {
                <ul class="json-errors" role="alert">
                    { for errors.iter().map(|(line, m)| html! {
                        <li class="field-error">
                            if let Some(l) = *line {
                                <button type="button" class="link json-line" onclick={ let g = go_to.clone(); Callback::from(move |_| g.emit(l)) }>{ format!("Line {l}: ") }</button>
                            }
                            { m.clone() }
                            if let Some(src) = line.and_then(|l| lines.get(l.saturating_sub(1))) {
                                <code class="json-excerpt">{ src.trim().to_string() }</code>
                            }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
