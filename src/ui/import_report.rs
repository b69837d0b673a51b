//! The import report as tables: per metadata type (then per kind of record data) how many
//! components were found, imported and skipped; then each skipped component with why, what
//! imported components left out, unknown elements with their file and line, the notes, and
//! what was left aside. The same report as `access-sim import salesforce --report`.

use std::rc::Rc;

use yew::prelude::*;

use crate::import::{Imported, Item, TypeReport};

/// Rows a detail table shows before "... and N more" (the downloaded report has them all).
const SHOWN_ROWS: usize = 300;

#[derive(Properties, Clone)]
pub struct Props {
    pub imported: Rc<Imported>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.imported, &other.imported)
    }
}

/// "Account records" -> Some("Account"): the types the data files give.
fn data_type(ty: &str) -> Option<&str> {
    ty.strip_suffix(" records")
}

#[function_component(ImportReport)]
pub fn import_report(props: &Props) -> Html {
    let r = &props.imported.report;
    let metadata: Vec<(&String, &TypeReport)> = r
        .types
        .iter()
        .filter(|(ty, _)| data_type(ty).is_none())
        .collect();
    let data: Vec<(&String, &TypeReport)> = r
        .types
        .iter()
        .filter(|(ty, _)| data_type(ty).is_some())
        .collect();
    // Metadata first, then the record data, as in the counts.
    let ordered = || metadata.iter().chain(data.iter()).copied();
    let items = |pick: fn(&TypeReport) -> &Vec<Item>| -> Vec<(String, &Item)> {
        ordered()
            .flat_map(|(ty, t)| pick(t).iter().map(move |i| (ty.clone(), i)))
            .collect()
    };
    let skipped = items(|t| &t.skipped);
    let partial = items(|t| &t.partial);
    let unknown: Vec<_> = ordered()
        .flat_map(|(ty, t)| t.unknown_elements.iter().map(move |u| (ty, u)))
        .collect();
    let notes: Vec<(&String, &String)> = ordered()
        .flat_map(|(ty, t)| t.notes.iter().map(move |n| (ty, n)))
        .collect();
    let ignored_elements: Vec<(&String, &String, usize)> = r
        .types
        .iter()
        .flat_map(|(ty, t)| t.ignored_elements.iter().map(move |(e, n)| (ty, e, *n)))
        .collect();
    let aside = r.other_files.len() + ignored_elements.len() + r.ignored.len();
    html! {
        <div class="import-report">
            <div class="report-counts">
                { counts_table("Metadata", "Metadata type", &metadata) }
                if !data.is_empty() { { counts_table("Record data", "Object", &data) } }
            </div>
            if !skipped.is_empty() {
                { items_table("skipped", &format!("Skipped ({})", skipped.len()), "Why", &skipped) }
            }
            if !partial.is_empty() {
                { items_table("partial", &format!("Imported in part ({})", partial.len()), "What was left out", &partial) }
            }
            if !unknown.is_empty() {
                <Section title={format!("Unknown elements ({}), read past", unknown.len())} class="unknown">
                    <table class="report-table">
                        <thead><tr><th scope="col">{ "Type" }</th><th scope="col">{ "Element" }</th><th scope="col">{ "Where" }</th></tr></thead>
                        <tbody>
                            { for unknown.iter().take(SHOWN_ROWS).map(|(ty, u)| html! {
                                <tr><td>{ breakable(ty) }</td><td><code>{ u.element.clone() }</code></td>
                                    <td class="where"><code>{ format!("{}:{}", u.file, u.line) }</code></td></tr>
                            }) }
                        </tbody>
                    </table>
                    { more(unknown.len()) }
                </Section>
            }
            if !notes.is_empty() {
                <Section title={format!("Notes ({})", notes.len())} class="notes">
                    <table class="report-table">
                        <thead><tr><th scope="col">{ "Type" }</th><th scope="col">{ "Note" }</th></tr></thead>
                        <tbody>
                            { for notes.iter().map(|(ty, n)| html! {
                                <tr><td>{ breakable(ty) }</td><td>{ (*n).clone() }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </Section>
            }
            if aside > 0 {
                <Section title={format!("Left aside: no bearing on record access ({aside})")} class="aside" open=false>
                    if !r.other_files.is_empty() {
                        <table class="report-table">
                            <caption>{ "Files of other metadata types" }</caption>
                            <thead><tr><th scope="col">{ "Folder" }</th><th scope="col" class="num">{ "Files" }</th></tr></thead>
                            <tbody>
                                { for r.other_files.iter().map(|(folder, n)| html! {
                                    <tr><td><code>{ folder.clone() }</code></td><td class="num">{ *n }</td></tr>
                                }) }
                            </tbody>
                        </table>
                    }
                    if !ignored_elements.is_empty() {
                        <table class="report-table">
                            <caption>{ "Elements read past" }</caption>
                            <thead><tr><th scope="col">{ "Type" }</th><th scope="col">{ "Element" }</th><th scope="col" class="num">{ "Times" }</th></tr></thead>
                            <tbody>
                                { for ignored_elements.iter().take(SHOWN_ROWS).map(|(ty, e, n)| html! {
                                    <tr><td>{ breakable(ty) }</td><td><code>{ (*e).clone() }</code></td><td class="num">{ *n }</td></tr>
                                }) }
                            </tbody>
                        </table>
                        { more(ignored_elements.len()) }
                    }
                    if !r.ignored.is_empty() {
                        <table class="report-table">
                            <caption>{ "Components read but not counted under a type" }</caption>
                            <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Why" }</th></tr></thead>
                            <tbody>
                                { for r.ignored.iter().take(SHOWN_ROWS).map(|i| html! {
                                    <tr><td class="name">{ i.name.clone() }</td><td>{ i.why.clone() }</td></tr>
                                }) }
                            </tbody>
                        </table>
                        { more(r.ignored.len()) }
                    }
                </Section>
            }
        </div>
    }
}

/// A type's name in a counts table ("Role", and "Account" for "Account records" under Record
/// data), breakable between its words on a narrow screen ("Permission|Set|Assignment").
fn label(ty: &str) -> Html {
    breakable(data_type(ty).unwrap_or(ty))
}

/// A name with places to break it: between camel-case words, after single underscores and
/// before a custom suffix (`__c`).
fn breakable(name: &str) -> Html {
    let mut parts = Vec::new();
    let mut start = 0;
    let b = name.as_bytes();
    for i in 1..b.len() {
        let camel = b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase();
        // After a single underscore, and before a custom suffix: "Loan_|Application|__c".
        let after_underscore = b[i - 1] == b'_' && b[i] != b'_' && (i < 2 || b[i - 2] != b'_');
        let suffix = b[i] == b'_' && b.get(i + 1) == Some(&b'_') && b[i - 1] != b'_';
        if camel || after_underscore || suffix {
            parts.push(&name[start..i]);
            start = i;
        }
    }
    parts.push(&name[start..]);
    html! { <>{ for parts.iter().enumerate().map(|(i, p)| html! { <>if i > 0 { <wbr /> }{ *p }</> }) }</> }
}

/// Found / imported / skipped per type, with the totals.
fn counts_table(caption: &str, first: &str, rows: &[(&String, &TypeReport)]) -> Html {
    let sum = |f: fn(&TypeReport) -> usize| rows.iter().map(|(_, t)| f(t)).sum::<usize>();
    let cell = |n: usize, class: &'static str| {
        html! { <td class={classes!("num", (n > 0).then_some(class))}>{ n }</td> }
    };
    html! {
        <table class="report-table counts" data-caption={caption.to_string()}>
            <caption>{ caption }</caption>
            <thead>
                <tr>
                    <th scope="col">{ first }</th>
                    <th scope="col" class="num">{ "Found" }</th>
                    <th scope="col" class="num">{ "Imported" }</th>
                    <th scope="col" class="num">{ "Skipped" }</th>
                    <th scope="col" class="num" title="Imported with something left out">{ "In part" }</th>
                    <th scope="col" class="num" title="Elements the importer does not know, read past">{ "Unknown" }</th>
                </tr>
            </thead>
            <tbody>
                { for rows.iter().map(|(ty, t)| html! {
                    <tr data-type={(*ty).clone()}>
                        <th scope="row">{ label(ty) }</th>
                        <td class="num">{ t.found }</td>
                        <td class="num">{ t.imported }</td>
                        { cell(t.skipped.len(), "warn") }
                        { cell(t.partial.len(), "part") }
                        { cell(t.unknown_elements.len(), "part") }
                    </tr>
                }) }
            </tbody>
            if rows.len() > 1 {
                <tfoot>
                    <tr>
                        <th scope="row">{ "Total" }</th>
                        <td class="num">{ sum(|t| t.found) }</td>
                        <td class="num">{ sum(|t| t.imported) }</td>
                        <td class="num">{ sum(|t| t.skipped.len()) }</td>
                        <td class="num">{ sum(|t| t.partial.len()) }</td>
                        <td class="num">{ sum(|t| t.unknown_elements.len()) }</td>
                    </tr>
                </tfoot>
            }
        </table>
    }
}

/// Type / name / reason, for the skipped components and those imported in part.
fn items_table(class: &'static str, title: &str, why: &str, rows: &[(String, &Item)]) -> Html {
    html! {
        <Section title={title.to_string()} {class}>
            <table class="report-table items">
                <thead><tr><th scope="col">{ "Type" }</th><th scope="col">{ "Name" }</th><th scope="col">{ why }</th></tr></thead>
                <tbody>
                    { for rows.iter().take(SHOWN_ROWS).map(|(ty, i)| html! {
                        <tr><td>{ breakable(ty) }</td><td class="name">{ i.name.clone() }</td><td>{ i.why.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
            { more(rows.len()) }
        </Section>
    }
}

fn more(n: usize) -> Html {
    if n <= SHOWN_ROWS {
        return html! {};
    }
    html! {
        <p class="hint">{ format!("\u{2026} and {} more: download the report for all of them.", n - SHOWN_ROWS) }</p>
    }
}

#[derive(Properties, Clone, PartialEq)]
struct SectionProps {
    title: String,
    class: &'static str,
    #[prop_or(true)]
    open: bool,
    children: Html,
}

/// A foldable part of the report.
#[function_component(Section)]
fn section(props: &SectionProps) -> Html {
    html! {
        <details class={classes!("report-section", props.class)} open={props.open}>
            <summary><h3>{ props.title.clone() }</h3></summary>
            { props.children.clone() }
        </details>
    }
}
