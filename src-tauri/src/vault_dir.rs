//! Which vault folder this window opens: `--vault DIR`, else `XINYU_VAULT`, else the app's
//! data folder. The single-instance lock is keyed on it.

use std::ffi::OsString;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// The vault folder named on the command line (`--vault DIR` or `--vault=DIR`) or in the
/// environment; `None` means the platform's app data folder.
pub fn from_args_and_env(
    args: impl IntoIterator<Item = OsString>,
    env: Option<OsString>,
) -> Option<PathBuf> {
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--vault" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.to_str().and_then(|a| a.strip_prefix("--vault=")) {
            return Some(PathBuf::from(dir));
        }
    }
    env.filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// A D-Bus-safe instance id for the single-instance lock of this vault.
pub fn instance_id(vault: Option<&Path>) -> String {
    match vault {
        None => "cn.xinyu.desktop".to_owned(),
        Some(dir) => {
            let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
            let mut h = DefaultHasher::new();
            absolute.hash(&mut h);
            format!("cn.xinyu.desktop.v{:016x}", h.finish())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn command_line_vault_wins_over_the_environment() {
        let got = from_args_and_env(args(&["xinyu-desktop", "--vault", "/a"]), Some("/b".into()));
        assert_eq!(got, Some(PathBuf::from("/a")));
        let got = from_args_and_env(args(&["xinyu-desktop", "--vault=/c"]), None);
        assert_eq!(got, Some(PathBuf::from("/c")));
    }

    #[test]
    fn environment_names_the_vault_when_the_command_line_does_not() {
        let got = from_args_and_env(args(&["xinyu-desktop"]), Some("/b".into()));
        assert_eq!(got, Some(PathBuf::from("/b")));
        assert_eq!(
            from_args_and_env(args(&["xinyu-desktop"]), Some("".into())),
            None
        );
    }

    #[test]
    fn two_vaults_get_two_instance_ids_and_one_vault_always_the_same() {
        let a = instance_id(Some(Path::new("/srv/a")));
        let b = instance_id(Some(Path::new("/srv/b")));
        assert_ne!(a, b);
        assert_eq!(a, instance_id(Some(Path::new("/srv/a"))));
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'));
    }
}
