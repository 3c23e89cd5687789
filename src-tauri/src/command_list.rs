//! `commands.list`, the IPC surface's one list, read. `build.rs` includes this file to generate
//! the permissions, each window's capability and the invoke handler from the list; the crate's
//! tests use it to check the command functions and the TypeScript clients against the list.

/// A window of the app and the capability that grants it its commands.
pub struct Window {
    /// The window's label (`kiosk.rs`), as the list names it.
    pub label: &'static str,
    /// The identifier of its capability.
    pub capability: &'static str,
    /// What its capability says of it.
    pub description: &'static str,
}

/// The app's windows. Each command is granted to exactly one of them.
pub const WINDOWS: [Window; 2] = [
    Window {
        label: "main",
        capability: "main-window",
        description: "The counselor's main window: exactly the commands commands.list gives \
                      the `main` window, nothing else.",
    },
    Window {
        label: "kiosk",
        capability: "kiosk-window",
        description: "The whisper mailbox kiosk: write a letter, read replies with a pickup code, \
                      and let a counselor leave (the `kiosk` commands of commands.list). \
                      Nothing else.",
    },
];

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The IPC name, which is also the function's name.
    pub name: String,
    /// The module under `src/commands/` that holds the function.
    pub module: String,
    /// The label of the one window granted the command.
    pub window: &'static str,
    /// Where in the list it is (1-based), for messages.
    pub line: usize,
}

impl Command {
    /// The permission that grants the command, as tauri-build names it: `allow-` and the name
    /// with dashes for underscores.
    pub fn permission(&self) -> String {
        format!("allow-{}", self.name.replace('_', "-"))
    }

    /// The line that lists it, as it would be written in the list.
    pub fn as_line(&self) -> String {
        format!("{:<28}{:<12}{}", self.name, self.module, self.window)
    }
}

/// The commands of the list, in its order. Blank lines and `#` comments are skipped; an error
/// names the line and what is wrong with it.
pub fn parse(text: &str) -> Result<Vec<Command>, String> {
    let mut commands: Vec<Command> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.split('#').next().unwrap_or_default();
        let fields: Vec<&str> = content.split_whitespace().collect();
        let [name, module, window] = fields[..] else {
            if fields.is_empty() {
                continue;
            }
            return Err(format!(
                "line {line}: expected `<command> <module> <window>`, found `{}`",
                raw.trim()
            ));
        };
        for (what, value) in [("command", name), ("module", module)] {
            if !is_identifier(value) {
                return Err(format!(
                    "line {line}: the {what} `{value}` is not a snake_case Rust name"
                ));
            }
        }
        let Some(window) = WINDOWS.iter().find(|w| w.label == window) else {
            let labels: Vec<&str> = WINDOWS.iter().map(|w| w.label).collect();
            return Err(format!(
                "line {line}: the window `{window}` is none of {}",
                labels.join(", ")
            ));
        };
        if let Some(first) = commands.iter().find(|c| c.name == name) {
            return Err(format!(
                "line {line}: `{name}` is already listed on line {}",
                first.line
            ));
        }
        commands.push(Command {
            name: name.to_owned(),
            module: module.to_owned(),
            window: window.label,
            line,
        });
    }
    Ok(commands)
}

/// The `#[tauri::command]` functions defined in a module's source, by name, in order.
pub fn command_functions(source: &str) -> Vec<String> {
    source
        .split("#[tauri::command")
        .skip(1)
        .filter_map(|after| {
            let signature = &after[after.find("fn ")? + 3..];
            let end = signature
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(signature.len());
            Some(signature[..end].to_owned())
        })
        .collect()
}

fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_give_command_module_and_window_and_comments_are_skipped() {
        let list = "# header\n\nunlock   vault  main  # trailing\nkiosk_info kiosk kiosk\n";
        let commands = parse(list).unwrap();
        assert_eq!(commands.len(), 2);
        assert_eq!(commands[0].name, "unlock");
        assert_eq!(commands[0].module, "vault");
        assert_eq!(commands[0].window, "main");
        assert_eq!(commands[0].line, 3);
        assert_eq!(commands[1].permission(), "allow-kiosk-info");
        assert_eq!(parse(&commands[0].as_line()).unwrap()[0].name, "unlock");
    }

    #[test]
    fn a_wrong_line_is_reported_with_its_number() {
        let cases = [
            (
                "unlock vault",
                "line 1: expected `<command> <module> <window>`",
            ),
            ("\nUnlock vault main", "line 2: the command `Unlock`"),
            ("unlock vault-x main", "the module `vault-x`"),
            (
                "unlock vault settings",
                "line 1: the window `settings` is none of main, kiosk",
            ),
            (
                "unlock vault main\nunlock vault kiosk",
                "line 2: `unlock` is already listed on line 1",
            ),
        ];
        for (list, message) in cases {
            let err = parse(list).unwrap_err();
            assert!(err.contains(message), "{list:?}: {err}");
        }
    }

    #[test]
    fn command_functions_are_found_by_their_attribute() {
        let source = "/// Doc.\n#[tauri::command]\npub async fn unlock(\n    x: u8,\n) {}\n\n\
                      fn helper() {}\n\n#[tauri::command]\npub fn app_info() {}\n";
        assert_eq!(command_functions(source), ["unlock", "app_info"]);
    }
}
