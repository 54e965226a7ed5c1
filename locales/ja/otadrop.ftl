# otadrop のページ（日本語）。iOS の設定項目名は日本語版 iOS の表示どおり。

language-name = 日本語

footer-ca = はじめての方：このサーバの証明書をインストール
footer-all-apps = すべてのアプリ
footer-languages = 言語

size-bytes = { $n } バイト
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

runs-on-both = iPhone または iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = デバイス

page-description = { $title } { $version }（{ $build }）を { $devices } にインストール。{ $size }。
version-line = バージョン { $version }（{ $build }）
install-button = { $title } をインストール
copy-link-label = このページへのリンク
copy = コピー
copied = コピーしました
copy-failed = 選択してコピーしてください
copied-paste = コピーしました。Safari を開いて貼り付けてください。
expires-soon = { $days ->
    [0] このビルドのプロファイルは今日で期限切れになります。期限後は iOS がインストールできなくなり、インストール済みのアプリも開けなくなります。
    [1] このビルドのプロファイルは明日で期限切れになります。期限後は iOS がインストールできなくなり、インストール済みのアプリも開けなくなります。
   *[other] このビルドのプロファイルはあと { $days } 日で期限切れになります。期限後は iOS がインストールできなくなり、インストール済みのアプリも開けなくなります。
}

telegram-heading = このページを Safari で開いてください
telegram-body = Telegram のブラウザではアプリをインストールできません。右上の ⋯ をタップして「Safari で開く」を選び、Safari でインストールをタップしてください。または下のリンクをコピーして Safari に貼り付けてください。
steps-then = 次に
step-tap-install = iOS に確認されたら **インストール** をタップします。ホーム画面にアイコンが現れ、ダウンロードが進むにつれて表示されます。
step-trust = 初めて開く前に：**設定 › 一般 › VPNとデバイス管理** で **{ $team }** をタップし、**“{ $team }”を信頼** をタップしてから、もう一度 **信頼** をタップします。
team-unknown = デベロッパ
step-restart = iOS 18 以降でまだアプリが開かない場合は、デバイスを一度再起動してください。
step-registered = このビルドは、プロファイルに登録された { $devices } 台のデバイスにのみインストールできます。インストールできないと表示された場合は、お使いのデバイスの UDID をデベロッパに送ってください。
step-developer-mode = iOS 16 以降：**設定 › プライバシーとセキュリティ › デベロッパモード** をオンにし（アプリのインストール後に表示されます）、再起動してからパスコードで確定します。
step-no-profile = otadrop はこのビルドにプロビジョニングプロファイルを見つけられませんでした。インストールできないと表示された場合は、Ad Hoc 版またはエンタープライズ版をデベロッパに依頼してください。
fallback-summary = 何も起きない場合は？
fallback-body = 一部のアプリの内蔵ブラウザ（Telegram、Slack、Discord など）ではアプリをインストールできません。このページを Safari で開いてください：リンクをコピーし、Safari を開いてアドレスバーに貼り付け、インストールをタップします。

safari-heading = インストールするには Safari でこのページを開いてください
safari-cannot-named = { $app } の内蔵ブラウザではアプリをインストールできません。
safari-cannot-generic = このアプリの内蔵ブラウザではアプリをインストールできません。
safari-step-menu = **{ $menu }** をタップし、**「{ $command }」** を選びます。
safari-step-copy = または、リンクをコピーして Safari のアドレスバーに貼り付けます：
safari-step-install = Safari で **インストール** をタップします。
safari-open-button = Safari で開く
safari-already = すでに Safari で開いている場合や、ここで試す場合は：
menu-top-right = 右上の ⋯
menu-bottom-right = 右下の ⋯
menu-share = 共有ボタン
menu-webview = ⋯ またはコンパスのアイコン
command-open-in-safari = Safari で開く
command-open-in-browser = ブラウザで開く
command-open-in-external-browser = 外部ブラウザで開く
app-google = Google アプリ
app-wechat = WeChat
app-dingtalk = DingTalk
app-weibo = Weibo
app-kakaotalk = カカオトーク

