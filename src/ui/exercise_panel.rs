//! Exercises for learners: the scenario's exercises to pick from, and the one being played:
//! its goal, each of its expectations holding or not after every edit, a hint, and the model
//! answer (with what it shows) to reveal and apply. The checking is the engine's
//! (`expectations::check_exercise`); in embed mode (`?embed&exercise=ID`) a docs page plays one.

use std::rc::Rc;

use yew::prelude::*;

use super::expectations_panel::result_row;
use super::state::{Action, AppState};

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
    /// In an embed the page chose the exercise: no way to leave it.
    #[prop_or(false)]
    pub embedded: bool,
}

#[function_component(ExercisePanel)]
pub fn exercise_panel(props: &Props) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let ix = s.ix();
    let exercises = &ix.scenario.exercises;
    if exercises.is_empty() {
        return html! {};
    }
    let play = |id: Option<String>| {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::PlayExercise(id.clone())))
    };
    let active = s
        .exercise
        .as_ref()
        .and_then(|id| exercises.iter().position(|x| &x.id == id));
    let Some(at) = active else {
        return html! {
            <section class="panel exercises" aria-label="Exercises">
                <h2>{ format!("Exercises ({})", exercises.len()) }</h2>
                <ul class="exercise-list">
                    { for exercises.iter().map(|x| html! {
                        <li>
                            <button class="link" onclick={play(Some(x.id.clone()))}>{ x.title.clone() }</button>
                            <span class="hint small">{ format!(" \u{2014} {}", x.goal) }</span>
                        </li>
                    }) }
                </ul>
            </section>
        };
    };
    let x = &exercises[at];
    let result = s.checks.exercise.as_ref();
    let met = result.is_some_and(|r| r.met);
    let next = exercises.get(at + 1).map(|n| n.id.clone());
    let apply = {
        let (d, id) = (d.clone(), x.id.clone());
        Callback::from(move |_| d.emit(Action::ApplyAnswer(id.clone())))
    };
    html! {
        <section class={classes!("panel", "exercise", met.then_some("met"))} aria-label="Exercise">
            <div class="exercise-head">
                <h2>{ format!("Exercise {} of {}: {}", at + 1, exercises.len(), x.title) }</h2>
                <span class={classes!("badge", if met { "full" } else { "read" })} aria-live="polite">
                    { if met { "Goal met" } else { "Not met yet" } }
                </span>
                if !props.embedded {
                    <button class="small" onclick={play(None)} title="Stop playing this exercise">{ "Leave" }</button>
                }
            </div>
            <p class="goal">{ x.goal.clone() }</p>
            if met {
                <p class="success" role="status">
                    { format!("Well done: every expectation holds. Undo (Ctrl+Z) to try another way{}",
                        if next.is_some() { ", or go on to the next exercise." } else { "." }) }
                    if let Some(n) = next {
                        { " " }<button class="primary small" onclick={play(Some(n))}>{ "Next exercise" }</button>
                    }
                </p>
            } else {
                <p class="hint small">{ "Change the scenario in the editor, or apply a cell's \u{201c}Why not\u{201d} suggestion; the goal is checked after every edit. A failing cell's name opens why." }</p>
            }
            if let Some(r) = result {
                <ul class="result-list">
                    { for r.results.iter().map(|e| result_row(s, d, e, None, None, false)) }
                </ul>
            }
            if !x.hint.is_empty() {
                <details class="reveal">
                    <summary>{ "Hint" }</summary>
                    <p>{ x.hint.clone() }</p>
                </details>
            }
            if !x.answer.is_empty() {
                <details class="reveal">
                    <summary>{ "Model answer" }</summary>
                    if !x.explanation.is_empty() { <p>{ x.explanation.clone() }</p> }
                    <button onclick={apply}>{ "Apply the model answer" }</button>
                </details>
            }
        </section>
    }
}
