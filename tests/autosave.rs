//! The app's "no lost work" decisions (src/autosave.rs): when to save, when replaced work is
//! kept for "Restore", what another tab's save means, and how a refused save is worded.

use access_sim::autosave::*;
use access_sim::presets::PRESETS;

#[test]
fn an_unedited_preset_is_not_work_but_an_edited_one_is() {
    let pristine = pristine_presets();
    assert_eq!(pristine.len(), PRESETS.len());
    // What the app autosaves for an unedited preset: the validated scenario, serialized.
    let help = access_sim::engine::load(PRESETS[0].json).unwrap();
    let saved = serde_json::to_string(&help.scenario).unwrap();
    assert!(
        pristine.contains(&saved),
        "the autosave of a preset is recognised as pristine"
    );
    assert!(!keep_replaced(Some(&saved), &pristine[1], &pristine));
    let edited = saved.replacen("\"name\":\"", "\"name\":\"Edited ", 1);
    assert_ne!(edited, saved);
    assert!(keep_replaced(Some(&edited), &pristine[1], &pristine));
    // Nothing saved, or the same scenario opened again: nothing to keep.
    assert!(!keep_replaced(None, &pristine[1], &pristine));
    assert!(!keep_replaced(Some(&edited), &edited, &pristine));
    assert!(!keep_replaced(Some(""), &edited, &pristine));
}

#[test]
fn autosave_never_overwrites_a_save_it_did_not_make() {
    use SaveDecision::*;
    // This tab wrote "a"; the storage still holds "a": the new version is saved.
    assert_eq!(decide_save(Some("a"), Some("a"), "b", false), Save);
    // First save in a fresh browser.
    assert_eq!(decide_save(None, None, "b", false), Save);
    // Another tab wrote "c" since: ask, even if the storage event was missed.
    assert_eq!(decide_save(Some("c"), Some("a"), "b", false), OtherTab);
    // A question is open: nothing is written, whatever is stored.
    assert_eq!(decide_save(Some("a"), Some("a"), "b", true), Paused);
    // The storage already holds this tab's scenario: nothing to write, no question.
    assert_eq!(decide_save(Some("b"), Some("a"), "b", true), Unchanged);
    assert_eq!(decide_save(Some("b"), Some("a"), "b", false), Unchanged);
}

#[test]
fn another_tabs_save_matters_only_when_it_differs() {
    assert!(other_tab_differs(Some("theirs"), "mine"));
    assert!(!other_tab_differs(Some("mine"), "mine"));
    assert!(!other_tab_differs(None, "mine"));
}

#[test]
fn a_refused_save_is_too_big_only_when_no_room_could_ever_hold_it() {
    // 6,000,000 characters against 100 free + 1,000 old + 5,000 other: nothing could hold it.
    assert_eq!(
        classify_refusal(6_000_000, 100, 1_000, 5_000),
        Refusal::TooBig {
            size: 6_000_000,
            limit: 6_100
        }
    );
    // 2,000 characters would fit if the 4,000,000 of other data went: the storage is full.
    assert_eq!(
        classify_refusal(2_000, 10, 500, 4_000_000),
        Refusal::Full {
            size: 2_000,
            others: 4_000_000
        }
    );
    let big = refusal_message(Refusal::TooBig {
        size: 6_000_000,
        limit: 5_242_880,
    });
    assert!(big.contains("too big to save"), "{big}");
    assert!(big.contains("6.0 MB") && big.contains("5.2 MB"), "{big}");
    let full = refusal_message(Refusal::Full {
        size: 2_000,
        others: 4_000_000,
    });
    assert!(
        full.contains("storage is full") && full.contains("4.0 MB"),
        "{full}"
    );
}

#[test]
fn sizes_read_as_people_write_them() {
    assert_eq!(human_size(999), "999 bytes");
    assert_eq!(human_size(1_000), "1.0 KB");
    assert_eq!(human_size(153_600), "154 KB");
    assert_eq!(human_size(5_242_880), "5.2 MB");
    assert_eq!(human_size(12_500_000_000), "12.5 GB");
}

#[test]
fn the_kept_work_round_trips_and_names_its_scenario() {
    let p = Previous {
        scenario: r#"{"version":1,"name":"My org"}"#.into(),
        preset: Some("help-center".into()),
        dismissed: false,
    };
    assert_eq!(Previous::from_json(&p.to_json()), Some(p.clone()));
    assert_eq!(p.name(), "My org");
    let unnamed = Previous {
        scenario: "{}".into(),
        ..p
    };
    assert_eq!(unnamed.name(), "your scenario");
    assert_eq!(Previous::from_json("not json"), None);
}
