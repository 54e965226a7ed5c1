//! Who is visiting: from the User-Agent, the platform, the in-app browser (if any), the iOS
//! version, and so which page can work for them.
//!
//! One scan of the string ([`scan`]) finds every token we know; the rules below are bit tests
//! in a fixed order (crawler, iOS, Android, Mac, other desktop), and only a string none of them
//! recognises goes to woothee. What no User-Agent can tell (Telegram on iOS sends Safari's; an
//! iPad in desktop mode sends a Mac's) is left to the pages, which carry fallbacks for it.

mod scan;

use std::fmt;

use serde::{Serialize, Serializer};

use scan::Tok;

/// Longest prefix of a User-Agent we look at. Real ones are under 600 bytes; this bounds the
/// work an attacker can ask for.
const MAX_UA: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    /// iPhone, iPad or iPod touch with a mobile User-Agent.
    Ios,
    /// A Macintosh User-Agent from Safari or a WebKit view: a Mac, or an iPad in desktop mode.
    MacOrIpad,
    Android,
    Desktop,
    /// A crawler or link-preview fetcher.
    Bot,
    Unknown,
}

/// The page a visitor gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// The itms-services button first.
    Install,
    /// Steps to leave an in-app browser, a copy-link control, then the button.
    OpenInSafari,
    /// A QR code to scan with an iPhone.
    Qr,
    /// Says the build is for iPhone and iPad, with the QR code.
    IosOnly,
    /// Open Graph tags and a small body, for link previews.
    Preview,
}

/// The Apple device a mobile iOS User-Agent names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Device {
    Iphone,
    Ipad,
    Ipod,
}

/// The app whose embedded browser the visitor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InApp {
    Facebook,
    Messenger,
    Instagram,
    Wechat,
    Line,
    Twitter,
    Linkedin,
    Snapchat,
    Tiktok,
    Google,
    Dingtalk,
    Qq,
    Weibo,
    Kakaotalk,
    Pinterest,
    Telegram,
    Whatsapp,
    /// Some app's web view that does not name itself (an iOS WebKit view with no `Safari/`).
    Webview,
}

impl InApp {
    /// The name shown to people ("Open this page from WeChat in Safari").
    pub fn display_name(self) -> &'static str {
        match self {
            InApp::Facebook => "Facebook",
            InApp::Messenger => "Messenger",
            InApp::Instagram => "Instagram",
            InApp::Wechat => "WeChat",
            InApp::Line => "LINE",
            InApp::Twitter => "X (Twitter)",
            InApp::Linkedin => "LinkedIn",
            InApp::Snapchat => "Snapchat",
            InApp::Tiktok => "TikTok",
            InApp::Google => "the Google app",
            InApp::Dingtalk => "DingTalk",
            InApp::Qq => "QQ",
            InApp::Weibo => "Weibo",
            InApp::Kakaotalk => "KakaoTalk",
            InApp::Pinterest => "Pinterest",
            InApp::Telegram => "Telegram",
            InApp::Whatsapp => "WhatsApp",
            InApp::Webview => "this app",
        }
    }
}

/// An OS version, major and minor. Serialised as `"17.1"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OsVersion {
    pub major: u16,
    pub minor: u16,
}

impl OsVersion {
    pub const fn new(major: u16, minor: u16) -> Self {
        OsVersion { major, minor }
    }

    /// Reads `17`, `17.1`, `17_1_2` or `26.0.1` at the start of `s` (what follows is ignored).
    /// Majors outside 1..=99 are not OS versions.
    pub fn parse_prefix(s: &[u8]) -> Option<OsVersion> {
        let (major, rest) = leading_number(s)?;
        let minor = match rest {
            [b'_' | b'.', tail @ ..] => leading_number(tail).map_or(0, |(n, _)| n),
            _ => 0,
        };
        (1..=99)
            .contains(&major)
            .then_some(OsVersion::new(major, minor))
    }

