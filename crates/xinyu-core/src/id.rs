//! Record ids: random, never sequential, so an id reveals neither order nor count.

/// A new random id (UUID v4, 122 random bits) as lowercase hex without dashes.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_random_and_32_hex_chars() {
        let a = super::new_id();
        let b = super::new_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
