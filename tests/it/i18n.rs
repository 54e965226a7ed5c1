//! Pages in the visitor's language: each language's pages carry their own key words (written
//! here from what iOS and the apps show, not copied from the message files) and no English
//! sentence of the catalogue; the real server negotiates (`Accept-Language`, `?lang=`,
//! `--lang`), says `Vary: Accept-Language`, serves one AMP document per language with
//! `hreflang` links between them; and headless Chromium shows the Chinese, Japanese and Korean
//! iPhone pages with real CJK fonts (screenshots under `test-artifacts/i18n/`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use otadrop::i18n::messages::FILES;
use otadrop::i18n::Lang;
use otadrop::page::Flavor;
use reqwest::header::{ACCEPT_LANGUAGE, VARY};

use crate::pages::{releases, render_in, VISITORS};
use crate::support::{app_keys, make_ipa, tools, TestServer};

/// What each language's pages must say, by page kind. `trust` and `developer_mode` are the
/// iOS Settings paths as iOS shows them in that language; `safari` is the chat app's
/// command (WeChat's, for the WeChat visitor).
struct Words {
    lang: Lang,
    install: &'static str,
    trust: &'static str,
    developer_mode: &'static str,
    safari: &'static str,
    wechat: &'static str,
    camera: &'static str,
    ios_only: &'static str,
    blocked: &'static str,
}

const WORDS: &[Words] = &[
    Words {
        lang: Lang::En,
        install: "Install",
        trust: "Settings › General › VPN & Device Management",
        developer_mode: "Settings › Privacy & Security › Developer Mode",
        safari: "Open in Safari",
        wechat: "WeChat",
        camera: "camera",
        ios_only: "is an iOS app",
        blocked: "cannot be installed",
    },
    Words {
        lang: Lang::ZhHans,
        install: "安装",
        trust: "设置 › 通用 › VPN与设备管理",
        developer_mode: "设置 › 隐私与安全性 › 开发者模式",
        safari: "在Safari中打开",
        wechat: "微信",
        camera: "相机",
        ios_only: "是 iOS 应用",
        blocked: "无法安装",
    },
    Words {
        lang: Lang::ZhHant,
        install: "安裝",
        trust: "設定 › 一般 › VPN與裝置管理",
        developer_mode: "設定 › 隱私權與安全性 › 開發者模式",
        safari: "在 Safari 中開啟",
        wechat: "微信",
        camera: "相機",
        ios_only: "是 iOS App",
        blocked: "無法安裝",
    },
    Words {
        lang: Lang::Ja,
        install: "インストール",
        trust: "設定 › 一般 › VPNとデバイス管理",
        developer_mode: "設定 › プライバシーとセキュリティ › デベロッパモード",
        safari: "Safari で開く",
        wechat: "WeChat",
        camera: "カメラ",
        ios_only: "iOS アプリ",
        blocked: "インストールできません",
    },
    Words {
        lang: Lang::Ko,
        install: "설치",
        trust: "설정 › 일반 › VPN 및 기기 관리",
        developer_mode: "설정 › 개인정보 보호 및 보안 › 개발자 모드",
        safari: "Safari에서 열기",
        wechat: "위챗",
        camera: "카메라",
        ios_only: "iOS 앱",
        blocked: "설치할 수 없습니다",
    },
    Words {
        lang: Lang::Es,
        install: "Instalar",
        trust: "Ajustes › General › VPN y gestión de dispositivos",
        developer_mode: "Ajustes › Privacidad y seguridad › Modo de desarrollador",
        safari: "Abrir en Safari",
        wechat: "WeChat",
        camera: "cámara",
        ios_only: "es una app de iOS",
        blocked: "No se puede instalar",
    },
    Words {
        lang: Lang::PtBr,
        install: "Instalar",
        trust: "Ajustes › Geral › VPN e Gerenciamento de Dispositivos",
        developer_mode: "Ajustes › Privacidade e Segurança › Modo de Desenvolvedor",
        safari: "Abrir no Safari",
        wechat: "WeChat",
        camera: "câmera",
        ios_only: "é um app para iOS",
        blocked: "Não é possível instalar",
    },
    Words {
        lang: Lang::Fr,
        install: "Installer",
        trust: "Réglages › Général › VPN et gestion de l'appareil",
        developer_mode: "Réglages › Confidentialité et sécurité › Mode développeur",
        safari: "Ouvrir dans Safari",
        wechat: "WeChat",
        camera: "appareil photo",
        ios_only: "est une app iOS",
        blocked: "Impossible d'installer",
    },
    Words {
        lang: Lang::De,
        install: "installieren",
        trust: "Einstellungen › Allgemein › VPN und Geräteverwaltung",
        developer_mode: "Einstellungen › Datenschutz & Sicherheit › Entwicklermodus",
        safari: "In Safari öffnen",
        wechat: "WeChat",
        camera: "Kamera",
        ios_only: "ist eine iOS-App",
        blocked: "kann nicht installiert werden",
    },
    Words {
        lang: Lang::Ru,
        install: "Установить",
        trust: "Настройки › Основные › VPN и управление устройством",
        developer_mode: "Настройки › Конфиденциальность и безопасность › Режим разработчика",
        safari: "Открыть в Safari",
        wechat: "WeChat",
        camera: "камерой",
        ios_only: "приложение для iOS",
        blocked: "нельзя установить",
    },
];

