//! The editor's JSON tab, for experts: the whole scenario as editable JSON. Apply goes
//! through the reducer like any edit; a refusal keeps the current scenario and shows each
//! problem at its line (serde's line for syntax errors, the problem's path located otherwise).

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::state::{Action, AppState};
use crate::engine::edits::{line_of_path, plain_message, Edit};
use crate::engine::LoadError;

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
    /// Unapplied text and the scenario revision it was written against, kept by the editor so
    /// that a trip to the Form tab loses nothing (a draft of an older revision is dropped).
    pub draft: UseStateHandle<Option<(u64, String)>>,
}

/// A problem in words for the JSON tab, with values spelled as they are written in JSON
/// (`public_read`, not "public read"); the line it is shown at names the field.
fn json_message(path: &str, message: &str) -> String {
    let m = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => &message[..i],
        _ => message,
    };
    if let Some(rest) = m.strip_prefix("unknown variant `") {
        let (got, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let options: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return format!("\"{got}\" is not one of {}", options.join(", "));
    }
    plain_message(path, m)
}

fn pretty(s: &AppState) -> String {
    serde_json::to_string_pretty(&s.ix().scenario).unwrap_or_default()
}

#[function_component(JsonTab)]
pub fn json_tab(props: &Props) -> Html {
    let revision = props.state.revision;
    let text = use_state(|| match &*props.draft {
        Some((r, t)) if *r == revision => t.clone(),
        _ => pretty(&props.state),
    });
    let area = use_node_ref();
    // Problems found before the engine saw the text (it is not JSON at all): (line, message).
    let syntax = use_state(|| None::<(usize, String)>);
    let applied = use_state(|| false);
    {
        // An accepted apply (or any other edit) shows the scenario now in force.
        let (text, state, syntax, applied, draft) = (
            text.clone(),
            props.state.clone(),
            syntax.clone(),
            applied.clone(),
            props.draft.clone(),
        );
        use_effect_with(props.state.revision, move |rev| {
            // On mount with a draft of this revision, keep it; otherwise show what is in force.
            if !matches!(&*draft, Some((r, _)) if r == rev) {
                text.set(pretty(&state));
                draft.set(None);
            }
            syntax.set(None);
            applied.set(false);
        });
    }
    let oninput = {
        let (text, draft) = (text.clone(), props.draft.clone());
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            text.set(el.value());
            draft.set(Some((revision, el.value())));
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
                // A value of the wrong shape is found here, in this text, so its line is the
                // one the user sees (the edit itself carries a compact copy).
                if let Err(LoadError::Syntax { path, message }) = crate::engine::parse(&text) {
                    let line = message
                        .rsplit_once(" at line ")
                        .and_then(|(_, rest)| rest.split(' ').next()?.parse().ok())
                        .unwrap_or(1);
                    syntax.set(Some((line, json_message(&path, &message))));
                    return;
                }
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
        let (text, state, syntax, draft) = (
            text.clone(),
            props.state.clone(),
            syntax.clone(),
            props.draft.clone(),
        );
        Callback::from(move |_| {
            text.set(pretty(&state));
            syntax.set(None);
            draft.set(None);
        })
    };
    let mut errors: Vec<(Option<usize>, String)> = Vec::new();
    if let Some((line, m)) = &*syntax {
        errors.push((Some(*line), m.clone()));
    } else if *applied {
        for p in &props.state.edit_problems {
            // The path locates a problem in this text; serde's own line counts in the compact
            // copy the edit carried, so it is only a fallback.
            let line = line_of_path(&text, &p.path).or_else(|| {
                p.message
                    .rsplit_once(" at line ")
                    .and_then(|(_, rest)| rest.split(' ').next()?.parse().ok())
            });
            errors.push((line, json_message(&p.path, &p.message)));
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
