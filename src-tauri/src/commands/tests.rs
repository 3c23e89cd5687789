//! The IPC surface checked against its one list, `commands.list`: what tauri-build granted each
//! window, the command functions, and the TypeScript clients that invoke the commands. Each
//! failure says what to add where.

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
    let mut found = BTreeSet::new();
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
            found.insert(name.clone());
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
                     (with window `kiosk` if the kiosk calls it)",
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
    let names: BTreeSet<String> = commands.iter().map(|c| c.name.clone()).collect();
    assert_eq!(found, names, "every listed command has its function");
}

/// One TypeScript client of a window: the object that invokes the commands and the interface
/// it implements (one method per command, the command's name in camelCase).
struct Client<'a> {
    window: &'a str,
    implementation_path: &'a str,
    implementation: &'a str,
    object: &'a str,
    interface_path: &'a str,
    interface_source: &'a str,
    interface: &'a str,
}

/// `set_idle_lock` → `setIdleLock`.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// `(method, command)` for every command literal the implementation passes to `call`, `run` or
/// `invoke`, with the object entry (`method: …`) it is in.
fn invocations(source: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut method = String::new();
    for line in source.lines() {
        let trimmed = line.trim_start();
        if let Some((key, _)) = trimmed.split_once(": ")
            && !key.is_empty()
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            method = key.to_owned();
        }
        let mut rest = line;
        while let Some(at) = rest.find(['\'', '"']) {
            let quote = rest[at..].chars().next().unwrap_or('\'');
            let after = &rest[at + 1..];
            let Some(end) = after.find(quote) else { break };
            if is_invoke_call(rest[..at].trim_end()) {
                found.push((method.clone(), after[..end].to_owned()));
            }
            rest = &after[end + 1..];
        }
    }
    found
}

/// Whether the text before a string literal ends with `call(`, `run(`, `invoke(` or one of
/// them with type arguments (`call<LevelDef[]>(`): the literal is then the command's name.
fn is_invoke_call(before: &str) -> bool {
    let Some(callee) = before.strip_suffix('(') else {
        return false;
    };
    let callee = match callee.strip_suffix('>') {
        Some(generic) => match generic.rfind('<') {
            Some(open) => &generic[..open],
            None => return false,
        },
        None => callee,
    };
    ["call", "run", "invoke"].iter().any(|f| {
        callee
            .strip_suffix(f)
            .is_some_and(|p| !p.ends_with(char::is_alphanumeric))
    })
}

/// The method names of `export interface <name> { … }`.
fn interface_methods(source: &str, interface: &str) -> Vec<String> {
    let start = format!("export interface {interface} {{");
    let Some(at) = source.find(&start) else {
        return Vec::new();
    };
    let body = &source[at + start.len()..];
    let body = &body[..body.find("\n}").unwrap_or(body.len())];
    body.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let end = line.find('(')?;
            let name = &line[..end];
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .then(|| name.to_owned())
        })
        .collect()
}

/// What is wrong between the list and a window's client, each with what to add where.
fn client_problems(commands: &[Command], client: &Client) -> Vec<String> {
    let invoked = invocations(client.implementation);
    let methods = interface_methods(client.interface_source, client.interface);
    let ours: Vec<&Command> = commands
        .iter()
        .filter(|c| c.window == client.window)
        .collect();
    let mut problems = Vec::new();
    if methods.is_empty() {
        problems.push(format!(
            "{} has no `export interface {}`",
            client.interface_path, client.interface
        ));
    }
    for command in &ours {
        let (name, method) = (&command.name, camel(&command.name));
        let callers: Vec<&String> = invoked
            .iter()
            .filter(|(_, n)| n == name)
            .map(|(m, _)| m)
            .collect();
        if callers.is_empty() {
            problems.push(format!(
                "`{name}` (src-tauri/commands.list line {}, window `{}`) is never invoked by {}: \
                 add `{method}: (…) => call<…>('{name}', {{ … }}),` to `{}`",
                command.line, client.window, client.implementation_path, client.object
            ));
        }
        for caller in callers.iter().filter(|m| **m != &method) {
            problems.push(format!(
                "{} invokes `{name}` from `{caller}`: the method for `{name}` is `{method}`; \
                 rename it in `{}` and `{}`",
                client.implementation_path, client.object, client.interface
            ));
        }
        if !methods.contains(&method) {
            problems.push(format!(
                "`{name}` (src-tauri/commands.list line {}) has no method in the `{}` interface: \
                 add `{method}(…): Promise<…>` to it in {}, documented as /** Command `{name}`: … */",
                command.line, client.interface, client.interface_path
            ));
        }
    }
    for (method, name) in &invoked {
        match commands.iter().find(|c| &c.name == name) {
            None => problems.push(format!(
                "{} invokes `{name}` (in `{method}`), which src-tauri/commands.list does not \
                 list: add the line `{name}  <module>  {}` to commands.list and its \
                 `#[tauri::command] pub async fn {name}` to src-tauri/src/commands/<module>.rs, \
                 or remove the call",
                client.implementation_path, client.window
            )),
            Some(c) if c.window != client.window => problems.push(format!(
                "{} invokes `{name}` (in `{method}`), which src-tauri/commands.list line {} \
                 grants the `{}` window, not `{}`: the call would be refused at run time; \
                 remove it",
                client.implementation_path, c.line, c.window, client.window
            )),
            Some(_) => {}
        }
    }
    for method in &methods {
        if !ours.iter().any(|c| &camel(&c.name) == method) {
            problems.push(format!(
                "the `{}` interface in {} has `{method}`, but src-tauri/commands.list gives the \
                 `{}` window no command of that name: add its command to commands.list, or \
                 remove the method",
                client.interface, client.interface_path, client.window
            ));
        }
    }
    problems
}

