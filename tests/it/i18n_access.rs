//! The access and error pages in every language, against the real server: the sign-in form,
//! a share link's password form, the `410` pages of expired and revoked links, the HTML error
//! pages (405, 413, 414, 429) and the wrong-password lines each carry their language's words
//! (written here, not copied from the message files), the right `<html lang>`, `Vary:
//! Accept-Language` and no English sentence of the catalogue; they negotiate as the release
//! page does; the API's errors stay English. A share link's AMP documents, one per language,
//! pass the official validator; headless Chromium shows the Chinese, Japanese and Korean forms
//! (screenshots under `test-artifacts/i18n-access/`).

use otadrop::i18n::Lang;
use reqwest::header::{ACCEPT_LANGUAGE, LOCATION, USER_AGENT};

use crate::access::{app_ipa, upload, wait_for_status};
use crate::i18n::{answer, english_sentences, get, has_cjk_font, English, NEGOTIATION};
use crate::support::share::{bare, link_for};
use crate::support::{tools, TestServer, TOKEN};

/// What each language's access pages say. `sign_in` is on the sign-in form, `password` on
/// the password form, `expired` and `revoked` on the `410` pages, `error` in the heading of
/// the other error pages, `wait` on the `429` page.
struct Words {
    lang: Lang,
    /// The browser's `Accept-Language`.
    accept: &'static str,
    sign_in: &'static str,
    password: &'static str,
    expired: &'static str,
    revoked: &'static str,
    error: &'static str,
    wait: &'static str,
}

const WORDS: &[Words] = &[
    Words {
        lang: Lang::En,
        accept: "en-US,en;q=0.9",
        sign_in: "Sign in",
        password: "Password",
        expired: "expired on",
        revoked: "turned off",
        error: "Error",
        wait: "seconds",
    },
    Words {
        lang: Lang::ZhHans,
        accept: "zh-CN,zh;q=0.9,en;q=0.8",
        sign_in: "登录",
        password: "密码",
        expired: "过期",
        revoked: "停用",
        error: "错误",
        wait: "秒",
    },
    Words {
        lang: Lang::ZhHant,
        accept: "zh-TW,zh;q=0.9",
        sign_in: "登入",
        password: "密碼",
        expired: "過期",
        revoked: "停用",
        error: "錯誤",
        wait: "秒",
    },
    Words {
        lang: Lang::Ja,
        accept: "ja-JP,ja;q=0.9",
        sign_in: "サインイン",
        password: "パスワード",
        expired: "有効期限が切れ",
        revoked: "無効",
        error: "エラー",
        wait: "秒",
    },
    Words {
        lang: Lang::Ko,
        accept: "ko-KR,ko;q=0.9",
        sign_in: "로그인",
        password: "암호",
        expired: "만료",
        revoked: "사용 중지",
        error: "오류",
        wait: "초",
    },
    Words {
        lang: Lang::Es,
        accept: "es-ES,es;q=0.9",
        sign_in: "Iniciar sesión",
        password: "Contraseña",
        expired: "caducó",
        revoked: "desactivó",
        error: "Error",
        wait: "segundos",
    },
    Words {
        lang: Lang::PtBr,
        accept: "pt-BR,pt;q=0.9",
        sign_in: "Entrar",
        password: "Senha",
        expired: "expirou",
        revoked: "desativado",
        error: "Erro",
        wait: "segundos",
    },
    Words {
        lang: Lang::Fr,
        accept: "fr-FR,fr;q=0.9",
        sign_in: "Se connecter",
        password: "Mot de passe",
        expired: "a expiré",
        revoked: "désactivé",
        error: "Erreur",
        wait: "secondes",
    },
    Words {
        lang: Lang::De,
        accept: "de-DE,de;q=0.9",
        sign_in: "Anmelden",
        password: "Passwort",
        expired: "abgelaufen",
        revoked: "deaktiviert",
        error: "Fehler",
        wait: "Sekunden",
    },
    Words {
        lang: Lang::Ru,
        accept: "ru-RU,ru;q=0.9",
        sign_in: "Войти",
        password: "Пароль",
        expired: "истёк",
        revoked: "отключена",
        error: "Ошибка",
        wait: "секунд",
    },
];

/// A page as [`answer`] gives it: status, `Vary`, `<html lang>`, body.
type Seen = (u16, String, String, String);

