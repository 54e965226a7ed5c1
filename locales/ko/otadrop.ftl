# otadrop 페이지(한국어). iOS 설정 항목 이름은 한국어 iOS에 표시되는 그대로.

language-name = 한국어

footer-ca = 처음이신가요? 이 서버의 인증서를 설치하세요
footer-all-apps = 모든 앱
footer-languages = 언어

size-bytes = { $n }바이트
size-kb = { $n }KB
size-mb = { $n }MB
size-gb = { $n }GB

runs-on-both = iPhone 또는 iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = 기기

page-description = { $devices }에 { $title } { $version }({ $build }) 설치. { $size }.
version-line = 버전 { $version }({ $build })
install-button = { $title } 설치
copy-link-label = 이 페이지 링크
copy = 복사
copied = 복사됨
copy-failed = 선택해서 복사하세요
copied-paste = 복사했습니다. 이제 Safari를 열고 붙여넣으세요.
expires-soon = { $days ->
    [0] 이 빌드의 프로파일은 오늘 만료됩니다. 만료되면 iOS가 설치하지 않으며, 설치된 앱도 열리지 않습니다.
    [1] 이 빌드의 프로파일은 내일 만료됩니다. 만료되면 iOS가 설치하지 않으며, 설치된 앱도 열리지 않습니다.
   *[other] 이 빌드의 프로파일은 { $days }일 후에 만료됩니다. 만료되면 iOS가 설치하지 않으며, 설치된 앱도 열리지 않습니다.
}

telegram-heading = 이 페이지를 Safari에서 여세요
telegram-body = Telegram의 브라우저에서는 앱을 설치할 수 없습니다. 오른쪽 위의 ⋯을 탭하고 'Safari에서 열기'를 선택한 다음 Safari에서 설치를 탭하세요. 또는 아래 링크를 복사해 Safari에 붙여넣으세요.
steps-then = 다음 단계
step-tap-install = iOS가 물으면 **설치**를 탭하세요. 홈 화면에 아이콘이 나타나고 다운로드되는 동안 채워집니다.
step-trust = 처음 열기 전에: **설정 › 일반 › VPN 및 기기 관리**에서 **{ $team }**을(를) 탭하고, **“{ $team }”을(를) 신뢰함**을 탭한 다음 다시 **신뢰**를 탭하세요.
team-unknown = 개발자
step-restart = iOS 18 이상에서 앱이 여전히 열리지 않으면 기기를 한 번 재시동하세요.
step-registered = 이 빌드는 프로파일에 등록된 기기 { $devices }대에만 설치됩니다. 설치할 수 없다고 나오면 기기의 UDID를 개발자에게 보내세요.
step-developer-mode = iOS 16 이상: **설정 › 개인정보 보호 및 보안 › 개발자 모드**를 켜고(앱을 설치하면 나타납니다) 재시동한 다음 암호로 확인하세요.
step-no-profile = otadrop이 이 빌드에서 프로비저닝 프로파일을 찾지 못했습니다. 설치할 수 없다고 나오면 개발자에게 Ad Hoc 또는 엔터프라이즈 빌드를 요청하세요.
fallback-summary = 아무 일도 일어나지 않나요?
fallback-body = 일부 앱의 내장 브라우저(Telegram, Slack, Discord 등)에서는 앱을 설치할 수 없습니다. 이 페이지를 Safari에서 여세요: 링크를 복사하고 Safari를 열어 주소창에 붙여넣은 다음 설치를 탭하세요.

safari-heading = 설치하려면 이 페이지를 Safari에서 여세요
safari-cannot-named = { $app }의 내장 브라우저에서는 앱을 설치할 수 없습니다.
safari-cannot-generic = 이 앱의 내장 브라우저에서는 앱을 설치할 수 없습니다.
safari-step-menu = **{ $menu }**을 탭한 다음 **'{ $command }'**를 선택하세요.
safari-step-copy = 또는 링크를 복사해 Safari의 주소창에 붙여넣으세요:
safari-step-install = Safari에서 **설치**를 탭하세요.
safari-open-button = Safari에서 열기
safari-already = 이미 Safari에 있거나 여기서 해 보려면:
menu-top-right = 오른쪽 위의 ⋯
menu-bottom-right = 오른쪽 아래의 ⋯
menu-share = 공유 버튼
menu-webview = ⋯ 또는 나침반 아이콘
command-open-in-safari = Safari에서 열기
command-open-in-browser = 브라우저에서 열기
command-open-in-external-browser = 외부 브라우저에서 열기
app-google = Google 앱
app-wechat = 위챗
app-dingtalk = DingTalk
app-weibo = 웨이보
app-kakaotalk = 카카오톡

