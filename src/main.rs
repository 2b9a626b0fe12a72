//! The `xmpp-invites` binary: command line, logging, signals. Everything
//! else lives in the library.
#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tokio::sync::watch;
use xmpp_invites::config::{SECRET_ENV, Settings};

/// Invite-based onboarding for any XMPP server (an XEP-0114 component).
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Connect to the XMPP server and serve invites until SIGTERM/SIGINT.
    Run {
        /// Configuration file (TOML); see config.example.toml.
        #[arg(long, short, env = "XMPP_INVITES_CONFIG")]
        config: PathBuf,
    },
    /// Validate a configuration file and print the effective settings.
    CheckConfig {
        /// Configuration file (TOML); see config.example.toml.
        #[arg(long, short, env = "XMPP_INVITES_CONFIG")]
        config: PathBuf,
    },
    /// Manage invites on the database (also while the service runs).
    Invite {
        /// Configuration file (TOML); see config.example.toml.
        #[arg(long, short, env = "XMPP_INVITES_CONFIG")]
        config: PathBuf,
        #[command(flatten)]
        args: xmpp_invites::cli::InviteArgs,
    },
    /// Delete invites that ended more than `purge_after` ago, now.
    Purge {
        /// Configuration file (TOML); see config.example.toml.
        #[arg(long, short, env = "XMPP_INVITES_CONFIG")]
        config: PathBuf,
    },
    /// Check, step by step, what the server needs (handshake, privileges,
    /// account creation, server module, database), printing the exact
    /// configuration to add for each failure; exits 1 if something needed
    /// is missing. Creates nothing on the server.
    Doctor {
        /// Configuration file (TOML); see config.example.toml.
        #[arg(long, short, env = "XMPP_INVITES_CONFIG")]
        config: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Copy the database to PATH (a new file) while the service runs.
    Backup {
        /// Configuration file (TOML); names the database.
        #[arg(long, short, env = "XMPP_INVITES_CONFIG")]
        config: PathBuf,
        /// Where to write the copy; must not exist yet.
        path: PathBuf,
    },
}

fn load(path: &Path) -> Result<Settings, ExitCode> {
    Settings::load(path, std::env::var(SECRET_ENV).ok()).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::CheckConfig { config } => match load(&config) {
            Ok(s) => {
                print!("{}", s.describe());
                ExitCode::SUCCESS
            }
            Err(code) => code,
        },
        Command::Invite { config, args } => match load(&config) {
            Ok(s) => xmpp_invites::cli::invite(s, args),
            Err(code) => code,
        },
        Command::Purge { config } => match load(&config) {
            Ok(s) => xmpp_invites::cli::purge(s),
            Err(code) => code,
        },
        Command::Doctor { config, json } => match load(&config) {
            Ok(s) => doctor(&s, json),
            Err(code) => code,
        },
        // The backup never connects: a placeholder secret stands in, so a
        // secret file it need not (or, as root under systemd's
        // LoadCredential, cannot while the service is stopped) read is not
        // required.
        Command::Backup { config, path } => match Settings::load(&config, Some("unused".into()))
            .map_err(|e| {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }) {
            Ok(s) => match xmpp_invites::ops::backup::run(&s, &path) {
                Ok(report) => {
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            },
            Err(code) => code,
        },
        Command::Run { config } => {
            let settings = match load(&config) {
                Ok(s) => s,
                Err(code) => return code,
            };
            init_logging();
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: cannot start the async runtime: {e}");
                    return ExitCode::FAILURE;
                }
            };
            match runtime.block_on(serve(settings)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    tracing::error!("{e:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Targets that log raw XML (whole stanzas, and with them add-user
/// passwords and invite tokens) at debug or trace level, or could: the
/// XMPP stack and what sits under it. Never more verbose than `info`,
/// whatever `XMPP_INVITES_LOG` says.
const WIRE_TARGETS: &[&str] = &[
    "tokio_xmpp",
    "xmpp_parsers",
    "minidom",
    "xso",
    "rxml",
    "jid",
    "sasl",
    "rustls",
    "tokio_rustls",
    "hickory_proto",
    "hickory_resolver",
];

/// The user's filter (`XMPP_INVITES_LOG`, default `info`) with every wire
/// target set to `info` after it: a directive added later replaces the
/// user's directive for the same target.
fn user_filter(spec: Option<&str>) -> tracing_subscriber::EnvFilter {
    use tracing_subscriber::EnvFilter;
    let mut filter = spec
        .and_then(|s| match EnvFilter::try_new(s) {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("warning: ignoring XMPP_INVITES_LOG ({e}); logging at info");
                None
            }
        })
        .unwrap_or_else(|| EnvFilter::new("info"));
    for target in WIRE_TARGETS {
        filter = filter.add_directive(
            format!("{target}=info")
                .parse()
                .expect("a static target and level"),
        );
    }
    filter
}

/// A cap on the wire targets that does not depend on directive precedence:
/// the user's `tokio_xmpp::xmlstream=trace` is more specific than our
/// `tokio_xmpp=info` and would win inside one `EnvFilter`, but an event
/// must pass this filter too.
fn wire_cap() -> tracing_subscriber::filter::Targets {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    WIRE_TARGETS.iter().fold(
        Targets::new().with_default(LevelFilter::TRACE),
        |t, target| t.with_target(*target, LevelFilter::INFO),
    )
}

/// How log lines are written (`XMPP_INVITES_LOG_FORMAT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LogFormat {
    /// For people: one line of text per event (the default).
    Text,
    /// For log shippers: one JSON object per line, the event's fields at
    /// the top level next to `timestamp`, `level`, `target`, `message`.
    Json,
}

impl LogFormat {
    fn from_env(value: Option<&str>) -> LogFormat {
        match value.map(str::trim) {
            None | Some("") | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                eprintln!(
                    "warning: XMPP_INVITES_LOG_FORMAT={other:?} is neither \"text\" nor \"json\"; logging text"
                );
                LogFormat::Text
            }
        }
    }
}

