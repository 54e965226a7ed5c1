# otadrop 的頁面：繁體中文（台灣）。iOS 的設定項目名稱與 iOS 繁體中文介面一致。

language-name = 繁體中文

footer-ca = 第一次使用？請先安裝本伺服器的憑證
footer-all-apps = 所有 App
footer-languages = 語言

size-bytes = { $n } 位元組
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

runs-on-both = iPhone 或 iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = 裝置

page-description = 在你的 { $devices } 上安裝 { $title } { $version }（{ $build }）。{ $size }。
version-line = 版本 { $version }（{ $build }）
install-button = 安裝 { $title }
copy-link-label = 本頁連結
copy = 拷貝
copied = 已拷貝
copy-failed = 請手動選取並拷貝
copied-paste = 已拷貝。現在開啟 Safari 並貼上。
expires-soon = { $days ->
    [0] 此版本的描述檔今天到期。到期後 iOS 將無法安裝，已安裝的副本也將無法開啟。
    [1] 此版本的描述檔明天到期。到期後 iOS 將無法安裝，已安裝的副本也將無法開啟。
   *[other] 此版本的描述檔將在 { $days } 天後到期。到期後 iOS 將無法安裝，已安裝的副本也將無法開啟。
}

telegram-heading = 請在 Safari 中開啟本頁
telegram-body = Telegram 的內建瀏覽器無法安裝 App。請點一下右上角的 ⋯，選擇「在 Safari 中開啟」，然後在 Safari 中點一下安裝。也可以拷貝下方連結，貼到 Safari 中開啟。
steps-then = 接下來
step-tap-install = 當 iOS 詢問時，點一下 **安裝**。圖示會出現在主畫面上，並隨著下載逐漸顯示完整。
step-trust = 第一次開啟前：前往 **設定 › 一般 › VPN與裝置管理**，點一下 **{ $team }**，接著點一下 **信任「{ $team }」**，再點一下 **信任** 確認。
team-unknown = 開發者
step-restart = 在 iOS 18 或以上版本，如果 App 仍無法開啟，請將裝置重新開機一次。
step-registered = 此版本只能安裝在其描述檔中登記的 { $devices } 台裝置上。如果 iOS 顯示無法安裝，請將你裝置的 UDID 傳給開發者。
step-developer-mode = iOS 16 或以上版本：開啟 **設定 › 隱私權與安全性 › 開發者模式**（安裝 App 後才會出現），重新開機，然後輸入密碼確認。
step-no-profile = otadrop 在此版本中找不到描述檔。如果 iOS 顯示無法安裝，請向開發者索取 Ad Hoc 或企業版本。
fallback-summary = 沒有反應？
fallback-body = 某些 App 的內建瀏覽器（Telegram、Slack、Discord 等）無法安裝 App。請在 Safari 中開啟本頁：拷貝連結，開啟 Safari，貼到網址列，然後點一下安裝。

safari-heading = 請在 Safari 中開啟本頁以安裝
safari-cannot-named = { $app } 的內建瀏覽器無法安裝 App。
safari-cannot-generic = 此 App 的內建瀏覽器無法安裝 App。
safari-step-menu = 點一下 **{ $menu }**，然後選擇 **「{ $command }」**。
safari-step-copy = 或者拷貝連結，貼到 Safari 的網址列：
safari-step-install = 在 Safari 中點一下 **安裝**。
safari-open-button = 在 Safari 中開啟
safari-already = 已經在 Safari 中，或想在這裡試試？
menu-top-right = 右上角的 ⋯
menu-bottom-right = 右下角的 ⋯
menu-share = 分享按鈕
menu-webview = ⋯ 或指南針圖示
command-open-in-safari = 在 Safari 中開啟
command-open-in-browser = 在瀏覽器中開啟
command-open-in-external-browser = 在外部瀏覽器中開啟
app-google = Google App
app-wechat = 微信
app-dingtalk = 釘釘
app-weibo = 微博
app-kakaotalk = KakaoTalk

qr-heading = 用 { $devices } 的相機掃描
qr-note = 用「相機」App 對準條碼，點一下出現的連結，然後點一下安裝。
qr-on-this-ipad = 正在使用這台 iPad？
qr-on-an-ipad = 在 iPad 上？
qr-install-here = 在此安裝
ios-only-heading = 此 App 僅適用於 { $devices }
ios-only-body = { $title } 是 iOS App，無法安裝在此裝置上。請在你的 { $devices } 上開啟本頁，或用它的相機掃描條碼：

preview-body = 透過無線方式在 iPhone 和 iPad 上安裝 { $title } { $version }。
preview-link = 開啟安裝頁面

