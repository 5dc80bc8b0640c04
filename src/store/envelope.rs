//! The key envelope: the data key wrapped under the passphrase and under the recovery key.
//!
//! The file holds salts, key-derivation parameters, nonces and ciphertexts only. Each wrap is
//! XChaCha20-Poly1305 under an Argon2id-derived key; the vault id and the slot name are bound
//! in as associated data so wraps cannot be swapped between vaults or slots.

use std::fs;
use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::store::files::write_atomically;
use crate::store::key::{DATA_KEY_LEN, fill_random};
use crate::store::{DataKey, RecoveryKey, StoreError};

const FORMAT: u32 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;

/// Argon2id cost for the passphrase: 128 MiB and 4 passes, about 0.5 s on a quiet 2-core PC
/// (64 MiB and 3 passes measured 0.14 s, below the 0.3–0.5 s the design asks for).
pub const DEFAULT_KDF: KdfParams = KdfParams {
    memory_kib: 128 * 1024,
    iterations: 4,
    parallelism: 1,
};

/// Argon2id cost for the recovery key: it is 160 random bits, so stretching adds nothing; a
/// light derivation keeps set-up and recovery quick.
pub const RECOVERY_KDF: KdfParams = KdfParams {
    memory_kib: 8 * 1024,
    iterations: 1,
    parallelism: 1,
};

/// Argon2id parameters, stored so they can be raised later without breaking old envelopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

/// The data key wrapped under one secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct WrappedKey {
    kdf: KdfParams,
    salt: String,
    nonce: String,
    ciphertext: String,
}

/// Which secret a wrap is under; also bound into the associated data.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Passphrase,
    Recovery,
}

impl Slot {
    fn name(self) -> &'static str {
        match self {
            Slot::Passphrase => "passphrase",
            Slot::Recovery => "recovery",
        }
    }

    fn wrong_secret(self) -> StoreError {
        match self {
            Slot::Passphrase => StoreError::WrongPassphrase,
            Slot::Recovery => StoreError::WrongRecoveryKey,
        }
    }
}

/// The envelope file's contents.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyEnvelope {
    format: u32,
    vault_id: String,
    passphrase: WrappedKey,
    recovery: WrappedKey,
}

impl KeyEnvelope {
    /// Wraps `key` under `passphrase` and `recovery` for a new vault;
    /// `kdf` is the passphrase's cost; the recovery key always uses [`RECOVERY_KDF`].
    pub fn seal(
        key: &DataKey,
        passphrase: &str,
        recovery: &RecoveryKey,
        kdf: KdfParams,
    ) -> Result<Self, StoreError> {
        let mut id = [0u8; 16];
        fill_random(&mut id)?;
        let vault_id = hex::encode(id);
        Ok(Self {
            format: FORMAT,
            passphrase: wrap(key, passphrase.as_bytes(), kdf, &vault_id, Slot::Passphrase)?,
            recovery: wrap(
                key,
                recovery.as_bytes(),
                RECOVERY_KDF,
                &vault_id,
                Slot::Recovery,
            )?,
            vault_id,
        })
    }

    /// The vault's random identifier (names its credential-store entry).
    pub fn vault_id(&self) -> &str {
        &self.vault_id
    }

    /// Unwraps the data key with the passphrase.
    pub fn open_with_passphrase(&self, passphrase: &str) -> Result<DataKey, StoreError> {
        unwrap(
            &self.passphrase,
            passphrase.as_bytes(),
            &self.vault_id,
            Slot::Passphrase,
        )
    }

    /// Unwraps the data key with the recovery key.
    pub fn open_with_recovery(&self, recovery: &RecoveryKey) -> Result<DataKey, StoreError> {
        unwrap(
            &self.recovery,
            recovery.as_bytes(),
            &self.vault_id,
            Slot::Recovery,
        )
    }

    /// Wraps `key` under a new passphrase; the recovery wrap is kept as it is.
    pub fn rewrap_passphrase(&mut self, key: &DataKey, passphrase: &str) -> Result<(), StoreError> {
        let kdf = self.passphrase.kdf;
        self.passphrase = wrap(
            key,
            passphrase.as_bytes(),
            kdf,
            &self.vault_id,
            Slot::Passphrase,
        )?;
        Ok(())
    }

    /// Reads the envelope file.
    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let text = fs::read_to_string(path).map_err(StoreError::io("read", path))?;
        let envelope: Self = serde_json::from_str(&text)
            .map_err(|e| StoreError::Damaged(format!("the key envelope cannot be read: {e}")))?;
        if envelope.format != FORMAT {
            return Err(StoreError::Damaged(format!(
                "unknown key envelope format {}",
                envelope.format
            )));
        }
        Ok(envelope)
    }

    /// The envelope as text, for backups.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("an envelope always serialises")
    }

    /// Reads an envelope from text, e.g. from a backup.
    pub fn from_json(text: &str) -> Result<Self, StoreError> {
        serde_json::from_str(text)
            .map_err(|e| StoreError::Damaged(format!("the key envelope cannot be read: {e}")))
    }

    /// Writes the envelope so that a crash leaves either the old or the new file, never half.
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        write_atomically(path, self.to_json().as_bytes())
    }
}

/// The most work an envelope may ask for: four times the memory, passes and lanes of
/// [`DEFAULT_KDF`]. A file asking for more (terabytes, or hours of passes) is damaged or
/// hostile, and is refused before any memory is taken.
pub const MAX_KDF: KdfParams = KdfParams {
    memory_kib: 4 * DEFAULT_KDF.memory_kib,
    iterations: 4 * DEFAULT_KDF.iterations,
    parallelism: 4,
};

