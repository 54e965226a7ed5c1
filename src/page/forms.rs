//! The pages of the access model: signing in (the front page for strangers), a password
//! link's password form, and the sign-out button. Plain HTML forms: they work without
//! JavaScript and inside chat apps' browsers.

use maud::{html, Markup};

use super::render::{document, BodyAttrs, Head, Languages};
use super::{Flavor, Site};
use crate::i18n::Lang;

fn head(title: &str, description: &str) -> Head<'static> {
    Head {
        title: title.into(),
        description: description.into(),
        canonical: None,
        amp: None,
        image: None,
        personal: false,
        own: None,
    }
}

fn error_line(error: Option<&str>) -> Markup {
    html! {
        @if let Some(e) = error { p.warn role="alert" { (e) } }
    }
}

/// The sign-in form at `/`: the admin token, or the viewer password when one is set. `next`
/// is sent back with it (where to go once signed in: `console`, or the front page).
pub fn sign_in(
    site: &Site,
    viewer_password: bool,
    error: Option<&str>,
    next: Option<&str>,
) -> String {
    let what = if viewer_password {
        "the viewer password or the admin token"
    } else {
        "the admin token"
    };
    let main = html! {
        section.card {
            h1 { "Sign in" }
            p { "The builds on this server are private. Sign in with " (what) " to see them." }
            (error_line(error))
            form method="post" action=(site.public_url.join("/sign-in")) {
                @if let Some(next) = next { input type="hidden" name="next" value=(next); }
                p {
                    label for="secret" { "Password or token" }
                    br;
                    input.field id="secret" name="secret" type="password" autocomplete="current-password" required;
                }
                button.btn type="submit" { "Sign in" }
            }
            p.note { "Got a link to one build? Open that link instead: it works without signing in." }
        }
    };
    document(
        &head("Sign in", "Sign in to see the builds."),
        site,
        Flavor::Plain,
        BodyAttrs::default(),
        // Not translated yet: these pages are in English.
        &Languages::only(Lang::En),
        main,
    )
}

/// A password link's form; `action` is the link's own URL.
pub fn link_password(site: &Site, action: &str, error: Option<&str>) -> String {
    let main = html! {
        section.card {
            h1 { "This build is protected" }
            p { "Enter the password you were given with the link." }
            (error_line(error))
            form method="post" action=(action) {
                p {
                    label for="password" { "Password" }
                    br;
                    input.field id="password" name="password" type="password" autocomplete="off" required;
                }
                button.btn type="submit" { "Continue" }
            }
        }
    };
    document(
        &head("Protected build", "A build protected by a password."),
        site,
        Flavor::Plain,
        BodyAttrs::default(),
        // Not translated yet: these pages are in English.
        &Languages::only(Lang::En),
        main,
    )
}

/// The sign-out button shown to signed-in people, labelled `label`.
pub fn sign_out(site: &Site, label: &str) -> Markup {
    html! {
        form method="post" action=(site.public_url.join("/sign-out")) {
            button.btn2 type="submit" { (label) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::urls::PublicUrl;

    fn site() -> Site {
        Site {
            public_url: PublicUrl::parse("https://h").unwrap(),
            own_ca: false,
            default_lang: Lang::En,
        }
    }

    #[test]
    fn forms_post_to_the_right_place_and_escape_errors() {
        let s = sign_in(&site(), true, Some("<wrong>"), None);
        assert!(!s.contains("name=\"next\""));
        let back = sign_in(&site(), false, None, Some("console"));
        assert!(back.contains("<input type=\"hidden\" name=\"next\" value=\"console\">"));
        assert!(s.contains("action=\"https://h/sign-in\""));
        assert!(s.contains("viewer password"));
        assert!(s.contains("&lt;wrong&gt;"));
        let p = link_password(&site(), "https://h/s/T", None);
        assert!(p.contains("action=\"https://h/s/T\""));
        assert!(p.contains("name=\"password\""));
    }
}
