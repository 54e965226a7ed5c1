//! Small helpers of the templates (numbers and dates are in [`crate::i18n::format`]).

/// The letter on a placeholder icon: the title's first letter or digit, upper-cased.
pub fn initial(title: &str) -> String {
    title
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_else(|| "?".into())
}

/// One of the eight placeholder colours (`h0`..`h7`), stable for a bundle id.
pub fn hue_class(bundle_id: &str) -> &'static str {
    const CLASSES: [&str; 8] = ["h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7"];
    let sum = bundle_id.bytes().fold(0u32, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(u32::from(b))
    });
    CLASSES[(sum % 8) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_skip_punctuation() {
        assert_eq!(initial("<script>"), "S");
        assert_eq!(initial("élan"), "É");
        assert_eq!(initial("  "), "?");
        assert_eq!(initial("9lives"), "9");
    }

    #[test]
    fn hue_is_stable() {
        assert_eq!(hue_class("com.example.demo"), hue_class("com.example.demo"));
    }
}
