//! Secret tokens (sessions, set-password links): random, and stored only as hashes.

use sha2::{Digest, Sha256};

/// A fresh 256-bit random token as 64 hex characters, and the hash to store for it.
///
/// # Errors
/// When the operating system's random source fails.
pub fn new_token() -> Result<(String, String), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The stored form of a token. A plain SHA-256 suffices: the token has 256 bits of entropy, so
/// there is nothing to brute-force.
#[must_use]
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, hash_a) = new_token().expect("random");
        let (b, _) = new_token().expect("random");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(a, hash_a);
        assert_eq!(token_hash(&a), hash_a);
    }
}
