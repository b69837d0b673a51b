//! `access-sim bench`: times the engine on generated scenarios and prints medians of repeated
//! runs. Figures only, no pass/fail: targets are compared by people, in one run, on one machine.
//! The Cedar peer baseline needs `--features cedar`; without it those figures are null rather
//! than guessed. Peak memory is this process's (the scenario is generated in a child process).

use std::time::Instant;

use access_sim::engine::evaluate::ShareCache;
use access_sim::engine::{self, Evaluator};
use access_sim::generate::bench_edits;
use serde_json::json;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64() * 1000.0)
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Cedar's time per request over ours per cell, both on the Cedar subset, then Cedar's time
/// per request, ours per cell, and how many of how many sampled pairs agree.
type CedarFigures = (f64, f64, f64, usize, usize);

/// The Cedar figures; None when built without the `cedar` feature.
#[cfg(feature = "cedar")]
fn cedar_baseline(text: &str, pairs: usize) -> Result<Option<CedarFigures>, String> {
    let b = super::cedar::run(text, pairs)?;
    Ok(Some((
        b.cedar_request_ns / b.ours_per_cell_ns,
        b.cedar_request_ns,
        b.ours_per_cell_ns,
        b.agreeing_pairs,
        b.pairs,
    )))
}

#[cfg(not(feature = "cedar"))]
fn cedar_baseline(_: &str, _: usize) -> Result<Option<CedarFigures>, String> {
    Ok(None)
}

/// The generated scenario as JSON text, written by a child `access-sim generate` when possible
/// so that the generator's own JSON tree does not count in this process's peak memory.
fn generated_text(users: usize, cases: usize) -> String {
    let child = std::env::current_exe().ok().and_then(|exe| {
        std::process::Command::new(exe)
            .args([
                "generate",
                "--users",
                &users.to_string(),
                "--cases",
                &cases.to_string(),
                "--seed",
                "42",
            ])
            .output()
            .ok()
    });
    match child {
        Some(out) if out.status.success() => String::from_utf8(out.stdout).unwrap_or_default(),
        _ => access_sim::generate::generate(users, cases, 42).to_string(),
    }
}

/// `--tier deep`: parse + validate, the full matrix and one explanation on each hostile shape
/// (`access_sim::shapes`), or how long the refusal of an invalid one took.
fn run_deep(as_json: bool) -> Result<String, String> {
    use access_sim::shapes::Shape;
    let mut rows = Vec::new();
    let mut text_out =
        String::from("shape                          load ms  matrix ms  explain ms  outcome\n");
    for shape in Shape::TARGETS {
        let text = shape.scenario().to_string();
        let (loaded, load_ms) = time(|| engine::load(&text));
        let (matrix_ms, explain_ms, outcome) = match loaded {
            Ok(ix) => {
                let (_, matrix_ms) = time(|| engine::fast::matrix(&ix));
                let (u, r) = (ix.find_user("member"), ix.find_record("k0"));
                let (e, explain_ms) = time(|| u.zip(r).map(|(u, r)| engine::explain(&ix, u, r)));
                let level = e.map_or("?", |e| e.level.key());
                (
                    Some(matrix_ms),
                    Some(explain_ms),
                    format!("valid; member on k0: {level}"),
                )
            }
            Err(e) => {
                let problems = e.problems();
                (
                    None,
                    None,
                    format!(
                        "{} problem(s): {}",
                        problems.len(),
                        problems.first().map(|p| p.to_string()).unwrap_or_default()
                    ),
                )
            }
        };
        let fmt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.1}"));
        text_out.push_str(&format!(
            "{:<30} {:>8} {:>10} {:>11}  {}\n",
            shape.label(),
            format!("{load_ms:.1}"),
            fmt(matrix_ms),
            fmt(explain_ms),
            outcome
        ));
        rows.push(
            json!({"shape": shape.label(), "bytes": text.len(), "load_ms": load_ms,
            "matrix_ms": matrix_ms, "explain_ms": explain_ms, "outcome": outcome}),
        );
    }
    if as_json {
        Ok(
            serde_json::to_string_pretty(&json!({"tier": "deep", "shapes": rows}))
                .map_err(|e| e.to_string())?
                + "\n",
        )
    } else {
        Ok(text_out)
    }
}

