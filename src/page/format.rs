//! Numbers and dates as pages say them.

use time::Date;

/// Decimal units, as iOS shows app sizes: `12.3 MB`.
pub fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 1_000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{:.0} KB", b / 1e3)
    } else if bytes < 1_000_000_000 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.2} GB", b / 1e9)
    }
}

/// `2025-01-02`: unambiguous in every locale.
pub fn date(d: Date) -> String {
    format!("{}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

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
    fn sizes_read_like_ios() {
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(42_699), "43 KB");
        assert_eq!(size(12_345_678), "12.3 MB");
        assert_eq!(size(2_500_000_000), "2.50 GB");
    }

    #[test]
    fn dates_are_iso() {
        let d = Date::from_calendar_date(2025, time::Month::January, 2).unwrap();
        assert_eq!(date(d), "2025-01-02");
    }

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
