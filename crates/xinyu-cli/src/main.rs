//! `xinyu`, the command-line shell over xinyu-core: the vault's use cases, scriptable.
//! On any failure it prints one line `错误：…` on standard error and exits non-zero.

mod cli;
mod commands;
mod output;
mod secrets;
mod table;
mod unlock;
mod usage;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    init_logging();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage::report(&e),
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The outermost message only: core errors already read "中文 (English)".
            output::error_line(&e);
            ExitCode::FAILURE
        }
    }
}

/// Logs go to standard error, and only when `XINYU_LOG` (or `RUST_LOG`) asks for them, e.g.
/// `XINYU_LOG=debug` or `XINYU_LOG=xinyu_core=debug`. The core logs ids, never names or notes.
fn init_logging() {
    let Some(spec) = ["XINYU_LOG", "RUST_LOG"]
        .into_iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
    else {
        return;
    };
    let filter: tracing_subscriber::filter::Targets = spec.parse().unwrap_or_else(|_| {
        tracing_subscriber::filter::Targets::new()
            .with_default(tracing_subscriber::filter::LevelFilter::INFO)
    });
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::stderr().is_terminal())
                .with_target(true),
        )
        .with(filter)
        .try_init();
}