    /// Reads a version such as an app's `MinimumOSVersion` (`"14.0"`, `"9"`).
    pub fn parse(s: &str) -> Option<OsVersion> {
        OsVersion::parse_prefix(s.trim().as_bytes())
    }
}

/// Up to four digits at the start of `s`.
fn leading_number(s: &[u8]) -> Option<(u16, &[u8])> {
    let digits = s.iter().take(5).take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let (num, rest) = s.split_at(digits);
    let n = num
        .iter()
        .fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'));
    Some((n, rest))
}

impl fmt::Display for OsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl Serialize for OsVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A detected visitor. Cheap to compute and small and `Copy`, so it can key a cache of
/// rendered pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Visitor {
    pub platform: Platform,
    /// The app whose embedded browser this is, if we can tell.
    pub in_app: Option<InApp>,
    /// The iOS version, for iOS visitors that say it.
    pub os_version: Option<OsVersion>,
    pub page: PageKind,
    /// iPhone, iPad or iPod, when the User-Agent says (an iOS visitor, or an iPad known by an
    /// iOS-only browser token in a desktop-mode User-Agent).
    pub device: Option<Device>,
}

impl Visitor {
    fn new(platform: Platform, page: PageKind) -> Self {
        Visitor {
            platform,
            in_app: None,
            os_version: None,
            page,
            device: None,
        }
    }
}

/// Prepares detection (builds the token automaton, compiles woothee's expressions) so that the
/// first request does not pay for it. Call once at start-up.
pub fn warm_up() {
    scan::warm_up();
    let _ = woothee::parser::Parser::new().parse("Mozilla/5.0 (compatible; otadrop warm-up)");
}

/// Detects the visitor from a User-Agent string (empty when the header is missing).
pub fn detect(ua: &str) -> Visitor {
    let ua = clip(ua.trim(), MAX_UA);
    if ua.is_empty() {
        return Visitor::new(Platform::Unknown, PageKind::Qr);
    }
    let f = scan::scan(ua);

    if f.has(Tok::Bot) || starts_with_ignore_case(ua, "WhatsApp/") {
        // Crawlers first: Googlebot's smartphone crawler also says Android and iPhone.
        // `WhatsApp/2.23.20.0 i` is WhatsApp's link preview; its in-app browser is `WAiOS`.
        return Visitor::new(Platform::Bot, PageKind::Preview);
    }
    if f.has(Tok::WindowsPhone) {
        // "Windows Phone ... like iPhone OS 7_0_3": a phone, and not an Apple one.
        return Visitor::new(Platform::Unknown, PageKind::IosOnly);
    }
    if f.any(&[Tok::Iphone, Tok::Ipad, Tok::Ipod]) {
        return ios(&f);
    }
    if f.has(Tok::Android) {
        let mut v = Visitor::new(Platform::Android, PageKind::IosOnly);
        v.in_app = named_app(&f).or(f.has(Tok::AndroidWebView).then_some(InApp::Webview));
        return v;
    }
    if f.has(Tok::Macintosh) {
        return mac(&f);
    }
    if f.has(Tok::OtherMobile) {
        return Visitor::new(Platform::Unknown, PageKind::IosOnly);
    }
    if f.has(Tok::Desktop) {
        return Visitor::new(Platform::Desktop, PageKind::Qr);
    }
    by_woothee(ua)
}

/// An iPhone, iPad or iPod with a mobile User-Agent.
fn ios(f: &scan::Found) -> Visitor {
    let device = if f.has(Tok::Ipad) {
        Device::Ipad
    } else if f.has(Tok::Ipod) {
        Device::Ipod
    } else {
        Device::Iphone
    };
    // An app's WKWebView has WebKit but no `Safari/` token; iOS-only browsers may lack it too.
    let unnamed_view = f.has(Tok::AppleWebKit) && !f.has(Tok::Safari) && !f.has(Tok::IosBrowser);
    let in_app = named_app(f).or(unnamed_view.then_some(InApp::Webview));
    Visitor {
        platform: Platform::Ios,
        in_app,
        os_version: ios_version(f),
        page: if in_app.is_some() {
            PageKind::OpenInSafari
        } else {
            PageKind::Install
        },
        device: Some(device),
    }
}