fn derive(secret: &[u8], salt: &[u8], kdf: KdfParams) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    if kdf.memory_kib > MAX_KDF.memory_kib
        || kdf.iterations > MAX_KDF.iterations
        || kdf.parallelism > MAX_KDF.parallelism
    {
        return Err(StoreError::Damaged(format!(
            "the key envelope asks for {} MiB and {} passes to unlock, more than any vault this \
             program makes: it is damaged or not the vault's own; put back vault.keys from a \
             backup",
            kdf.memory_kib / 1024,
            kdf.iterations
        )));
    }
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|e| StoreError::Damaged(format!("key derivation parameters: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|e| StoreError::Damaged(format!("key derivation: {e}")))?;
    Ok(out)
}

fn associated_data(vault_id: &str, slot: Slot) -> Vec<u8> {
    format!("esafety-desk/envelope/v{FORMAT}/{vault_id}/{}", slot.name()).into_bytes()
}

fn wrap(
    key: &DataKey,
    secret: &[u8],
    kdf: KdfParams,
    vault_id: &str,
    slot: Slot,
) -> Result<WrappedKey, StoreError> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    fill_random(&mut salt)?;
    fill_random(&mut nonce)?;
    let wrapping = derive(secret, &salt, kdf)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(wrapping.as_ref()));
    let aad = associated_data(vault_id, slot);
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: key.as_bytes(),
                aad: &aad,
            },
        )
        .map_err(|_| StoreError::Damaged("the key could not be wrapped".into()))?;
    Ok(WrappedKey {
        kdf,
        salt: hex::encode(salt),
        nonce: hex::encode(nonce),
        ciphertext: hex::encode(ciphertext),
    })
}

fn unwrap(
    wrapped: &WrappedKey,
    secret: &[u8],
    vault_id: &str,
    slot: Slot,
) -> Result<DataKey, StoreError> {
    let damaged = || {
        StoreError::Damaged(format!(
            "the {} entry of the key envelope is unreadable",
            slot.name()
        ))
    };
    let salt = hex::decode(&wrapped.salt).map_err(|_| damaged())?;
    let nonce = hex::decode(&wrapped.nonce).map_err(|_| damaged())?;
    let ciphertext = hex::decode(&wrapped.ciphertext).map_err(|_| damaged())?;
    if nonce.len() != NONCE_LEN || ciphertext.len() != DATA_KEY_LEN + 16 {
        return Err(damaged());
    }
    let wrapping = derive(secret, &salt, wrapped.kdf)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(wrapping.as_ref()));
    let aad = associated_data(vault_id, slot);
    let plain = Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| slot.wrong_secret())?,
    );
    DataKey::from_slice(&plain).ok_or_else(damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUICK: KdfParams = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };

    #[test]
    fn an_envelope_asking_for_terabytes_or_hours_is_refused_before_any_work() {
        for kdf in [
            KdfParams {
                memory_kib: u32::MAX,
                ..QUICK
            },
            KdfParams {
                iterations: u32::MAX,
                ..QUICK
            },
            KdfParams {
                parallelism: 255,
                ..QUICK
            },
        ] {
            let error = derive(b"secret", &[0; SALT_LEN], kdf)
                .unwrap_err()
                .to_string();
            assert!(
                error.contains("more than any vault this program makes"),
                "{error}"
            );
        }
        assert!(derive(b"secret", &[0; SALT_LEN], QUICK).is_ok());
    }

    #[test]
    fn each_secret_opens_its_own_wrap_and_nothing_else() {
        let key = DataKey::generate().unwrap();
        let recovery = RecoveryKey::generate().unwrap();
        let envelope = KeyEnvelope::seal(&key, "kettle orbit marmalade", &recovery, QUICK).unwrap();
        assert_eq!(
            envelope
                .open_with_passphrase("kettle orbit marmalade")
                .unwrap()
                .as_bytes(),
            key.as_bytes()
        );
        assert_eq!(
            envelope.open_with_recovery(&recovery).unwrap().as_bytes(),
            key.as_bytes()
        );
        assert!(matches!(
            envelope.open_with_passphrase("kettle orbit"),
            Err(StoreError::WrongPassphrase)
        ));
        let other = RecoveryKey::generate().unwrap();
        assert!(matches!(
            envelope.open_with_recovery(&other),
            Err(StoreError::WrongRecoveryKey)
        ));
    }

    #[test]
    fn swapping_the_wraps_is_detected() {
        let key = DataKey::generate().unwrap();
        let recovery = RecoveryKey::generate().unwrap();
        let mut envelope =
            KeyEnvelope::seal(&key, "kettle orbit marmalade", &recovery, QUICK).unwrap();
        std::mem::swap(&mut envelope.passphrase, &mut envelope.recovery);
        assert!(envelope.open_with_recovery(&recovery).is_err());
    }

    #[test]
    fn the_envelope_file_holds_no_typed_secret() {
        let key = DataKey::generate().unwrap();
        let recovery = RecoveryKey::generate().unwrap();
        let envelope = KeyEnvelope::seal(&key, "kettle orbit marmalade", &recovery, QUICK).unwrap();
        let json = envelope.to_json();
        assert!(!json.contains("kettle"));
        assert!(!json.contains(recovery.display().as_str()));
        assert!(!json.contains(&hex::encode(key.as_bytes())));
    }
}