/// The subscriber the binary logs through, writing to `writer`.
fn subscriber<W>(
    spec: Option<&str>,
    writer: W,
    ansi: bool,
    format: LogFormat,
) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    use tracing_subscriber::Layer;
    use tracing_subscriber::filter::FilterExt;
    use tracing_subscriber::layer::SubscriberExt;
    let layer = tracing_subscriber::fmt::layer().with_writer(writer);
    let layer = match format {
        LogFormat::Text => layer.with_ansi(ansi).boxed(),
        LogFormat::Json => layer
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .boxed(),
    };
    tracing_subscriber::registry().with(layer.with_filter(user_filter(spec).and(wire_cap())))
}

fn init_logging() {
    use std::io::IsTerminal;
    use tracing_subscriber::util::SubscriberInitExt;
    let spec = std::env::var("XMPP_INVITES_LOG").ok();
    let format = LogFormat::from_env(std::env::var("XMPP_INVITES_LOG_FORMAT").ok().as_deref());
    // `init` also routes the `log` crate (which tokio-xmpp uses) through
    // the same filters.
    subscriber(
        spec.as_deref(),
        std::io::stderr,
        std::io::stderr().is_terminal(),
        format,
    )
    .init();
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let (stop, stopped) = watch::channel(false);
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down");
        let _ = stop.send(true);
    });
    // Installed before anything runs: SIGHUP's default action ends the
    // process. One pending reload is enough; more sent meanwhile coalesce.
    let (reload, reloads) = tokio::sync::mpsc::channel(1);
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()) {
        Ok(mut hup) => {
            tokio::spawn(async move {
                while hup.recv().await.is_some() {
                    tracing::info!("SIGHUP: reloading the configuration");
                    let _ = reload.try_send(());
                }
            });
        }
        Err(e) => tracing::warn!(error = %e, "cannot handle SIGHUP: reloading is unavailable"),
    }
    xmpp_invites::app::run(settings, stopped, reloads).await
}