blocked-heading = 無法安裝 { $title }
blocked-heading-device = 無法在此裝置上安裝 { $title }
blocked-profile-expired = 它的描述檔已於 { $date } 過期，iOS 會拒絕安裝。請向開發者索取新版本。
blocked-certificate-expired = 它的簽署憑證已於 { $date } 過期，iOS 會拒絕安裝或開啟它。請向開發者索取新版本。
blocked-app-store = 它是為 App Store 簽署的，iOS 只能透過 App Store 或 TestFlight 安裝這類版本。請向開發者索取 Ad Hoc、開發或企業版本。
blocked-wrong-platform = 它是為 { $platform } 建置的，不適用於 iPhone 或 iPad。
blocked-other-platform = 其他平台
blocked-no-family = 它既不適用於 iPhone，也不適用於 iPad。
blocked-os-too-old = 它需要 iOS { $needs } 或以上版本，而此裝置執行的是 iOS { $has }。請在 **設定 › 一般 › 軟體更新** 中更新，然後重新開啟本頁。
blocked-ipad-only = 它僅適用於 iPad。請在 iPad 上開啟本頁。

details = 詳細資訊
detail-version = 版本
detail-bundle-id = 套件 ID
detail-size = 大小
detail-requires = 系統需求
detail-requires-value = iOS { $version } 或以上版本
detail-runs-on = 適用裝置
detail-signing = 簽署
detail-team = 團隊
detail-profile-expires = 描述檔到期
detail-expired = （已過期）
detail-uploaded = 上傳日期
detail-checks = 檢查結果
release-notes = 更新說明
signing-enterprise = 企業（內部發佈）
signing-ad-hoc = Ad Hoc，已登記 { $devices } 台裝置
signing-development = 開發，已登記 { $devices } 台裝置
signing-app-store = App Store
signing-none = 找不到描述檔

index-title = App
index-description = 可透過無線方式安裝的 App。
index-empty = 還沒有 App。用 { $command } 發佈一個。

ca-title = 信任此伺服器
ca-description = 在 iPhone 或 iPad 上安裝並信任此伺服器的憑證。
ca-heading = 在你的 iPhone 或 iPad 上信任此伺服器
ca-intro = 此伺服器使用自行簽發的 HTTPS 憑證。只有安裝並信任該憑證後，iOS 才會從這裡安裝 App。每台裝置只需設定一次。
ca-step-allow = 在 iPhone 或 iPad 的 Safari 中點一下下方按鈕，然後點一下 **允許**。
ca-step-install = 開啟 **設定**：點一下頂部附近的 **已下載描述檔**（或 **一般 › VPN與裝置管理**），點一下 otadrop 描述檔，然後點一下 **安裝**。
ca-step-trust = 開啟 **設定 › 一般 › 關於本機 › 憑證信任設定**，為 otadrop CA 開啟完全信任。
ca-step-back = 回到安裝頁面，點一下安裝。
ca-download = 下載描述檔
ca-other-device = 在其他裝置上，可直接下載憑證：

## Signing in (the front page for strangers)
sign-in-title = 登入
sign-in-description = 登入後查看各個版本。
sign-in-heading = 登入
sign-in-intro-token = 此伺服器上的版本不公開。請用管理員權杖登入後查看。
sign-in-intro-viewer = 此伺服器上的版本不公開。請用檢視者密碼或管理員權杖登入後查看。
sign-in-label = 密碼或權杖
sign-in-button = 登入
sign-in-link-note = 收到的是某個版本的連結嗎？直接開啟那個連結即可，不需要登入。
sign-in-wrong = 密碼或權杖不正確。請再試一次。
sign-out-button = 登出

## A share link with a password
password-title = 受保護的版本
password-description = 受密碼保護的版本。
password-heading = 此版本受密碼保護
password-intro = 請輸入隨連結一起告訴你的密碼。
password-label = 密碼
password-button = 繼續
password-wrong = 密碼不正確。請檢查後再試一次。

error-heading = 錯誤 { $status }
error-not-found-heading = 找不到
error-not-found = 這裡什麼也沒有。連結可能輸入錯誤，或該版本已被刪除。
error-no-ca = 此伺服器使用正式憑證，不需要安裝任何東西。
error-gone-heading = 連結已失效
error-link-expired = 此連結已於 { $when }（UTC）過期。請向傳送連結的人索取新連結。
error-link-revoked = 此連結已於 { $when }（UTC）停用。請向傳送連結的人索取新連結。
error-link-password = 此版本受密碼保護：請開啟連結的頁面並輸入密碼。
error-grant-expired = 此安裝連結已失效。請重新開啟頁面，然後點一下「安裝」。
error-too-many = 輸入錯誤次數過多。請等候 { $seconds } 秒後再試一次。
error-method-not-allowed = 此網址無法這樣使用。請當作一般連結開啟。
error-uri-too-long = 此網址太長。請檢查收到的連結，或請對方重新傳送。
error-body-too-large = 表單送出的內容太大。請返回後再試一次。
error-body-timeout = 表單送出的內容未能及時送達。請返回後再試一次。
error-body-unreadable = 無法讀取表單送出的內容。請返回後再試一次。
error-bad-channel = 頻道名稱無效。請檢查連結。
error-range = 要求的檔案片段不存在。請重新開始下載。
error-precondition = 檔案在第一次取得後已被變更。請重新載入頁面後再試一次。
error-server = 伺服器發生錯誤。請稍後再試。
error-storage = 伺服器的儲存空間沒有回應。請稍後再試。