qr-heading = { $devices }의 카메라로 스캔하세요
qr-note = 카메라 앱을 코드에 비추고, 나타나는 링크를 탭한 다음 설치를 탭하세요.
qr-on-this-ipad = 이 iPad에서 설치하시나요?
qr-on-an-ipad = iPad를 사용 중이신가요?
qr-install-here = 여기서 설치
ios-only-heading = 이 앱은 { $devices }용입니다
ios-only-body = { $title }은(는) iOS 앱이라 이 기기에는 설치할 수 없습니다. { $devices }에서 이 페이지를 열거나, 그 카메라로 코드를 스캔하세요:

preview-body = { $title } { $version }을(를) iPhone과 iPad에 무선으로 설치하세요.
preview-link = 설치 페이지 열기

blocked-heading = { $title }을(를) 설치할 수 없습니다
blocked-heading-device = 이 기기에는 { $title }을(를) 설치할 수 없습니다
blocked-profile-expired = 프로비저닝 프로파일이 { $date }에 만료되었습니다. iOS가 설치를 거부합니다. 개발자에게 새 빌드를 요청하세요.
blocked-certificate-expired = 서명 인증서가 { $date }에 만료되었습니다. iOS가 설치와 실행을 거부합니다. 개발자에게 새 빌드를 요청하세요.
blocked-app-store = App Store용으로 서명되어 있어, iOS는 App Store나 TestFlight를 통해서만 설치합니다. 개발자에게 Ad Hoc, 개발 또는 엔터프라이즈 빌드를 요청하세요.
blocked-wrong-platform = { $platform }용으로 빌드되어 iPhone이나 iPad에서는 쓸 수 없습니다.
blocked-other-platform = 다른 플랫폼
blocked-no-family = iPhone용도 iPad용도 아닙니다.
blocked-os-too-old = iOS { $needs } 이상이 필요하지만 이 기기는 iOS { $has }입니다. **설정 › 일반 › 소프트웨어 업데이트**에서 업데이트한 다음 이 페이지를 다시 여세요.
blocked-ipad-only = iPad 전용입니다. iPad에서 이 페이지를 여세요.

details = 세부사항
detail-version = 버전
detail-bundle-id = 번들 ID
detail-size = 크기
detail-requires = 요구 사항
detail-requires-value = iOS { $version } 이상
detail-runs-on = 지원 기기
detail-signing = 서명
detail-team = 팀
detail-profile-expires = 프로파일 만료일
detail-expired = (만료됨)
detail-uploaded = 업로드 날짜
detail-checks = 검사 결과
release-notes = 릴리스 노트
signing-enterprise = 엔터프라이즈(사내 배포)
signing-ad-hoc = Ad Hoc, 등록된 기기 { $devices }대
signing-development = 개발용, 등록된 기기 { $devices }대
signing-app-store = App Store
signing-none = 프로비저닝 프로파일 없음

index-title = 앱
index-description = 무선으로 설치할 수 있는 앱.
index-empty = 아직 앱이 없습니다. { $command } 명령으로 올려 보세요.

ca-title = 이 서버 신뢰하기
ca-description = iPhone이나 iPad에 이 서버의 인증서를 설치하고 신뢰합니다.
ca-heading = iPhone 또는 iPad에서 이 서버 신뢰하기
ca-intro = 이 서버는 HTTPS 인증서를 직접 서명합니다. 그 인증서를 설치하고 신뢰해야 iOS가 여기서 앱을 설치합니다. 기기마다 한 번만 하면 됩니다.
ca-step-allow = iPhone 또는 iPad의 Safari에서 아래 버튼을 탭한 다음 **허용**을 탭하세요.
ca-step-install = **설정**을 열고 위쪽의 **프로파일이 다운로드됨**(또는 **일반 › VPN 및 기기 관리**)을 탭한 다음 otadrop 프로파일을 탭하고 **설치**를 탭하세요.
ca-step-trust = **설정 › 일반 › 정보 › 인증서 신뢰 설정**을 열고 otadrop CA에 대해 완전한 신뢰를 켜세요.
ca-step-back = 설치 페이지로 돌아가 설치를 탭하세요.
ca-download = 프로파일 다운로드
ca-other-device = 다른 기기에서는 인증서 파일을 직접:

