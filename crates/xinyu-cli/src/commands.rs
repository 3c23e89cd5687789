//! The subcommands, a module per area, each a short use of xinyu-core's public API; `run`
//! dispatches the parsed command line to them.

mod account;
mod demo;
mod file;
mod init;
mod log;
mod mailbox;
mod rekey;
mod screening;
mod session;
mod student;
mod user;
mod verify;

use anyhow::Result;

use crate::cli::{
    CampaignCommand, Cli, Command, FileCommand, GroupCommand, MailboxCommand, ScreeningCommand,
    SessionCommand, StudentCommand, UserCommand,
};

/// Run the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let global = &cli.global;
    match &cli.command {
        Command::Init(args) => init::run(global, args),
        Command::User(UserCommand::Add(args)) => user::add(global, args),
        Command::User(UserCommand::List(args)) => user::list(global, args.json),
        Command::User(UserCommand::Approve(args)) => user::approve(global, args),
        Command::User(UserCommand::Disable(args)) => user::disable(global, args, false),
        Command::User(UserCommand::Remove(args)) => user::disable(global, args, true),
        Command::User(UserCommand::Enable(args)) => user::enable(global, args),
        Command::Passwd(args) => account::passwd(global, args),
        Command::Recover(args) => account::recover(global, args),
        Command::Verify => verify::run(global),
        Command::Student(StudentCommand::Add(args)) => student::add(global, args),
        Command::Student(StudentCommand::List(args)) => {
            student::list(global, args.search.as_deref(), args.json.json)
        }
        Command::Student(StudentCommand::Import(args)) => student::import(global, args),
        Command::Student(StudentCommand::Rollover(args)) => {
            student::rollover(global, args.dry_run, args.json.json)
        }
        Command::Student(StudentCommand::Status(args)) => student::status(global, args),
        Command::File(FileCommand::List(args)) => file::list(global, args),
        Command::File(FileCommand::Open(args)) => file::open(global, args),
        Command::File(FileCommand::FollowUp(args)) => file::follow_up(global, args),
        Command::File(FileCommand::Show(args)) => file::show(global, &args.id, args.json.json),
        Command::File(FileCommand::Close(args)) => file::close(global, &args.id, &args.reason),
        Command::Dashboard(args) => file::dashboard(global, args.json),
        Command::Session(SessionCommand::Add(args)) => session::add(global, args),
        Command::Session(SessionCommand::List(args)) => session::list(global, args.json),
        Command::Group(GroupCommand::Add(args)) => session::group_add(global, args),
        Command::Stats(args) => session::stats(global, args),
        Command::Screening(ScreeningCommand::Campaign(CampaignCommand::Add(args))) => {
            screening::campaign_add(global, args)
        }
        Command::Screening(ScreeningCommand::Import(args)) => screening::import(global, args),
        Command::Screening(ScreeningCommand::ReviewList(args)) => {
            screening::review_list(global, args)
        }
        Command::Screening(ScreeningCommand::Instruments(args)) => {
            screening::instruments(global, args.json)
        }
        Command::Mailbox(MailboxCommand::Submit(args)) => mailbox::submit(global, args),
        Command::Mailbox(MailboxCommand::ReadReply(args)) => {
            mailbox::read_reply(global, &args.code)
        }
        Command::Mailbox(MailboxCommand::List(args)) => mailbox::list(global, args.json),
        Command::Mailbox(MailboxCommand::Show(args)) => {
            mailbox::show(global, &args.id, args.json.json)
        }
        Command::Mailbox(MailboxCommand::Reply(args)) => mailbox::reply(global, args),
        Command::Log(args) => log::run(global, args),
        Command::Rekey => rekey::run(global),
        Command::DemoData(args) => demo::run(global, args),
    }
}
