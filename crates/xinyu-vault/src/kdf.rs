//! Passphrase → key-encryption key with Argon2id, its parameters, salt and calibration.
//! Parameters never go below 64 MiB; they are calibrated on the school's PC at set-up and stored.

use std::fmt;
use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::{Error, Result};
use crate::key::KEY_LEN;
use crate::secret::SecretBytes;

/// Argon2id cost parameters, stored beside the vault so every unlock derives the same key.
///
/// They are not secret. Check parameters read back from storage with [`validate`](Self::validate)
/// ([`derive_kek`] does it too) so a tampered settings file cannot weaken the derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory cost in KiB (at least [`KdfParams::MIN_M_COST_KIB`]).
    pub m_cost_kib: u32,
    /// Number of passes over the memory (at least 1).
    pub t_cost: u32,
    /// Degree of parallelism (lanes). The implementation runs lanes one after another, so
    /// calibration keeps it at 1.
    pub p_cost: u32,
}

impl KdfParams {
    /// The floor: 64 MiB. Nothing below it is ever accepted.
    pub const MIN_M_COST_KIB: u32 = 64 * 1024;
    /// The most memory calibration will ask of a school PC: 256 MiB.
    pub const CALIBRATION_MAX_M_COST_KIB: u32 = 256 * 1024;
    /// Sanity limit on memory accepted from storage: 4 GiB.
    pub const MAX_M_COST_KIB: u32 = 4 * 1024 * 1024;
    /// Sanity limit on passes accepted from storage.
    pub const MAX_T_COST: u32 = 64;
    /// Sanity limit on lanes accepted from storage.
    pub const MAX_P_COST: u32 = 16;

    /// Runs measured at most by [`calibrate`](Self::calibrate).
    const CALIBRATION_RUNS: usize = 6;

    /// The minimum parameters (64 MiB, one pass, one lane).
    ///
    /// The fastest derivation the vault accepts, hence the right choice for tests; a real vault
    /// uses [`calibrate`](Self::calibrate), which never returns less.
    pub const fn for_tests() -> Self {
        Self {
            m_cost_kib: Self::MIN_M_COST_KIB,
            t_cost: 1,
            p_cost: 1,
        }
    }

    /// Accepts parameters within the vault's range: at least 64 MiB, one pass and one lane;
    /// at most [`MAX_M_COST_KIB`](Self::MAX_M_COST_KIB), [`MAX_T_COST`](Self::MAX_T_COST) and
    /// [`MAX_P_COST`](Self::MAX_P_COST).
    ///
    /// # Errors
    ///
    /// [`Error::KdfParamsOutOfRange`] otherwise.
    pub fn validate(&self) -> Result<()> {
        let in_range = (Self::MIN_M_COST_KIB..=Self::MAX_M_COST_KIB).contains(&self.m_cost_kib)
            && (1..=Self::MAX_T_COST).contains(&self.t_cost)
            && (1..=Self::MAX_P_COST).contains(&self.p_cost)
            // Argon2 needs 8 KiB of memory per lane.
            && self.m_cost_kib >= 8 * self.p_cost;
        if in_range {
            Ok(())
        } else {
            Err(Error::KdfParamsOutOfRange {
                m_cost_kib: self.m_cost_kib,
                t_cost: self.t_cost,
                p_cost: self.p_cost,
            })
        }
    }

    /// Measures real Argon2id runs on this PC and returns parameters that take about `target`
    /// (aim for 0.5–1 s).
    ///
    /// Starts from the minimum (64 MiB, t = 1), raises memory first, up to
    /// [`CALIBRATION_MAX_M_COST_KIB`](Self::CALIBRATION_MAX_M_COST_KIB), then passes. Never
    /// returns less than the minimum, however slow the PC; at most six runs are measured, so
    /// it takes a few times `target`. If a run fails, the parameters reached so far are
    /// returned.
    pub fn calibrate(target: Duration) -> Self {
        // Close enough once a run takes at least this share of the target.
        let good_enough = target.mul_f64(0.8);
        let mut params = Self::for_tests();
        for _ in 0..Self::CALIBRATION_RUNS {
            let Some(elapsed) = params.time_one_run() else {
                break;
            };
            if elapsed >= good_enough {
                break;
            }
            let scale = target.as_secs_f64() / elapsed.as_secs_f64().max(1e-6);
            if params.m_cost_kib < Self::CALIBRATION_MAX_M_COST_KIB {
                let wanted = f64::from(params.m_cost_kib) * scale;
                let capped = wanted.min(f64::from(Self::CALIBRATION_MAX_M_COST_KIB));
                // Whole MiB; the float is within u32 range because it is capped above.
                let mib = (capped / 1024.0).floor() as u32;
                params.m_cost_kib = (mib * 1024).max(params.m_cost_kib);
            } else {
                let wanted = (f64::from(params.t_cost) * scale).floor();
                let wanted = wanted.min(f64::from(Self::MAX_T_COST)) as u32;
                params.t_cost = wanted.clamp(params.t_cost + 1, Self::MAX_T_COST);
            }
        }
        params
    }