## Signing in (the front page for strangers)
sign-in-title = 로그인
sign-in-description = 로그인하면 빌드를 볼 수 있습니다.
sign-in-heading = 로그인
sign-in-intro-token = 이 서버의 빌드는 비공개입니다. 보려면 관리자 토큰으로 로그인하세요.
sign-in-intro-viewer = 이 서버의 빌드는 비공개입니다. 보려면 열람용 암호나 관리자 토큰으로 로그인하세요.
sign-in-label = 암호 또는 토큰
sign-in-button = 로그인
sign-in-link-note = 빌드 하나의 링크를 받으셨나요? 그 링크를 여세요. 로그인하지 않아도 됩니다.
sign-in-wrong = 암호 또는 토큰이 올바르지 않습니다. 다시 시도하세요.
sign-out-button = 로그아웃

## A share link with a password
password-title = 보호된 빌드
password-description = 암호로 보호된 빌드입니다.
password-heading = 이 빌드는 보호되어 있습니다
password-intro = 링크와 함께 받은 암호를 입력하세요.
password-label = 암호
password-button = 계속
password-wrong = 암호가 올바르지 않습니다. 확인한 다음 다시 시도하세요.

error-heading = 오류 { $status }
error-not-found-heading = 찾을 수 없음
error-not-found = 여기에는 아무것도 없습니다. 링크를 잘못 입력했거나 릴리스가 삭제되었을 수 있습니다.
error-no-ca = 이 서버는 정식 인증서를 사용하므로 설치할 것이 없습니다.
error-gone-heading = 더 이상 유효하지 않은 링크
error-link-expired = 이 링크는 { $when }(UTC)에 만료되었습니다. 링크를 보낸 사람에게 새 링크를 요청하세요.
error-link-revoked = 이 링크는 { $when }(UTC)에 사용 중지되었습니다. 링크를 보낸 사람에게 새 링크를 요청하세요.
error-link-password = 이 빌드는 암호로 보호되어 있습니다. 링크의 페이지를 열고 암호를 입력하세요.
error-grant-expired = 이 설치 링크는 만료되었습니다. 페이지를 다시 열고 설치를 탭하세요.
error-too-many = 잘못된 시도가 너무 많습니다. { $seconds }초 기다린 다음 다시 시도하세요.
error-method-not-allowed = 이 주소는 이런 방식으로 사용할 수 없습니다. 일반 링크로 여세요.
error-uri-too-long = 이 주소가 너무 깁니다. 받은 링크를 확인하거나 다시 보내 달라고 요청하세요.
error-body-too-large = 양식으로 보낸 내용이 너무 큽니다. 돌아가서 다시 시도하세요.
error-body-timeout = 양식으로 보낸 내용이 제시간에 도착하지 않았습니다. 돌아가서 다시 시도하세요.
error-body-unreadable = 양식으로 보낸 내용을 읽을 수 없습니다. 돌아가서 다시 시도하세요.
error-bad-channel = 채널 이름이 올바르지 않습니다. 링크를 확인하세요.
error-range = 요청한 파일 범위가 없습니다. 다운로드를 다시 시작하세요.
error-precondition = 처음 가져온 뒤 파일이 바뀌었습니다. 페이지를 새로 고친 다음 다시 시도하세요.
error-server = 서버에 문제가 생겼습니다. 잠시 후 다시 시도하세요.
error-storage = 서버의 저장소가 응답하지 않았습니다. 잠시 후 다시 시도하세요.

check-profile-expired = 프로비저닝 프로파일이 만료되었습니다. iOS가 앱을 설치하거나 열지 않습니다.
check-certificate-expired = 서명 인증서가 만료되었습니다. iOS가 앱을 설치하지 않습니다.
check-app-store-signed = App Store용으로 서명되어 App Store나 TestFlight로만 설치할 수 있습니다.
check-not-ios = iOS용으로 빌드되지 않아 iPhone과 iPad에 설치할 수 없습니다.
check-simulator-build = 시뮬레이터용 빌드라 기기에 설치할 수 없습니다.
check-no-icon = 빌드에 앱 아이콘이 없어 페이지에 대체 아이콘을 표시합니다.
check-icon-unreadable = 앱 아이콘을 읽을 수 없어 페이지에 대체 아이콘을 표시합니다.
check-assets-car-unreadable = 아이콘 카탈로그(Assets.car)를 읽을 수 없어 페이지에 아이콘 파일이나 대체 아이콘을 표시합니다.
check-no-executable = 앱의 실행 파일이 없어 iOS가 설치를 거부합니다.
check-no-version = 빌드에 버전 번호가 없습니다.
check-no-profile = 프로비저닝 프로파일이 없어 기기에 이 빌드를 설치할 수 없습니다.
check-profile-unreadable = 프로비저닝 프로파일을 읽을 수 없어 서명 방식을 알 수 없습니다.
check-profile-unverified = 프로비저닝 프로파일의 서명을 확인할 수 없습니다.

