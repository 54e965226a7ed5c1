//! One test per rule, with real User-Agent strings that are not in the shared fixture file
//! (`tests/detect.rs` checks every row of that file).

use proptest::prelude::*;

use super::*;

fn v(ua: &str) -> Visitor {
    detect(ua)
}

fn ver(major: u16, minor: u16) -> Option<OsVersion> {
    Some(OsVersion::new(major, minor))
}

#[track_caller]
fn expect(ua: &str, platform: Platform, in_app: Option<InApp>, page: PageKind) {
    let got = v(ua);
    assert_eq!(
        (got.platform, got.in_app, got.page),
        (platform, in_app, page),
        "{ua}"
    );
}

// --- iOS browsers that can install ------------------------------------------------------------

#[test]
fn ios_safari_installs_and_reports_the_version() {
    let got = v("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1");
    assert_eq!(got.platform, Platform::Ios);
    assert_eq!(got.page, PageKind::Install);
    assert_eq!(got.in_app, None);
    assert_eq!(got.os_version, ver(16, 6));
    assert_eq!(got.device, Some(Device::Iphone));
}

#[test]
fn ios_26_safari_freezes_the_os_at_18_6_but_version_tells_the_truth() {
    // Safari 26 sends `iPhone OS 18_6`; the real major is in `Version/26.0`.
    let got = v("Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1");
    assert_eq!(got.os_version, ver(26, 0));
    assert_eq!(got.page, PageKind::Install);
    let got = v("Mozilla/5.0 (iPad; CPU OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1");
    assert_eq!(got.os_version, ver(26, 1));
    assert_eq!(got.device, Some(Device::Ipad));
}

#[test]
fn a_browser_version_below_26_never_overrides_the_os() {
    // Edge on iOS 17.1 says Version/17.0.
    let got = v("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/119.2151.96 Mobile/15E148 Safari/605.1.15");
    assert_eq!(got.os_version, ver(17, 1));
}

#[test]
fn ios_only_browsers_install() {
    for ua in [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 OPT/4.3.2",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 DuckDuckGo/7 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/140.0.7339.122 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) OPiOS/16.0.14.122053 Mobile/15E148 Safari/9537.53",
        // Firefox Focus and others without a Safari token still name their browser.
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/120.0 Mobile/15E148",
    ] {
        expect(ua, Platform::Ios, None, PageKind::Install);
    }
}

#[test]
fn ipod_and_ipad_name_their_device() {
    let got = v("Mozilla/5.0 (iPod touch; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1");
    assert_eq!(got.device, Some(Device::Ipod));
    assert_eq!(got.os_version, ver(15, 7));
    let got = v("Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1");
    assert_eq!(got.device, Some(Device::Ipad));
    assert_eq!(got.os_version, ver(17, 1));
}

#[test]
fn the_device_installer_itself_is_an_ios_visitor_with_its_real_version() {
    let got = v("com.apple.appstored/1.0 iOS/14.4.2 model/iPhone13,1 hwp/t8101 build/18D70 (6; dt:229) AMS/1");
    assert_eq!(got.platform, Platform::Ios);
    assert_eq!(got.os_version, ver(14, 4));
    assert_eq!(got.in_app, None);
}

// --- iOS in-app browsers ----------------------------------------------------------------------

#[test]
fn facebook_and_messenger() {
    let messenger = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/442.0.0.37.107;FBBV/533213735;FBDV/iPhone15,3;FBMD/iPhone;FBSN/iOS;FBSV/17.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/0]";
    expect(
        messenger,
        Platform::Ios,
        Some(InApp::Messenger),
        PageKind::OpenInSafari,
    );
    expect(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/455.0.0.42.112;FBBV/600000000;FBDV/iPhone14,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBID/phone;FBLC/en_GB;FBOP/5;FBRV/0;IABMV/1]",
        Platform::Ios,
        Some(InApp::Facebook),
        PageKind::OpenInSafari,
    );
    // Meta's newer in-app browser keeps Safari's tokens and adds MetaIAB.
    expect(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1 MetaIAB Facebook",
        Platform::Ios,
        Some(InApp::Facebook),
        PageKind::OpenInSafari,
    );
}