    /// Times one derivation with these parameters, or `None` if Argon2 refused them.
    fn time_one_run(&self) -> Option<Duration> {
        let mut out = SecretBytes::<KEY_LEN>::zeroed();
        let start = Instant::now();
        argon2id(
            b"xinyu calibration",
            b"xinyu/calibrate",
            self,
            out.as_mut_bytes(),
        )
        .ok()?;
        Some(start.elapsed())
    }
}

/// A random 16-byte Argon2id salt, stored in clear beside what it protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Salt([u8; Salt::LEN]);

impl Salt {
    /// Length of a salt in bytes.
    pub const LEN: usize = 16;

    /// A fresh salt from the operating system's random source.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide random bytes.
    pub fn generate() -> Self {
        let mut bytes = [0u8; Self::LEN];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// A salt read back from storage.
    pub const fn from_bytes(bytes: [u8; Self::LEN]) -> Self {
        Self(bytes)
    }

    /// The salt's bytes, for storage.
    pub const fn as_bytes(&self) -> &[u8; Self::LEN] {
        &self.0
    }
}

/// Where a [`Kek`] came from; bound into every key it wraps, so a key wrapped under a
/// passphrase cannot be passed off as one wrapped under the recovery code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KekOrigin {
    Passphrase,
    RecoveryCode,
}

/// A key-encryption key: derived from a passphrase or recovery code, it wraps class keys.
///
/// Zeroed when dropped, not `Clone`, not `Serialize`; `Debug` prints `Kek(****)`.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Kek {
    bytes: SecretBytes<KEY_LEN>,
    #[zeroize(skip)]
    origin: KekOrigin,
}

impl Kek {
    pub(crate) fn as_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes.as_bytes()
    }

    pub(crate) fn origin(&self) -> KekOrigin {
        self.origin
    }

    /// Derives a key-encryption key from `secret` with Argon2id.
    pub(crate) fn derive(
        secret: &[u8],
        salt: &[u8],
        params: &KdfParams,
        origin: KekOrigin,
    ) -> Result<Self> {
        let mut bytes = SecretBytes::zeroed();
        argon2id(secret, salt, params, bytes.as_mut_bytes())?;
        Ok(Self { bytes, origin })
    }
}

impl fmt::Debug for Kek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Kek(****)")
    }
}

/// Derives the key-encryption key of a user's passphrase (Argon2id, 32-byte output).
///
/// # Errors
///
/// [`Error::KdfParamsOutOfRange`] for parameters below the minimum (or absurdly high), and
/// [`Error::Kdf`] if Argon2id fails.
pub fn derive_kek(passphrase: &[u8], salt: &Salt, params: &KdfParams) -> Result<Kek> {
    Kek::derive(passphrase, salt.as_bytes(), params, KekOrigin::Passphrase)
}

