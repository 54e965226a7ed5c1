# otadrop's pages in English. Every other language has the same message ids and placeholders
# (a unit test checks). `**...**` marks words shown in bold, e.g. the labels a visitor taps.

## The language itself (in the footer's language list)
language-name = English

## Every page
footer-ca = First time? Install this server's certificate
footer-all-apps = All apps
footer-languages = Language

## Units (the number is already formatted for the language)
size-bytes = { $n ->
    [one] { $n } byte
   *[other] { $n } bytes
}
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## Devices an app runs on
runs-on-both = iPhone or iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = device

## A release page
page-description = Install { $title } { $version } ({ $build }) on your { $devices }. { $size }.
version-line = Version { $version } ({ $build })
install-button = Install { $title }
copy-link-label = Link to this page
copy = Copy
copied = Copied
copy-failed = Select and copy
copied-paste = Copied. Now open Safari and paste it.
expires-soon = { $days ->
    [0] This build's profile expires today. After that iOS will not install it, and installed copies stop opening.
    [1] This build's profile expires tomorrow. After that iOS will not install it, and installed copies stop opening.
   *[other] This build's profile expires in { $days } days. After that iOS will not install it, and installed copies stop opening.
}

## Install steps
telegram-heading = Open this page in Safari
telegram-body = Telegram's browser cannot install apps. Tap ⋯ at the top right, choose “Open in Safari”, then tap Install there. Or copy the link below and paste it into Safari.
steps-then = Then
step-tap-install = Tap **Install** when iOS asks. The icon appears on your Home Screen and fills in as the app downloads.
step-trust = Before opening it the first time: **Settings › General › VPN & Device Management**, tap **{ $team }**, then **Trust “{ $team }”** and **Trust** again.
team-unknown = the developer
step-restart = On iOS 18 and later, if the app still will not open, restart the device once.
step-registered = { $devices ->
    [one] This build installs only on the one device registered in its profile. If iOS says it cannot install it, send your device's UDID to the developer.
   *[other] This build installs only on the { $devices } devices registered in its profile. If iOS says it cannot install it, send your device's UDID to the developer.
}
step-developer-mode = iOS 16 and later: turn on **Settings › Privacy & Security › Developer Mode** (it appears once the app is installed), restart, and confirm with your passcode.
step-no-profile = otadrop found no provisioning profile in this build. If iOS says it cannot install it, ask the developer for an ad-hoc or enterprise build.
fallback-summary = Nothing happened?
fallback-body = Some apps' built-in browsers (Telegram, Slack, Discord and others) cannot install apps. Open this page in Safari: copy the link, open Safari, paste it into the address bar, then tap Install.

## Inside a chat app's browser
safari-heading = Open this page in Safari to install
safari-cannot-named = { $app }'s built-in browser cannot install apps.
safari-cannot-generic = This app's built-in browser cannot install apps.
safari-step-menu = Tap **{ $menu }**, then **“{ $command }”**.
safari-step-copy = Or copy the link and paste it into Safari's address bar:
safari-step-install = In Safari, tap **Install**.
safari-open-button = Open in Safari
safari-already = Already in Safari, or want to try here?
menu-top-right = ⋯ at the top right
menu-bottom-right = ⋯ at the bottom right
menu-share = the share button
menu-webview = ⋯ or the compass icon
command-open-in-safari = Open in Safari
command-open-in-browser = Open in browser
command-open-in-external-browser = Open in external browser
app-google = The Google app
app-wechat = WeChat
app-dingtalk = DingTalk
app-weibo = Weibo
app-kakaotalk = KakaoTalk

## Desktop and Android visitors
qr-heading = Scan with the camera of your { $devices }
qr-note = Point the Camera app at the code, tap the link that appears, then tap Install.
qr-on-this-ipad = On this iPad?
qr-on-an-ipad = On an iPad?
qr-install-here = Install here
ios-only-heading = This app is for { $devices }
ios-only-body = { $title } is an iOS app and cannot be installed on this device. Open this page on your { $devices }, or scan the code with its camera:

## Link previews
preview-body = Install { $title } { $version } over the air on iPhone and iPad.
preview-link = Open the install page