/// HTML as text to search: maud escapes `&`, `<`, `>` and `"`.
pub fn unescape(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn ua(name: &str) -> &'static str {
    VISITORS.iter().find(|(n, _)| *n == name).unwrap().1
}

fn release(name: &str) -> otadrop::store::Release {
    releases().into_iter().find(|(n, _)| *n == name).unwrap().1
}

#[test]
fn every_language_says_its_own_words_on_every_page_kind() {
    assert_eq!(WORDS.len(), Lang::ALL.len());
    for w in WORDS {
        let lang = w.lang;
        for flavor in [Flavor::Plain, Flavor::Amp] {
            let page = |r: &str, v: &str| {
                let html = unescape(&render_in(&release(r), ua(v), flavor, lang));
                let ctx = format!("{lang} {flavor:?} {r}/{v}");
                assert!(
                    html.contains(&format!("<html lang=\"{}\"", lang.tag())),
                    "{ctx}: lang"
                );
                (html, ctx)
            };
            let (html, ctx) = page("enterprise", "install");
            for word in [w.install, w.trust] {
                assert!(html.contains(word), "{ctx}: {word:?}");
            }
            let (html, ctx) = page("adhoc", "install");
            assert!(
                html.contains(w.developer_mode),
                "{ctx}: {:?}",
                w.developer_mode
            );
            if flavor == Flavor::Plain {
                let (html, ctx) = page("unsigned", "open-in-safari");
                for word in [w.safari, w.wechat] {
                    assert!(html.contains(word), "{ctx}: {word:?}");
                }
            } else {
                // The AMP document's template takes the app's words from the visitor JSON,
                // which speaks the document's language.
                let json = serde_json::to_value(otadrop::page::personal(
                    &release("unsigned"),
                    otadrop::client::detect(ua("open-in-safari")),
                    crate::pages::NOW,
                    lang,
                ))
                .unwrap();
                assert_eq!(json["command"], w.safari, "{lang}");
                assert_eq!(json["app_name"], w.wechat, "{lang}");
            }
            let (html, ctx) = page("unsigned", "qr-desktop");
            assert!(html.contains(w.camera), "{ctx}: {:?}", w.camera);
            assert!(html.contains("<svg class=\"qr\""), "{ctx}");
            let (html, ctx) = page("unsigned", "ios-only");
            assert!(html.contains(w.ios_only), "{ctx}: {:?}", w.ios_only);
            for (r, v) in [("appstore", "install"), ("expired", "qr-desktop")] {
                let (html, ctx) = page(r, v);
                assert!(html.contains(w.blocked), "{ctx}: {:?}", w.blocked);
                assert!(!html.contains("itms-services"), "{ctx}");
            }
        }
    }
}

