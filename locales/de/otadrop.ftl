# otadrops Seiten auf Deutsch. Die Namen in den Einstellungen sind die, die iOS auf Deutsch zeigt.

language-name = Deutsch

footer-ca = Zum ersten Mal hier? Installiere das Zertifikat dieses Servers
footer-all-apps = Alle Apps
footer-languages = Sprache

size-bytes = { $n } Byte
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

runs-on-both = iPhone oder iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = Gerät

page-description = Installiere { $title } { $version } ({ $build }) auf deinem { $devices }. { $size }.
version-line = Version { $version } ({ $build })
install-button = { $title } installieren
copy-link-label = Link zu dieser Seite
copy = Kopieren
copied = Kopiert
copy-failed = Markieren und kopieren
copied-paste = Kopiert. Öffne jetzt Safari und füge ihn ein.
expires-soon = { $days ->
    [0] Das Profil dieses Builds läuft heute ab. Danach installiert iOS ihn nicht mehr, und installierte Kopien lassen sich nicht mehr öffnen.
    [1] Das Profil dieses Builds läuft morgen ab. Danach installiert iOS ihn nicht mehr, und installierte Kopien lassen sich nicht mehr öffnen.
   *[other] Das Profil dieses Builds läuft in { $days } Tagen ab. Danach installiert iOS ihn nicht mehr, und installierte Kopien lassen sich nicht mehr öffnen.
}

telegram-heading = Öffne diese Seite in Safari
telegram-body = Der Browser von Telegram kann keine Apps installieren. Tippe oben rechts auf ⋯, wähle „In Safari öffnen“ und tippe dort auf „Installieren“. Oder kopiere den Link unten und füge ihn in Safari ein.
steps-then = Danach
step-tap-install = Tippe auf **Installieren**, wenn iOS fragt. Das Symbol erscheint auf dem Home-Bildschirm und füllt sich, während die App geladen wird.
step-trust = Vor dem ersten Öffnen: **Einstellungen › Allgemein › VPN und Geräteverwaltung**, tippe auf **{ $team }**, dann auf **„{ $team }“ vertrauen** und noch einmal auf **Vertrauen**.
team-unknown = den Entwickler
step-restart = Ab iOS 18: Wenn sich die App immer noch nicht öffnen lässt, starte das Gerät einmal neu.
step-registered = { $devices ->
    [one] Dieser Build lässt sich nur auf dem einen Gerät installieren, das in seinem Profil registriert ist. Wenn iOS meldet, dass er nicht installiert werden kann, schick die UDID deines Geräts an den Entwickler.
   *[other] Dieser Build lässt sich nur auf den { $devices } Geräten installieren, die in seinem Profil registriert sind. Wenn iOS meldet, dass er nicht installiert werden kann, schick die UDID deines Geräts an den Entwickler.
}
step-developer-mode = Ab iOS 16: Schalte **Einstellungen › Datenschutz & Sicherheit › Entwicklermodus** ein (erscheint, sobald die App installiert ist), starte neu und bestätige mit deinem Code.
step-no-profile = otadrop hat in diesem Build kein Bereitstellungsprofil gefunden. Wenn iOS meldet, dass er nicht installiert werden kann, bitte den Entwickler um einen Ad-hoc- oder Enterprise-Build.
fallback-summary = Nichts passiert?
fallback-body = Die eingebauten Browser mancher Apps (Telegram, Slack, Discord und andere) können keine Apps installieren. Öffne diese Seite in Safari: Link kopieren, Safari öffnen, in die Adressleiste einfügen und auf „Installieren“ tippen.

safari-heading = Öffne diese Seite zum Installieren in Safari
safari-cannot-named = Der eingebaute Browser von { $app } kann keine Apps installieren.
safari-cannot-generic = Der eingebaute Browser dieser App kann keine Apps installieren.
safari-step-menu = Tippe auf **{ $menu }** und dann auf **„{ $command }“**.
safari-step-copy = Oder kopiere den Link und füge ihn in die Adressleiste von Safari ein:
safari-step-install = Tippe in Safari auf **Installieren**.
safari-open-button = In Safari öffnen
safari-already = Schon in Safari, oder willst du es hier versuchen?
menu-top-right = ⋯ oben rechts
menu-bottom-right = ⋯ unten rechts
menu-share = die Teilen-Taste
menu-webview = ⋯ oder das Kompass-Symbol
command-open-in-safari = In Safari öffnen
command-open-in-browser = Im Browser öffnen
command-open-in-external-browser = In externem Browser öffnen
app-google = der Google App
app-wechat = WeChat
app-dingtalk = DingTalk
app-weibo = Weibo
app-kakaotalk = KakaoTalk

