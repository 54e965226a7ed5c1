# Страницы otadrop на русском. Названия пунктов «Настроек» — такие, как их показывает iOS на русском.

language-name = Русский

footer-ca = Впервые здесь? Установите сертификат этого сервера
footer-all-apps = Все приложения
footer-languages = Язык

size-bytes = { $n ->
    [one] { $n } байт
    [few] { $n } байта
   *[other] { $n } байт
}
size-kb = { $n } КБ
size-mb = { $n } МБ
size-gb = { $n } ГБ

runs-on-both = iPhone или iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = устройство

page-description = Установите { $title } { $version } ({ $build }) на { $devices }. { $size }.
version-line = Версия { $version } ({ $build })
install-button = Установить { $title }
copy-link-label = Ссылка на эту страницу
copy = Скопировать
copied = Скопировано
copy-failed = Выделите и скопируйте
copied-paste = Скопировано. Теперь откройте Safari и вставьте ссылку.
expires-soon = { $days ->
    [0] Профиль этой сборки истекает сегодня. После этого iOS не станет её устанавливать, а установленные копии перестанут открываться.
    [1] Профиль этой сборки истекает завтра. После этого iOS не станет её устанавливать, а установленные копии перестанут открываться.
    [one] Профиль этой сборки истекает через { $days } день. После этого iOS не станет её устанавливать, а установленные копии перестанут открываться.
    [few] Профиль этой сборки истекает через { $days } дня. После этого iOS не станет её устанавливать, а установленные копии перестанут открываться.
   *[other] Профиль этой сборки истекает через { $days } дней. После этого iOS не станет её устанавливать, а установленные копии перестанут открываться.
}

telegram-heading = Откройте эту страницу в Safari
telegram-body = Браузер Telegram не умеет устанавливать приложения. Нажмите ⋯ в правом верхнем углу, выберите «Открыть в Safari» и нажмите там «Установить». Или скопируйте ссылку ниже и вставьте её в Safari.
steps-then = Затем
step-tap-install = Нажмите **Установить**, когда iOS спросит. Значок появится на экране «Домой» и заполнится по мере загрузки приложения.
step-trust = Перед первым запуском: откройте **Настройки › Основные › VPN и управление устройством**, нажмите **{ $team }**, затем **Доверять «{ $team }»** и ещё раз **Доверять**.
team-unknown = разработчика
step-restart = В iOS 18 и новее, если приложение всё ещё не открывается, перезагрузите устройство один раз.
step-registered = { $devices ->
    [one] Эта сборка устанавливается только на { $devices } устройство, зарегистрированное в её профиле. Если iOS сообщает, что не может её установить, отправьте UDID своего устройства разработчику.
    [few] Эта сборка устанавливается только на { $devices } устройства, зарегистрированные в её профиле. Если iOS сообщает, что не может её установить, отправьте UDID своего устройства разработчику.
   *[other] Эта сборка устанавливается только на { $devices } устройств, зарегистрированных в её профиле. Если iOS сообщает, что не может её установить, отправьте UDID своего устройства разработчику.
}
step-developer-mode = iOS 16 и новее: включите **Настройки › Конфиденциальность и безопасность › Режим разработчика** (пункт появляется после установки приложения), перезагрузите устройство и подтвердите код-паролем.
step-no-profile = otadrop не нашёл в этой сборке профиль обеспечения. Если iOS сообщает, что не может её установить, попросите у разработчика ad hoc или корпоративную сборку.
fallback-summary = Ничего не произошло?
fallback-body = Встроенные браузеры некоторых приложений (Telegram, Slack, Discord и других) не умеют устанавливать приложения. Откройте эту страницу в Safari: скопируйте ссылку, откройте Safari, вставьте её в адресную строку и нажмите «Установить».