/// Argon2id (version 0x13) of `password` and `salt` into `out`, after checking `params`.
pub(crate) fn argon2id(
    password: &[u8],
    salt: &[u8],
    params: &KdfParams,
    out: &mut [u8],
) -> Result<()> {
    params.validate()?;
    let kdf_error = |e: argon2::Error| Error::Kdf {
        reason: e.to_string(),
    };
    let argon_params = Params::new(
        params.m_cost_kib,
        params.t_cost,
        params.p_cost,
        Some(out.len()),
    )
    .map_err(kdf_error)?;
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params)
        .hash_password_into(password, salt, out)
        .map_err(kdf_error)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn minimum_params_are_valid_and_lower_ones_are_rejected() {
        assert_eq!(KdfParams::for_tests().validate(), Ok(()));
        let weak = [
            KdfParams {
                m_cost_kib: 65535,
                ..KdfParams::for_tests()
            },
            KdfParams {
                t_cost: 0,
                ..KdfParams::for_tests()
            },
            KdfParams {
                p_cost: 0,
                ..KdfParams::for_tests()
            },
            KdfParams {
                m_cost_kib: 19 * 1024,
                t_cost: 2,
                p_cost: 1,
            },
        ];
        for params in weak {
            assert!(
                matches!(params.validate(), Err(Error::KdfParamsOutOfRange { .. })),
                "{params:?} accepted"
            );
        }
    }

    #[test]
    fn absurd_params_from_a_tampered_settings_file_are_rejected() {
        let huge = KdfParams {
            m_cost_kib: u32::MAX,
            ..KdfParams::for_tests()
        };
        assert!(huge.validate().is_err());
        let slow = KdfParams {
            t_cost: 1000,
            ..KdfParams::for_tests()
        };
        assert!(slow.validate().is_err());
    }

    #[test]
    fn derive_kek_refuses_weak_params_without_running() {
        let weak = KdfParams {
            m_cost_kib: 1024,
            t_cost: 1,
            p_cost: 1,
        };
        let err = derive_kek(b"pass", &Salt::generate(), &weak).map(|_| ());
        assert_eq!(
            err,
            Err(Error::KdfParamsOutOfRange {
                m_cost_kib: 1024,
                t_cost: 1,
                p_cost: 1
            })
        );
    }

    #[test]
    fn derive_kek_is_deterministic_and_depends_on_passphrase_and_salt() {
        let params = KdfParams::for_tests();
        let salt = Salt::from_bytes([7; 16]);
        let a = derive_kek("正确的口令".as_bytes(), &salt, &params).map(|k| *k.as_bytes());
        let b = derive_kek("正确的口令".as_bytes(), &salt, &params).map(|k| *k.as_bytes());
        let other_pass = derive_kek(b"another", &salt, &params).map(|k| *k.as_bytes());
        let other_salt = derive_kek("正确的口令".as_bytes(), &Salt::from_bytes([8; 16]), &params)
            .map(|k| *k.as_bytes());
        assert!(a.is_ok());
        assert_eq!(a, b);
        assert_ne!(a, other_pass);
        assert_ne!(a, other_salt);
    }

    #[test]
    fn argon2id_matches_the_reference_implementation() {
        // Guards the algorithm choice (Argon2id, version 0x13): a switch to Argon2i/Argon2d,
        // v0x10 or another output length would silently lock every user out. The value comes
        // from the reference implementation (Debian package `argon2`), not from this crate:
        //   echo -n password | argon2 somesalt -id -t 1 -k 65536 -p 1 -l 32 -r
        let mut out = [0u8; 32];
        let result = argon2id(b"password", b"somesalt", &KdfParams::for_tests(), &mut out);
        assert_eq!(result, Ok(()));
        assert_eq!(to_hex(&out), PINNED_ARGON2ID);
    }

    const PINNED_ARGON2ID: &str =
        "f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98";

    fn to_hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn kek_debug_prints_stars_only() {
        let kek = derive_kek(b"x", &Salt::generate(), &KdfParams::for_tests());
        assert_eq!(kek.map(|k| format!("{k:?}")), Ok("Kek(****)".to_owned()));
    }

    #[test]
    fn salts_are_random_and_round_trip() {
        let salt = Salt::generate();
        assert_ne!(salt, Salt::generate());
        assert_eq!(Salt::from_bytes(*salt.as_bytes()), salt);
    }

    #[test]
    fn calibrate_never_returns_less_than_the_minimum() {
        assert_eq!(KdfParams::calibrate(Duration::ZERO), KdfParams::for_tests());
    }

    /// Slow (a few seconds) and sensitive to load on a shared machine, hence ignored by
    /// default: `cargo test -p xinyu-vault -- --ignored calibrate_lands`.
    #[test]
    #[ignore = "takes seconds of real Argon2id runs"]
    fn calibrate_lands_near_the_target_on_this_pc() {
        let target = Duration::from_millis(750);
        let params = KdfParams::calibrate(target);
        let elapsed = params.time_one_run().unwrap();
        assert!(
            elapsed >= target / 2 && elapsed <= target * 2,
            "{params:?} took {elapsed:?} for a target of {target:?}"
        );
    }

    #[test]
    fn calibrate_raises_the_cost_toward_a_longer_target() {
        let Some(base) = KdfParams::for_tests().time_one_run() else {
            panic!("Argon2id refused the minimum parameters");
        };
        // Ten times the minimum's cost: the first run would have to be slowed down eightfold by
        // other work on the machine (a busy CI runner) for calibration to stop at the minimum.
        let params = KdfParams::calibrate(base * 10);
        assert_eq!(params.validate(), Ok(()));
        assert!(
            params.m_cost_kib > KdfParams::MIN_M_COST_KIB || params.t_cost > 1,
            "{params:?} after a target of {:?}",
            base * 10
        );
        assert!(params.m_cost_kib <= KdfParams::CALIBRATION_MAX_M_COST_KIB);
    }
}