qr-heading = { $devices } のカメラでスキャン
qr-note = カメラ App をコードに向け、表示されたリンクをタップしてから、インストールをタップします。
qr-on-this-ipad = この iPad でインストールしますか？
qr-on-an-ipad = iPad をお使いですか？
qr-install-here = ここでインストール
ios-only-heading = このアプリは { $devices } 用です
ios-only-body = { $title } は iOS アプリのため、このデバイスにはインストールできません。お使いの { $devices } でこのページを開くか、そのカメラでコードをスキャンしてください：

preview-body = { $title } { $version } を iPhone と iPad にワイヤレスでインストール。
preview-link = インストールページを開く

blocked-heading = { $title } をインストールできません
blocked-heading-device = { $title } をこのデバイスにインストールできません
blocked-profile-expired = プロビジョニングプロファイルが { $date } に期限切れになりました。iOS はインストールを拒否します。新しいビルドをデベロッパに依頼してください。
blocked-certificate-expired = 署名証明書が { $date } に期限切れになりました。iOS はインストールも起動も拒否します。新しいビルドをデベロッパに依頼してください。
blocked-app-store = App Store 用に署名されています。このようなビルドは App Store または TestFlight からしかインストールできません。Ad Hoc 版、開発版、またはエンタープライズ版をデベロッパに依頼してください。
blocked-wrong-platform = { $platform } 用にビルドされており、iPhone や iPad 用ではありません。
blocked-other-platform = 別のプラットフォーム
blocked-no-family = iPhone 用にも iPad 用にもビルドされていません。
blocked-os-too-old = iOS { $needs } 以降が必要ですが、このデバイスは iOS { $has } です。**設定 › 一般 › ソフトウェアアップデート** でアップデートしてから、もう一度このページを開いてください。
blocked-ipad-only = iPad 専用です。iPad でこのページを開いてください。

details = 詳細
detail-version = バージョン
detail-bundle-id = バンドル ID
detail-size = サイズ
detail-requires = 必要条件
detail-requires-value = iOS { $version } 以降
detail-runs-on = 対応デバイス
detail-signing = 署名
detail-team = チーム
detail-profile-expires = プロファイル期限
detail-expired = （期限切れ）
detail-uploaded = アップロード日
detail-checks = チェック結果
release-notes = リリースノート
signing-enterprise = エンタープライズ（社内配布）
signing-ad-hoc = Ad Hoc、登録デバイス { $devices } 台
signing-development = 開発用、登録デバイス { $devices } 台
signing-app-store = App Store
signing-none = プロビジョニングプロファイルなし

index-title = アプリ
index-description = ワイヤレスでインストールできるアプリ。
index-empty = まだアプリがありません。{ $command } で公開してください。

ca-title = このサーバを信頼する
ca-description = このサーバの証明書を iPhone または iPad にインストールして信頼します。
ca-heading = iPhone または iPad でこのサーバを信頼する
ca-intro = このサーバは HTTPS 証明書を自分で署名しています。iOS がここからアプリをインストールするには、その証明書をインストールして信頼する必要があります（デバイスごとに一度だけ）。
ca-step-allow = iPhone または iPad の Safari で下のボタンをタップし、**許可** をタップします。
ca-step-install = **設定** を開き、上部付近の **プロファイルがダウンロードされました**（または **一般 › VPNとデバイス管理**）をタップし、otadrop のプロファイルをタップしてから **インストール** をタップします。
ca-step-trust = **設定 › 一般 › 情報 › 証明書信頼設定** を開き、otadrop CA の完全な信頼をオンにします。
ca-step-back = インストールページに戻って、インストールをタップします。
ca-download = プロファイルをダウンロード
ca-other-device = ほかのデバイスでは、証明書そのものを：