safari-heading = Чтобы установить, откройте эту страницу в Safari
safari-cannot-named = Встроенный браузер { $app } не умеет устанавливать приложения.
safari-cannot-generic = Встроенный браузер этого приложения не умеет устанавливать приложения.
safari-step-menu = Нажмите **{ $menu }**, затем **«{ $command }»**.
safari-step-copy = Или скопируйте ссылку и вставьте её в адресную строку Safari:
safari-step-install = В Safari нажмите **Установить**.
safari-open-button = Открыть в Safari
safari-already = Уже в Safari или хотите попробовать здесь?
menu-top-right = ⋯ в правом верхнем углу
menu-bottom-right = ⋯ в правом нижнем углу
menu-share = кнопку «Поделиться»
menu-webview = ⋯ или значок компаса
command-open-in-safari = Открыть в Safari
command-open-in-browser = Открыть в браузере
command-open-in-external-browser = Открыть во внешнем браузере
app-google = приложения Google
app-wechat = WeChat
app-dingtalk = DingTalk
app-weibo = Weibo
app-kakaotalk = KakaoTalk

qr-heading = Отсканируйте камерой { $devices }
qr-note = Наведите приложение «Камера» на код, нажмите появившуюся ссылку, затем «Установить».
qr-on-this-ipad = На этом iPad?
qr-on-an-ipad = На iPad?
qr-install-here = Установить здесь
ios-only-heading = Это приложение для { $devices }
ios-only-body = { $title } — приложение для iOS, его нельзя установить на это устройство. Откройте эту страницу на { $devices } или отсканируйте код его камерой:

preview-body = Установите { $title } { $version } по воздуху на iPhone и iPad.
preview-link = Открыть страницу установки

blocked-heading = { $title } нельзя установить
blocked-heading-device = { $title } нельзя установить на это устройство
blocked-profile-expired = Срок действия профиля обеспечения истёк { $date }. iOS отказывается устанавливать сборку. Попросите у разработчика новую.
blocked-certificate-expired = Срок действия сертификата подписи истёк { $date }. iOS отказывается устанавливать и открывать сборку. Попросите у разработчика новую.
blocked-app-store = Сборка подписана для App Store, а такие сборки iOS устанавливает только из App Store или TestFlight. Попросите у разработчика ad hoc, сборку для разработки или корпоративную.
blocked-wrong-platform = Сборка сделана для { $platform }, а не для iPhone или iPad.
blocked-other-platform = другой платформы
blocked-no-family = Сборка сделана ни для iPhone, ни для iPad.
blocked-os-too-old = Нужна iOS { $needs } или новее, а на этом устройстве iOS { $has }. Обновите систему в **Настройки › Основные › Обновление ПО** и снова откройте эту страницу.
blocked-ipad-only = Сборка только для iPad. Откройте эту страницу на iPad.

details = Подробности
detail-version = Версия
detail-bundle-id = Bundle ID
detail-size = Размер
detail-requires = Требуется
detail-requires-value = iOS { $version } или новее
detail-runs-on = Работает на
detail-signing = Подпись
detail-team = Команда
detail-profile-expires = Профиль истекает
detail-expired = (истёк)
detail-uploaded = Загружено
detail-checks = Проверки
release-notes = Что нового
signing-enterprise = Корпоративная (для своих)
signing-ad-hoc = { $devices ->
    [one] Ad hoc, { $devices } зарегистрированное устройство
    [few] Ad hoc, { $devices } зарегистрированных устройства
   *[other] Ad hoc, { $devices } зарегистрированных устройств
}
signing-development = { $devices ->
    [one] Для разработки, { $devices } зарегистрированное устройство
    [few] Для разработки, { $devices } зарегистрированных устройства
   *[other] Для разработки, { $devices } зарегистрированных устройств
}
signing-app-store = App Store
signing-none = Профиль обеспечения не найден

index-title = Приложения
index-description = Приложения для установки по воздуху.
index-empty = Приложений пока нет. Опубликуйте первое командой { $command }.

ca-title = Доверие к этому серверу
ca-description = Установите сертификат этого сервера на iPhone или iPad и включите к нему доверие.
ca-heading = Доверие к этому серверу на iPhone или iPad
ca-intro = Этот сервер сам подписывает свой HTTPS-сертификат. iOS устанавливает с него приложения, только когда этот сертификат установлен и ему доверяют; на каждом устройстве это делается один раз.
ca-step-allow = В Safari на iPhone или iPad нажмите кнопку ниже, затем **Разрешить**.
ca-step-install = Откройте **Настройки**: нажмите **Профиль загружен** вверху (или **Основные › VPN и управление устройством**), выберите профиль otadrop и нажмите **Установить**.
ca-step-trust = Откройте **Настройки › Основные › Об этом устройстве › Доверие сертификатам** и включите полное доверие для ЦС otadrop.
ca-step-back = Вернитесь на страницу установки и нажмите «Установить».
ca-download = Загрузить профиль
ca-other-device = На другом устройстве — сам сертификат:

## Signing in (the front page for strangers)
sign-in-title = Вход
sign-in-description = Войдите, чтобы увидеть сборки.
sign-in-heading = Вход
sign-in-intro-token = Сборки на этом сервере закрыты. Чтобы их увидеть, войдите с токеном администратора.
sign-in-intro-viewer = Сборки на этом сервере закрыты. Чтобы их увидеть, войдите с паролем для просмотра или токеном администратора.
sign-in-label = Пароль или токен
sign-in-button = Войти
sign-in-link-note = Вам прислали ссылку на одну сборку? Откройте эту ссылку: она работает без входа.
sign-in-wrong = Это не пароль и не токен. Попробуйте ещё раз.
sign-out-button = Выйти

## A share link with a password
password-title = Защищённая сборка
password-description = Сборка, защищённая паролем.
password-heading = Эта сборка защищена
password-intro = Введите пароль, который вам дали вместе со ссылкой.
password-label = Пароль
password-button = Продолжить
password-wrong = Пароль неверный. Проверьте его и попробуйте ещё раз.

error-heading = Ошибка { $status }
error-not-found-heading = Не найдено
error-not-found = Здесь ничего нет. Возможно, ссылка набрана с ошибкой или сборка удалена.
error-no-ca = Этот сервер использует настоящий сертификат: устанавливать нечего.
error-gone-heading = Ссылка больше не действует
error-link-expired = Срок действия этой ссылки истёк { $when } (UTC). Попросите новую ссылку у того, кто её прислал.
error-link-revoked = Эта ссылка была отключена { $when } (UTC). Попросите новую ссылку у того, кто её прислал.
error-link-password = Эта сборка защищена паролем: откройте страницу ссылки и введите его.
error-grant-expired = Срок действия этой ссылки для установки истёк. Откройте страницу снова и нажмите «Установить».
error-too-many = { $seconds ->
    [one] Слишком много неверных попыток. Подождите { $seconds } секунду и попробуйте ещё раз.
    [few] Слишком много неверных попыток. Подождите { $seconds } секунды и попробуйте ещё раз.
    [many] Слишком много неверных попыток. Подождите { $seconds } секунд и попробуйте ещё раз.
   *[other] Слишком много неверных попыток. Подождите { $seconds } секунды и попробуйте ещё раз.
}
error-method-not-allowed = Этот адрес нельзя использовать таким образом. Откройте его как обычную ссылку.
error-uri-too-long = Этот адрес слишком длинный. Проверьте полученную ссылку или попросите прислать её ещё раз.
error-body-too-large = Данные формы слишком велики. Вернитесь назад и попробуйте ещё раз.
error-body-timeout = Данные формы не пришли вовремя. Вернитесь назад и попробуйте ещё раз.
error-body-unreadable = Не удалось прочитать данные формы. Вернитесь назад и попробуйте ещё раз.
error-bad-channel = Недопустимое название канала. Проверьте ссылку.
error-range = Запрошенной части файла нет. Начните загрузку заново.
error-precondition = Файл изменился после первой загрузки. Обновите страницу и попробуйте ещё раз.
error-server = На сервере что-то пошло не так. Попробуйте ещё раз чуть позже.
error-storage = Хранилище сервера не ответило. Попробуйте ещё раз чуть позже.

