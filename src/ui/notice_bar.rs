//! The notice area above the workspace: the last message (a refused save with its Export
//! button), then any open question about the user's work: restore the scenario an opening
//! replaced, another tab's save, a share link pasted into this tab.

use yew::prelude::*;

use super::state::{Action, AppState, Notice};
use super::{autosave, clean_address, export};
use crate::autosave::{KEY_PRESET, KEY_SCENARIO};
use crate::share;

/// What a save attempt needs the user to see.
pub fn report(saved: autosave::Saved, dispatch: &Callback<Action>) {
    match saved {
        autosave::Saved::Nothing => {}
        autosave::Saved::KeptPrevious(name) => dispatch.emit(Action::OfferRestore(Some(name))),
        autosave::Saved::OtherTab => dispatch.emit(Action::OtherTab(true)),
        autosave::Saved::Refused(msg) => dispatch.emit(Action::Notify(Notice::SaveRefused(msg))),
    }
}

/// The notice area: the last message, then any open question about the user's work (restore
/// the replaced scenario, another tab's save, a pasted link), each with its buttons.
pub fn notice_bar(s: &std::rc::Rc<AppState>, dispatch: &Callback<Action>) -> Html {
    let emit = |a: fn() -> Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(a()))
    };
    let message = s.notice.as_ref().map(|n| {
        let (class, text, export_button) = match n {
            Notice::Info(t) => ("notice info", t.clone(), false),
            Notice::Error(t) => ("notice error", t.clone(), false),
            Notice::SaveRefused(t) => ("notice error", t.clone(), true),
        };
        let on_export = {
            let (s, d) = (s.clone(), dispatch.clone());
            Callback::from(move |_: MouseEvent| export(&s, &d))
        };
        html! {
            <div class={class} role={if class.contains("error") { "alert" } else { "status" }}>
                <span>{ text }</span>
                if export_button { <button onclick={on_export}>{ "Export" }</button> }
                <button class="link" onclick={emit(|| Action::DismissNotice)} aria-label="Dismiss">{ "Dismiss" }</button>
            </div>
        }
    });
    let restore = s.restore_offer.as_ref().map(|name| {
        let d = dispatch.clone();
        let on_restore = Callback::from(move |_: MouseEvent| {
            d.emit(Action::OfferRestore(None));
            match autosave::previous() {
                Some(p) => d.emit(Action::Open {
                    json: p.scenario,
                    preset: p.preset,
                    source: "the scenario you were editing".into(),
                }),
                None => d.emit(Action::Notify(Notice::Error(
                    "The scenario you were editing is no longer in this browser's storage (another tab may have restored it).".into(),
                ))),
            }
        });
        let d = dispatch.clone();
        let on_dismiss = Callback::from(move |_: MouseEvent| {
            autosave::dismiss_previous();
            d.emit(Action::OfferRestore(None));
        });
        html! {
            <div class="notice offer restore-offer" role="status">
                <span>{ format!("The scenario you were editing ('{name}') was replaced; it is kept in this browser.") }</span>
                <button onclick={on_restore}>{ "Restore the scenario you were editing" }</button>
                <button class="link" onclick={on_dismiss}>{ "Dismiss" }</button>
            </div>
        }
    });
    let other_tab = s.other_tab.then(|| {
        let (d, mine_preset) = (dispatch.clone(), s.preset.clone());
        let on_load = Callback::from(move |_: MouseEvent| {
            let Some(theirs) = autosave::get(KEY_SCENARIO) else {
                d.emit(Action::OtherTab(false));
                return;
            };
            // This tab's version is not lost: it becomes the one "Restore" brings back.
            let mine = autosave::ours();
            if autosave::is_replaced_work(Some(&mine), &theirs) {
                if let Ok(name) = autosave::keep_previous(mine, mine_preset.clone()) {
                    d.emit(Action::OfferRestore(Some(name)));
                }
            }
            autosave::set_known(Some(theirs.clone()));
            d.emit(Action::OtherTab(false));
            d.emit(Action::Open {
                json: theirs,
                preset: autosave::get(KEY_PRESET).filter(|p| !p.is_empty()),
                source: "the other tab's version".into(),
            });
        });
        let (d, preset) = (dispatch.clone(), s.preset.clone());
        let on_keep = Callback::from(move |_: MouseEvent| {
            d.emit(Action::OtherTab(false));
            report(autosave::keep_mine(preset.as_deref()), &d);
        });
        html! {
            <div class="notice offer other-tab" role="alert">
                <span>{ "Another tab saved a different scenario. This tab stopped saving so neither version is overwritten: pick one." }</span>
                <button onclick={on_load}>{ "Load the other tab's version" }</button>
                <button onclick={on_keep}>{ "Keep mine" }</button>
            </div>
        }
    });
    let link = s.link_offer.as_ref().map(|fragment| {
        let (d, fragment) = (dispatch.clone(), fragment.clone());
        let on_open = Callback::from(move |_: MouseEvent| {
            d.emit(Action::OfferLink(None));
            clean_address(false);
            match share::decode(&fragment) {
                Ok(json) => d.emit(Action::Open {
                    json,
                    preset: None,
                    source: "the scenario from the new link".into(),
                }),
                Err(e) => d.emit(Action::Notify(Notice::Error(format!(
                    "The new link could not be opened: {e}. Your current scenario is unchanged."
                )))),
            }
        });
        let d = dispatch.clone();
        let on_ignore = Callback::from(move |_: MouseEvent| {
            d.emit(Action::OfferLink(None));
            clean_address(false);
        });
        html! {
            <div class="notice offer link-offer" role="status">
                <span>{ "Open the scenario from the new link? What you have open now stays restorable." }</span>
                <button onclick={on_open}>{ "Open" }</button>
                <button class="link" onclick={on_ignore}>{ "Ignore" }</button>
            </div>
        }
    });
    html! { <>{ message }{ restore }{ other_tab }{ link }</> }
}
