//! The secrets of a live workshop: the join link's token, the presenter view's token and
//! each participant's cookie, each 128 bits from the operating system's generator, written
//! as hex so they sit in a URL or a cookie as they are. A cookie is kept in the draft
//! only as its SHA-256, so a copied draft does not let anyone vote as a participant.

use sha2::{Digest, Sha256};

/// 16 random bytes (128 bits) as 32 hex digits.
pub fn fresh() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot draw a random token from the system: {e}"))?;
    Ok(hex(&bytes))
}

/// The SHA-256 of a secret, in hex: what the draft keeps of a participant's cookie.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Whether `given` is `expected`, compared in time that does not depend on where they
/// first differ (a token is not found out a character at a time).
pub fn same(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether `s` looks like a token plead made: 32 hex digits. Anything else is refused
/// before it is looked up.
pub fn well_formed(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_128_bits_and_differ() {
        let a = fresh().unwrap();
        let b = fresh().unwrap();
        assert!(well_formed(&a) && well_formed(&b));
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..31]));
        assert!(!well_formed("../../etc/passwd"));
    }

    #[test]
    fn the_digest_is_not_the_secret() {
        let s = fresh().unwrap();
        assert_eq!(digest(&s).len(), 64);
        assert_ne!(digest(&s), s);
        assert_eq!(digest(&s), digest(&s));
    }
}