check-profile-expired = Срок действия профиля обеспечения истёк: iOS не станет устанавливать и открывать приложение.
check-certificate-expired = Срок действия сертификата подписи истёк: iOS не станет устанавливать приложение.
check-app-store-signed = Подписана для App Store: iOS устанавливает такую сборку только из App Store или TestFlight.
check-not-ios = Сделана не для iOS: на iPhone и iPad её не установить.
check-simulator-build = Сделана для симулятора: на устройства её не установить.
check-no-icon = В сборке нет значка приложения: на страницах показан временный значок.
check-icon-unreadable = Значок приложения не читается: на страницах показан временный значок.
check-assets-car-unreadable = Не удаётся прочитать каталог значков (Assets.car): на страницах показан файл значка или заглушка.
check-no-executable = Нет исполняемого файла приложения: iOS откажется его устанавливать.
check-no-version = У сборки нет номера версии.
check-no-profile = Нет профиля обеспечения: устройства не установят эту сборку.
check-profile-unreadable = Профиль обеспечения не читается: способ подписи неизвестен.
check-profile-unverified = Не удалось проверить подпись профиля обеспечения.

## The app page's earlier builds
previous-builds = Предыдущие сборки
previous-install = Установить { $version } ({ $build })
previous-open = Открыть { $version } ({ $build })

## Консоль (/console), для администратора
console-title = Консоль
console-description = Загрузка сборок, все сборки каждого приложения, правка заметок и ссылок для доступа.
console-sign-out = Выйти
console-all-apps = Все приложения
console-upload-heading = Загрузить сборку
console-no-script = Для загрузки, правки и ссылок здесь нужен JavaScript. Списки ниже работают и без него; для загрузки используйте otadrop publish.
console-drop = Перетащите сюда файл .ipa или выберите его:
console-notes = Примечания к выпуску (Markdown)
console-channel = Канал
console-channel-hint = Строчные латинские буквы, цифры, точка, дефис и подчёркивание. Пусто: default.
console-upload = Загрузить
console-uploading = Загрузка…
console-processing = Загружено. Проверяем сборку…
console-published = Опубликовано:
console-qr-alt = QR-код страницы сборки
console-network-error = Соединение оборвалось до ответа сервера. Попробуйте ещё раз.
console-choose-file = Сначала выберите файл .ipa.
console-apps-heading = Приложения и их сборки
console-no-apps = Пока ничего не загружено.
console-app-page = Страница приложения
console-build-count = { $count ->
    [one] { $count } сборка
    [few] { $count } сборки
    [many] { $count } сборок
   *[other] { $count } сборки
}
console-signing-enterprise = Корпоративная (Enterprise)
console-signing-ad-hoc = Ad hoc
console-signing-development = Разработка
console-signing-app-store = App Store
console-signing-none = Без подписи
console-expires = истекает { $date }
console-expired = истекла { $date }
console-installs = Начатые установки
console-installs-details = Начатые установки по версиям iOS и устройствам
console-installs-by-ios = Версии iOS
console-installs-by-model = Устройства
console-no-notes = Примечаний нет.
console-edit-notes = Изменить примечания
console-save = Сохранить примечания
console-cancel = Отмена
console-saved = Примечания сохранены.
console-delete = Удалить
console-delete-confirm = Удалить { $title } { $version } ({ $build })? Её страница, ссылки и загрузки перестанут работать. Это нельзя отменить.
console-deleted = Сборка удалена.
console-share = Создать ссылку
console-share-app = Ссылка на новейшую сборку
console-expires-in = Срок действия
console-expiry-1d = 1 день
console-expiry-7d = 7 дней
console-expiry-30d = 30 дней
console-expiry-never = Бессрочно
console-link-created = Ссылка создана.
console-links-heading = Ссылки для доступа
console-no-links = Ссылок пока нет.
console-link-build = { $title } { $version } ({ $build })
console-link-app = { $title }: всегда новейшая сборка
console-link-channel = { $title }: всегда новейшая сборка канала { $channel }
console-link-gone = Удалённая сборка
console-link-live = Действует до { $date }
console-link-live-forever = Действует до отзыва
console-link-expired = Истекла { $date }
console-link-revoked = Отозвана { $date }
console-link-password = с паролем
console-link-url = Ссылка
console-copy = Копировать
console-copied = Скопировано
console-copy-failed = Выделите ссылку и скопируйте её
console-revoke = Отозвать
console-revoked = Ссылка отозвана.
sign-in-admin-needed = Консоль только для администратора: войдите с токеном администратора (токеном загрузки).
