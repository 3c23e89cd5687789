//! The four staff roles and the data classes each one's keys open.
//! Enforced by keys: a role that lacks a class never receives that class's key.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use xinyu_vault::KeyClass;

/// A staff account's role (PRODUCT.md, "Who uses it").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 专职心理教师: full casework access.
    Counselor,
    /// 兼职心理教师 / 辅导教师: own sessions, assigned students.
    Teacher,
    /// 校长 / 分管领导: summaries and briefs, never narratives.
    Principal,
    /// 信息管理员: accounts, backups, district link; no clinical data.
    Admin,
}

impl Role {
    /// Every role, in the order the UI lists them.
    pub const ALL: [Role; 4] = [Role::Counselor, Role::Teacher, Role::Principal, Role::Admin];

    /// The code stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Counselor => "counselor",
            Role::Teacher => "teacher",
            Role::Principal => "principal",
            Role::Admin => "admin",
        }
    }

    /// The role's name in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Role::Counselor => "专职心理教师",
            Role::Teacher => "兼职心理教师",
            Role::Principal => "校长",
            Role::Admin => "信息管理员",
        }
    }

    /// Parse a stored or typed role code.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The data classes whose keys this role receives (ARCHITECTURE.md, "Data classes and roles").
    pub fn classes(self) -> &'static [KeyClass] {
        match self {
            Role::Counselor => &[
                KeyClass::Roster,
                KeyClass::Casework,
                KeyClass::CaseSummary,
                KeyClass::Notes,
                KeyClass::Activity,
                KeyClass::Audit,
                KeyClass::Mailbox,
                KeyClass::Integrity,
                KeyClass::Clinical,
            ],
            // No casework or notes class key: a teacher holds the keys of their own cases only
            // (see `casework::cases`).
            Role::Teacher => &[
                KeyClass::Roster,
                KeyClass::CaseSummary,
                KeyClass::Activity,
                KeyClass::Clinical,
            ],
            Role::Principal => &[
                KeyClass::Roster,
                KeyClass::CaseSummary,
                KeyClass::Activity,
                KeyClass::Audit,
            ],
            Role::Admin => &[KeyClass::Audit],
        }
    }

    /// Whether this role may add staff accounts.
    pub fn manages_accounts(self) -> bool {
        matches!(self, Role::Counselor | Role::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_and_admin_never_receive_the_notes_or_mailbox_keys() {
        for role in [Role::Principal, Role::Admin] {
            assert!(!role.classes().contains(&KeyClass::Notes), "{role:?}");
            assert!(!role.classes().contains(&KeyClass::Mailbox), "{role:?}");
            assert!(!role.classes().contains(&KeyClass::Casework), "{role:?}");
            assert!(!role.classes().contains(&KeyClass::Integrity), "{role:?}");
        }
    }

    #[test]
    fn only_counselors_hold_the_integrity_key_that_vouches_for_accounts() {
        for role in Role::ALL {
            assert_eq!(
                role.classes().contains(&KeyClass::Integrity),
                role == Role::Counselor,
                "{role:?}"
            );
        }
    }

    #[test]
    fn admin_holds_no_clinical_class_at_all() {
        assert_eq!(Role::Admin.classes(), &[KeyClass::Audit]);
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
