//! `access-sim export salesforce SCENARIO DIR [--report FILE] [--force]`: checks the scenario,
//! hands it to `access_sim::export`, writes the files under DIR, and says on standard error
//! what Salesforce metadata could not carry.

use std::path::PathBuf;

use access_sim::export::export_salesforce;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum To {
    /// Salesforce DX source: DIR/sfdx-project.json and DIR/force-app/main/default/... (roles,
    /// groups, queues, objects, profiles, permission sets, sharing rules, sharing sets, the
    /// Sharing settings), deployable with `sf project deploy start`.
    Salesforce {
        file: PathBuf,
        dir: PathBuf,
        /// Write the JSON report here: what was not exported and why, and the ids that change.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Write into DIR even when it already holds files.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(to: To) -> Result<String, String> {
    let To::Salesforce {
        file,
        dir,
        report,
        force,
    } = to;
    let scenario = super::populate::read_scenario(&file)?;
    if !force {
        if let Ok(mut entries) = std::fs::read_dir(&dir) {
            if entries.next().is_some() {
                return Err(format!(
                    "{}: the folder is not empty (give --force to write into it anyway)",
                    dir.display()
                ));
            }
        }
    }
    let out = export_salesforce(&scenario);
    for (path, bytes) in &out.files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&target, bytes).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    if let Some(r) = report {
        let text = serde_json::to_string_pretty(&out.report).map_err(|e| e.to_string())?;
        std::fs::write(&r, text + "\n").map_err(|e| format!("{}: {e}", r.display()))?;
    }
    eprint!("{}", out.report.summary());
    eprintln!("wrote {} files under {}", out.files.len(), dir.display());
    Ok(String::new())
}
