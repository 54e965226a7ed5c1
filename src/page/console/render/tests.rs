use std::sync::Arc;

use time::macros::datetime;

use super::*;
use crate::access::{Link, LinkId, Target};
use crate::i18n::Lang;
use crate::ipa::ProfileType;
use crate::page::console::view::console_view;
use crate::store::{Release, ReleaseId};
use crate::urls::PublicUrl;

fn site() -> Site {
    Site {
        public_url: PublicUrl::parse("https://ota.example.com/base").unwrap(),
        own_ca: false,
        default_lang: Lang::En,
    }
}

fn release(title: &str, version: &str, millis: u64, notes: Option<&str>) -> Arc<Release> {
    let mut r = crate::fixture::release()
        .profile(Some(crate::fixture::profile(ProfileType::Enterprise)))
        .build();
    r.app.title = title.into();
    r.app.version = version.into();
    r.id = ReleaseId::new(millis);
    r.notes = notes.map(str::to_string);
    Arc::new(r)
}

fn render(lang: Lang) -> (String, Vec<Arc<Release>>) {
    let newer = release(
        "Demo <b>",
        "2.0",
        1_700_000_100_000,
        Some("**Fixed** <script>x</script>"),
    );
    let older = release("Demo <b>", "1.0", 1_700_000_000_000, None);
    let all = vec![newer.clone(), older.clone()];
    let link = Arc::new(Link {
        id: LinkId::random().unwrap(),
        target: Target::Release(newer.id.clone()),
        created: datetime!(2026-12-01 10:00 UTC),
        expires_ms: None,
        password_hash: None,
        note: None,
        revoked: None,
    });
    let links = vec![(link, "https://ota.example.com/base/s/TOKEN".to_string())];
    let counts = |id: &ReleaseId| {
        crate::page::console::view::tests::report(id, if *id == older.id { 7 } else { 0 })
    };
    let view = console_view(&all, counts, &links, datetime!(2026-12-02 12:00 UTC));
    let limit = crate::page::console::UploadLimit {
        bytes: 1000,
        refusal: "too large <limit>",
    };
    (page(&view, &site(), lang, "CSRF-TOKEN", &limit), all)
}

#[test]
fn lists_every_build_newest_first_with_its_facts_and_controls() {
    let (html, all) = render(Lang::En);
    let newer = html.find(&format!("id=\"b-{}\"", all[0].id)).unwrap();
    let older = html.find(&format!("id=\"b-{}\"", all[1].id)).unwrap();
    assert!(newer < older, "newest first");
    assert!(html.contains("data-csrf=\"CSRF-TOKEN\""));
    assert!(html.contains("data-max-upload=\"1000\" data-too-large=\"too large &lt;limit&gt;\""));
    assert!(html.contains(&format!(
        "data-url=\"https://ota.example.com/base/api/releases/{}\"",
        all[0].id
    )));
    assert!(html.contains("data-url=\"https://ota.example.com/base/api/releases\""));
    assert!(html.contains("Enterprise"), "signing type");
    assert!(
        html.contains("<dd class=\"installs\">7</dd>"),
        "install starts"
    );
    assert!(
        html.contains("https://ota.example.com/base/s/TOKEN"),
        "the link's URL"
    );
    assert!(html.contains("data-action=\"revoke\""));
    assert!(html.contains("data-action=\"delete\""));
    assert!(html.contains("data-confirm=\"Delete Demo &lt;b&gt; 2.0"));
    // The notes rendered (sanitised), and raw in the edit field.
    assert!(html.contains("<strong>Fixed</strong>"));
    assert!(!html.contains("<script>x"));
    assert!(html.contains("**Fixed** &lt;script&gt;x&lt;/script&gt;</textarea>"));
}

#[test]
fn our_own_script_only_and_every_field_has_a_label() {
    let (html, _) = render(Lang::En);
    assert!(html.contains(
        "<script src=\"https://ota.example.com/base/static/console.js\" defer></script>"
    ));
    assert_eq!(
        html.matches("<script").count(),
        1,
        "no other script, none inline"
    );
    assert!(!html.contains("otadrop.js"));
    assert!(!html.contains(" onclick="), "no inline handlers");
    // Every control that takes input has a label pointing at it.
    for tag in ["<input", "<textarea", "<select"] {
        for part in html.split(tag).skip(1) {
            let end = part.find('>').unwrap();
            let attrs = &part[..end];
            let id = attrs
                .split("id=\"")
                .nth(1)
                .map(|s| &s[..s.find('"').unwrap()])
                .unwrap_or_else(|| panic!("{tag} without id: {attrs}"));
            assert!(
                html.contains(&format!("for=\"{id}\"")),
                "{tag} #{id} has no label"
            );
        }
    }
    // Ids are unique.
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
}

#[test]
fn every_language_has_its_own_words() {
    let (english, _) = render(Lang::En);
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let (html, _) = render(lang);
        assert!(html.contains(&format!("<html lang=\"{}\"", lang.tag())));
        for id in [
            "console-upload-heading",
            "console-links-heading",
            "console-delete",
        ] {
            let ours = crate::i18n::text(lang, id);
            assert!(html.contains(&ours), "{lang}: {id}");
            assert_ne!(
                ours,
                crate::i18n::text(Lang::En, id),
                "{lang}: {id} is English"
            );
        }
        assert_ne!(html, english);
    }
}