/// Sentences and clauses of the English catalogue's text (placeholders and bold marks cut
/// them), at least three words long.
pub fn english_sentences() -> BTreeSet<String> {
    use fluent_syntax::ast;
    fn walk(p: &ast::Pattern<&str>, out: &mut Vec<String>) {
        for el in &p.elements {
            match el {
                ast::PatternElement::TextElement { value } => out.push(value.to_string()),
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { variants, .. },
                } => variants.iter().for_each(|v| walk(&v.value, out)),
                ast::PatternElement::Placeable { .. } => out.push(String::new()),
            }
        }
    }
    let en = FILES.iter().find(|(t, _)| *t == "en").unwrap().1;
    let res = fluent_syntax::parser::parse(en).unwrap();
    let mut texts = Vec::new();
    for entry in &res.body {
        if let ast::Entry::Message(m) = entry {
            if let Some(p) = &m.value {
                walk(p, &mut texts);
            }
        }
    }
    texts
        .iter()
        .flat_map(|t| t.split("**"))
        .flat_map(|t| t.split_inclusive(['.', ':', '?', '(', ')']))
        .map(|s| s.trim().trim_end_matches(['.', ':', '?', '(', ')']).trim())
        .filter(|s| s.split_whitespace().count() >= 3)
        .map(str::to_string)
        .collect()
}

/// The English sentences of the catalogue, ready to be looked for on pages: one automaton for
/// all of them, made once (a `contains` per sentence made the page sweep below the slowest test
/// of the suite).
pub struct English {
    sentences: Vec<String>,
    finder: aho_corasick::AhoCorasick,
}

impl English {
    pub fn new(sentences: &BTreeSet<String>) -> English {
        let Ok(finder) = aho_corasick::AhoCorasick::new(sentences) else {
            panic!("{} sentences make no automaton", sentences.len());
        };
        English {
            sentences: sentences.iter().cloned().collect(),
            finder,
        }
    }

    /// The sentences a page shows. No other language's file has one (not even as a brand
    /// name), so on a page in another language each one is English that leaked: a missing
    /// message, a fallback, or English copied into the file.
    pub fn on(&self, html: &str) -> Vec<String> {
        let found: BTreeSet<usize> = self
            .finder
            .find_overlapping_iter(&unescape(html))
            .map(|m| m.pattern().as_usize())
            .collect();
        found
            .into_iter()
            .map(|i| self.sentences[i].clone())
            .collect()
    }
}

