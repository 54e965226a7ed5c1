# otadrop 的页面：简体中文。iOS 的设置项名称与 iOS 简体中文界面一致。

language-name = 简体中文

footer-ca = 第一次使用？请先安装本服务器的证书
footer-all-apps = 全部应用
footer-languages = 语言

size-bytes = { $n } 字节
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

runs-on-both = iPhone 或 iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = 设备

page-description = 在你的 { $devices } 上安装 { $title } { $version }（{ $build }）。{ $size }。
version-line = 版本 { $version }（{ $build }）
install-button = 安装 { $title }
copy-link-label = 本页链接
copy = 复制
copied = 已复制
copy-failed = 请手动选择并复制
copied-paste = 已复制。现在打开 Safari 浏览器并粘贴。
expires-soon = { $days ->
    [0] 此版本的描述文件今天到期。到期后 iOS 将无法安装它，已安装的副本也将无法打开。
    [1] 此版本的描述文件明天到期。到期后 iOS 将无法安装它，已安装的副本也将无法打开。
   *[other] 此版本的描述文件将在 { $days } 天后到期。到期后 iOS 将无法安装它，已安装的副本也将无法打开。
}

telegram-heading = 请在 Safari 浏览器中打开本页
telegram-body = Telegram 的内置浏览器无法安装应用。请点按右上角的 ⋯，选择“在 Safari 中打开”，然后在 Safari 中点按安装。也可以复制下面的链接，粘贴到 Safari 中打开。
steps-then = 接下来
step-tap-install = 当 iOS 询问时，点按 **安装**。图标会出现在主屏幕上，并随着下载逐渐显示完整。
step-trust = 首次打开前：前往 **设置 › 通用 › VPN与设备管理**，点按 **{ $team }**，然后点按 **信任“{ $team }”**，再点按 **信任** 确认。
team-unknown = 开发者
step-restart = 在 iOS 18 及更高版本上，如果应用仍无法打开，请将设备重新启动一次。
step-registered = 此版本只能安装在其描述文件中登记的 { $devices } 台设备上。如果 iOS 提示无法安装，请把你设备的 UDID 发给开发者。
step-developer-mode = iOS 16 及更高版本：打开 **设置 › 隐私与安全性 › 开发者模式**（安装应用后才会出现），重新启动设备，然后输入密码确认。
step-no-profile = otadrop 在此版本中未找到描述文件。如果 iOS 提示无法安装，请向开发者索取 Ad Hoc 或企业版本。
fallback-summary = 没有反应？
fallback-body = 某些应用的内置浏览器（Telegram、Slack、Discord 等）无法安装应用。请在 Safari 中打开本页：复制链接，打开 Safari，粘贴到地址栏，然后点按安装。

safari-heading = 请在 Safari 浏览器中打开本页进行安装
safari-cannot-named = { $app }的内置浏览器无法安装应用。
safari-cannot-generic = 此应用的内置浏览器无法安装应用。
safari-step-menu = 点按 **{ $menu }**，然后选择 **“{ $command }”**。
safari-step-copy = 或者复制链接，粘贴到 Safari 的地址栏：
safari-step-install = 在 Safari 中点按 **安装**。
safari-open-button = 在 Safari 中打开
safari-already = 已经在 Safari 中，或者想在这里试试？
menu-top-right = 右上角的 ⋯
menu-bottom-right = 右下角的 ⋯
menu-share = 分享按钮
menu-webview = ⋯ 或指南针图标
command-open-in-safari = 在Safari中打开
command-open-in-browser = 在浏览器中打开
command-open-in-external-browser = 在外部浏览器中打开
app-google = Google 应用
app-wechat = 微信
app-dingtalk = 钉钉
app-weibo = 微博
app-kakaotalk = KakaoTalk

qr-heading = 用 { $devices } 的相机扫描
qr-note = 用“相机”应用对准二维码，点按出现的链接，然后点按安装。
qr-on-this-ipad = 正在使用这台 iPad？
qr-on-an-ipad = 在 iPad 上？
qr-install-here = 在此安装
ios-only-heading = 此应用仅适用于 { $devices }
ios-only-body = { $title } 是 iOS 应用，无法安装在此设备上。请在你的 { $devices } 上打开本页，或用它的相机扫描二维码：

preview-body = 通过无线方式在 iPhone 和 iPad 上安装 { $title } { $version }。
preview-link = 打开安装页面

