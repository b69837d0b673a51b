//! `access-sim check FILE...`: every expectation of every scenario, as text, TAP or JUnit XML
//! for CI systems. Exit 0 when all hold, 1 when one fails, 2 when a file can't be loaded.

use std::path::PathBuf;

use access_sim::engine::expectations::{check, ExpectationResult};
use access_sim::engine::{self, fast};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Tap,
    Junit,
}

/// One file's results, or why it could not be checked.
struct Checked {
    file: String,
    results: Result<Vec<ExpectationResult>, String>,
}

/// The report and the exit code.
pub fn run(files: &[PathBuf], format: CheckFormat) -> (String, u8) {
    let checked: Vec<Checked> = files
        .iter()
        .map(|f| Checked {
            file: f.display().to_string(),
            results: std::fs::read_to_string(f)
                .map_err(|e| format!("can't read the file: {e}"))
                .and_then(|text| {
                    engine::load(&text).map_err(|e| {
                        e.problems()
                            .iter()
                            .map(|p| p.to_string())
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                })
                .map(|ix| check(&ix, &fast::matrix(&ix))),
        })
        .collect();
    let invalid = checked.iter().any(|c| c.results.is_err());
    let failed = checked.iter().any(|c| {
        c.results
            .as_ref()
            .is_ok_and(|r| r.iter().any(|x| !x.passed))
    });
    let out = match format {
        CheckFormat::Text => text(&checked),
        CheckFormat::Tap => tap(&checked),
        CheckFormat::Junit => junit(&checked),
    };
    (
        out,
        if invalid {
            2
        } else if failed {
            1
        } else {
            0
        },
    )
}

fn failure_lines(r: &ExpectationResult) -> Vec<String> {
    let mut lines: Vec<String> = r
        .failing
        .iter()
        .map(|c| {
            format!(
                "{} on {} '{}': {} ({})",
                c.user_name,
                c.record,
                c.record_name,
                c.actual.label(),
                c.explanation
            )
        })
        .collect();
    if r.failures > r.failing.len() {
        lines.push(format!(
            "... {} more failing cells",
            r.failures - r.failing.len()
        ));
    }
    lines
}

fn text(checked: &[Checked]) -> String {
    let mut out = String::new();
    for c in checked {
        match &c.results {
            Err(e) => out.push_str(&format!("{}: invalid\n{e}\n", c.file)),
            Ok(results) => {
                let failed = results.iter().filter(|r| !r.passed).count();
                out.push_str(&format!(
                    "{}: {} expectations, {} passed, {failed} failed\n",
                    c.file,
                    results.len(),
                    results.len() - failed
                ));
                for r in results {
                    let mark = if r.passed { "ok  " } else { "FAIL" };
                    out.push_str(&format!("  {mark} #{} {}", r.index + 1, r.text));
                    if let Some(why) = &r.why {
                        out.push_str(&format!(" ({why})"));
                    }
                    if r.cells == 0 {
                        out.push_str(" [covers no cell]");
                    }
                    out.push('\n');
                    for line in failure_lines(r) {
                        out.push_str(&format!("       {line}\n"));
                    }
                }
            }
        }
    }
    out
}

fn tap(checked: &[Checked]) -> String {
    let mut lines = Vec::new();
    let mut n = 0;
    for c in checked {
        match &c.results {
            Err(e) => {
                n += 1;
                lines.push(format!("not ok {n} - {}: invalid scenario", c.file));
                lines.extend(e.lines().map(|l| format!("  # {l}")));
            }
            Ok(results) => {
                for r in results {
                    n += 1;
                    let ok = if r.passed { "ok" } else { "not ok" };
                    lines.push(format!("{ok} {n} - {}: {}", c.file, r.text));
                    if !r.passed {
                        lines.push("  ---".into());
                        lines.push(format!("  failures: {}", r.failures));
                        lines.extend(failure_lines(r).iter().map(|l| format!("  # {l}")));
                        lines.push("  ...".into());
                    }
                }
            }
        }
    }
    format!("TAP version 13\n1..{n}\n{}\n", lines.join("\n"))
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn junit(checked: &[Checked]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for c in checked {
        let file = xml(&c.file);
        match &c.results {
            Err(e) => out.push_str(&format!(
                "  <testsuite name=\"{file}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase classname=\"{file}\" name=\"load\">\n      <error message=\"invalid scenario\">{}</error>\n    </testcase>\n  </testsuite>\n",
                xml(e)
            )),
            Ok(results) => {
                let failures = results.iter().filter(|r| !r.passed).count();
                out.push_str(&format!(
                    "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
                    results.len()
                ));
                for r in results {
                    let name = xml(&format!("#{} {}", r.index + 1, r.text));
                    if r.passed {
                        out.push_str(&format!("    <testcase classname=\"{file}\" name=\"{name}\"/>\n"));
                    } else {
                        out.push_str(&format!(
                            "    <testcase classname=\"{file}\" name=\"{name}\">\n      <failure message=\"{} failing cells\">{}</failure>\n    </testcase>\n",
                            r.failures,
                            xml(&failure_lines(r).join("\n"))
                        ));
                    }
                }
                out.push_str("  </testsuite>\n");
            }
        }
    }
    out.push_str("</testsuites>\n");
    out
}