check-profile-expired = 描述檔已過期：iOS 不會安裝或開啟此 App。
check-certificate-expired = 簽署憑證已過期：iOS 不會安裝此 App。
check-app-store-signed = 為 App Store 簽署：iOS 只能透過 App Store 或 TestFlight 安裝。
check-not-ios = 不是為 iOS 建置的：iPhone 和 iPad 無法安裝。
check-simulator-build = 為模擬器建置：裝置無法安裝。
check-no-icon = 此版本中找不到 App 圖示：頁面顯示替代圖示。
check-icon-unreadable = 無法讀取 App 圖示：頁面顯示替代圖示。
check-assets-car-unreadable = 無法讀取圖示目錄（Assets.car）：頁面使用圖示檔案或預留圖示。
check-no-executable = 缺少 App 的執行檔：iOS 會拒絕安裝。
check-no-version = 此版本沒有版本號碼。
check-no-profile = 沒有描述檔：裝置無法安裝此版本。
check-profile-unreadable = 無法讀取描述檔：簽署方式不明。
check-profile-unverified = 無法驗證描述檔的簽章。

## The app page's earlier builds
previous-builds = 先前的版本
previous-install = 安裝 { $version }（{ $build }）
previous-open = 開啟 { $version }（{ $build }）

## 控制台（/console），僅限管理員
console-title = 控制台
console-description = 上傳建置，查看每個 App 的所有建置，編輯版本說明與分享連結。
console-sign-out = 登出
console-all-apps = 所有 App
console-upload-heading = 上傳建置
console-no-script = 在這裡上傳、編輯與分享需要 JavaScript。下方列表不需要 JavaScript 也能顯示；若要上傳，請使用 otadrop publish。
console-drop = 將 .ipa 檔案拖曳到這裡，或選擇一個檔案：
console-notes = 版本說明（Markdown）
console-channel = 頻道
console-channel-hint = 小寫字母、數字、點、連字號與底線。留空即 default。
console-upload = 上傳
console-uploading = 正在上傳…
console-processing = 已上傳，正在檢查建置…
console-published = 已發佈：
console-qr-alt = 此建置頁面的 QR 碼
console-network-error = 伺服器回應前連線已中斷。請再試一次。
console-choose-file = 請先選擇一個 .ipa 檔案。
console-apps-heading = App 及其建置
console-no-apps = 尚未上傳任何內容。
console-app-page = App 頁面
console-build-count = { $count ->
   *[other] { $count } 個建置
}
console-signing-enterprise = 企業
console-signing-ad-hoc = Ad Hoc
console-signing-development = 開發
console-signing-app-store = App Store
console-signing-none = 未簽署
console-expires = { $date } 到期
console-expired = 已於 { $date } 過期
console-installs = 開始安裝次數
console-installs-details = 依 iOS 版本與裝置查看開始安裝次數
console-installs-by-ios = iOS 版本
console-installs-by-model = 裝置
console-no-notes = 沒有版本說明。
console-edit-notes = 編輯說明
console-save = 儲存說明
console-cancel = 取消
console-saved = 說明已儲存。
console-delete = 刪除
console-delete-confirm = 要刪除 { $title } { $version }（{ $build }）嗎？它的頁面、連結與下載都將失效。此動作無法復原。
console-deleted = 建置已刪除。
console-share = 建立分享連結
console-share-app = 分享最新建置的連結
console-expires-in = 有效期限
console-expiry-1d = 1 天
console-expiry-7d = 7 天
console-expiry-30d = 30 天
console-expiry-never = 永久
console-link-created = 分享連結已建立。
console-links-heading = 分享連結
console-no-links = 尚無分享連結。
console-link-build = { $title } { $version }（{ $build }）
console-link-app = { $title }：一律為最新建置
console-link-channel = { $title }：一律為 { $channel } 頻道的最新建置
console-link-gone = 已刪除的建置
console-link-live = 有效至 { $date }
console-link-live-forever = 撤銷前皆有效
console-link-expired = 已於 { $date } 過期
console-link-revoked = 已於 { $date } 撤銷
console-link-password = 需要密碼
console-link-url = 連結
console-copy = 拷貝
console-copied = 已拷貝
console-copy-failed = 請選取連結後拷貝
console-revoke = 撤銷
console-revoked = 連結已撤銷。
sign-in-admin-needed = 控制台僅供管理員使用：請用管理員（上傳）權杖登入。