## Signing in (the front page for strangers)
sign-in-title = サインイン
sign-in-description = サインインするとビルドが表示されます。
sign-in-heading = サインイン
sign-in-intro-token = このサーバのビルドは非公開です。表示するには管理者トークンでサインインしてください。
sign-in-intro-viewer = このサーバのビルドは非公開です。表示するには閲覧用パスワードまたは管理者トークンでサインインしてください。
sign-in-label = パスワードまたはトークン
sign-in-button = サインイン
sign-in-link-note = 特定のビルドへのリンクを受け取った場合は、そのリンクを開いてください。サインインしなくても使えます。
sign-in-wrong = パスワードまたはトークンが正しくありません。もう一度お試しください。
sign-out-button = サインアウト

## A share link with a password
password-title = 保護されたビルド
password-description = パスワードで保護されたビルドです。
password-heading = このビルドは保護されています
password-intro = リンクと一緒に伝えられたパスワードを入力してください。
password-label = パスワード
password-button = 続ける
password-wrong = パスワードが正しくありません。確認してもう一度お試しください。

error-heading = エラー { $status }
error-not-found-heading = 見つかりません
error-not-found = ここには何もありません。リンクが間違っているか、リリースが削除された可能性があります。
error-no-ca = このサーバは正規の証明書を使っているため、インストールするものはありません。
error-gone-heading = このリンクは無効です
error-link-expired = このリンクは { $when }（UTC）に有効期限が切れました。送ってくれた人に新しいリンクを頼んでください。
error-link-revoked = このリンクは { $when }（UTC）に無効にされました。送ってくれた人に新しいリンクを頼んでください。
error-link-password = このビルドはパスワードで保護されています。リンクのページを開いてパスワードを入力してください。
error-grant-expired = このインストール用リンクは有効期限が切れました。ページをもう一度開いて、インストールをタップしてください。
error-too-many = 間違いが多すぎます。{ $seconds } 秒待ってから、もう一度お試しください。
error-method-not-allowed = このアドレスはこの方法では使えません。通常のリンクとして開いてください。
error-uri-too-long = このアドレスは長すぎます。受け取ったリンクを確認するか、もう一度送ってもらってください。
error-body-too-large = フォームから送信された内容が大きすぎます。戻ってもう一度お試しください。
error-body-timeout = フォームから送信された内容が時間内に届きませんでした。戻ってもう一度お試しください。
error-body-unreadable = フォームから送信された内容を読み取れませんでした。戻ってもう一度お試しください。
error-bad-channel = チャンネル名が正しくありません。リンクを確認してください。
error-range = 要求されたファイルの範囲がありません。ダウンロードをやり直してください。
error-precondition = 最初に取得したあとでファイルが変更されました。ページを再読み込みして、もう一度お試しください。
error-server = サーバでエラーが発生しました。しばらくしてからもう一度お試しください。
error-storage = サーバのストレージが応答しませんでした。しばらくしてからもう一度お試しください。

check-profile-expired = プロビジョニングプロファイルの期限が切れています。iOS はこのアプリをインストールも起動もしません。
check-certificate-expired = 署名証明書の期限が切れています。iOS はこのアプリをインストールしません。
check-app-store-signed = App Store 用に署名されています。App Store または TestFlight からしかインストールできません。
check-not-ios = iOS 用にビルドされていません。iPhone や iPad にはインストールできません。
check-simulator-build = シミュレータ用のビルドです。デバイスにはインストールできません。
check-no-icon = ビルドにアプリアイコンが見つかりません。ページには代わりのアイコンを表示しています。
check-icon-unreadable = アプリアイコンを読み取れません。ページには代わりのアイコンを表示しています。
check-assets-car-unreadable = アイコンカタログ（Assets.car）を読み取れません。ページにはアイコンファイルか代わりのアイコンを表示しています。
check-no-executable = アプリの実行ファイルがありません。iOS はインストールを拒否します。
check-no-version = ビルドにバージョン番号がありません。
check-no-profile = プロビジョニングプロファイルがありません。デバイスはこのビルドをインストールしません。
check-profile-unreadable = プロビジョニングプロファイルを読み取れません。署名の種類は不明です。
check-profile-unverified = プロビジョニングプロファイルの署名を検証できませんでした。