## The app page's earlier builds
previous-builds = 이전 빌드
previous-install = { $version } ({ $build }) 설치
previous-open = { $version } ({ $build }) 열기

## 콘솔(/console), 관리자 전용
console-title = 콘솔
console-description = 빌드를 업로드하고, 앱별 모든 빌드를 보고, 릴리스 노트와 공유 링크를 편집합니다.
console-sign-out = 로그아웃
console-all-apps = 모든 앱
console-upload-heading = 빌드 업로드
console-no-script = 여기서 업로드, 편집, 공유를 하려면 JavaScript가 필요합니다. 아래 목록은 JavaScript 없이도 표시됩니다. 업로드하려면 otadrop publish를 사용하세요.
console-drop = .ipa 파일을 여기에 끌어다 놓거나 파일을 선택하세요:
console-notes = 릴리스 노트(Markdown)
console-channel = 채널
console-channel-hint = 영문 소문자, 숫자, 점, 하이픈, 밑줄. 비워 두면 default.
console-upload = 업로드
console-uploading = 업로드 중…
console-processing = 업로드했습니다. 빌드를 확인하는 중…
console-published = 게시됨:
console-qr-alt = 빌드 페이지의 QR 코드
console-network-error = 서버가 응답하기 전에 연결이 끊어졌습니다. 다시 시도하세요.
console-choose-file = 먼저 .ipa 파일을 선택하세요.
console-apps-heading = 앱과 빌드
console-no-apps = 아직 업로드된 것이 없습니다.
console-app-page = 앱 페이지
console-build-count = { $count ->
   *[other] 빌드 { $count }개
}
console-signing-enterprise = 엔터프라이즈
console-signing-ad-hoc = Ad Hoc
console-signing-development = 개발
console-signing-app-store = App Store
console-signing-none = 서명 없음
console-expires = { $date }에 만료
console-expired = { $date }에 만료됨
console-installs = 설치 시작 횟수
console-installs-details = iOS 버전별·기기별 설치 시작 횟수
console-installs-by-ios = iOS 버전
console-installs-by-model = 기기
console-no-notes = 릴리스 노트가 없습니다.
console-edit-notes = 노트 편집
console-save = 노트 저장
console-cancel = 취소
console-saved = 노트를 저장했습니다.
console-delete = 삭제
console-delete-confirm = { $title } { $version }({ $build })을(를) 삭제할까요? 페이지, 링크, 다운로드가 모두 작동하지 않게 됩니다. 되돌릴 수 없습니다.
console-deleted = 빌드를 삭제했습니다.
console-share = 공유 링크 만들기
console-share-app = 최신 빌드 공유 링크
console-expires-in = 유효 기간
console-expiry-1d = 1일
console-expiry-7d = 7일
console-expiry-30d = 30일
console-expiry-never = 무기한
console-link-created = 공유 링크를 만들었습니다.
console-links-heading = 공유 링크
console-no-links = 아직 공유 링크가 없습니다.
console-link-build = { $title } { $version }({ $build })
console-link-app = { $title }: 항상 최신 빌드
console-link-channel = { $title }: 항상 { $channel } 채널의 최신 빌드
console-link-gone = 삭제된 빌드
console-link-live = { $date }까지 유효
console-link-live-forever = 폐기할 때까지 유효
console-link-expired = { $date }에 만료됨
console-link-revoked = { $date }에 폐기됨
console-link-password = 암호 필요
console-link-url = 링크
console-copy = 복사
console-copied = 복사됨
console-copy-failed = 링크를 선택해 복사하세요
console-revoke = 폐기
console-revoked = 링크를 폐기했습니다.
sign-in-admin-needed = 콘솔은 관리자 전용입니다. 관리자(업로드) 토큰으로 로그인하세요.
