//! The pages of the access model: signing in (the front page for strangers), a password
//! link's password form, and the sign-out button. Plain HTML forms: they work without
//! JavaScript and inside chat apps' browsers.

use maud::{html, Markup};

use super::render::{plain_document, Languages, T};
use super::Site;
use crate::i18n::Lang;

/// Where a form page is and where it posts, in the language it speaks.
pub struct FormPage<'a> {
    pub lang: Lang,
    /// The page's own URL (without `?lang=`): the footer's language list links to it.
    pub url: &'a str,
    /// Where the form posts (carrying `?lang=` when the visitor chose one).
    pub action: &'a str,
    /// The message id of the line saying what went wrong with the last try, if any.
    pub error: Option<&'a str>,
    /// A `next` field sent back with the form (where to go once signed in: `console`).
    pub next: Option<&'a str>,
}

fn form_document(f: &FormPage<'_>, site: &Site, t: T, prefix: &str, main: Markup) -> String {
    let main = html! {
        section.card {
            h1 { (t.t(&format!("{prefix}-heading"))) }
            (main)
        }
    };
    plain_document(
        t.t(&format!("{prefix}-title")),
        t.t(&format!("{prefix}-description")),
        site,
        &Languages::by_query(f.url, f.lang),
        main,
    )
}

fn error_line(t: T, error: Option<&str>) -> Markup {
    html! {
        @if let Some(id) = error { p.warn role="alert" { (t.t(id)) } }
    }
}

/// One secret field: its `name` (and id), its label's message id and its `autocomplete`.
struct Field {
    name: &'static str,
    label: &'static str,
    autocomplete: &'static str,
}

/// A form page asking for one secret: `prefix`'s title, heading and `-intro`, the error line,
/// the field, the `-button`, and an optional note under the form.
fn secret_form(
    f: &FormPage<'_>,
    site: &Site,
    prefix: &str,
    intro: &str,
    field: Field,
    note: Option<&str>,
) -> String {
    let t = T(f.lang);
    let main = html! {
        p { (t.t(intro)) }
        (error_line(t, f.error))
        form method="post" action=(f.action) {
            @if let Some(next) = f.next { input type="hidden" name="next" value=(next); }
            p {
                label for=(field.name) { (t.t(field.label)) }
                br;
                input.field id=(field.name) name=(field.name) type="password" autocomplete=(field.autocomplete) required;
            }
            button.btn type="submit" { (t.t(&format!("{prefix}-button"))) }
        }
        @if let Some(note) = note { p.note { (t.t(note)) } }
    };
    form_document(f, site, t, prefix, main)
}

/// The sign-in form at `/`: the admin token, or the viewer password when one is set.
pub fn sign_in(site: &Site, viewer_password: bool, f: &FormPage<'_>) -> String {
    let intro = if viewer_password {
        "sign-in-intro-viewer"
    } else {
        "sign-in-intro-token"
    };
    let field = Field {
        name: "secret",
        label: "sign-in-label",
        autocomplete: "current-password",
    };
    secret_form(f, site, "sign-in", intro, field, Some("sign-in-link-note"))
}

/// A password link's form; `f.action` is the link's own URL.
pub fn link_password(site: &Site, f: &FormPage<'_>) -> String {
    let field = Field {
        name: "password",
        label: "password-label",
        autocomplete: "off",
    };
    secret_form(f, site, "password", "password-intro", field, None)
}

/// The sign-out button shown to signed-in people.
pub fn sign_out(site: &Site, lang: Lang) -> Markup {
    html! {
        form method="post" action=(site.public_url.join("/sign-out")) {
            button.btn2 type="submit" { (T(lang).t("sign-out-button")) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site::at("https://h")
    }

    fn page<'a>(lang: Lang, url: &'a str, action: &'a str, error: Option<&'a str>) -> FormPage<'a> {
        FormPage {
            lang,
            url,
            action,
            error,
            next: None,
        }
    }

    #[test]
    fn forms_post_to_the_right_place_in_their_language() {
        let f = page(
            Lang::En,
            "https://h/",
            "https://h/sign-in",
            Some("sign-in-wrong"),
        );
        let s = sign_in(&site(), true, &f);
        assert!(s.contains("action=\"https://h/sign-in\""));
        assert!(s.contains("viewer password"));
        assert!(s.contains("not the password"));
        assert!(!sign_in(&site(), false, &f).contains("viewer password"));
        let f = page(Lang::Ja, "https://h/s/T", "https://h/s/T?lang=ja", None);
        let p = link_password(&site(), &f);
        assert!(p.contains("<html lang=\"ja\""));
        assert!(p.contains("action=\"https://h/s/T?lang=ja\""));
        assert!(p.contains("name=\"password\""));
        assert!(p.contains("パスワード"));
        assert!(p.contains("href=\"https://h/s/T?lang=ko\" hreflang=\"ko\""));
        assert!(!p.contains("role=\"alert\""));
    }
}