/// Checks that a served page is `w`'s language through and through: `status`, `<html lang>`,
/// `Vary: Accept-Language`, each of `words`, and (in another language than English) no English
/// sentence of the catalogue.
fn in_language(w: &Words, what: &str, seen: &Seen, status: u16, words: &[&str]) {
    let (got, vary, lang, body) = seen;
    let ctx = format!("{} {what}", w.lang);
    assert_eq!(*got, status, "{ctx}: {body}");
    assert_eq!(lang, w.lang.tag(), "{ctx}");
    assert!(vary.contains("Accept-Language"), "{ctx}: Vary {vary}");
    let text = crate::i18n::unescape(body);
    for word in words {
        assert!(text.contains(word), "{ctx}: {word:?} in {text}");
    }
    if w.lang != Lang::En {
        let english = english().on(body);
        assert!(english.is_empty(), "{ctx}: English {english:?}");
    }
}

fn english() -> &'static English {
    static E: std::sync::OnceLock<English> = std::sync::OnceLock::new();
    E.get_or_init(|| English::new(&english_sentences()))
}

/// A server with one build and links to it: (server, release, password link, expired link,
/// revoked link).
async fn server_with_links() -> (TestServer, serde_json::Value, String, String, String) {
    let s = TestServer::start(&[]);
    let up = upload(&s, app_ipa("com.example.words", "Words", "1.0", 10)).await;
    let url = |l: serde_json::Value| l["url"].as_str().unwrap().to_string();
    let password = url(link_for(&s, &up, serde_json::json!({"password": "pw-right"})).await);
    let expired = url(link_for(&s, &up, serde_json::json!({"expires_in": 1})).await);
    let revoked = link_for(&s, &up, serde_json::json!({})).await;
    let r = s
        .admin_delete(s.url(&format!("/api/links/{}", revoked["id"].as_str().unwrap())))
        .await;
    assert_eq!(r.status(), 204);
    wait_for_status(&bare(&s), &expired, 410).await;
    (s, up, password, expired, url(revoked))
}

#[tokio::test(flavor = "multi_thread")]
async fn access_and_error_pages_speak_every_language() {
    let (s, _, password, expired, revoked) = server_with_links().await;
    let year = time::OffsetDateTime::now_utc().year().to_string();
    let long = s.url(&format!("/?pad={}", "a".repeat(3000)));
    let big = "x".repeat(20 * 1024);
    for w in WORDS {
        let a = Some(w.accept);
        let seen = get(&s, &s.url("/"), a).await;
        in_language(w, "sign-in", &seen, 200, &[w.sign_in, "name=\"secret\""]);
        assert!(!seen.3.contains("role=\"alert\""), "{}", w.lang);
        let seen = get(&s, &password, a).await;
        in_language(
            w,
            "password",
            &seen,
            200,
            &[w.password, "name=\"password\""],
        );
        let seen = get(&s, &expired, a).await;
        in_language(w, "expired", &seen, 410, &[w.expired, "UTC", &year]);
        let seen = get(&s, &revoked, a).await;
        in_language(w, "revoked", &seen, 410, &[w.revoked, "UTC", &year]);
        let seen = answer(s.client.post(s.url("/ca")), a).await;
        in_language(w, "405", &seen, 405, &[w.error, "405"]);
        let seen = get(&s, &long, a).await;
        in_language(w, "414", &seen, 414, &[w.error, "414"]);
        // Before any wrong try: a blocked client would get 429 before its body is read.
        let seen = answer(post(&s.client, &s.url("/sign-in"), &[("secret", &big)]), a).await;
        in_language(w, "413", &seen, 413, &[w.error, "413"]);
    }
    // Wrong secrets: the first five tries of a client get the form again with its error
    // line; after that the client waits (429), unless the minute of the count has passed.
    // The password link's tries go through the languages backwards, so every language shows
    // both a form's error line and the wait page.
    let mut waits = 0;
    for (i, w) in WORDS.iter().enumerate() {
        let a = Some(w.accept);
        let seen = answer(post(&s.client, &s.url("/sign-in"), &[("secret", "no")]), a).await;
        waits += wrong_try(w, "sign-in wrong", &seen, i < 5, w.sign_in);
        let w = &WORDS[WORDS.len() - 1 - i];
        let a = Some(w.accept);
        let seen = answer(post(&s.client, &password, &[("password", "no")]), a).await;
        waits += wrong_try(w, "password wrong", &seen, i < 5, w.password);
    }
    assert!(waits > 0, "no 429 page was seen");
}

/// A wrong try's answer: the form with its error line (`401`), or the wait page (`429`) when
/// the client may be over its limit. Returns 1 for a wait page.
fn wrong_try(w: &Words, what: &str, seen: &Seen, first: bool, form_word: &str) -> u32 {
    if seen.0 == 429 && !first {
        in_language(w, what, seen, 429, &[w.wait, "429"]);
        return 1;
    }
    in_language(w, what, seen, 401, &[form_word, "role=\"alert\""]);
    0
}

