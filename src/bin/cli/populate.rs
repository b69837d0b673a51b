//! `access-sim populate SCENARIO --users-per-role N --records-per-object M --seed S [-o FILE]`:
//! reads and checks the scenario, hands it to `access_sim::populate`, writes the result.

use std::path::{Path, PathBuf};

use access_sim::engine;
use access_sim::engine::Scenario;
use access_sim::populate::{populate, Options};

/// A scenario file, parsed and validated; every problem is named with the file and JSON path.
pub fn read_scenario(file: &Path) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("{}: can't read the file: {e}", file.display()))?;
    let problems = |e: engine::LoadError| {
        let lines: Vec<String> = e
            .problems()
            .iter()
            .map(|p| format!("{}: {}", file.display(), p))
            .collect();
        lines.join("\n")
    };
    let scenario = engine::parse(&text).map_err(problems)?;
    engine::validate(scenario.clone()).map_err(problems)?;
    Ok(scenario)
}

pub fn run(file: &Path, opt: Options, output: Option<&PathBuf>) -> Result<String, String> {
    let design = read_scenario(file)?;
    let p = populate(&design, &opt).map_err(|e| format!("{}: {e}", file.display()))?;
    for n in &p.notes {
        eprintln!("note: {n}");
    }
    eprintln!(
        "added {} users and {} records (seed {})",
        p.users_added, p.records_added, opt.seed
    );
    let text = serde_json::to_string_pretty(&p.scenario).map_err(|e| e.to_string())? + "\n";
    match output {
        Some(o) => {
            std::fs::write(o, text).map_err(|e| format!("{}: {e}", o.display()))?;
            eprintln!("wrote {}", o.display());
            Ok(String::new())
        }
        None => Ok(text),
    }
}
