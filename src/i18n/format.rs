//! Numbers and dates as each language writes them, by ICU4X with CLDR data built in: `12.3 MB`,
//! `12,3 Mo`; `Jan 2, 2025`, `2025年1月2日`, `02.01.2025`; `Jan 2, 2025, 2:05 PM`. Unit names
//! come from the messages.
//!
//! Dates are Gregorian: every language we speak writes dates in that calendar by default, and
//! the fixed-calendar formatter carries only its names and patterns, where the any-calendar one
//! carried all thirteen calendars' (a program making these two calls: 0.85 MB against 1.60 MB).

use std::str::FromStr;

use fixed_decimal::Decimal;
use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::{DateTime as IcuDateTime, Time as IcuTime};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;

use super::{text_with, Arg, Lang};

fn locale(lang: Lang) -> Locale {
    Locale::from_str(lang.tag()).unwrap_or(Locale::UNKNOWN)
}

/// `value` with `fraction` digits after the separator, grouped as the language does.
pub fn number(lang: Lang, value: f64, fraction: usize) -> String {
    let plain = format!("{value:.fraction$}");
    // Made per call: from the compiled-in data this is cheap, and pages are cached.
    let formatter = DecimalFormatter::try_new(locale(lang).into(), Default::default());
    match (formatter, Decimal::from_str(&plain)) {
        (Ok(f), Ok(d)) => f.format(&d).to_string(),
        _ => plain,
    }
}

/// Decimal units, as iOS shows app sizes: `12.3 MB`, `12,3 Mo`, `43 KB`, `999 bytes`.
pub fn size(lang: Lang, bytes: u64) -> String {
    let b = bytes as f64;
    let (id, n) = if bytes < 1_000 {
        return text_with(lang, "size-bytes", &[("n", Arg::Num(bytes as i64))]);
    } else if bytes < 1_000_000 {
        ("size-kb", number(lang, b / 1e3, 0))
    } else if bytes < 1_000_000_000 {
        ("size-mb", number(lang, b / 1e6, 1))
    } else {
        ("size-gb", number(lang, b / 1e9, 2))
    };
    text_with(lang, id, &[("n", Arg::Str(n))])
}

/// A calendar date, medium length, in the language's own order and words.
pub fn date(lang: Lang, d: time::Date) -> String {
    let iso = || format!("{}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let Ok(icu) = IcuDate::try_new_gregorian(d.year(), u8::from(d.month()), d.day()) else {
        return iso();
    };
    match FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale(lang).into(),
        YMD::medium(),
    ) {
        Ok(f) => f.format(&icu).to_string(),
        Err(_) => iso(),
    }
}

/// A moment as a date and a time of day (hours and minutes, in UTC: the caller's message says
/// so), in the language's own order, words and clock (`2:05 PM`, `14:05`, `14時05分`).
pub fn date_time(lang: Lang, t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let plain = || {
        format!(
            "{}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    };
    let Ok(date) = IcuDate::try_new_gregorian(t.year(), u8::from(t.month()), t.day()) else {
        return plain();
    };
    let Ok(time) = IcuTime::try_new(t.hour(), t.minute(), 0, 0) else {
        return plain();
    };
    match FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale(lang).into(),
        YMD::medium().with_time_hm(),
    ) {
        Ok(f) => f.format(&IcuDateTime { date, time }).to_string(),
        Err(_) => plain(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_the_languages_separator_and_units() {
        assert_eq!(size(Lang::En, 999), "999 bytes");
        assert_eq!(size(Lang::En, 1), "1 byte");
        assert_eq!(size(Lang::En, 42_699), "43 KB");
        assert_eq!(size(Lang::En, 12_345_678), "12.3 MB");
        assert_eq!(size(Lang::En, 2_500_000_000), "2.50 GB");
        assert_eq!(size(Lang::Fr, 12_345_678), "12,3 Mo");
        assert_eq!(size(Lang::De, 12_345_678), "12,3 MB");
        assert_eq!(size(Lang::Ru, 12_345_678), "12,3 МБ");
        assert_eq!(size(Lang::Ja, 12_345_678), "12.3 MB");
        assert_eq!(number(Lang::De, 1234.5, 1), "1.234,5");
        assert_eq!(number(Lang::En, 1234.5, 1), "1,234.5");
    }

    #[test]
    fn dates_follow_the_locale() {
        let d = time::Date::from_calendar_date(2025, time::Month::January, 2).unwrap();
        assert_eq!(date(Lang::En, d), "Jan 2, 2025");
        assert_eq!(date(Lang::ZhHans, d), "2025年1月2日");
        assert_eq!(date(Lang::Ja, d), "2025/01/02");
        assert_eq!(date(Lang::De, d), "02.01.2025");
        for lang in Lang::ALL {
            assert!(date(lang, d).contains("2025"), "{lang}");
        }
    }

    #[test]
    fn moments_follow_the_locale_and_its_clock() {
        let t = time::macros::datetime!(2025-01-02 14:05:59 UTC);
        let en = date_time(Lang::En, t);
        assert!(en.starts_with("Jan 2, 2025") && en.contains("2:05"), "{en}");
        assert!(en.contains("PM"), "{en}");
        let de = date_time(Lang::De, t);
        assert!(de.starts_with("02.01.2025") && de.contains("14:05"), "{de}");
        let ja = date_time(Lang::Ja, t);
        assert!(ja.starts_with("2025/01/02") && ja.contains("14:05"), "{ja}");
        // Another offset is told in UTC.
        let later = t.to_offset(time::macros::offset!(+9));
        assert_eq!(date_time(Lang::De, later), de);
        for lang in Lang::ALL {
            assert!(date_time(lang, t).contains("2025"), "{lang}");
        }
    }
}
