//! Link passwords, stored only as Argon2id hashes (PHC strings with their own salt and
//! parameters). Hashing is deliberately slow: call these off the async runtime.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The PHC string of `password` with a fresh random salt.
pub fn hash(password: &str) -> Result<String, String> {
    let mut random = [0u8; 16];
    getrandom::getrandom(&mut random).map_err(|e| format!("making a salt: {e}"))?;
    let salt = SaltString::encode_b64(&random).map_err(|e| format!("making a salt: {e}"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("hashing the password: {e}"))
}

/// True when `password` matches `phc` (a malformed stored hash matches nothing).
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn right_password_matches_wrong_does_not_and_salts_differ() {
        let h = super::hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(!h.contains("correct horse"));
        assert!(super::verify("correct horse", &h));
        assert!(!super::verify("correct horse ", &h));
        assert!(!super::verify("correct horse", "not a hash"));
        assert_ne!(h, super::hash("correct horse").unwrap());
    }
}
