//! One pass over a User-Agent: which of the known tokens it contains, and the version numbers
//! that follow the version markers. Every rule in [`super`] is then a few bit tests.
//!
//! A single Aho-Corasick automaton (ASCII case-insensitive) finds all tokens at once, so the
//! cost is one linear scan of the string however many tokens there are.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::OsVersion;

/// What a token says. Several spellings can share one meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Tok {
    // Devices and systems.
    Iphone,
    Ipad,
    Ipod,
    Android,
    Macintosh,
    WindowsPhone,
    OtherMobile,
    Desktop,
    // Engines and browsers.
    AppleWebKit,
    Safari,
    /// Chrome, Chromium and everything built on it (Edge, Opera, Vivaldi, Samsung Internet).
    Chrome,
    Firefox,
    /// A real browser that exists only on iOS (Chrome, Firefox, Edge, Opera, DuckDuckGo...):
    /// iOS hands `itms-services` links from these to the installer.
    IosBrowser,
    // Version markers: the number after them is recorded, not the token.
    OsMark,
    FbsvMark,
    VersionMark,
    // In-app browsers.
    Messenger,
    Instagram,
    Facebook,
    WhatsApp,
    WeChat,
    DingTalk,
    Qq,
    Weibo,
    KakaoTalk,
    Line,
    Twitter,
    LinkedIn,
    Snapchat,
    Tiktok,
    Google,
    Pinterest,
    Telegram,
    /// Android's `; wv)`: some app's WebView.
    AndroidWebView,
    /// An app's browser we do not name (Lark, Alipay, Baidu...).
    OtherApp,
    // Crawlers and link-preview fetchers.
    /// A token that only crawlers send.
    Bot,
    /// `bot`: a crawler only when it ends a word (`Googlebot/2.1`, `Slackbot-LinkExpanding`).
    BotSuffix,
}

