//! Command-line mistakes as one line on standard error, in Chinese then English, instead of
//! clap's multi-line report; help and version still print as clap writes them.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::output;

/// Exit code for a command line that could not be read (as clap uses).
const USAGE: u8 = 2;

/// Print `e` (help, version, or a one-line mistake) and say how to exit.
pub fn report(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(USAGE)
        }
        _ => {
            output::error_line(one_line(e));
            ExitCode::from(USAGE)
        }
    }
}

fn one_line(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let valid = context(e, ContextKind::ValidValue);
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument if !arg.is_empty() => {
            format!("缺少参数 {arg} (missing {arg})")
        }
        ErrorKind::UnknownArgument if !arg.is_empty() => {
            format!("不认识的参数 {arg} (unknown argument {arg})")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand);
            format!("不认识的子命令 {sub} (unknown subcommand {sub})")
        }
        ErrorKind::MissingSubcommand => "缺少子命令 (a subcommand is required)".to_owned(),
        ErrorKind::InvalidValue if !valid.is_empty() => {
            format!("{arg} 只接受 {valid} ({arg} accepts {valid}; got '{value}')")
        }
        _ => clap_first_line(e),
    };
    format!("{what}；用 xinyu --help 查看用法 (see xinyu --help)")
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Clap's own first line, without its `error: ` prefix.
fn clap_first_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn mistake(args: &[&str]) -> String {
        let e = Cli::try_parse_from(args).expect_err("a mistake");
        one_line(&e)
    }

    #[test]
    fn a_missing_argument_is_named_on_one_line() {
        let line = mistake(&["xinyu", "student", "add", "--name", "李明"]);
        assert!(line.contains("缺少参数"), "{line}");
        assert!(line.contains("--student-no"), "{line}");
        assert!(!line.contains('\n'), "{line}");
    }

    #[test]
    fn a_wrong_role_lists_the_roles_there_are() {
        let line = mistake(&["xinyu", "user", "add", "--name", "王", "--role", "root"]);
        assert!(line.contains("counselor"), "{line}");
        assert!(line.contains("principal"), "{line}");
    }
}