/// The cells whose explanation costs the most: on the account with the most children, its
/// owner, the user at the top of the role hierarchy, a manager one level down, the internal
/// user with the deepest role (a rep), an internal user who has no access (nothing proves
/// implicit Read, so every child is looked at) and the first external user.
fn heavy_cells(
    ix: &engine::Index,
    kept: &engine::packed::FastMatrix,
) -> Vec<(String, engine::index::UserIx, engine::index::RecordIx)> {
    use engine::index::{Owner, UserIx};
    let Some(account) = ix
        .record_ixs()
        .filter(|r| ix.record(*r).object == engine::ObjectKind::Account)
        .max_by_key(|r| (ix.children[r.ix()].len(), std::cmp::Reverse(r.0)))
    else {
        return Vec::new();
    };
    let depth = |u: UserIx| {
        let mut d = 0;
        let mut role = ix.user(u).role;
        while let Some(r) = role {
            d += 1;
            role = ix.role(r).parent;
        }
        d
    };
    let internal: Vec<UserIx> = ix
        .user_ixs()
        .filter(|u| ix.user(*u).kind == engine::scenario::UserKind::Internal)
        .collect();
    let mut picks = Vec::new();
    if let Owner::User(o) = ix.record(account).owner {
        picks.push(("its owner", Some(o)));
    }
    picks.push((
        "the top of the role hierarchy",
        internal.iter().copied().find(|u| depth(*u) == 1),
    ));
    picks.push((
        "a manager one level down",
        internal.iter().copied().find(|u| depth(*u) == 2),
    ));
    picks.push((
        "a rep (deepest role)",
        internal
            .iter()
            .copied()
            .max_by_key(|u| (depth(*u), std::cmp::Reverse(u.0))),
    ));
    picks.push((
        "an internal user with no access",
        internal
            .iter()
            .copied()
            .find(|u| kept.get(*u, account) == engine::Access::None),
    ));
    picks.push((
        "a customer",
        ix.user_ixs()
            .find(|u| ix.user(*u).kind == engine::scenario::UserKind::External),
    ));
    let name = &ix.record(account).id;
    let n = ix.children[account.ix()].len();
    // The user with no access, else the rep (at the L tier every employee reaches a0).
    let no_access = picks[picks.len() - 2].1.or(picks[picks.len() - 3].1);
    let mut cells: Vec<_> = picks
        .into_iter()
        .filter_map(|(what, u)| {
            u.map(|u| {
                let uid = &ix.user(u).id;
                (
                    format!("{what} ({uid}) on {name} ({n} children)"),
                    u,
                    account,
                )
            })
        })
        .collect();
    // A contact Controlled by Parent follows the account: its explanation (and suggestion)
    // looks at the account's children again.
    let contact = ix.children[account.ix()]
        .iter()
        .copied()
        .find(|c| ix.record(*c).object == engine::ObjectKind::Contact);
    if let (Some(u), Some(c)) = (no_access, contact) {
        let what = format!("{} on contact {} of {name}", ix.user(u).id, ix.record(c).id);
        cells.push((what, u, c));
    }
    cells
}