blocked-heading = 无法安装 { $title }
blocked-heading-device = 无法在此设备上安装 { $title }
blocked-profile-expired = 它的描述文件已于 { $date } 过期，iOS 会拒绝安装。请向开发者索取新版本。
blocked-certificate-expired = 它的签名证书已于 { $date } 过期，iOS 会拒绝安装或打开它。请向开发者索取新版本。
blocked-app-store = 它是为 App Store 签名的，iOS 只能通过 App Store 或 TestFlight 安装这类版本。请向开发者索取 Ad Hoc、开发或企业版本。
blocked-wrong-platform = 它是为 { $platform } 构建的，不适用于 iPhone 或 iPad。
blocked-other-platform = 其他平台
blocked-no-family = 它既不适用于 iPhone，也不适用于 iPad。
blocked-os-too-old = 它需要 iOS { $needs } 或更高版本，而此设备运行的是 iOS { $has }。请在 **设置 › 通用 › 软件更新** 中更新，然后重新打开本页。
blocked-ipad-only = 它仅适用于 iPad。请在 iPad 上打开本页。

details = 详细信息
detail-version = 版本
detail-bundle-id = 套装 ID
detail-size = 大小
detail-requires = 系统要求
detail-requires-value = iOS { $version } 或更高版本
detail-runs-on = 适用设备
detail-signing = 签名
detail-team = 团队
detail-profile-expires = 描述文件到期
detail-expired = （已过期）
detail-uploaded = 上传日期
detail-checks = 检查结果
release-notes = 更新说明
signing-enterprise = 企业（内部分发）
signing-ad-hoc = Ad Hoc，已登记 { $devices } 台设备
signing-development = 开发，已登记 { $devices } 台设备
signing-app-store = App Store
signing-none = 未找到描述文件

index-title = 应用
index-description = 可通过无线方式安装的应用。
index-empty = 还没有应用。用 { $command } 发布一个。

ca-title = 信任此服务器
ca-description = 在 iPhone 或 iPad 上安装并信任此服务器的证书。
ca-heading = 在你的 iPhone 或 iPad 上信任此服务器
ca-intro = 此服务器使用自己签发的 HTTPS 证书。只有安装并信任该证书后，iOS 才会从这里安装应用。每台设备只需操作一次。
ca-step-allow = 在 iPhone 或 iPad 的 Safari 中点按下面的按钮，然后点按 **允许**。
ca-step-install = 打开 **设置**：点按顶部附近的 **已下载描述文件**（或 **通用 › VPN与设备管理**），点按 otadrop 描述文件，然后点按 **安装**。
ca-step-trust = 打开 **设置 › 通用 › 关于本机 › 证书信任设置**，为 otadrop CA 打开完全信任。
ca-step-back = 回到安装页面，点按安装。
ca-download = 下载描述文件
ca-other-device = 在其他设备上，可直接下载证书：

## Signing in (the front page for strangers)
sign-in-title = 登录
sign-in-description = 登录后查看各个版本。
sign-in-heading = 登录
sign-in-intro-token = 此服务器上的版本不公开。请用管理员令牌登录后查看。
sign-in-intro-viewer = 此服务器上的版本不公开。请用查看者密码或管理员令牌登录后查看。
sign-in-label = 密码或令牌
sign-in-button = 登录
sign-in-link-note = 收到的是某个版本的链接？直接打开那个链接即可，无需登录。
sign-in-wrong = 密码或令牌不正确。请重试。
sign-out-button = 退出登录

## A share link with a password
password-title = 受保护的版本
password-description = 受密码保护的版本。
password-heading = 此版本受密码保护
password-intro = 请输入随链接一起告诉你的密码。
password-label = 密码
password-button = 继续
password-wrong = 密码不正确。请检查后重试。

error-heading = 错误 { $status }
error-not-found-heading = 未找到
error-not-found = 这里什么也没有。链接可能输错了，或者该版本已被删除。
error-no-ca = 此服务器使用正式证书，无需安装任何东西。
error-gone-heading = 链接已失效
error-link-expired = 此链接已于 { $when }（UTC）过期。请向发送链接的人索取新链接。
error-link-revoked = 此链接已于 { $when }（UTC）被停用。请向发送链接的人索取新链接。
error-link-password = 此版本受密码保护：请打开链接的页面并输入密码。
error-grant-expired = 此安装链接已失效。请重新打开页面，然后点按“安装”。
error-too-many = 输错次数过多。请等待 { $seconds } 秒后重试。
error-method-not-allowed = 此地址不能这样使用。请把它当作普通链接打开。
error-uri-too-long = 此地址太长。请检查收到的链接，或请对方重新发送。
error-body-too-large = 表单提交的内容太大。请返回后重试。
error-body-timeout = 表单提交的内容未能及时送达。请返回后重试。
error-body-unreadable = 无法读取表单提交的内容。请返回后重试。
error-bad-channel = 渠道名称无效。请检查链接。
error-range = 请求的文件片段不存在。请重新开始下载。
error-precondition = 文件在首次获取后已被更改。请刷新页面后重试。
error-server = 服务器出错了。请稍后重试。
error-storage = 服务器的存储没有响应。请稍后重试。