/// Tokens, lower case (matching ignores ASCII case). Order does not matter.
const TOKENS: &[(&str, Tok)] = &[
    ("iphone", Tok::Iphone),
    ("ipad", Tok::Ipad),
    ("ipod", Tok::Ipod),
    ("android", Tok::Android),
    ("openharmony", Tok::Android),
    ("harmonyos", Tok::Android),
    ("macintosh", Tok::Macintosh),
    ("mac os x", Tok::Macintosh),
    ("windows phone", Tok::WindowsPhone),
    ("iemobile", Tok::WindowsPhone),
    ("blackberry", Tok::OtherMobile),
    ("bb10", Tok::OtherMobile),
    ("kaios", Tok::OtherMobile),
    ("symbian", Tok::OtherMobile),
    ("opera mini", Tok::OtherMobile),
    ("windows", Tok::Desktop),
    ("x11", Tok::Desktop),
    ("linux", Tok::Desktop),
    ("cros ", Tok::Desktop),
    ("freebsd", Tok::Desktop),
    ("openbsd", Tok::Desktop),
    ("netbsd", Tok::Desktop),
    ("applewebkit", Tok::AppleWebKit),
    ("safari/", Tok::Safari),
    ("chrome/", Tok::Chrome),
    ("chromium/", Tok::Chrome),
    ("crmo/", Tok::Chrome),
    ("firefox/", Tok::Firefox),
    ("crios/", Tok::IosBrowser),
    ("fxios/", Tok::IosBrowser),
    ("edgios/", Tok::IosBrowser),
    ("opios/", Tok::IosBrowser),
    ("opt/", Tok::IosBrowser),
    ("duckduckgo/", Tok::IosBrowser),
    ("yabrowser/", Tok::IosBrowser),
    ("mercury/", Tok::IosBrowser),
    ("ucbrowser/", Tok::IosBrowser),
    ("mqqbrowser/", Tok::IosBrowser),
    ("iphone os ", Tok::OsMark),
    ("cpu os ", Tok::OsMark),
    ("ipados ", Tok::OsMark),
    ("ios ", Tok::OsMark),
    ("ios/", Tok::OsMark),
    ("fbsv/", Tok::FbsvMark),
    ("version/", Tok::VersionMark),
    ("fban/messenger", Tok::Messenger),
    ("fb_iab/messenger", Tok::Messenger),
    ("messengerforios", Tok::Messenger),
    ("messengerlite", Tok::Messenger),
    ("orca-android", Tok::Messenger),
    ("instagram", Tok::Instagram),
    ("fban/", Tok::Facebook),
    ("fbav/", Tok::Facebook),
    ("fb_iab", Tok::Facebook),
    ("fbios", Tok::Facebook),
    ("fb4a", Tok::Facebook),
    ("metaiab", Tok::Facebook),
    ("waios", Tok::WhatsApp),
    ("whatsapp", Tok::WhatsApp),
    ("micromessenger", Tok::WeChat),
    ("wxwork", Tok::WeChat),
    ("weixin", Tok::WeChat),
    ("dingtalk", Tok::DingTalk),
    (" qq/", Tok::Qq),
    ("weibo", Tok::Weibo),
    ("kakaotalk", Tok::KakaoTalk),
    (" line/", Tok::Line),
    ("twitter", Tok::Twitter),
    ("linkedinapp", Tok::LinkedIn),
    ("snapchat", Tok::Snapchat),
    ("musical_ly", Tok::Tiktok),
    ("trill_", Tok::Tiktok),
    ("bytedancewebview", Tok::Tiktok),
    ("tiktok", Tok::Tiktok),
    ("aweme", Tok::Tiktok),
    ("gsa/", Tok::Google),
    ("pinterest", Tok::Pinterest),
    ("telegram", Tok::Telegram),
    ("; wv)", Tok::AndroidWebView),
    ("lark/", Tok::OtherApp),
    ("feishu", Tok::OtherApp),
    ("alipayclient", Tok::OtherApp),
    ("baiduboxapp", Tok::OtherApp),
    ("bot", Tok::BotSuffix),
    ("crawler", Tok::Bot),
    ("spider", Tok::Bot),
    // Crawlers say where to read about them: `(+http://www.google.com/bot.html)`.
    ("+http", Tok::Bot),
    ("externalhit", Tok::Bot),
    ("facebookcatalog", Tok::Bot),
    ("meta-externalagent", Tok::Bot),
    ("meta-externalfetcher", Tok::Bot),
    ("slack-imgproxy", Tok::Bot),
    ("skypeuripreview", Tok::Bot),
    ("iframely", Tok::Bot),
    ("embedly", Tok::Bot),
    ("bingpreview", Tok::Bot),
    ("vkshare", Tok::Bot),
    ("url preview", Tok::Bot),
    ("urlpreview", Tok::Bot),
    ("web preview", Tok::Bot),
    ("link preview", Tok::Bot),
    ("linkpreview", Tok::Bot),
    ("google-inspectiontool", Tok::Bot),
    ("googleother", Tok::Bot),
    ("google-pagerenderer", Tok::Bot),
    ("google-read-aloud", Tok::Bot),
    ("feedfetcher", Tok::Bot),
    ("mediapartners", Tok::Bot),
    ("pleroma", Tok::Bot),
    ("akkoma", Tok::Bot),
    ("misskey", Tok::Bot),
    ("cardyb", Tok::Bot),
    ("slurp", Tok::Bot),
    ("ia_archiver", Tok::Bot),
];

static AUTOMATON: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        // A full DFA: a few hundred KB built once, and the fastest scan per byte.
        .kind(Some(AhoCorasickKind::DFA))
        .build(TOKENS.iter().map(|(p, _)| p))
        .ok()
});

/// Builds the automaton now rather than on the first request.
pub(super) fn warm_up() {
    LazyLock::force(&AUTOMATON);
}

/// What one scan found.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Found {
    bits: u64,
    /// The highest version after an OS marker (`iPhone OS 17_1`, `CPU OS 12_2`, `iOS 17_0`,
    /// `iOS/14.4.2`).
    pub os: Option<OsVersion>,
    /// Facebook's `FBSV/` (the system version).
    pub fbsv: Option<OsVersion>,
    /// Safari's `Version/` (on iOS, the iOS version; the one place iOS 26 still tells it).
    pub safari_version: Option<OsVersion>,
}

impl Found {
    pub fn has(&self, t: Tok) -> bool {
        self.bits & (1 << t as u8) != 0
    }

    pub fn any(&self, ts: &[Tok]) -> bool {
        ts.iter().any(|&t| self.has(t))
    }