async fn wait_for_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => {
            // Without signal handlers, ctrl-c is still better than nothing.
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

fn doctor(settings: &Settings, json: bool) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = rt.block_on(xmpp_invites::doctor::run(settings));
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", report.human());
    }
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Collects what the subscriber writes.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn logged(spec: &str) -> String {
        let out = Captured::default();
        let writer = out.clone();
        let sub = subscriber(Some(spec), move || writer.clone(), false, LogFormat::Text);
        tracing::subscriber::with_default(sub, || {
            // What tokio-xmpp logs for every stanza it sends or receives.
            tracing::trace!(target: "tokio_xmpp::xmlstream::common", "SEND: <value>wire-trace-secret</value>");
            tracing::debug!(target: "tokio_xmpp", "wire-debug-secret");
            tracing::debug!(target: "xmpp_parsers::message", "parsers-debug-secret");
            tracing::trace!(target: "minidom", "minidom-trace-secret");
            tracing::info!(target: "tokio_xmpp", "wire-info-shown");
            tracing::trace!(target: "xmpp_invites::xmpp::link", "own-trace-shown");
        });
        String::from_utf8(out.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn wire_targets_stay_at_info_whatever_the_user_asks() {
        for spec in [
            "trace",
            "tokio_xmpp=trace,xmpp_parsers=trace,minidom=trace,trace",
            "trace,tokio_xmpp::xmlstream=trace,tokio_xmpp::xmlstream::common=trace,xmpp_parsers::message=trace",
            "xmpp_invites=trace,tokio_xmpp[{x}]=trace",
        ] {
            let log = logged(spec);
            assert!(!log.contains("secret"), "{spec}: {log}");
            assert!(log.contains("wire-info-shown"), "{spec}: {log}");
            assert!(log.contains("own-trace-shown"), "{spec}: {log}");
        }
    }

    #[test]
    fn a_later_directive_replaces_the_users_for_the_same_target() {
        // The EnvFilter alone already caps a same-target directive; the
        // Targets cap covers the more specific ones.
        let f = user_filter(Some("trace,tokio_xmpp=trace")).to_string();
        assert!(f.contains("tokio_xmpp=info"), "{f}");
        assert!(!f.contains("tokio_xmpp=trace"), "{f}");
        let cap = wire_cap();
        assert!(!cap.would_enable("tokio_xmpp::xmlstream::common", &tracing::Level::DEBUG));
        assert!(cap.would_enable("tokio_xmpp::xmlstream::common", &tracing::Level::INFO));
        assert!(cap.would_enable("xmpp_invites", &tracing::Level::TRACE));
    }

    #[test]
    fn json_lines_parse_and_carry_the_fields_at_the_top_level() {
        let out = Captured::default();
        let writer = out.clone();
        let sub = subscriber(Some("info"), move || writer.clone(), false, LogFormat::Json);
        tracing::subscriber::with_default(sub, || {
            tracing::info!(target: "xmpp_invites::audit", action = "redeem", invite = 7, "invite redeemed");
            tracing::warn!("a \"quoted\" line\nwith a break");
            tracing::debug!(target: "tokio_xmpp", "wire-debug-secret");
        });
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
            .collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(lines[0]["action"], "redeem");
        assert_eq!(lines[0]["invite"], 7);
        assert_eq!(lines[0]["message"], "invite redeemed");
        assert_eq!(lines[0]["target"], "xmpp_invites::audit");
        assert_eq!(lines[1]["level"], "WARN");
        assert!(!text.contains("secret"));
    }

    #[test]
    fn the_log_format_comes_from_the_environment() {
        assert_eq!(LogFormat::from_env(None), LogFormat::Text);
        assert_eq!(LogFormat::from_env(Some("text")), LogFormat::Text);
        assert_eq!(LogFormat::from_env(Some("json")), LogFormat::Json);
        assert_eq!(LogFormat::from_env(Some("yaml")), LogFormat::Text);
    }

    #[test]
    fn a_bad_filter_falls_back_to_info() {
        let log = logged("tokio_xmpp=loud");
        assert!(log.contains("wire-info-shown"));
        assert!(!log.contains("own-trace-shown"));
    }
}