qr-heading = Mit der Kamera deines { $devices } scannen
qr-note = Richte die Kamera-App auf den Code, tippe auf den Link, der erscheint, und dann auf „Installieren“.
qr-on-this-ipad = Auf diesem iPad?
qr-on-an-ipad = Auf einem iPad?
qr-install-here = Hier installieren
ios-only-heading = Diese App ist für { $devices }
ios-only-body = { $title } ist eine iOS-App und kann auf diesem Gerät nicht installiert werden. Öffne diese Seite auf deinem { $devices } oder scanne den Code mit dessen Kamera:

preview-body = Installiere { $title } { $version } drahtlos auf iPhone und iPad.
preview-link = Installationsseite öffnen

blocked-heading = { $title } kann nicht installiert werden
blocked-heading-device = { $title } kann auf diesem Gerät nicht installiert werden
blocked-profile-expired = Sein Bereitstellungsprofil ist am { $date } abgelaufen. iOS verweigert die Installation. Bitte den Entwickler um einen neuen Build.
blocked-certificate-expired = Sein Signaturzertifikat ist am { $date } abgelaufen. iOS verweigert Installation und Start. Bitte den Entwickler um einen neuen Build.
blocked-app-store = Er ist für den App Store signiert, und solche Builds installiert iOS nur aus dem App Store oder über TestFlight. Bitte den Entwickler um einen Ad-hoc-, Entwicklungs- oder Enterprise-Build.
blocked-wrong-platform = Er wurde für { $platform } gebaut, nicht für iPhone oder iPad.
blocked-other-platform = eine andere Plattform
blocked-no-family = Er ist weder für iPhone noch für iPad gebaut.
blocked-os-too-old = Er braucht iOS { $needs } oder neuer, und auf diesem Gerät läuft iOS { $has }. Aktualisiere unter **Einstellungen › Allgemein › Softwareupdate** und öffne diese Seite dann erneut.
blocked-ipad-only = Er ist nur für iPad gebaut. Öffne diese Seite auf einem iPad.

details = Details
detail-version = Version
detail-bundle-id = Bundle-ID
detail-size = Größe
detail-requires = Erfordert
detail-requires-value = iOS { $version } oder neuer
detail-runs-on = Läuft auf
detail-signing = Signatur
detail-team = Team
detail-profile-expires = Profil läuft ab
detail-expired = (abgelaufen)
detail-uploaded = Hochgeladen
detail-checks = Prüfungen
release-notes = Versionshinweise
signing-enterprise = Enterprise (firmenintern)
signing-ad-hoc = { $devices ->
    [one] Ad hoc, 1 registriertes Gerät
   *[other] Ad hoc, { $devices } registrierte Geräte
}
signing-development = { $devices ->
    [one] Entwicklung, 1 registriertes Gerät
   *[other] Entwicklung, { $devices } registrierte Geräte
}
signing-app-store = App Store
signing-none = Kein Bereitstellungsprofil gefunden

index-title = Apps
index-description = Apps zum drahtlosen Installieren.
index-empty = Noch keine Apps. Veröffentliche eine mit { $command }.

ca-title = Diesem Server vertrauen
ca-description = Installiere das Zertifikat dieses Servers auf einem iPhone oder iPad und vertraue ihm.
ca-heading = Vertraue diesem Server auf deinem iPhone oder iPad
ca-intro = Dieser Server signiert sein HTTPS-Zertifikat selbst. iOS installiert Apps von ihm erst, wenn du dieses Zertifikat installiert hast und ihm vertraust, einmal pro Gerät.
ca-step-allow = Tippe in Safari auf dem iPhone oder iPad auf die Taste unten und dann auf **Erlauben**.
ca-step-install = Öffne **Einstellungen**: Tippe oben auf **Profil geladen** (oder **Allgemein › VPN und Geräteverwaltung**), tippe auf das otadrop-Profil und dann auf **Installieren**.
ca-step-trust = Öffne **Einstellungen › Allgemein › Info › Zertifikatsvertrauenseinstellungen** und schalte das volle Vertrauen für die otadrop-CA ein.
ca-step-back = Geh zurück zur Installationsseite und tippe auf „Installieren“.
ca-download = Profil laden
ca-other-device = Auf einem anderen Gerät das Zertifikat selbst:

## Signing in (the front page for strangers)
sign-in-title = Anmelden
sign-in-description = Melde dich an, um die Builds zu sehen.
sign-in-heading = Anmelden
sign-in-intro-token = Die Builds auf diesem Server sind privat. Melde dich mit dem Admin-Token an, um sie zu sehen.
sign-in-intro-viewer = Die Builds auf diesem Server sind privat. Melde dich mit dem Leser-Passwort oder dem Admin-Token an, um sie zu sehen.
sign-in-label = Passwort oder Token
sign-in-button = Anmelden
sign-in-link-note = Du hast einen Link zu einem einzelnen Build bekommen? Öffne stattdessen diesen Link: Er funktioniert ohne Anmeldung.
sign-in-wrong = Das ist weder das Passwort noch das Token. Versuche es noch einmal.
sign-out-button = Abmelden

## A share link with a password
password-title = Geschützter Build
password-description = Ein mit Passwort geschützter Build.
password-heading = Dieser Build ist geschützt
password-intro = Gib das Passwort ein, das du mit dem Link bekommen hast.
password-label = Passwort
password-button = Weiter
password-wrong = Das Passwort stimmt nicht. Prüfe es und versuche es noch einmal.

error-heading = Fehler { $status }
error-not-found-heading = Nicht gefunden
error-not-found = Hier ist nichts. Der Link ist vielleicht vertippt, oder die Version wurde gelöscht.
error-no-ca = Dieser Server nutzt ein echtes Zertifikat: Es gibt nichts zu installieren.
error-gone-heading = Link nicht mehr gültig
error-link-expired = Dieser Link ist am { $when } (UTC) abgelaufen. Bitte die Person, die ihn geschickt hat, um einen neuen Link.
error-link-revoked = Dieser Link wurde am { $when } (UTC) deaktiviert. Bitte die Person, die ihn geschickt hat, um einen neuen Link.
error-link-password = Dieser Build ist mit einem Passwort geschützt: Öffne die Seite des Links und gib es ein.
error-grant-expired = Dieser Installationslink ist abgelaufen. Öffne die Seite erneut und tippe auf „Installieren“.
error-too-many = { $seconds ->
    [one] Zu viele falsche Versuche. Warte { $seconds } Sekunde und versuche es dann noch einmal.
   *[other] Zu viele falsche Versuche. Warte { $seconds } Sekunden und versuche es dann noch einmal.
}
error-method-not-allowed = Diese Adresse lässt sich so nicht verwenden. Öffne sie als normalen Link.
error-uri-too-long = Diese Adresse ist zu lang. Prüfe den Link, den du bekommen hast, oder lass ihn dir noch einmal schicken.
error-body-too-large = Was das Formular gesendet hat, ist zu groß. Geh zurück und versuche es noch einmal.
error-body-timeout = Was das Formular gesendet hat, kam nicht rechtzeitig an. Geh zurück und versuche es noch einmal.
error-body-unreadable = Was das Formular gesendet hat, ließ sich nicht lesen. Geh zurück und versuche es noch einmal.
error-bad-channel = Dieser Kanalname ist ungültig. Prüfe den Link.
error-range = Den angeforderten Teil der Datei gibt es nicht. Starte den Download neu.
error-precondition = Die Datei hat sich seit dem ersten Abruf geändert. Lade die Seite neu und versuche es noch einmal.
error-server = Auf dem Server ist etwas schiefgegangen. Versuche es gleich noch einmal.
error-storage = Der Speicher des Servers hat nicht geantwortet. Versuche es gleich noch einmal.

