//! `access-sim import salesforce DIR|ZIP [-o FILE] [--report FILE]`: reads the files (the
//! importer's core never touches the file system), writes the scenario and the report, and
//! prints a short summary on standard error.

use std::path::{Path, PathBuf};

use access_sim::import::{self, SourceFile};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum From {
    /// A Salesforce org's metadata: an SFDX source folder (force-app/main/default, or any
    /// folder holding roles/, groups/, sharingRules/ ...), a retrieved package folder, or a .zip
    /// of either.
    Salesforce {
        path: PathBuf,
        /// Write the scenario here (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write the JSON report here: per metadata type, found / imported / skipped with why.
        #[arg(long)]
        report: Option<PathBuf>,
    },
}

pub fn run(from: From) -> Result<String, String> {
    let From::Salesforce {
        path,
        output,
        report,
    } = from;
    let files = read_input(&path)?;
    let imported = import::import_salesforce(&files).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        lines.join("\n")
    })?;
    let scenario =
        serde_json::to_string_pretty(&imported.scenario).map_err(|e| e.to_string())? + "\n";
    if let Some(r) = report {
        let text = serde_json::to_string_pretty(&imported.report).map_err(|e| e.to_string())?;
        std::fs::write(&r, text + "\n").map_err(|e| format!("{}: {e}", r.display()))?;
    }
    eprint!("{}", imported.report.summary());
    match output {
        Some(o) => {
            std::fs::write(&o, scenario).map_err(|e| format!("{}: {e}", o.display()))?;
            eprintln!("wrote {}", o.display());
            Ok(String::new())
        }
        None => Ok(scenario),
    }
}

/// Every file under a folder (paths relative to it), or a zip's entries.
fn read_input(path: &Path) -> Result<Vec<SourceFile>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.is_file() {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        return import::unzip(&path.display().to_string(), &bytes).map_err(|e| e.to_string());
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let p = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Tool state (.sfdx, .git) and dependencies hold no org metadata.
            if name.starts_with('.') || name == "node_modules" {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                let rel = p
                    .strip_prefix(path)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, bytes));
            }
        }
    }
    Ok(out)
}
