//! The IPC surface checked against its one list, `commands.list`: what tauri-build granted each
//! window and the command functions. Each failure says what to add where.

use std::collections::BTreeSet;

use crate::command_list::{self, Command, WINDOWS};

const LIST: &str = include_str!("../../commands.list");

fn listed() -> Vec<Command> {
    match command_list::parse(LIST) {
        Ok(commands) => commands,
        Err(e) => panic!("src-tauri/commands.list: {e}"),
    }
}

fn names_of<'a>(commands: &'a [Command], window: &str) -> Vec<&'a str> {
    commands
        .iter()
        .filter(|c| c.window == window)
        .map(|c| c.name.as_str())
        .collect()
}

/// The capabilities as tauri-build resolved them for `generate_context!` (from the files
/// build.rs generated), by identifier: the grants the app is built with.
fn resolved_capabilities() -> serde_json::Map<String, serde_json::Value> {
    let resolved = include_str!(concat!(env!("OUT_DIR"), "/capabilities.json"));
    match serde_json::from_str(resolved) {
        Ok(serde_json::Value::Object(map)) => map,
        other => panic!("OUT_DIR/capabilities.json is not a map of capabilities: {other:?}"),
    }
}

fn strings(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Each window is granted exactly the commands the list gives it, the kiosk none of the
/// workbench's; no capability comes from anywhere but the list.
#[test]
fn each_window_is_granted_exactly_its_listed_commands() {
    let commands = listed();
    let resolved = resolved_capabilities();
    let identifiers: BTreeSet<&str> = resolved.keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = WINDOWS.iter().map(|w| w.capability).collect();
    assert_eq!(
        identifiers, expected,
        "the app has exactly one capability per window"
    );
    for window in &WINDOWS {
        let capability = &resolved[window.capability];
        assert_eq!(capability["description"], window.description);
        assert_eq!(
            strings(&capability["windows"]),
            BTreeSet::from([window.label.to_owned()]),
            "{} applies to its window only",
            window.capability
        );
        let granted = strings(&capability["permissions"]);
        let listed: BTreeSet<String> = commands
            .iter()
            .filter(|c| c.window == window.label)
            .map(Command::permission)
            .collect();
        assert_eq!(
            granted, listed,
            "{} grants its listed commands",
            window.label
        );
    }

    let kiosk = names_of(&commands, "kiosk");
    assert_eq!(
        kiosk,
        ["kiosk_info", "kiosk_submit", "kiosk_replies", "leave_kiosk"],
        "the kiosk window may write a letter, read replies and let a counselor leave; nothing else"
    );
    for forbidden in ["unlock", "list_students", "mailbox_inbox", "read_letter"] {
        assert!(
            !kiosk.contains(&forbidden),
            "the kiosk is never granted {forbidden}"
        );
    }

    let config: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
    assert!(
        config["app"]["security"]["capabilities"].is_null(),
        "tauri.conf.json must not declare capabilities: they are generated from commands.list"
    );
    let stray = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    assert!(
        !stray.exists(),
        "src-tauri/capabilities/ is not read (build.rs generates the capabilities from \
         commands.list): remove it and give a command its window in commands.list"
    );
}

/// The list's windows are the app's windows, by the labels `kiosk.rs` opens them with.
#[test]
fn the_list_names_the_app_windows() {
    let labels: Vec<&str> = WINDOWS.iter().map(|w| w.label).collect();
    assert_eq!(labels, [crate::kiosk::MAIN, crate::kiosk::LABEL]);
}

/// A `#[tauri::command]` function that is not listed would not be registered nor granted.
/// (A listed command without its function stops `build.rs`, which says the same.)
#[test]
fn every_command_function_is_listed() {
    let commands = listed();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut problems = Vec::new();
    let mut found = 0;
    for entry in std::fs::read_dir(&dir).expect("src/commands") {
        let path = entry.expect("entry").path();
        let Some(module) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|e| e != "rs") || ["mod", "tests"].contains(&module) {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("module source");
        for name in command_list::command_functions(&source) {
            found += 1;
            match commands.iter().find(|c| c.name == name) {
                Some(c) if c.module == module => {}
                Some(c) => problems.push(format!(
                    "src-tauri/commands.list line {} puts `{name}` in module `{}`, but it is \
                     defined in src-tauri/src/commands/{module}.rs: write `{module}` on that line",
                    c.line, c.module
                )),
                None => problems.push(format!(
                    "src-tauri/src/commands/{module}.rs defines the command `{name}`, which \
                     src-tauri/commands.list does not list: add the line `{}` to commands.list \
                     (or `kiosk` for the kiosk window)",
                    Command {
                        name: name.clone(),
                        module: module.to_owned(),
                        window: "main",
                        line: 0,
                    }
                    .as_line()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    assert_eq!(
        found,
        commands.len(),
        "every listed command has its function"
    );
}