/// The iOS version. Since iOS 26, Safari and WebKit views freeze the OS in the User-Agent at
/// `18_6` (or `18_7`) while `Version/26.0` (Safari) or `FBSV/26.0` (Facebook) still tell the
/// truth, so a larger value from those wins. `Version/` is only trusted from 26 on: other
/// browsers put their own version there (Edge on iOS 17.1 says `Version/17.0`).
fn ios_version(f: &scan::Found) -> Option<OsVersion> {
    let safari = f.safari_version.filter(|v| v.major >= 26);
    [f.os, f.fbsv, safari].into_iter().flatten().max()
}

/// A Macintosh User-Agent: Safari on a Mac, an iPad in desktop mode, or another Mac browser.
fn mac(f: &scan::Found) -> Visitor {
    if f.has(Tok::IosBrowser) || named_app(f).is_some() {
        // Tokens that only iOS apps send: this "Mac" is an iPad in desktop mode.
        let in_app = named_app(f);
        let mut v = Visitor::new(
            Platform::MacOrIpad,
            if in_app.is_some() {
                PageKind::OpenInSafari
            } else {
                PageKind::Install
            },
        );
        v.in_app = in_app;
        v.device = Some(Device::Ipad);
        return v;
    }
    if f.has(Tok::Chrome) || f.has(Tok::Firefox) || !f.has(Tok::AppleWebKit) {
        // iPadOS sends Safari's Mac User-Agent in desktop mode, never Chrome's or Firefox's.
        return Visitor::new(Platform::Desktop, PageKind::Qr);
    }
    let mut v = Visitor::new(Platform::MacOrIpad, PageKind::Qr);
    if !f.has(Tok::Safari) {
        v.in_app = Some(InApp::Webview);
    }
    v
}

/// The in-app browser a token names. Messenger and Instagram come before Facebook (their
/// User-Agents can carry Facebook's tokens too).
fn named_app(f: &scan::Found) -> Option<InApp> {
    const ORDER: &[(Tok, InApp)] = &[
        (Tok::Messenger, InApp::Messenger),
        (Tok::Instagram, InApp::Instagram),
        (Tok::Facebook, InApp::Facebook),
        (Tok::WhatsApp, InApp::Whatsapp),
        (Tok::WeChat, InApp::Wechat),
        (Tok::DingTalk, InApp::Dingtalk),
        (Tok::Qq, InApp::Qq),
        (Tok::Weibo, InApp::Weibo),
        (Tok::KakaoTalk, InApp::Kakaotalk),
        (Tok::Line, InApp::Line),
        (Tok::Twitter, InApp::Twitter),
        (Tok::LinkedIn, InApp::Linkedin),
        (Tok::Snapchat, InApp::Snapchat),
        (Tok::Tiktok, InApp::Tiktok),
        (Tok::Google, InApp::Google),
        (Tok::Pinterest, InApp::Pinterest),
        (Tok::Telegram, InApp::Telegram),
        (Tok::OtherApp, InApp::Webview),
    ];
    ORDER.iter().find(|(t, _)| f.has(*t)).map(|&(_, app)| app)
}

/// Strings none of our rules recognise (HTTP libraries, consoles, rare crawlers): woothee's
/// categories.
fn by_woothee(ua: &str) -> Visitor {
    let parser = woothee::parser::Parser::new();
    let Some(r) = parser.parse(ua) else {
        return Visitor::new(Platform::Unknown, PageKind::Qr);
    };
    match r.category {
        "crawler" => Visitor::new(Platform::Bot, PageKind::Preview),
        "pc" => Visitor::new(Platform::Desktop, PageKind::Qr),
        "smartphone" | "mobilephone" => Visitor::new(Platform::Unknown, PageKind::IosOnly),
        _ => Visitor::new(Platform::Unknown, PageKind::Qr),
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
mod tests;