#[tokio::test(flavor = "multi_thread")]
async fn access_pages_negotiate_like_the_release_page() {
    let (s, _, password, expired, _) = server_with_links().await;
    let front = s.url("/");
    for &(accept, want) in NEGOTIATION {
        for url in [&front, &password, &expired] {
            let (_, vary, lang, _) = get(&s, url, accept).await;
            assert_eq!(lang, want, "{url} {accept:?}");
            assert!(vary.contains("Accept-Language"), "{url}: {vary}");
        }
        let (status, _, lang, _) = answer(s.client.post(s.url("/ca")), accept).await;
        assert_eq!((status, lang.as_str()), (405, want), "405 {accept:?}");
    }
    // `?lang=` wins over the header and is kept by the form's action; an unknown one is not.
    let (_, _, lang, body) = get(&s, &s.url("/?lang=ko"), Some("de")).await;
    assert_eq!(lang, "ko");
    let action = s.url("/sign-in?lang=ko");
    assert!(body.contains(&format!("action=\"{action}\"")), "{body}");
    let (_, _, lang, body) = get(&s, &s.url("/?lang=xx"), Some("de")).await;
    assert_eq!(lang, "de");
    assert!(body.contains(&format!("action=\"{}\"", s.url("/sign-in"))));
    // The footer lists the sign-in page in every language.
    for l in Lang::ALL {
        assert!(
            body.contains(&format!("href=\"{front}?lang={}\"", l.tag())),
            "{l}"
        );
    }
    let (status, _, lang, _) = get(&s, &format!("{expired}?lang=fr"), Some("de")).await;
    assert_eq!((status, lang.as_str()), (410, "fr"));
    // Under an AMP URL, the language it names, as its document would.
    let (status, _, lang, _) = get(&s, &format!("{expired}/amp/ko"), Some("de")).await;
    assert_eq!((status, lang.as_str()), (410, "ko"));
    let (status, _, lang, body) = get(&s, &format!("{password}/amp/ru"), Some("de")).await;
    assert_eq!((status, lang.as_str()), (200, "ru"));
    assert!(body.contains(&format!("action=\"{password}?lang=ru\"")));
    let (_, _, lang, body) = get(&s, &format!("{password}?lang=ja"), Some("de")).await;
    assert_eq!(lang, "ja");
    assert!(body.contains(&format!("action=\"{password}?lang=ja\"")));

    // The answers to the forms keep the choice.
    let c = bare(&s);
    let seen = answer(post(&c, &action, &[("secret", "no")]), Some("de")).await;
    assert_eq!((seen.0, seen.2.as_str()), (401, "ko"));
    let r = post(&c, &action, &[("secret", TOKEN)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION], s.url("/?lang=ko"));
    let to = format!("{password}?lang=ja");
    let r = post(&c, &to, &[("password", "pw-right")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION].to_str().unwrap(), to);

    // The API speaks English whatever the visitor's language.
    let r = s
        .client
        .post(s.url("/api/links"))
        .bearer_auth(TOKEN)
        .header(ACCEPT_LANGUAGE, "ja")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    let by_language = r
        .headers()
        .get_all("vary")
        .iter()
        .any(|v| v.to_str().unwrap().contains("Accept-Language"));
    assert!(!by_language, "an API error does not vary by language");
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"], "method not allowed here; allowed: GET, HEAD");
    let personal = format!("{expired}/visitor.json?lang=ja");
    let r = s.get_with(&personal, &[("accept-language", "ja")]).await;
    assert_eq!(r.status(), 410);
    let v: serde_json::Value = r.json().await.unwrap();
    let msg = v["error"].as_str().unwrap();
    assert!(msg.contains("expired on") && msg.contains("(UTC)"), "{msg}");
}