## The app page's earlier builds
previous-builds = 以前のビルド
previous-install = { $version }（{ $build }）をインストール
previous-open = { $version }（{ $build }）を開く

## コンソール（/console）、管理者専用
console-title = コンソール
console-description = ビルドのアップロード、各アプリの全ビルドの確認、リリースノートと共有リンクの編集。
console-sign-out = サインアウト
console-all-apps = すべてのアプリ
console-upload-heading = ビルドをアップロード
console-no-script = ここでのアップロード・編集・共有には JavaScript が必要です。下の一覧は JavaScript なしでも表示されます。アップロードには otadrop publish を使ってください。
console-drop = .ipa ファイルをここにドロップするか、ファイルを選択してください：
console-notes = リリースノート（Markdown）
console-channel = チャンネル
console-channel-hint = 小文字の英字、数字、ドット、ハイフン、アンダースコア。空欄なら default。
console-upload = アップロード
console-uploading = アップロード中…
console-processing = アップロードしました。ビルドを確認しています…
console-published = 公開しました：
console-qr-alt = ビルドのページの QR コード
console-network-error = サーバーが応答する前に接続が切れました。もう一度お試しください。
console-choose-file = 先に .ipa ファイルを選択してください。
console-apps-heading = アプリとビルド
console-no-apps = まだ何もアップロードされていません。
console-app-page = アプリのページ
console-build-count = { $count ->
   *[other] { $count } 件のビルド
}
console-signing-enterprise = エンタープライズ
console-signing-ad-hoc = Ad Hoc
console-signing-development = 開発
console-signing-app-store = App Store
console-signing-none = 署名なし
console-expires = { $date } に期限切れ
console-expired = { $date } に期限切れ済み
console-installs = インストール開始数
console-installs-details = iOS バージョン別・デバイス別のインストール開始数
console-installs-by-ios = iOS バージョン
console-installs-by-model = デバイス
console-no-notes = リリースノートはありません。
console-edit-notes = ノートを編集
console-save = ノートを保存
console-cancel = キャンセル
console-saved = ノートを保存しました。
console-delete = 削除
console-delete-confirm = { $title } { $version }（{ $build }）を削除しますか？ページ、リンク、ダウンロードはすべて使えなくなります。元に戻せません。
console-deleted = ビルドを削除しました。
console-share = 共有リンクを作成
console-share-app = 最新ビルドへの共有リンク
console-expires-in = 有効期間
console-expiry-1d = 1 日
console-expiry-7d = 7 日
console-expiry-30d = 30 日
console-expiry-never = 無期限
console-link-created = 共有リンクを作成しました。
console-links-heading = 共有リンク
console-no-links = 共有リンクはまだありません。
console-link-build = { $title } { $version }（{ $build }）
console-link-app = { $title }：常に最新ビルド
console-link-channel = { $title }：常に { $channel } チャンネルの最新ビルド
console-link-gone = 削除されたビルド
console-link-live = { $date } まで有効
console-link-live-forever = 取り消すまで有効
console-link-expired = { $date } に期限切れ
console-link-revoked = { $date } に取り消し済み
console-link-password = パスワード付き
console-link-url = リンク
console-copy = コピー
console-copied = コピーしました
console-copy-failed = リンクを選択してコピーしてください
console-revoke = 取り消す
console-revoked = リンクを取り消しました。
sign-in-admin-needed = コンソールは管理者専用です。管理者（アップロード）トークンでサインインしてください。