check-profile-expired = 描述文件已过期：iOS 不会安装或打开此应用。
check-certificate-expired = 签名证书已过期：iOS 不会安装此应用。
check-app-store-signed = 为 App Store 签名：iOS 只能通过 App Store 或 TestFlight 安装。
check-not-ios = 不是为 iOS 构建的：iPhone 和 iPad 无法安装。
check-simulator-build = 为模拟器构建：设备无法安装。
check-no-icon = 此版本中没有找到应用图标：页面显示占位图标。
check-icon-unreadable = 无法读取应用图标：页面显示占位图标。
check-assets-car-unreadable = 无法读取图标目录（Assets.car）：页面使用图标文件或占位图标。
check-no-executable = 缺少应用的可执行文件：iOS 会拒绝安装。
check-no-version = 此版本没有版本号。
check-no-profile = 没有描述文件：设备无法安装此版本。
check-profile-unreadable = 无法读取描述文件：签名方式未知。
check-profile-unverified = 无法验证描述文件的签名。

## The app page's earlier builds
previous-builds = 以前的版本
previous-install = 安装 { $version }（{ $build }）
previous-open = 打开 { $version }（{ $build }）

## 控制台（/console），仅限管理员
console-title = 控制台
console-description = 上传构建，查看每个应用的所有构建，编辑更新说明和分享链接。
console-sign-out = 退出登录
console-all-apps = 全部应用
console-upload-heading = 上传构建
console-no-script = 在这里上传、编辑和分享需要 JavaScript。下面的列表无需 JavaScript 也能显示；要上传，请使用 otadrop publish。
console-drop = 把 .ipa 文件拖到这里，或选择一个文件：
console-notes = 更新说明（Markdown）
console-channel = 渠道
console-channel-hint = 小写字母、数字、点、短横线和下划线。留空即 default。
console-upload = 上传
console-uploading = 正在上传…
console-processing = 已上传，正在检查构建…
console-published = 已发布：
console-qr-alt = 该构建页面的二维码
console-network-error = 服务器回应之前连接已断开。请重试。
console-choose-file = 请先选择一个 .ipa 文件。
console-apps-heading = 应用及其构建
console-no-apps = 还没有上传任何内容。
console-app-page = 应用页面
console-build-count = { $count ->
   *[other] { $count } 个构建
}
console-signing-enterprise = 企业
console-signing-ad-hoc = Ad Hoc
console-signing-development = 开发
console-signing-app-store = App Store
console-signing-none = 未签名
console-expires = { $date } 到期
console-expired = 已于 { $date } 过期
console-installs = 开始安装次数
console-installs-details = 按 iOS 版本和设备查看开始安装次数
console-installs-by-ios = iOS 版本
console-installs-by-model = 设备
console-no-notes = 没有更新说明。
console-edit-notes = 编辑说明
console-save = 保存说明
console-cancel = 取消
console-saved = 说明已保存。
console-delete = 删除
console-delete-confirm = 删除 { $title } { $version }（{ $build }）？它的页面、链接和下载都将失效。此操作无法撤销。
console-deleted = 构建已删除。
console-share = 创建分享链接
console-share-app = 分享最新构建的链接
console-expires-in = 有效期
console-expiry-1d = 1 天
console-expiry-7d = 7 天
console-expiry-30d = 30 天
console-expiry-never = 永久
console-link-created = 分享链接已创建。
console-links-heading = 分享链接
console-no-links = 还没有分享链接。
console-link-build = { $title } { $version }（{ $build }）
console-link-app = { $title }：始终为最新构建
console-link-channel = { $title }：始终为 { $channel } 渠道的最新构建
console-link-gone = 已删除的构建
console-link-live = 有效期至 { $date }
console-link-live-forever = 撤销前一直有效
console-link-expired = 已于 { $date } 过期
console-link-revoked = 已于 { $date } 撤销
console-link-password = 需要密码
console-link-url = 链接
console-copy = 复制
console-copied = 已复制
console-copy-failed = 请选中链接后复制
console-revoke = 撤销
console-revoked = 链接已撤销。
sign-in-admin-needed = 控制台仅供管理员使用：请用管理员（上传）令牌登录。