fn post(c: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> reqwest::RequestBuilder {
    c.post(url).form(form)
}

const WECHAT: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN";

#[tokio::test(flavor = "multi_thread")]
async fn a_share_links_amp_documents_one_per_language_pass_the_validator() {
    let s = TestServer::start(&[]);
    let up = upload(&s, app_ipa("com.example.ampwords", "Amp Words", "2.0", 10)).await;
    let link = link_for(&s, &up, serde_json::json!({})).await;
    let link = link["url"].as_str().unwrap().to_string();
    let amp = format!("{link}/amp");
    let dir = tools::artifacts("i18n-access");
    let mut files = Vec::new();
    for l in Lang::ALL {
        let url = if l == Lang::En {
            amp.clone()
        } else {
            format!("{amp}/{}", l.tag())
        };
        // The same bytes whoever asks: the URL names the language.
        let (status, vary, lang, body) = get(&s, &url, Some("de")).await;
        assert_eq!((status, lang.as_str()), (200, l.tag()), "{url}");
        assert!(!vary.contains("Accept-Language"), "{url}: {vary}");
        let other = s
            .client
            .get(&url)
            .header(USER_AGENT, WECHAT)
            .header(ACCEPT_LANGUAGE, "ko")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(other, body, "{url}: one document for everyone");
        for o in Lang::ALL {
            let href = if o == Lang::En {
                amp.clone()
            } else {
                format!("{amp}/{}", o.tag())
            };
            let alt = format!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\">",
                o.tag()
            );
            assert!(body.contains(&alt), "{url}: {alt}");
        }
        assert!(body.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{amp}\">"
        )));
        let canonical = if l == Lang::En {
            link.clone()
        } else {
            format!("{link}?lang={}", l.tag())
        };
        assert!(body.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")));
        // The personal part is asked for in the document's language, and answers in it.
        let personal = format!("{link}/visitor.json?lang={}", l.tag());
        assert!(body.contains(&format!("src=\"{personal}\"")), "{url}");
        if l != Lang::En {
            let english = english().on(&body);
            assert!(english.is_empty(), "{url}: English {english:?}");
        }
        let file = dir.join(format!("share-amp-{}.html", l.tag()));
        std::fs::write(&file, &body).unwrap();
        files.push(file);
    }
    let source = percent_encoding::utf8_percent_encode(&s.base, percent_encoding::NON_ALPHANUMERIC);
    let personal = format!("{link}/visitor.json?lang=ja&__amp_source_origin={source}");
    let r = s
        .get_with(
            &personal,
            &[("user-agent", WECHAT), ("amp-same-origin", "true")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let json: serde_json::Value = r.json().await.unwrap();
    assert_eq!(json["command"], "Safari で開く", "{json}");
    // The plain page announces the AMP document of its own language.
    let (_, _, _, body) = get(&s, &link, Some("ko")).await;
    assert!(body.contains(&format!("<link rel=\"amphtml\" href=\"{amp}/ko\">")));
    for bad in ["xx", "JA", "zh-CN"] {
        let (status, ..) = get(&s, &format!("{amp}/{bad}"), None).await;
        assert_eq!(status, 404, "{bad}");
    }
    if !tools::validator_ready() {
        return;
    }
    for r in tools::validate_amp(&files) {
        assert_eq!(r["status"], "PASS", "{}: {}", r["file"], r["errors"]);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn chinese_japanese_and_korean_access_pages_in_headless_chromium() {
    let ready = tools::chromium_present() && ["zh-cn", "ja", "ko"].iter().all(|l| has_cjk_font(l));
    if !tools::present(
        "chromium, playwright-core or the CJK fonts (fonts-noto-cjk)",
        ready,
    ) {
        return;
    }
    let (s, _, password, expired, _) = server_with_links().await;
    let out = tools::artifacts("i18n-access");
    let langs = [
        (Lang::ZhHans, "zh-CN"),
        (Lang::Ja, "ja-JP"),
        (Lang::Ko, "ko-KR"),
    ];
    let mut scenarios = Vec::new();
    for (lang, locale) in langs {
        for (page, url) in [
            ("sign-in", s.url("/")),
            ("password", password.clone()),
            ("expired", expired.clone()),
        ] {
            scenarios.push(serde_json::json!({
                "name": format!("{page}-{}", lang.tag()), "url": url, "profile": "iphone", "locale": locale,
            }));
        }
    }
    let config = serde_json::json!({"base": s.base, "out": out, "scenarios": scenarios});
    let results = tools::browser_check(config).await;
    assert_eq!(results.len(), 9);
    for r in &results {
        let name = r["name"].as_str().unwrap();
        let (lang, _) = langs.iter().find(|(l, _)| name.ends_with(l.tag())).unwrap();
        let w = WORDS.iter().find(|w| w.lang == *lang).unwrap();
        let text = r["text"].as_str().unwrap();
        assert_eq!(r["lang"], lang.tag(), "{name}");
        let (status, word) = match name.split('-').next().unwrap() {
            "sign" => (200, w.sign_in),
            "password" => (200, w.password),
            _ => (410, w.expired),
        };
        assert_eq!(r["status"], status, "{name}");
        assert!(text.contains(word), "{name}: {word} in {text}");
        tools::assert_fits_a_phone(r);
    }
}