pub fn run(tier: &str, as_json: bool) -> Result<String, String> {
    let (users, cases, reps) = match tier.to_ascii_uppercase().as_str() {
        "S" => (20, 100, 7),
        "M" => (200, 10_000, 3),
        "L" => (2_000, 100_000, 1),
        "DEEP" => return run_deep(as_json),
        other => return Err(format!("--tier: unknown tier '{other}' (S, M, L or deep)")),
    };
    let text = generated_text(users, cases);

    let mut parse = Vec::new();
    let mut ix = None;
    for _ in 0..reps {
        drop(ix.take());
        let (loaded, ms) = time(|| engine::load(&text));
        parse.push(ms);
        ix = Some(loaded.map_err(|e| format!("the generated scenario is invalid: {e}"))?);
    }
    let ix = ix.expect("at least one run");
    let (n_users, n_records) = (ix.users.len(), ix.records.len());
    let cells = n_users * n_records;

    // Full matrix with the set-based engine.
    let mut matrix = Vec::new();
    let mut packed_mb = 0.0;
    for _ in 0..reps {
        let (m, ms) = time(|| engine::fast::matrix(&ix));
        packed_mb = m.heap_bytes() as f64 / 1_048_576.0;
        matrix.push(ms);
    }
    let full_matrix_ms = median(matrix);
    // The per-pair reference (with the share-holder cache the app uses), on a spread sample of
    // case rows (fewer at org scale, where it is slow), as a cost per cell.
    let case_rows: Vec<_> = ix
        .record_ixs()
        .filter(|r| ix.record(*r).object == engine::ObjectKind::Case)
        .collect();
    let sample_rows = case_rows
        .len()
        .min(if cells > 10_000_000 { 20 } else { 200 });
    let step = (case_rows.len() / sample_rows.max(1)).max(1);
    let cache = ShareCache::default();
    let ev = Evaluator::with_cache(&ix, &cache);
    let (sampled, ref_ms) = time(|| {
        let mut cells = 0usize;
        for r in case_rows.iter().step_by(step).take(sample_rows) {
            for u in ix.user_ixs() {
                std::hint::black_box(ev.level(u, *r));
                cells += 1;
            }
        }
        cells
    });
    let reference_per_cell_ns = ref_ms * 1e6 / sampled.max(1) as f64;
    drop(cache);

    // Explanations as the app makes them: through the matrix it keeps (`explain_in`). The
    // median is over cells spread across the matrix; the worst is over the known-heavy cells of
    // the biggest account (its owner, the top of the role hierarchy, a manager, a rep and a
    // customer), where implicit parent access has the most children to look through.
    let kept = engine::fast::matrix(&ix);
    let mut explain = Vec::new();
    for i in 0..21 {
        let u = engine::index::UserIx(((i * 7919) % n_users) as u32);
        let r = engine::index::RecordIx(((i * 104_729) % n_records) as u32);
        explain.push(time(|| engine::explain::explain_in(&ix, &kept, u, r)).1);
    }
    let explain_ms = median(explain);
    let mut heavy = Vec::new();
    for (label, u, r) in heavy_cells(&ix, &kept) {
        let (e, ms) = time(|| engine::explain::explain_in(&ix, &kept, u, r));
        heavy.push(
            json!({"cell": label, "user": ix.user(u).id, "record": ix.record(r).id,
            "level": e.level.key(), "reasons": e.reasons.len(), "ms": ms}),
        );
    }
    let explain_worst_ms = heavy
        .iter()
        .filter_map(|h| h["ms"].as_f64())
        .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
    drop(kept);

    // Edits through the incremental engine: a local one (a manual share on one case) and a
    // global one (the case org-wide default); each is undone untimed before the next run.
    let mut eng = engine::session::Engine::new(ix);
    let (share, unshare) = (bench_edits::share(), bench_edits::unshare());
    let (open, close) = (
        bench_edits::case_default(true),
        bench_edits::case_default(false),
    );
    let (mut local, mut global, mut local_rows) = (Vec::new(), Vec::new(), 0);
    for _ in 0..reps.max(3) {
        let (applied, ms) = time(|| eng.apply(&share));
        local_rows = applied.map_err(|e| e.to_string())?.rows_recomputed;
        local.push(ms);
        eng.apply(&unshare).map_err(|e| e.to_string())?;
        let (applied, ms) = time(|| eng.apply(&open));
        applied.map_err(|e| e.to_string())?;
        global.push(ms);
        eng.apply(&close).map_err(|e| e.to_string())?;
    }
    let (local_edit_ms, global_edit_ms) = (Some(median(local)), Some(median(global)));
    drop(eng);
    // Peak memory of our engine, read before the Cedar baseline builds its own entity store.
    let peak = peak_mb();
    let cedar = cedar_baseline(&text, cells.min(20_000))?;
    let per_cell_ns = full_matrix_ms * 1e6 / cells as f64;
    let report = json!({
        "tier": tier.to_ascii_uppercase(),
        "users": n_users,
        "records": n_records,
        "cells": cells,
        "parse_validate_ms": median(parse),
        "full_matrix_ms": full_matrix_ms,
        "reference_per_cell_ns": reference_per_cell_ns,
        "reference_rows_sampled": sample_rows,
        "packed_matrix_mb": packed_mb,
        "per_cell_ns": per_cell_ns,
        "explain_ms": explain_ms,
        "explain_worst_ms": explain_worst_ms,
        "explain_heavy_cells": heavy,
        "local_edit_ms": local_edit_ms,
        "local_edit_rows_recomputed": local_rows,
        "global_edit_ms": global_edit_ms,
        "peak_mb": peak,
        "cedar_ratio_per_cell": cedar.as_ref().map(|c| c.0),
        "cedar_request_ns": cedar.as_ref().map(|c| c.1),
        "cedar_subset_per_cell_ns": cedar.as_ref().map(|c| c.2),
        "cedar_pairs_agreeing": cedar.as_ref().map(|c| format!("{} of {}", c.3, c.4)),
        "engine": "set-based (bit planes of users per record, 2 bits per cell) with in-place patched edits"
    });
    if as_json {
        return Ok(report.to_string() + "\n");
    }
    let fmt = |v: &serde_json::Value, unit: &str| match v.as_f64() {
        Some(x) => format!("{x:.2} {unit}"),
        None => "not measured".to_string(),
    };
    Ok(format!(
        "tier {} ({} users x {} records = {} cells)\n  parse + validate   {}\n  full matrix        {} (per-pair reference: {:.0} ns per cell on {} case rows)\n  per cell           {}\n  one explanation    {} median of 21 spread cells; worst {}\n{}  local edit         {}\n  global edit        {}\n  peak memory        {}\n  Cedar ratio        {}\n",
        report["tier"].as_str().unwrap_or(""),
        n_users,
        n_records,
        cells,
        fmt(&report["parse_validate_ms"], "ms"),
        fmt(&report["full_matrix_ms"], "ms"),
        reference_per_cell_ns,
        sample_rows,
        fmt(&report["per_cell_ns"], "ns"),
        fmt(&report["explain_ms"], "ms"),
        fmt(&report["explain_worst_ms"], "ms (heavy cells of the biggest account:)"),
        heavy
            .iter()
            .map(|h| format!(
                "    {:<56} {:>10.2} ms  {} ({} reasons)\n",
                h["cell"].as_str().unwrap_or(""),
                h["ms"].as_f64().unwrap_or(0.0),
                h["level"].as_str().unwrap_or(""),
                h["reasons"]
            ))
            .collect::<String>(),
        fmt(&report["local_edit_ms"], &format!("ms (a manual share on one case: checked, patched in, {local_rows} rows recomputed)")),
        fmt(&report["global_edit_ms"], "ms (the case org-wide default: every case, account and contact row recomputed)"),
        fmt(&report["peak_mb"], "MB"),
        match &cedar {
            Some((ratio, req, ours, agree, pairs)) => format!(
                "{ratio:.0}x per cell (Cedar {req:.0} ns per request, ours {ours:.2} ns per cell on the same subset; {agree} of {pairs} sampled pairs agree)"
            ),
            None => "not measured (build with --features cedar)".to_string(),
        },
    ))
}
