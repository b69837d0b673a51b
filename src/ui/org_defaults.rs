//! The org-wide defaults table: one row per object (the declared custom objects too),
//! internal and external. A refused change puts the dropdown back and says why beside it.

use serde_json::json;
use yew::prelude::*;

use super::builders::{picker, select_value};
use super::editor::Props;
use super::state::Action;
use crate::engine::edits::{self, Edit};
use crate::engine::scenario::{ObjectKind, OrgDefault, Sharing};
use crate::engine::Problem;

/// The org-wide defaults table: one row per object, internal and external. A refused change
/// puts the dropdown back to the setting in force and says why next to it.
#[function_component(OrgDefaults)]
pub fn org_defaults(props: &Props) -> Html {
    let ix_guard = props.state.ix();
    let ix = &*ix_guard;
    let problems: Vec<&Problem> = props
        .state
        .edit_problems
        .iter()
        .filter(|p| p.path.starts_with("org_defaults"))
        .collect();
    let settings = |o: ObjectKind| -> Vec<Sharing> {
        let mut v = vec![
            Sharing::Private,
            Sharing::PublicRead,
            Sharing::PublicReadWrite,
        ];
        if o.supports_transfer_default() {
            v.push(Sharing::PublicReadWriteTransfer);
        }
        // A custom object is Controlled by Parent exactly when it is a detail, and then only.
        match ix.custom(o) {
            Some(c) if c.master.is_some() => return vec![Sharing::ControlledByParent],
            Some(_) => {}
            None if o.may_be_controlled_by_parent() => v.push(Sharing::ControlledByParent),
            None => {}
        }
        v
    };
    let key = |x: Sharing| {
        serde_json::to_value(x)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    };
    // Re-created after every refusal, so the browser drops the refused choice it shows.
    let refusals = props.state.refusals;
    // Re-created on every scenario change too: a browser keeps a <select>'s own choice over
    // the value it is given, so after undo, redo or restore it would show a stale default.
    let revision = props.state.revision;
    html! {
        <details class="editor-section" open=true>
            <summary>{ "Org-wide defaults" }</summary>
            <table class="owd">
                <thead><tr><th>{ "Object" }</th><th>{ "Internal" }</th><th>{ "External" }</th></tr></thead>
                <tbody>
                    { for ix.objects().iter().filter(|o| **o != ObjectKind::AccountChild).map(|o| {
                        let cur = ix.org_default(*o);
                        let opts: Vec<(String, String)> = settings(*o).into_iter().map(|x| (key(x), x.label().to_string())).collect();
                        let make = |external: bool| {
                            let (d, o) = (props.dispatch.clone(), *o);
                            Callback::from(move |e: Event| {
                                let v: Sharing = match serde_json::from_value(json!(select_value(&e))) { Ok(v) => v, Err(_) => return };
                                let default = if external {
                                    OrgDefault { internal: cur.internal, external: Some(v) }
                                } else {
                                    OrgDefault { internal: v, external: cur.external }
                                };
                                d.emit(Action::Edit(Edit::SetOrgDefault { object: o, default }));
                            })
                        };
                        let prefix = format!("org_defaults.{}", o.key());
                        let mine: Vec<String> = problems.iter().filter(|p| p.path.starts_with(&prefix))
                            .map(|p| format!("Kept {} internal, {} external: {}", cur.internal.label(), cur.external().label(), edits::plain_message(&p.path, &p.message)))
                            .collect();
                        let label = ix.object_label(*o).to_string();
                        html! {
                            <>
                            <tr>
                                <th>{ label.clone() }</th>
                                <td><span class="owd-pick" key={format!("i{refusals}-{revision}")}>{ picker(&opts, &key(cur.internal), false, make(false), &format!("{label} internal default")) }</span></td>
                                <td><span class="owd-pick" key={format!("e{refusals}-{revision}")}>{ picker(&opts, &key(cur.external()), false, make(true), &format!("{label} external default")) }</span></td>
                            </tr>
                            if !mine.is_empty() {
                                <tr class="owd-error"><td colspan="3">
                                    { for mine.iter().map(|m| html! { <p class="field-error" role="alert">{ m.clone() }</p> }) }
                                </td></tr>
                            }
                            </>
                        }
                    }) }
                </tbody>
            </table>
        </details>
    }
}
