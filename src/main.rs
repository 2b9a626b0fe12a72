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

fn init_logging() {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_env("XMPP_INVITES_LOG")
        .unwrap_or_else(|_| "info".into())
        // tokio-xmpp logs whole stanzas at debug/trace level, and result
        // forms carry invite tokens: never let those through.
        .add_directive("tokio_xmpp=info".parse().expect("static directive"))
        .add_directive("xmpp_parsers=info".parse().expect("static directive"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let (stop, stopped) = watch::channel(false);
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down");
        let _ = stop.send(true);
    });
    xmpp_invites::app::run(settings, stopped).await
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
