//! The random data key that opens the database, and the recovery key that can unwrap it.

use data_encoding::BASE32_NOPAD;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::store::StoreError;

/// Bytes in the data key (256 bits).
pub const DATA_KEY_LEN: usize = 32;
const RECOVERY_KEY_LEN: usize = 20;
const RECOVERY_GROUP: usize = 4;

/// The 256-bit key SQLCipher uses as a raw key. Wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; DATA_KEY_LEN]);

impl DataKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<Self, StoreError> {
        let mut bytes = [0u8; DATA_KEY_LEN];
        fill_random(&mut bytes)?;
        Ok(Self(bytes))
    }

    /// A key from exactly 32 bytes, e.g. read back from the credential store.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        Some(Self(bytes.try_into().ok()?))
    }

    /// The raw bytes, for wrapping.
    pub fn as_bytes(&self) -> &[u8; DATA_KEY_LEN] {
        &self.0
    }

    /// The SQLCipher `PRAGMA key` value: `x'…'` in hex, wiped when dropped.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0)))
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

/// A 160-bit key shown once at set-up for the Headteacher to keep in the school safe.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct RecoveryKey([u8; RECOVERY_KEY_LEN]);

impl RecoveryKey {
    /// A new recovery key from the operating system's random source.
    pub fn generate() -> Result<Self, StoreError> {
        let mut bytes = [0u8; RECOVERY_KEY_LEN];
        fill_random(&mut bytes)?;
        Ok(Self(bytes))
    }

    /// Reads a typed recovery key: case, spaces and dashes do not matter, and the digits
    /// 0, 1 and 8 are read as the letters O, I and B they are easily mistaken for.
    pub fn parse(typed: &str) -> Result<Self, StoreError> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    '0' => 'O',
                    '1' => 'I',
                    '8' => 'B',
                    other => other,
                })
                .collect(),
        );
        let bytes = Zeroizing::new(
            BASE32_NOPAD
                .decode(cleaned.as_bytes())
                .map_err(|_| StoreError::WrongRecoveryKey)?,
        );
        Ok(Self(
            bytes
                .as_slice()
                .try_into()
                .map_err(|_| StoreError::WrongRecoveryKey)?,
        ))
    }

    /// The key in groups of four, e.g. `K7QF-2M9X-…`, for printing.
    pub fn display(&self) -> Zeroizing<String> {
        let encoded = Zeroizing::new(BASE32_NOPAD.encode(&self.0));
        let groups: Vec<&str> = encoded
            .as_bytes()
            .chunks(RECOVERY_GROUP)
            .map(|chunk| std::str::from_utf8(chunk).unwrap_or_default())
            .collect();
        Zeroizing::new(groups.join("-"))
    }

    /// The raw bytes, for key derivation.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

/// Fills `bytes` from the operating system's random source.
pub(crate) fn fill_random(bytes: &mut [u8]) -> Result<(), StoreError> {
    getrandom::fill(bytes).map_err(|e| StoreError::Damaged(format!("no random source: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_however_it_is_typed() {
        let key = RecoveryKey::generate().unwrap();
        let shown = key.display();
        assert_eq!(
            shown.len(),
            32 + 7,
            "eight groups of four with dashes: {}",
            shown.as_str()
        );
        let sloppy = shown
            .to_lowercase()
            .replace('-', " ")
            .replace('o', "0")
            .replace('i', "1");
        assert_eq!(RecoveryKey::parse(&sloppy).unwrap(), key);
    }

    #[test]
    fn a_mistyped_recovery_key_is_refused() {
        assert!(matches!(
            RecoveryKey::parse("ABCD-EFGH"),
            Err(StoreError::WrongRecoveryKey)
        ));
        assert!(matches!(
            RecoveryKey::parse("not a key at all!!"),
            Err(StoreError::WrongRecoveryKey)
        ));
    }
}