check-profile-expired = Das Bereitstellungsprofil ist abgelaufen: iOS installiert und öffnet die App nicht.
check-certificate-expired = Das Signaturzertifikat ist abgelaufen: iOS installiert die App nicht.
check-app-store-signed = Für den App Store signiert: iOS installiert ihn nur aus dem App Store oder über TestFlight.
check-not-ios = Nicht für iOS gebaut: iPhones und iPads können ihn nicht installieren.
check-simulator-build = Für den Simulator gebaut: Geräte können ihn nicht installieren.
check-no-icon = Im Build wurde kein App-Symbol gefunden: Die Seiten zeigen einen Platzhalter.
check-icon-unreadable = Das App-Symbol ist nicht lesbar: Die Seiten zeigen einen Platzhalter.
check-assets-car-unreadable = Der Symbolkatalog (Assets.car) ist nicht lesbar: Die Seiten zeigen die Symboldatei oder einen Platzhalter.
check-no-executable = Die ausführbare Datei der App fehlt: iOS verweigert die Installation.
check-no-version = Der Build hat keine Versionsnummer.
check-no-profile = Kein Bereitstellungsprofil: Geräte installieren diesen Build nicht.
check-profile-unreadable = Das Bereitstellungsprofil ist nicht lesbar: Die Signatur ist unbekannt.
check-profile-unverified = Die Signatur des Bereitstellungsprofils konnte nicht geprüft werden.

## The app page's earlier builds
previous-builds = Frühere Builds
previous-install = { $version } ({ $build }) installieren
previous-open = { $version } ({ $build }) öffnen

## Die Konsole (/console), für den Administrator
console-title = Konsole
console-description = Builds hochladen, alle Builds jeder App sehen, Notizen und Freigabelinks bearbeiten.
console-sign-out = Abmelden
console-all-apps = Alle Apps
console-upload-heading = Build hochladen
console-no-script = Hochladen, Bearbeiten und Teilen brauchen hier JavaScript. Die Listen unten funktionieren auch ohne; zum Hochladen otadrop publish verwenden.
console-drop = Eine .ipa-Datei hier ablegen oder eine auswählen:
console-notes = Versionshinweise (Markdown)
console-channel = Kanal
console-channel-hint = Kleinbuchstaben, Ziffern, Punkt, Bindestrich und Unterstrich. Leer: default.
console-upload = Hochladen
console-uploading = Wird hochgeladen…
console-processing = Hochgeladen. Der Build wird geprüft…
console-published = Veröffentlicht:
console-qr-alt = QR-Code der Seite des Builds
console-network-error = Die Verbindung brach ab, bevor der Server antwortete. Bitte erneut versuchen.
console-choose-file = Bitte zuerst eine .ipa-Datei auswählen.
console-apps-heading = Apps und ihre Builds
console-no-apps = Noch nichts hochgeladen.
console-app-page = App-Seite
console-build-count = { $count ->
    [one] 1 Build
   *[other] { $count } Builds
}
console-signing-enterprise = Enterprise (Unternehmen)
console-signing-ad-hoc = Ad hoc
console-signing-development = Entwicklung
console-signing-app-store = App Store
console-signing-none = Nicht signiert
console-expires = läuft am { $date } ab
console-expired = am { $date } abgelaufen
console-installs = Gestartete Installationen
console-installs-details = Gestartete Installationen nach iOS-Version und Gerät
console-installs-by-ios = iOS-Versionen
console-installs-by-model = Geräte
console-no-notes = Keine Versionshinweise.
console-edit-notes = Notizen bearbeiten
console-save = Notizen speichern
console-cancel = Abbrechen
console-saved = Notizen gespeichert.
console-delete = Löschen
console-delete-confirm = { $title } { $version } ({ $build }) löschen? Seite, Links und Downloads funktionieren dann nicht mehr. Das lässt sich nicht rückgängig machen.
console-deleted = Build gelöscht.
console-share = Freigabelink erstellen
console-share-app = Link zum neuesten Build
console-expires-in = Läuft ab nach
console-expiry-1d = 1 Tag
console-expiry-7d = 7 Tagen
console-expiry-30d = 30 Tagen
console-expiry-never = Nie
console-link-created = Freigabelink erstellt.
console-links-heading = Freigabelinks
console-no-links = Noch keine Freigabelinks.
console-link-build = { $title } { $version } ({ $build })
console-link-app = { $title }: immer der neueste Build
console-link-channel = { $title }: immer der neueste Build in { $channel }
console-link-gone = Ein gelöschter Build
console-link-live = Gültig bis { $date }
console-link-live-forever = Gültig bis zum Widerruf
console-link-expired = Abgelaufen am { $date }
console-link-revoked = Widerrufen am { $date }
console-link-password = mit Passwort
console-link-url = Link
console-copy = Kopieren
console-copied = Kopiert
console-copy-failed = Link markieren und kopieren
console-revoke = Widerrufen
console-revoked = Link widerrufen.
sign-in-admin-needed = Die Konsole ist nur für den Admin: Melden Sie sich mit dem Admin-Token (Upload-Token) an.