## Why an install cannot work
blocked-heading = { $title } cannot be installed
blocked-heading-device = { $title } cannot be installed on this device
blocked-profile-expired = Its provisioning profile expired on { $date }. iOS refuses to install it. Ask the developer for a new build.
blocked-certificate-expired = Its signing certificate expired on { $date }. iOS refuses to install or open it. Ask the developer for a new build.
blocked-app-store = It is signed for the App Store, and iOS installs such builds only from the App Store or TestFlight. Ask the developer for an ad-hoc, development or enterprise build.
blocked-wrong-platform = It was built for { $platform }, not for iPhone or iPad.
blocked-other-platform = another platform
blocked-no-family = It is built for neither iPhone nor iPad.
blocked-os-too-old = It needs iOS { $needs } or later, and this device runs iOS { $has }. Update in **Settings › General › Software Update**, then open this page again.
blocked-ipad-only = It is built for iPad only. Open this page on an iPad.

## Details
details = Details
detail-version = Version
detail-bundle-id = Bundle ID
detail-size = Size
detail-requires = Requires
detail-requires-value = iOS { $version } or later
detail-runs-on = Runs on
detail-signing = Signing
detail-team = Team
detail-profile-expires = Profile expires
detail-expired = (expired)
detail-uploaded = Uploaded
detail-checks = Checks
release-notes = Release notes
signing-enterprise = Enterprise (in-house)
signing-ad-hoc = { $devices ->
    [one] Ad hoc, 1 registered device
   *[other] Ad hoc, { $devices } registered devices
}
signing-development = { $devices ->
    [one] Development, 1 registered device
   *[other] Development, { $devices } registered devices
}
signing-app-store = App Store
signing-none = No provisioning profile found

## The front page
index-title = Apps
index-description = Apps to install over the air.
index-empty = No apps yet. Publish one with { $command }.

## Trusting the server's own certificate (/ca)
ca-title = Trust this server
ca-description = Install and trust this server's certificate on an iPhone or iPad.
ca-heading = Trust this server on your iPhone or iPad
ca-intro = This server signs its own HTTPS certificate. iOS installs apps from it only after you install and trust that certificate, once per device.
ca-step-allow = In Safari on the iPhone or iPad, tap the button below, then **Allow**.
ca-step-install = Open **Settings**: tap **Profile Downloaded** near the top (or **General › VPN & Device Management**), tap the otadrop profile, then **Install**.
ca-step-trust = Open **Settings › General › About › Certificate Trust Settings** and turn on full trust for the otadrop CA.
ca-step-back = Go back to the install page and tap Install.
ca-download = Download the profile
ca-other-device = On another device, the certificate itself:

## Signing in (the front page for strangers)
sign-in-title = Sign in
sign-in-description = Sign in to see the builds.
sign-in-heading = Sign in
sign-in-intro-token = The builds on this server are private. Sign in with the admin token to see them.
sign-in-intro-viewer = The builds on this server are private. Sign in with the viewer password or the admin token to see them.
sign-in-label = Password or token
sign-in-button = Sign in
sign-in-link-note = Got a link to one build? Open that link instead: it works without signing in.
sign-in-wrong = That is not the password or the token. Try again.
sign-out-button = Sign out

## A share link with a password
password-title = Protected build
password-description = A build protected by a password.
password-heading = This build is protected
password-intro = Enter the password you were given with the link.
password-label = Password
password-button = Continue
password-wrong = That password is not right. Check it and try again.

## Error pages
error-heading = Error { $status }
error-not-found-heading = Not found
error-gone-heading = Link no longer valid
error-not-found = Nothing here. The link may be mistyped, or the release was deleted.
error-no-ca = This server uses a real certificate: there is nothing to install.
error-link-expired = This link expired on { $when } (UTC). Ask the person who sent it for a new link.
error-link-revoked = This link was turned off on { $when } (UTC). Ask the person who sent it for a new link.
error-link-password = This build is protected by a password: open the link's page and enter it.
error-grant-expired = This install link has run out. Open the page again and tap Install.
error-too-many = { $seconds ->
    [one] Too many wrong tries. Wait { $seconds } second, then try again.
   *[other] Too many wrong tries. Wait { $seconds } seconds, then try again.
}
error-method-not-allowed = This address cannot be used that way. Open it as an ordinary link.
error-uri-too-long = This address is too long. Check the link you were given, or ask for it again.
error-body-too-large = What the form sent is too large. Go back and try again.
error-body-timeout = What the form sent did not arrive in time. Go back and try again.
error-body-unreadable = What the form sent could not be read. Go back and try again.
error-bad-channel = That channel name is not valid. Check the link.
error-range = The part of the file asked for is not in it. Start the download again.
error-precondition = The file has changed since it was first fetched. Reload the page and try again.
error-server = Something went wrong on the server. Try again in a moment.
error-storage = The server's storage did not answer. Try again in a moment.