#[test]
fn no_page_in_another_language_contains_an_english_sentence() {
    let sentences = english_sentences();
    assert!(sentences.len() > 60, "{} sentences", sentences.len());
    assert!(sentences.contains("iOS refuses to install it"));
    let english = English::new(&sentences);
    let mut found = BTreeSet::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let mut pages = Vec::new();
        let mut all = releases();
        // A build with every check the reader makes (their English text from the reader).
        let mut warned = release("adhoc");
        warned.app.warnings = otadrop::ipa::warnings::ALL
            .iter()
            .map(|code| otadrop::ipa::Warning {
                code: code.to_string(),
                message: format!("The reader's English sentence for {code}."),
            })
            .collect();
        all.push(("warned", warned));
        for (rname, r) in all {
            for (vname, ua) in VISITORS {
                for flavor in [Flavor::Plain, Flavor::Amp] {
                    let ctx = format!("{rname}/{vname}/{flavor:?}");
                    pages.push((ctx, render_in(&r, ua, flavor, lang)));
                }
            }
        }
        let site = otadrop::page::Site {
            public_url: otadrop::urls::PublicUrl::parse("https://ota.example.com").unwrap(),
            own_ca: true,
            default_lang: Lang::En,
        };
        pages.push((
            "index".into(),
            otadrop::page::index_page(&[], &site, false, lang),
        ));
        pages.push(("ca".into(), otadrop::page::ca_page(&site, lang)));
        pages.push(("console".into(), console_page(&site, lang)));
        pages.push((
            "index signed in".into(),
            otadrop::page::index_page(&[], &site, true, lang),
        ));
        pages.extend(access_pages(&site, lang));
        for (ctx, html) in &pages {
            if html.contains("The reader's English sentence") {
                found.insert(format!("{lang} {ctx}: a check in the reader's English"));
            }
            for s in english.on(html) {
                found.insert(format!("{lang} {ctx}: {s:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English on other languages' pages:\n{}",
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The console with two builds of one app (one with installs), a live link and a revoked one.
fn console_page(site: &otadrop::page::Site, lang: Lang) -> String {
    use otadrop::access::{Link, LinkId, Target};
    use std::sync::Arc;
    let builds: Vec<Arc<otadrop::store::Release>> = ["enterprise", "expired"]
        .into_iter()
        .map(|r| Arc::new(release(r)))
        .collect();
    let link = |target, revoked| {
        let l = Link {
            id: LinkId::random().unwrap(),
            target,
            created: crate::pages::NOW,
            expires_ms: Some(4_000_000_000_000),
            password_hash: Some("x".into()),
            note: None,
            revoked,
        };
        (Arc::new(l), "https://ota.example.com/s/T".to_string())
    };
    let links = [
        link(Target::Release(builds[0].id.clone()), None),
        link(
            Target::App(builds[0].app.bundle_id.clone()),
            Some(crate::pages::NOW),
        ),
    ];
    let installs = |id: &otadrop::store::ReleaseId| otadrop::installs::Report {
        release: id.clone(),
        total: 2,
        by_day: Default::default(),
        by_ios: [("17.5".to_string(), 2)].into(),
        by_model: [("iPhone15,2".to_string(), 2)].into(),
        rows: vec![],
    };
    let view = otadrop::page::console::console_view(&builds, installs, &links, crate::pages::NOW);
    let limit = otadrop::page::console::UploadLimit {
        bytes: 1 << 30,
        refusal: "the API's refusal",
    };
    otadrop::page::console::console_page(&view, site, lang, "csrf", &limit)
}

/// The sign-in and password forms (with and without their error lines) and an error page for
/// every `error-*` message of the catalogue, with a moment, a count and a status to fill in.
fn access_pages(site: &otadrop::page::Site, lang: Lang) -> Vec<(String, String)> {
    use otadrop::page::{forms, Msg};
    let mut pages = Vec::new();
    for (error, viewer) in [(None, false), (Some("sign-in-wrong"), true)] {
        let f = forms::FormPage {
            lang,
            url: "https://ota.example.com/",
            action: "https://ota.example.com/sign-in",
            error,
            next: None,
        };
        pages.push((
            format!("sign-in {error:?}"),
            forms::sign_in(site, viewer, &f),
        ));
    }
    for error in [None, Some("password-wrong")] {
        let f = forms::FormPage {
            lang,
            url: "https://ota.example.com/s/T",
            action: "https://ota.example.com/s/T",
            error,
            next: None,
        };
        pages.push((
            format!("password {error:?}"),
            forms::link_password(site, &f),
        ));
    }
    let en = FILES.iter().find(|(t, _)| *t == "en").unwrap().1;
    let at = time::macros::datetime!(2026-03-04 05:06 UTC);
    for line in en.lines().filter(|l| l.starts_with("error-")) {
        let id: &'static str = line.split(" = ").next().unwrap().trim().to_string().leak();
        let words = Msg::new(id)
            .time("when", at)
            .arg("seconds", 42i64)
            .arg("status", "405");
        let html = otadrop::page::error_page_in(410, &words, site, lang);
        assert!(!html.contains(id), "{lang} {id}: unresolved");
        pages.push((id.to_string(), html));
    }
    pages
}

/// The English test catches itself: an English page has the English sentences.
#[test]
fn the_english_sentence_check_can_fail() {
    let html = unescape(&render_in(
        &release("expired"),
        ua("install"),
        Flavor::Plain,
        Lang::En,
    ));
    let hits = english_sentences()
        .iter()
        .filter(|s| html.contains(s.as_str()))
        .count();
    assert!(hits >= 5, "{hits}");
}

/// The Info.plist keys of Field Notes 2.4.0 (318).
fn field_notes() -> Vec<(&'static str, plist::Value)> {
    app_keys(
        "com.example.fieldnotes",
        "Field Notes",
        "14.0",
        "2.4.0",
        "318",
    )
}

fn ipa() -> Vec<u8> {
    make_ipa("Demo.app", &field_notes(), &[])
}

const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";

/// GET `url` as an iPhone with this `Accept-Language` (none for `None`): status, the `Vary`
/// values, the `<html lang>`, the body.
pub async fn get(
    server: &TestServer,
    url: &str,
    accept: Option<&str>,
) -> (u16, String, String, String) {
    answer(server.client.get(url), accept).await
}

/// Sends `req` as an iPhone with this `Accept-Language` (none for `None`): status, the `Vary`
/// values, the `<html lang>`, the body.
pub async fn answer(
    req: reqwest::RequestBuilder,
    accept: Option<&str>,
) -> (u16, String, String, String) {
    let mut req = req.header(reqwest::header::USER_AGENT, IPHONE);
    if let Some(a) = accept {
        req = req.header(ACCEPT_LANGUAGE, a);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let vary = resp
        .headers()
        .get_all(VARY)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let body = resp.text().await.unwrap();
    let lang = body
        .split("<html lang=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
        .to_string();
    (status, vary, lang, body)
}

/// `Accept-Language` values (none for `None`) and the language a server with the default
/// `--lang` answers them in: q-values over order, regional fallbacks, refused and unknown ones.
pub const NEGOTIATION: &[(Option<&str>, &str)] = &[
    (None, "en"),
    (Some("zh-CN,zh;q=0.9,en;q=0.8"), "zh-Hans"),
    (Some("zh-TW"), "zh-Hant"),
    (Some("zh-HK,en;q=0.5"), "zh-Hant"),
    (Some("pt-PT"), "pt-BR"),
    (Some("fr;q=0.5, ja;q=0.9"), "ja"),
    (Some("it-IT, it;q=0.9, ko;q=0.1"), "ko"),
    (Some("it, nl"), "en"),
    (Some("ru;q=0, de;q=0.2"), "de"),
    (Some("*"), "en"),
];

#[tokio::test(flavor = "multi_thread")]
async fn the_server_negotiates_and_serves_one_amp_document_per_language() {
    // A public index: the front page and /apps/ pages without signing in.
    let server = TestServer::start(&["--public-index"]);
    let up = server.upload_bytes(ipa()).await;
    assert_eq!(up.status(), 201);
    let up: serde_json::Value = up.json().await.unwrap();
    let page = up["page_url"].as_str().unwrap().to_string();
    let amp = up["amp_url"].as_str().unwrap().to_string();

    for &(accept, want) in NEGOTIATION {
        let (status, vary, lang, _) = get(&server, &page, accept).await;
        assert_eq!(status, 200, "{accept:?}");
        assert_eq!(lang, want, "{accept:?}");
        assert!(vary.contains("Accept-Language"), "{accept:?}: Vary {vary}");
        assert!(vary.contains("User-Agent"), "{accept:?}: Vary {vary}");
    }
    // `?lang=` wins over the header; an unknown one is ignored.
    let (_, _, lang, body) = get(&server, &format!("{page}?lang=ko"), Some("de")).await;
    assert_eq!(lang, "ko");
    assert!(body.contains("설치"), "Korean words");
    let (_, _, lang, _) = get(&server, &format!("{page}?lang=xx"), Some("de")).await;
    assert_eq!(lang, "de");
    // The footer lists the languages, each by its own name.
    let (_, _, _, body) = get(&server, &page, Some("ja")).await;
    for (tag, name) in [("ko", "한국어"), ("zh-Hans", "简体中文"), ("en", "English")] {
        assert!(
            body.contains(&format!(
                "href=\"{page}?lang={tag}\" hreflang=\"{tag}\" lang=\"{tag}\">{name}</a>"
            )),
            "footer link to {tag}"
        );
    }
    assert!(body.contains(&format!("<link rel=\"amphtml\" href=\"{amp}/ja\">")));
    assert!(body.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{page}\">"
    )));

    // AMP: the language is in the URL, whatever the header says; the default at /amp.
    let (status, vary, lang, body) = get(&server, &format!("{amp}/ja"), Some("de")).await;
    assert_eq!((status, lang.as_str()), (200, "ja"));
    assert!(
        !vary.contains("Accept-Language"),
        "one document per URL: {vary}"
    );
    for l in Lang::ALL {
        let href = if l == Lang::En {
            amp.clone()
        } else {
            format!("{amp}/{}", l.tag())
        };
        assert!(
            body.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\">",
                l.tag()
            )),
            "hreflang {l}"
        );
    }
    assert!(body.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{amp}\">"
    )));
    assert!(body.contains(&format!("<link rel=\"canonical\" href=\"{page}?lang=ja\">")));
    let (_, _, lang, _) = get(&server, &amp, Some("ja")).await;
    assert_eq!(lang, "en");
    for bad in ["xx", "JA", "ja/extra", "zh-CN"] {
        let (status, _, _, _) = get(&server, &format!("{amp}/{bad}"), None).await;
        assert_eq!(status, 404, "{bad}");
    }
    let app_amp = server.url("/apps/com.example.fieldnotes/amp/ru");
    let (status, _, lang, _) = get(&server, &app_amp, None).await;
    assert_eq!((status, lang.as_str()), (200, "ru"));

    // The other pages: 404 and the CA page in the visitor's language.
    let (status, vary, lang, body) = get(&server, &server.url("/nothing"), Some("ja")).await;
    assert_eq!((status, lang.as_str()), (404, "ja"));
    assert!(body.contains("見つかりません"));
    assert!(vary.contains("Accept-Language"));
    let (status, _, lang, body) = get(&server, &server.url("/ca?lang=ru"), None).await;
    assert_eq!((status, lang.as_str()), (200, "ru"));
    assert!(body.contains("Доверие сертификатам"));
    let (_, _, lang, _) = get(&server, &server.url("/"), Some("es-MX")).await;
    assert_eq!(lang, "es");
}

#[tokio::test(flavor = "multi_thread")]
async fn lang_sets_the_servers_default_language() {
    let server = TestServer::start(&["--lang", "de"]);
    let up: serde_json::Value = server.upload_bytes(ipa()).await.json().await.unwrap();
    let page = up["page_url"].as_str().unwrap();
    let amp = up["amp_url"].as_str().unwrap();
    for accept in [None, Some("it"), Some("*")] {
        let (_, _, lang, _) = get(&server, page, accept).await;
        assert_eq!(lang, "de", "{accept:?}");
    }
    let (_, _, lang, _) = get(&server, page, Some("en")).await;
    assert_eq!(lang, "en", "a language the visitor asks for still wins");
    let (_, _, lang, body) = get(&server, amp, None).await;
    assert_eq!(
        lang, "de",
        "the AMP URL without a language is the default's"
    );
    assert!(body.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"{amp}/en\">"
    )));

    // The environment variable is the flag's twin.
    let server = TestServer::start_with_env(&["--public-index"], &[("OTADROP_LANG", "ko")]);
    let (status, _, lang, _) = get(&server, &server.url("/"), Some("it")).await;
    assert_eq!((status, lang.as_str()), (200, "ko"));

    // A language we do not have is refused at start, in English, in one line.
    let out = Command::new(env!("CARGO_BIN_EXE_otadrop"))
        .args(["serve", "--lang", "it", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown language \"it\""), "{err}");
}

