//! Password hashing with Argon2id (R9), off the async executor.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;

/// Argon2id with 19 MiB of memory, 2 passes, 1 lane — the OWASP minimum, which R9 requires.
fn argon2() -> Argon2<'static> {
    #[expect(clippy::expect_used, reason = "constant, valid parameters")]
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a random password, verified when an account does not exist or has no password, so
/// that an unknown address costs the same time as a wrong password (R10).
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("no account has this password, ever").unwrap_or_default());

fn hash_blocking(password: &str) -> Option<String> {
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).ok()?;
    let salt = SaltString::encode_b64(&salt_bytes).ok()?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .ok()
        .map(|h| h.to_string())
}

fn verify_blocking(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Hashes a new password with a unique random salt.
///
/// # Errors
/// When the random source fails or the worker thread dies.
pub async fn hash(password: String) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .ok()
        .flatten()
        .ok_or(HashError)
}

/// Checks a password against a stored hash — or against the dummy hash when there is none, so the
/// answer takes the same time either way.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(stored) => verify_blocking(&password, &stored),
        None => {
            let _ = verify_blocking(&password, &DUMMY_HASH);
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// Hashing failed (no randomness, or the worker died).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed")]
pub struct HashError;

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password_and_uses_argon2id_with_the_required_cost() {
        let stored = hash("korrekt hest batteri hæfteklamme".into())
            .await
            .expect("hash");
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(
            verify(
                "korrekt hest batteri hæfteklamme".into(),
                Some(stored.clone())
            )
            .await
        );
        assert!(!verify("forkert".into(), Some(stored)).await);
        assert!(!verify("anything".into(), None).await);
    }

    #[tokio::test]
    async fn the_same_password_gets_a_different_salt_each_time() {
        let a = hash("samme kodeord hver gang".into()).await.expect("hash");
        let b = hash("samme kodeord hver gang".into()).await.expect("hash");
        assert_ne!(a, b);
    }
}