    fn set(&mut self, t: Tok) {
        self.bits |= 1 << t as u8;
    }
}

// The bit set has room for 64 meanings.
const _: () = assert!((Tok::BotSuffix as u8) < 64);

/// Scans `ua` once.
pub(super) fn scan(ua: &str) -> Found {
    let mut found = Found::default();
    let Some(ac) = AUTOMATON.as_ref() else {
        return found;
    };
    let bytes = ua.as_bytes();
    for m in ac.find_overlapping_iter(ua) {
        let Some(&(_, tok)) = TOKENS.get(m.pattern().as_usize()) else {
            continue;
        };
        match tok {
            Tok::OsMark => keep_max(
                &mut found.os,
                OsVersion::parse_prefix(bytes.get(m.end()..).unwrap_or_default()),
            ),
            Tok::FbsvMark => keep_max(
                &mut found.fbsv,
                OsVersion::parse_prefix(bytes.get(m.end()..).unwrap_or_default()),
            ),
            Tok::VersionMark => keep_max(
                &mut found.safari_version,
                OsVersion::parse_prefix(bytes.get(m.end()..).unwrap_or_default()),
            ),
            Tok::BotSuffix => {
                if ends_a_crawler_name(bytes, m.start(), m.end()) {
                    found.set(Tok::Bot);
                }
            }
            t => found.set(t),
        }
    }
    found
}

fn keep_max(slot: &mut Option<OsVersion>, v: Option<OsVersion>) {
    if v > *slot {
        *slot = v;
    }
}

/// `bot` at `start..end` ends a word (`Googlebot/`, `TelegramBot (`, `Slackbot-`), and is not
/// the phone maker Cubot (`CUBOT X19`).
fn ends_a_crawler_name(ua: &[u8], start: usize, end: usize) -> bool {
    let word_ends = ua.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
    let cubot = start
        .checked_sub(2)
        .and_then(|s| ua.get(s..start))
        .is_some_and(|w| w.eq_ignore_ascii_case(b"cu"));
    word_ends && !cubot
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_lower_case_so_case_folding_applies() {
        for (p, _) in TOKENS {
            assert_eq!(*p, p.to_ascii_lowercase(), "{p}");
        }
    }

    #[test]
    fn the_automaton_builds_and_stays_small() {
        let ac = AUTOMATON.as_ref().expect("the token automaton builds");
        assert!(ac.memory_usage() < 1 << 20, "{} bytes", ac.memory_usage());
    }

    #[test]
    fn tokens_are_found_in_any_case() {
        let f = scan("Mozilla/5.0 (IPHONE; CPU iPhone OS 17_1 like Mac OS X) FBAN/FBIOS");
        assert!(f.has(Tok::Iphone));
        assert!(f.has(Tok::Facebook));
        assert!(f.has(Tok::Macintosh), "'Mac OS X' counts as a Mac marker");
        assert!(!f.has(Tok::Android));
    }

    #[test]
    fn versions_follow_their_markers() {
        let f = scan("(iPhone; CPU iPhone OS 18_6 like Mac OS X) Version/26.0.1 Safari/604.1");
        assert_eq!(f.os, Some(OsVersion::new(18, 6)));
        assert_eq!(f.safari_version, Some(OsVersion::new(26, 0)));
        let f = scan("[FBAN/FBIOS;FBSV/16.6;FBSS/3]");
        assert_eq!(f.fbsv, Some(OsVersion::new(16, 6)));
        // A marker with no number after it records nothing.
        assert_eq!(scan("radios and more").os, None);
    }

    #[test]
    fn bot_counts_only_at_the_end_of_a_word() {
        assert!(scan("Slackbot-LinkExpanding 1.0").has(Tok::Bot));
        assert!(scan("TelegramBot (like TwitterBot)").has(Tok::Bot));
        assert!(scan("Mozilla/5.0 (compatible; Discordbot/2.0)").has(Tok::Bot));
        assert!(scan("redditbot").has(Tok::Bot));
        assert!(!scan("Mozilla/5.0 (Linux; Android 9; CUBOT X19) Chrome/119").has(Tok::Bot));
        assert!(!scan("robots bottle").has(Tok::Bot));
    }
}