## The build's checks (by warning code of the IPA reader)
check-profile-expired = The provisioning profile has expired: iOS will not install or open the app.
check-certificate-expired = The signing certificate has expired: iOS will not install the app.
check-app-store-signed = Signed for the App Store: iOS installs it only from the App Store or TestFlight.
check-not-ios = Not built for iOS: iPhones and iPads cannot install it.
check-simulator-build = Built for the Simulator: devices cannot install it.
check-no-icon = No app icon found in the build: the pages show a placeholder.
check-icon-unreadable = The app icon cannot be read: the pages show a placeholder.
check-assets-car-unreadable = The icon catalog (Assets.car) cannot be read: the pages use the icon file, or a placeholder.
check-no-executable = The app's executable is missing: iOS will refuse to install it.
check-no-version = The build has no version number.
check-no-profile = No provisioning profile: devices will not install this build.
check-profile-unreadable = The provisioning profile cannot be read: the signing is unknown.
check-profile-unverified = The provisioning profile's signature could not be verified.

## The app page's earlier builds
previous-builds = Previous builds
previous-install = Install { $version } ({ $build })
previous-open = Open { $version } ({ $build })

## The console (/console), for the admin
console-title = Console
console-description = Upload builds, see every build of each app, edit notes and share links.
console-sign-out = Sign out
console-all-apps = All apps
console-upload-heading = Upload a build
console-no-script = Uploading, editing and sharing here need JavaScript. The lists below work without it; to upload, use otadrop publish.
console-drop = Drop an .ipa file here, or choose one:
console-notes = Release notes (Markdown)
console-channel = Channel
console-channel-hint = Lowercase letters, digits, dot, dash and underscore. Empty: default.
console-upload = Upload
console-uploading = Uploading…
console-processing = Uploaded. Checking the build…
console-published = Published:
console-qr-alt = QR code of the build's page
console-network-error = The connection was lost before the server answered. Try again.
console-choose-file = Choose an .ipa file first.
console-apps-heading = Apps and their builds
console-no-apps = Nothing uploaded yet.
console-app-page = App page
console-build-count = { $count ->
    [one] 1 build
   *[other] { $count } builds
}
console-signing-enterprise = Enterprise
console-signing-ad-hoc = Ad hoc
console-signing-development = Development
console-signing-app-store = App Store
console-signing-none = Not signed
console-expires = expires { $date }
console-expired = expired { $date }
console-installs = Install starts
console-installs-details = Install starts by iOS version and device
console-installs-by-ios = iOS versions
console-installs-by-model = Devices
console-no-notes = No release notes.
console-edit-notes = Edit notes
console-save = Save notes
console-cancel = Cancel
console-saved = Notes saved.
console-delete = Delete
console-delete-confirm = Delete { $title } { $version } ({ $build })? Its page, links and downloads stop working. This cannot be undone.
console-deleted = Build deleted.
console-share = Create share link
console-share-app = Share link to the newest build
console-expires-in = Expires after
console-expiry-1d = 1 day
console-expiry-7d = 7 days
console-expiry-30d = 30 days
console-expiry-never = Never
console-link-created = Share link created.
console-links-heading = Share links
console-no-links = No share links yet.
console-link-build = { $title } { $version } ({ $build })
console-link-app = { $title }: always the newest build
console-link-channel = { $title }: always the newest build on { $channel }
console-link-gone = A build that was deleted
console-link-live = Works until { $date }
console-link-live-forever = Works until revoked
console-link-expired = Expired on { $date }
console-link-revoked = Revoked on { $date }
console-link-password = with a password
console-link-url = Link
console-copy = Copy
console-copied = Copied
console-copy-failed = Select the link and copy it
console-revoke = Revoke
console-revoked = Link revoked.
sign-in-admin-needed = The console is for the admin: sign in with the admin (upload) token.