#[test]
fn facebook_tells_the_real_ios_version_in_fbsv() {
    let got = v("Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/520.0.0.38.101;FBDV/iPhone16,2;FBMD/iPhone;FBSN/iOS;FBSV/26.0.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/80]");
    assert_eq!(got.os_version, ver(26, 0));
}

#[test]
fn whatsapp_in_app_browser_is_not_its_link_preview() {
    expect(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 [WAiOS/24.10.75]",
        Platform::Ios,
        Some(InApp::Whatsapp),
        PageKind::OpenInSafari,
    );
    expect(
        "WhatsApp/2.23.20.0 i",
        Platform::Bot,
        None,
        PageKind::Preview,
    );
    expect(
        "WhatsApp/2.21.22.23 A",
        Platform::Bot,
        None,
        PageKind::Preview,
    );
}

#[test]
fn chinese_and_korean_chat_apps() {
    let cases = [
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.3.5", InApp::Kakaotalk),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,2__weibo__13.2.1__iphone__os16.3)", InApp::Weibo),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.9.33.614 V1_IPH_SQ_8.9.33_1_APP_A Pixel/1170 Core/WKWebView Device/Apple(iPhone 13) NetType/WIFI QBWebViewType/1 WKType/1", InApp::Qq),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.0.30) com.laiwang.DingTalk/29436390 Channel/201200 language/zh-Hans-CN WK", InApp::Dingtalk),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.16 MicroMessenger/7.0.1 Language/zh ColorScheme/Light", InApp::Wechat),
    ];
    for (ua, app) in cases {
        expect(ua, Platform::Ios, Some(app), PageKind::OpenInSafari);
    }
}

#[test]
fn social_apps() {
    let cases = [
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [Pinterest/iOS]", InApp::Pinterest),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_32.5.0", InApp::Tiktok),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 trill_32.6.0", InApp::Tiktok),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 312.0.0.32.112 (iPhone14,5; iOS 17_2; en_US; en; scale=3.00; 1170x2532; 548375166)", InApp::Instagram),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Twitter for iPhone/10.20", InApp::Twitter),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/12.70.0.36 (like Safari/8617.1.17.10.9, panda)", InApp::Snapchat),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.6", InApp::Linkedin),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/300.0.598994205 Mobile/15E148 Safari/604.1", InApp::Google),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.20.0", InApp::Line),
    ];
    for (ua, app) in cases {
        expect(ua, Platform::Ios, Some(app), PageKind::OpenInSafari);
    }
}

#[test]
fn instagram_tells_the_ios_version_too() {
    let got = v("Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 390.0.0.28.85 (iPhone16,1; iOS 26_0; en_US; en; scale=3.00; 1179x2556; IABMV/1; 764145112)");
    assert_eq!(got.os_version, ver(26, 0));
    assert_eq!(got.in_app, Some(InApp::Instagram));
}