fn assert_client(client: &Client) {
    let problems = client_problems(&listed(), client);
    assert!(
        problems.is_empty(),
        "the TypeScript client of the `{}` window disagrees with src-tauri/commands.list:\n{}\n",
        client.window,
        problems.join("\n")
    );
}

/// The workbench's client (`Backend` and its Tauri implementation) invokes every `main`
/// command, each from the method of its name, and nothing else.
#[test]
fn the_workbench_client_invokes_exactly_the_main_commands() {
    assert_client(&Client {
        window: "main",
        implementation_path: "ui/src/api/tauri.ts",
        implementation: include_str!("../../../ui/src/api/tauri.ts"),
        object: "tauriBackend",
        interface_path: "ui/src/api/backend.ts",
        interface_source: include_str!("../../../ui/src/api/backend.ts"),
        interface: "Backend",
    });
}

/// The kiosk's client invokes exactly the `kiosk` commands.
#[test]
fn the_kiosk_client_invokes_exactly_the_kiosk_commands() {
    let kiosk = include_str!("../../../ui/src/api/kiosk.ts");
    assert_client(&Client {
        window: "kiosk",
        implementation_path: "ui/src/api/kiosk.ts",
        implementation: kiosk,
        object: "tauriKioskBackend",
        interface_path: "ui/src/api/kiosk.ts",
        interface_source: kiosk,
        interface: "KioskBackend",
    });
}

/// The check itself: a client that lacks a command, invokes one the list does not have or one
/// of the other window, is told what to add where.
#[test]
fn a_client_out_of_step_is_told_what_to_add_where() {
    let commands = command_list::parse(
        "unlock vault main\nset_idle_lock vault main\nkiosk_info kiosk kiosk\n",
    )
    .unwrap();
    let implementation = "export const tauriBackend: Backend = {\n\
        \x20 unlock: (input) => call<UserSummary>('unlock', { input }),\n\
        \x20 kioskInfo: () => call<KioskInfo>('kiosk_info'),\n\
        \x20 shred: async (id) => {\n    await run('shred_vault', { id })\n  },\n}\n";
    let interface = "export interface Backend {\n  /** Command `unlock`. */\n  \
        unlock(input: UnlockInput): Promise<UserSummary>\n  kioskInfo(): Promise<KioskInfo>\n}\n";
    let problems = client_problems(
        &commands,
        &Client {
            window: "main",
            implementation_path: "tauri.ts",
            implementation,
            object: "tauriBackend",
            interface_path: "backend.ts",
            interface_source: interface,
            interface: "Backend",
        },
    );
    let expected = [
        "`set_idle_lock` (src-tauri/commands.list line 2, window `main`) is never invoked by \
         tauri.ts: add `setIdleLock: (…) => call<…>('set_idle_lock', { … }),` to `tauriBackend`",
        "`set_idle_lock` (src-tauri/commands.list line 2) has no method in the `Backend` \
         interface: add `setIdleLock(…): Promise<…>` to it in backend.ts, documented as \
         /** Command `set_idle_lock`: … */",
        "tauri.ts invokes `kiosk_info` (in `kioskInfo`), which src-tauri/commands.list line 3 \
         grants the `kiosk` window, not `main`",
        "tauri.ts invokes `shred_vault` (in `shred`), which src-tauri/commands.list does not \
         list: add the line `shred_vault  <module>  main` to commands.list",
        "the `Backend` interface in backend.ts has `kioskInfo`, but src-tauri/commands.list \
         gives the `main` window no command of that name",
    ];
    for message in expected {
        assert!(
            problems.iter().any(|p| p.contains(message)),
            "expected {message:?} among:\n{}",
            problems.join("\n")
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
}

#[test]
fn command_names_are_found_only_where_they_are_invoked() {
    let source = "  appInfo: () => call<AppInfo>('app_info'),\n\
                  \x20 lock: () => run(\"lock\"),\n\
                  \x20 other: () => recall('not_a_command') + invoke<T>(command, args),\n\
                  \x20 text: 'call(',\n";
    assert_eq!(
        invocations(source),
        [
            ("appInfo".to_owned(), "app_info".to_owned()),
            ("lock".to_owned(), "lock".to_owned())
        ]
    );
    assert_eq!(camel("roll_over_school_year"), "rollOverSchoolYear");
}