/// An enterprise (in-house) build of Field Notes for Example Corp: its profile is a bare
/// plist (the reader takes one when there is no CMS wrapper), valid for years.
fn enterprise_ipa() -> Vec<u8> {
    let profile = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>Name</key><string>Field Notes In-House</string>
<key>TeamName</key><string>Example Corp</string>
<key>TeamIdentifier</key><array><string>ABCDE12345</string></array>
<key>Platform</key><array><string>iOS</string></array>
<key>CreationDate</key><date>2026-01-01T00:00:00Z</date>
<key>ExpirationDate</key><date>2099-01-01T00:00:00Z</date>
<key>ProvisionsAllDevices</key><true/>
<key>Entitlements</key><dict><key>get-task-allow</key><false/></dict>
</dict></plist>"#;
    make_ipa(
        "Demo.app",
        &field_notes(),
        &[(
            "Payload/Demo.app/embedded.mobileprovision",
            profile.as_bytes(),
        )],
    )
}

const WECHAT: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN";

/// Whether fontconfig has a CJK font for `lang` (`zh-cn`, `ja`, `ko`).
pub fn has_cjk_font(lang: &str) -> bool {
    Command::new("fc-list")
        .arg(format!(":lang={lang}"))
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("CJK"))
}

#[tokio::test(flavor = "multi_thread")]
async fn chinese_japanese_and_korean_iphone_pages_in_headless_chromium() {
    let ready = tools::chromium_present()
        && ["zh-cn", "zh-tw", "ja", "ko"]
            .iter()
            .all(|l| has_cjk_font(l));
    if !tools::present(
        "chromium, playwright-core or the CJK fonts (fonts-noto-cjk)",
        ready,
    ) {
        return;
    }
    let server = TestServer::start(&[]);
    let up = server.upload_bytes(enterprise_ipa()).await;
    assert_eq!(up.status(), 201);
    let up: serde_json::Value = up.json().await.unwrap();
    assert_eq!(up["app"]["profile"]["type"], "enterprise", "{up}");
    let page = up["page_url"].as_str().unwrap().to_string();
    let amp = up["amp_url"].as_str().unwrap().to_string();
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/i18n");
    std::fs::create_dir_all(&out).unwrap();
    // (tag, browser locale, the install button, the trust path, WeChat's steps, the camera)
    let langs = [
        (
            "zh-Hans",
            "zh-CN",
            "安装 Field Notes",
            "设置 › 通用 › VPN与设备管理",
            "微信的内置浏览器",
            "相机",
        ),
        (
            "zh-Hant",
            "zh-TW",
            "安裝 Field Notes",
            "設定 › 一般 › VPN與裝置管理",
            "微信 的內建瀏覽器",
            "相機",
        ),
        (
            "ja",
            "ja-JP",
            "Field Notes をインストール",
            "設定 › 一般 › VPNとデバイス管理",
            "WeChat の内蔵ブラウザ",
            "カメラ",
        ),
        (
            "ko",
            "ko-KR",
            "Field Notes 설치",
            "설정 › 일반 › VPN 및 기기 관리",
            "위챗의 내장 브라우저",
            "카메라",
        ),
    ];
    let mut pages = Vec::new();
    for (tag, locale, ..) in langs {
        // The plain page negotiated from the browser's own language; the AMP page by URL,
        // without script (its runtime is on another host), where Chromium, not being iOS
        // WebKit, gets the non-iOS first view: the QR code.
        let iphone = |name: String, url: &str| serde_json::json!({"name": name, "url": url, "profile": "iphone", "locale": locale});
        pages.push(iphone(format!("iphone-{tag}"), &page));
        let mut amp_page = iphone(format!("iphone-amp-{tag}"), &format!("{amp}/{tag}"));
        amp_page["javaScriptEnabled"] = false.into();
        pages.push(amp_page);
        let mut wechat = iphone(format!("wechat-{tag}"), &page);
        wechat["userAgent"] = WECHAT.into();
        pages.push(wechat);
    }
    let config = serde_json::json!({"base": server.base, "out": out, "scenarios": pages});
    let results = tools::browser_check(config).await;
    assert_eq!(results.len(), 12);
    for r in &results {
        let name = r["name"].as_str().unwrap();
        let (tag, _, button, trust, wechat, camera) =
            langs.iter().find(|(t, ..)| name.ends_with(t)).unwrap();
        let text = r["text"].as_str().unwrap();
        assert_eq!(r["status"], 200, "{name}");
        assert_eq!(r["lang"], *tag, "{name}");
        if name.starts_with("wechat") {
            assert!(text.contains(wechat), "{name}: {wechat}");
            assert!(text.contains(button), "{name}: {button}");
            assert_eq!(r["linkField"], true, "{name}");
        } else if name.contains("amp") {
            assert!(text.contains(camera), "{name}: {camera}");
            assert_eq!(r["qr"], true, "{name}");
        } else {
            assert!(text.contains(button), "{name}: {button}");
            assert!(text.contains(trust), "{name}: {trust}");
            assert_eq!(r["install"], true, "{name}");
        }
        tools::assert_fits_a_phone(r);
    }
}