#[test]
fn an_unnamed_wkwebview_is_a_webview() {
    // Alipay and friends: WebKit, no Safari token, no name we know.
    expect(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ChannelId(1) Ariver/1.1.0 AliApp(AP/10.5.36.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.5.36.6000 Language/zh-Hans Region/CN NebulaX/1.0.0",
        Platform::Ios,
        Some(InApp::Webview),
        PageKind::OpenInSafari,
    );
    expect(
        "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        Platform::Ios,
        Some(InApp::Webview),
        PageKind::OpenInSafari,
    );
}

// --- Android and other phones -----------------------------------------------------------------

#[test]
fn android_is_ios_only_whatever_the_app() {
    let cases = [
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36", None),
        ("Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0", None),
        ("Mozilla/5.0 (Linux; Android 13; SM-G991B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 308.0.0.36.109 Android (33/13; 480dpi; 1080x2177; samsung; SM-G991B; o1s; exynos2100; en_GB; 533450710)", Some(InApp::Instagram)),
        ("Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/441.0.0.23.105;]", Some(InApp::Facebook)),
        ("Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/439.0.0.29.119;]", Some(InApp::Messenger)),
        ("Mozilla/5.0 (Linux; Android 13; SM-S911B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Line/13.19.1/IAB", Some(InApp::Line)),
        ("Mozilla/5.0 (Linux; Android 12; Pixel 6 Build/SQ3A.220705.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.0.0 Mobile Safari/537.36", Some(InApp::Webview)),
        ("Mozilla/5.0 (Phone; OpenHarmony 4.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile", None),
        ("Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36", None),
    ];
    for (ua, app) in cases {
        let got = v(ua);
        assert_eq!(got.platform, Platform::Android, "{ua}");
        assert_eq!(got.page, PageKind::IosOnly, "{ua}");
        assert_eq!(got.in_app, app, "{ua}");
        assert_eq!(got.os_version, None, "only iOS versions are reported: {ua}");
    }
}

#[test]
fn windows_phone_pretending_to_be_an_iphone_is_not_one() {
    let got = v("Mozilla/5.0 (Mobile; Windows Phone 8.1; Android 4.0; ARM; Trident/7.0; Touch; rv:11.0; IEMobile/11.0; NOKIA; Lumia 635) like iPhone OS 7_0_3 Mac OS X AppleWebKit/537 (KHTML, like Gecko) Mobile Safari/537");
    assert_eq!(got.platform, Platform::Unknown);
    assert_eq!(got.page, PageKind::IosOnly);
}

#[test]
fn other_phones_are_told_the_build_is_for_ios() {
    let got = v("Mozilla/5.0 (BB10; Touch) AppleWebKit/537.10+ (KHTML, like Gecko) Version/10.0.9.2372 Mobile Safari/537.10+");
    assert_eq!(got.page, PageKind::IosOnly);
}

// --- Macs, iPads in desktop mode, desktops ----------------------------------------------------

#[test]
fn mac_safari_may_be_an_ipad() {
    expect(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        Platform::MacOrIpad,
        None,
        PageKind::Qr,
    );
}

#[test]
fn an_ios_only_token_in_a_mac_user_agent_is_an_ipad_in_desktop_mode() {
    let got = v("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Version/17.0 Safari/604.1");
    assert_eq!(got.platform, Platform::MacOrIpad);
    assert_eq!(got.device, Some(Device::Ipad));
    assert_eq!(got.page, PageKind::Install);
}

#[test]
fn a_mac_webkit_view_without_safari_is_a_webview_still_shown_the_qr() {
    expect(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
        Platform::MacOrIpad,
        Some(InApp::Webview),
        PageKind::Qr,
    );
}

#[test]
fn other_mac_and_desktop_browsers_get_the_qr() {
    for ua in [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
        "Mozilla/5.0 (X11; FreeBSD amd64; rv:121.0) Gecko/20100101 Firefox/121.0",
    ] {
        expect(ua, Platform::Desktop, None, PageKind::Qr);
    }
}

// --- Crawlers and link previews ---------------------------------------------------------------

#[test]
fn link_preview_fetchers_and_crawlers_get_the_preview() {
    for ua in [
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.199 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
        "Iframely/1.3.1 (+https://iframely.com/docs/about) Atlassian",
        "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)",
        "Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)",
        // iMessage's preview fetcher.
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
        "Pinterest/0.2 (+http://www.pinterest.com/bot.html)",
        "http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)",
        "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "Slack-ImgProxy (+https://api.slack.com/robots)",
        "facebookexternalhit/1.1;line-poker/1.0",
        "Mozilla/5.0 (compatible; DuckDuckBot-Https/1.1; https://duckduckgo.com/duckduckbot)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
    ] {
        expect(ua, Platform::Bot, None, PageKind::Preview);
    }
}

// --- Nothing to go on -------------------------------------------------------------------------

#[test]
fn http_libraries_and_nothing_at_all_are_unknown() {
    for ua in [
        "",
        "   ",
        "-",
        "curl/8.4.0",
        "Wget/1.21.3",
        "python-requests/2.31.0",
        "Go-http-client/2.0",
        "okhttp/4.12.0",
        "\u{0}\u{1}",
    ] {
        expect(ua, Platform::Unknown, None, PageKind::Qr);
    }
}

#[test]
fn surrounding_whitespace_does_not_matter() {
    let ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    assert_eq!(v(&format!("  {ua}\t")), v(ua));
}

#[test]
fn a_huge_user_agent_is_clipped_not_scanned_whole() {
    let mut ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1 ".to_string();
    ua.push_str(&"é".repeat(100_000));
    // Past the clip point, a crawler token changes nothing.
    ua.push_str(" Googlebot/2.1");
    let got = v(&ua);
    assert_eq!(got.platform, Platform::Ios);
    assert_eq!(got.page, PageKind::Install);
}

#[test]
fn json_has_the_documented_fields() {
    let got = v("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN");
    let json = serde_json::to_value(got).unwrap();
    assert_eq!(json["platform"], "ios");
    assert_eq!(json["in_app"], "wechat");
    assert_eq!(json["os_version"], "17.1");
    assert_eq!(json["page"], "open-in-safari");
    assert_eq!(json["device"], "iphone");
    let json = serde_json::to_value(v("curl/8.4.0")).unwrap();
    assert_eq!(json["platform"], "unknown");
    assert!(json["in_app"].is_null());
    assert!(json["os_version"].is_null());
    assert_eq!(json["page"], "qr");
    let json = serde_json::to_value(v("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15")).unwrap();
    assert_eq!(json["platform"], "mac-or-ipad");
}

#[test]
fn os_versions_parse_and_order() {
    assert_eq!(OsVersion::parse("14.0"), ver(14, 0));
    assert_eq!(OsVersion::parse("9"), ver(9, 0));
    assert_eq!(OsVersion::parse(" 17.1.2 "), ver(17, 1));
    assert_eq!(OsVersion::parse("17_4"), ver(17, 4));
    assert_eq!(OsVersion::parse(""), None);
    assert_eq!(OsVersion::parse("x1"), None);
    assert_eq!(OsVersion::parse("0.9"), None);
    assert_eq!(OsVersion::parse("99999"), None);
    assert!(OsVersion::new(16, 10) > OsVersion::new(16, 9));
    assert!(OsVersion::new(17, 0) > OsVersion::new(16, 9));
    assert_eq!(OsVersion::new(26, 1).to_string(), "26.1");
}

#[test]
fn warm_up_can_run_any_number_of_times() {
    warm_up();
    warm_up();
    assert_eq!(v("curl/8.4.0").platform, Platform::Unknown);
}

proptest! {
    #[test]
    fn detect_never_panics_and_is_consistent(ua in ".{0,600}") {
        let got = detect(&ua);
        // The page follows from the platform.
        match got.platform {
            Platform::Bot => prop_assert_eq!(got.page, PageKind::Preview),
            Platform::Android => prop_assert_eq!(got.page, PageKind::IosOnly),
            Platform::Desktop => prop_assert_eq!(got.page, PageKind::Qr),
            Platform::Ios => prop_assert!(matches!(got.page, PageKind::Install | PageKind::OpenInSafari)),
            _ => {}
        }
        if got.page == PageKind::OpenInSafari {
            prop_assert!(got.in_app.is_some());
        }
        if got.platform != Platform::Ios && got.platform != Platform::MacOrIpad {
            prop_assert_eq!(got.os_version, None);
        }
    }

    #[test]
    fn detect_never_panics_on_user_agent_shaped_noise(
        head in "(Mozilla/5.0 )?\\((iPhone|iPad|Macintosh|Linux; Android [0-9]{1,2}|Windows NT 10.0)?; ?(CPU (iPhone )?OS [0-9_]{0,8})?",
        tail in "[ -~]{0,200}",
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let ua = format!("{head}{tail}{}", String::from_utf8_lossy(&bytes));
        let _ = detect(&ua);
    }
}
