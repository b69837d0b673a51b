//! The native command line over the engine: validate a scenario, print its access matrix, or
//! explain one cell. Exit 0 on success, 1 on invalid input (with the JSON path at fault).

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use access_sim::engine::actions::{act, Action, Outcome};
    use access_sim::engine::config_rights::config_matrix;
    use access_sim::engine::matrix_out::{write_matrix, RowFormat};
    use access_sim::engine::scenario::ConfigArea;
    use access_sim::engine::{self, Index, ObjectKind};
    use clap::{Parser, Subcommand, ValueEnum};
    use std::io::Write;

    #[derive(Parser)]
    #[command(
        name = "access-sim",
        version,
        about = "Who can read or edit each CRM record, and why"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
        /// The largest scenario file read, in MiB (default 64; a 10,000-user x 1,000,000-case
        /// org is about 100 MiB).
        #[arg(long, global = true, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..=4096))]
        max_input_mb: Option<u64>,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Format {
        Table,
        Json,
    }

    /// `matrix` also writes JSON Lines (one record per line) for pipelines.
    #[derive(Clone, Copy, ValueEnum)]
    enum MatrixFormat {
        Table,
        Json,
        Jsonl,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Check a scenario file and list every problem with its JSON path.
        Validate { file: PathBuf },
        /// Print the access matrix: records in rows, users in columns.
        Matrix {
            file: PathBuf,
            /// Only records of this object: account, contact, case, opportunity, lead, asset,
            /// sold_product, account_child, or a custom object's API name (Invoice__c).
            #[arg(long)]
            object: Option<String>,
            /// table, json, or jsonl (a `{"users": [...]}` line, then one record per line).
            /// Rows are written as they are read from the packed matrix, so any size streams.
            #[arg(long, value_enum, default_value = "table")]
            format: MatrixFormat,
        },
        /// Explain one user's access to one record.
        Explain {
            file: PathBuf,
            #[arg(long)]
            user: String,
            #[arg(long)]
            record: String,
            #[arg(long, value_enum, default_value = "table")]
            format: Format,
        },
        /// Print the configuration-rights matrix: users x configuration areas.
        Config {
            file: PathBuf,
            #[arg(long, value_enum, default_value = "table")]
            format: Format,
        },
        /// Try an admin action as a user: allowed (with the access it changes) or refused
        /// (with the rule). The action is a kind plus flags, or JSON (`--action-file`).
        Act {
            file: PathBuf,
            /// The acting user's id.
            #[arg(long = "as")]
            actor: String,
            /// disable-user, enable-user, change-profile, change-role,
            /// reassign-success-manager (add-user needs --action-file).
            #[arg(long, conflicts_with = "action_file")]
            action: Option<String>,
            /// A JSON file holding one action, e.g. {"action": "disable_user", "user": "carla"}.
            #[arg(long)]
            action_file: Option<PathBuf>,
            #[arg(long)]
            user: Option<String>,
            #[arg(long)]
            profile: Option<String>,
            #[arg(long)]
            role: Option<String>,
            #[arg(long)]
            account: Option<String>,
            /// The new Customer Success Manager (leave out to unassign).
            #[arg(long)]
            success_manager: Option<String>,
            /// Write the resulting scenario here when the action is allowed.
            #[arg(long)]
            write: Option<PathBuf>,
            #[arg(long, value_enum, default_value = "table")]
            format: Format,
        },
        /// Write a generated, valid scenario (deterministic for a seed) to standard output.
        Generate {
            #[arg(long, default_value_t = 200)]
            users: usize,
            #[arg(long, default_value_t = 10_000)]
            cases: usize,
            #[arg(long, default_value_t = 1)]
            seed: u64,
        },
        /// Measure the engine on a generated scenario: S (20 x 100), M (200 x 10,000) or
        /// L (2,000 x 100,000); `deep`: hostile shapes (100,000-deep role and account chains, a
        /// 100,000-role cycle, groups nested 100,000 deep, a 60-level group diamond).
        Bench {
            #[arg(long, default_value = "S")]
            tier: String,
            #[arg(long)]
            json: bool,
            /// Time `import salesforce` on a synthetic org of 4,000 roles, 500 groups, 500
            /// queues, 300 sharing-rule files and 400 objects, and validating the result.
            #[arg(long)]
            import: bool,
        },
        /// Check every expectation of each scenario: exit 0 when all hold, 1 when one fails, 2
        /// when a file can't be loaded. Each failure names the actual level and its reasons.
        Check {
            #[arg(required = true)]
            files: Vec<PathBuf>,
            #[arg(long, value_enum, default_value = "text")]
            format: super::check::CheckFormat,
        },
        /// Design warnings with the Salesforce guidance they come from (data skew, deep
        /// hierarchies, open external defaults, rules that grant nothing ...).
        Lint {
            file: PathBuf,
            #[arg(long, value_enum, default_value = "table")]
            format: Format,
            /// Exit 1 when there is any warning.
            #[arg(long)]
            strict: bool,
        },
        /// Fill a design with no data (an imported org) with deterministic synthetic users and
        /// records: users per role, profile and licence (portal users on contacts), records of
        /// every object, custom records with their masters and lookups.
        Populate {
            file: PathBuf,
            #[arg(long, default_value_t = 2)]
            users_per_role: usize,
            #[arg(long, default_value_t = 10)]
            records_per_object: usize,
            #[arg(long, default_value_t = 1)]
            seed: u64,
            /// Write the scenario here (default: standard output).
            #[arg(short, long)]
            output: Option<PathBuf>,
        },
        /// Export a scenario's sharing design in a CRM's own format (see
        /// docs/import-salesforce.md); what the format can't carry is reported.
        #[command(subcommand)]
        Export(super::export::To),
        /// Import an org's configuration as a scenario (see docs/import-salesforce.md).
        #[command(subcommand)]
        Import(super::import::From),
        /// Print the JSON Schema of the scenario format.
        Schema,
        /// Print one JSON Schema of every type the JS API passes (for TypeScript generation).
        ApiSchema,
    }

    /// The lint report and how many warnings it holds.
    fn lint(file: &PathBuf, format: Format) -> Result<(String, usize), String> {
        let ix = load(file)?;
        let warnings = engine::lint::lint(&ix);
        let text = match format {
            Format::Json => {
                serde_json::to_string_pretty(&warnings).map_err(|e| e.to_string())? + "\n"
            }
            Format::Table if warnings.is_empty() => {
                format!("{}: no design warnings\n", file.display())
            }
            Format::Table => {
                let mut out = format!("{}: {} design warnings\n", file.display(), warnings.len());
                for w in &warnings {
                    out.push_str(&format!(
                        "  {} [{}] {}\n    ({})\n",
                        w.path, w.rule, w.message, w.reference
                    ));
                }
                out
            }
        };
        Ok((text, warnings.len()))
    }

    fn load(file: &PathBuf) -> Result<Index, String> {
        // A file over the limit is refused before it is read into memory.
        let limit = engine::validate::input_limit();
        if let Ok(meta) = std::fs::metadata(file) {
            if meta.len() > limit as u64 {
                return Err(format!(
                    "{}: $: the file is {} bytes; the limit is {limit} bytes (raise it with --max-input-mb)",
                    file.display(),
                    meta.len()
                ));
            }
        }
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("{}: can't read the file: {e}", file.display()))?;
        engine::load(&text).map_err(|e| {
            let lines: Vec<String> = e
                .problems()
                .iter()
                .map(|p| format!("{}: {}", file.display(), p))
                .collect();
            lines.join("\n")
        })
    }

    fn run(cli: Cli) -> Result<String, String> {
        match cli.command {
            Command::Validate { file } => {
                let ix = load(&file)?;
                Ok(format!(
                    "{}: valid ({} users, {} records)\n",
                    file.display(),
                    ix.users.len(),
                    ix.records.len()
                ))
            }
            Command::Matrix {
                file,
                object,
                format,
            } => {
                let ix = load(&file)?;
                let known: Vec<&str> = ix.objects().into_iter().map(|o| o.key()).collect();
                let object = match object {
                    Some(o) => Some(
                        ObjectKind::parse(&o)
                            .filter(|k| ix.objects().contains(k))
                            .ok_or_else(|| {
                                format!("--object: unknown object '{o}' ({})", known.join(", "))
                            })?,
                    ),
                    None => None,
                };
                let m = engine::fast::matrix(&ix);
                let format = match format {
                    MatrixFormat::Table => RowFormat::Table,
                    MatrixFormat::Json => RowFormat::Json,
                    MatrixFormat::Jsonl => RowFormat::Jsonl,
                };
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::new(stdout.lock());
                match write_matrix(&ix, &m, object, format, &mut out).and_then(|_| out.flush()) {
                    // A reader that stops early (`| head`) is not an error.
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        Err(format!("writing the matrix: {e}"))
                    }
                    _ => Ok(String::new()),
                }
            }
            Command::Explain {
                file,
                user,
                record,
                format,
            } => {
                let ix = load(&file)?;
                let u = ix
                    .find_user(&user)
                    .ok_or_else(|| format!("--user: no user has the id '{user}'"))?;
                let r = ix
                    .find_record(&record)
                    .ok_or_else(|| format!("--record: no record has the id '{record}'"))?;
                // With the matrix computed once, the suggestion is checked against it (and at
                // org scale through the incremental engine).
                let m = engine::fast::matrix(&ix);
                let e = engine::explain::explain_in(&ix, &m, u, r);
                Ok(match format {
                    Format::Json => {
                        serde_json::to_string_pretty(&e).map_err(|e| e.to_string())? + "\n"
                    }
                    Format::Table => e.to_text(),
                })
            }
            Command::Config { file, format } => {
                let ix = load(&file)?;
                let rows = config_matrix(&ix);
                Ok(match format {
                    Format::Json => {
                        serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())? + "\n"
                    }
                    Format::Table => {
                        let w = rows
                            .iter()
                            .map(|r| r.id.chars().count())
                            .max()
                            .unwrap_or(4)
                            .max(4);
                        let mut out = format!("{:<w$}", "user");
                        for a in ConfigArea::ALL {
                            out.push_str(&format!("  {}", a.key()));
                        }
                        out.push('\n');
                        for r in &rows {
                            out.push_str(&format!("{:<w$}", r.id));
                            for a in ConfigArea::ALL {
                                let yes = r.areas[a.key()].allowed;
                                let width = a.key().len();
                                out.push_str(&format!(
                                    "  {:<width$}",
                                    if yes { "yes" } else { "-" }
                                ));
                            }
                            out.push('\n');
                        }
                        out
                    }
                })
            }
            Command::Act {
                file,
                actor,
                action,
                action_file,
                user,
                profile,
                role,
                account,
                success_manager,
                write,
                format,
            } => {
                let ix = load(&file)?;
                let action = match (action, action_file) {
                    (_, Some(path)) => {
                        let text = std::fs::read_to_string(&path)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                        serde_json::from_str::<Action>(&text)
                            .map_err(|e| format!("{}: {e}", path.display()))?
                    }
                    (Some(kind), None) => {
                        let need = |v: Option<String>, flag: &str| {
                            v.ok_or_else(|| format!("--action {kind} needs --{flag}"))
                        };
                        match kind.as_str() {
                            "disable-user" => Action::DisableUser {
                                user: need(user, "user")?,
                            },
                            "enable-user" => Action::EnableUser {
                                user: need(user, "user")?,
                            },
                            "change-profile" => Action::ChangeProfile {
                                user: need(user, "user")?,
                                profile: need(profile, "profile")?,
                            },
                            "change-role" => Action::ChangeRole {
                                user: need(user, "user")?,
                                role,
                            },
                            "reassign-success-manager" => Action::ReassignSuccessManager {
                                account: need(account, "account")?,
                                success_manager,
                            },
                            other => return Err(format!("--action: unknown action '{other}'")),
                        }
                    }
                    (None, None) => return Err("give --action KIND or --action-file FILE".into()),
                };
                let outcome = act(&ix, &actor, &action).map_err(|e| e.to_string())?;
                if let (Outcome::Allowed { scenario, .. }, Some(path)) = (&outcome, &write) {
                    let text = serde_json::to_string_pretty(scenario).map_err(|e| e.to_string())?;
                    std::fs::write(path, text + "\n")
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                }
                Ok(match format {
                    Format::Json => {
                        serde_json::to_string_pretty(&outcome).map_err(|e| e.to_string())? + "\n"
                    }
                    Format::Table => match &outcome {
                        Outcome::Refused { rule } => format!("refused: {rule}\n"),
                        Outcome::Allowed {
                            rule,
                            changes,
                            config_changes,
                            ..
                        } => {
                            let mut out =
                                format!("allowed: {rule}\n{} cells changed\n", changes.len());
                            for c in changes {
                                out.push_str(&format!(
                                    "  {} x {}: {} -> {}\n",
                                    c.record,
                                    c.user,
                                    c.before.key(),
                                    c.after.key()
                                ));
                            }
                            for c in config_changes {
                                out.push_str(&format!(
                                    "  {} {}: {} -> {}\n",
                                    c.user,
                                    c.area.key(),
                                    c.before,
                                    c.after
                                ));
                            }
                            out
                        }
                    },
                })
            }
            Command::Generate { users, cases, seed } => {
                let s = access_sim::generate::generate(users, cases, seed);
                Ok(serde_json::to_string(&s).map_err(|e| e.to_string())? + "\n")
            }
            Command::Bench {
                json, import: true, ..
            } => super::bench_import::run(json),
            Command::Bench { tier, json, .. } => super::bench::run(&tier, json),
            Command::Import(from) => super::import::run(from),
            Command::Export(to) => super::export::run(to),
            Command::Populate {
                file,
                users_per_role,
                records_per_object,
                seed,
                output,
            } => super::populate::run(
                &file,
                access_sim::populate::Options {
                    users_per_role,
                    records_per_object,
                    seed,
                },
                output.as_ref(),
            ),
            Command::Check { .. } | Command::Lint { .. } => unreachable!("handled in main"),
            Command::ApiSchema => Ok(serde_json::to_string_pretty(
                &access_sim::engine::queries::api_schema(),
            )
            .map_err(|e| e.to_string())?
                + "\n"),
            Command::Schema => Ok(serde_json::to_string_pretty(&engine::json_schema())
                .map_err(|e| e.to_string())?
                + "\n"),
        }
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        if let Some(mb) = cli.max_input_mb {
            engine::validate::set_input_limit(mb as usize * 1024 * 1024);
        }
        match &cli.command {
            Command::Check { files, format } => {
                let (text, code) = super::check::run(files, *format);
                print!("{text}");
                return ExitCode::from(code);
            }
            Command::Lint {
                file,
                format,
                strict,
            } => {
                return match lint(file, *format) {
                    Ok((text, warnings)) => {
                        print!("{text}");
                        ExitCode::from(u8::from(*strict && warnings > 0))
                    }
                    Err(msg) => {
                        eprintln!("{msg}");
                        ExitCode::from(2)
                    }
                };
            }
            _ => {}
        }
        match run(cli) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(msg) => {
                eprintln!("{msg}");
                ExitCode::FAILURE
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/bench.rs"]
mod bench;
#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/bench_import.rs"]
mod bench_import;
#[cfg(feature = "cedar")]
#[path = "cli/cedar.rs"]
mod cedar;
#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/check.rs"]
mod check;

#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/export.rs"]
mod export;
#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/import.rs"]
mod import;
#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/populate.rs"]
mod populate;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
