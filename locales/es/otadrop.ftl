# Páginas de otadrop en español. Los nombres de Ajustes son los que muestra iOS en español.

language-name = Español

footer-ca = ¿Primera vez? Instala el certificado de este servidor
footer-all-apps = Todas las apps
footer-languages = Idioma

size-bytes = { $n ->
    [one] { $n } byte
   *[other] { $n } bytes
}
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

runs-on-both = iPhone o iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = dispositivo

page-description = Instala { $title } { $version } ({ $build }) en tu { $devices }. { $size }.
version-line = Versión { $version } ({ $build })
install-button = Instalar { $title }
copy-link-label = Enlace a esta página
copy = Copiar
copied = Copiado
copy-failed = Selecciona y copia
copied-paste = Copiado. Ahora abre Safari y pégalo.
expires-soon = { $days ->
    [0] El perfil de esta compilación caduca hoy. Después iOS no la instalará y las copias instaladas dejarán de abrirse.
    [1] El perfil de esta compilación caduca mañana. Después iOS no la instalará y las copias instaladas dejarán de abrirse.
   *[other] El perfil de esta compilación caduca dentro de { $days } días. Después iOS no la instalará y las copias instaladas dejarán de abrirse.
}

telegram-heading = Abre esta página en Safari
telegram-body = El navegador de Telegram no puede instalar apps. Toca ⋯ arriba a la derecha, elige «Abrir en Safari» y toca Instalar allí. O copia el enlace de abajo y pégalo en Safari.
steps-then = Después
step-tap-install = Toca **Instalar** cuando iOS lo pregunte. El icono aparece en la pantalla de inicio y se completa a medida que se descarga la app.
step-trust = Antes de abrirla por primera vez: ve a **Ajustes › General › VPN y gestión de dispositivos**, toca **{ $team }**, luego **Confiar en “{ $team }”** y otra vez **Confiar**.
team-unknown = el desarrollador
step-restart = En iOS 18 y posterior, si la app sigue sin abrirse, reinicia el dispositivo una vez.
step-registered = { $devices ->
    [one] Esta compilación solo se instala en el único dispositivo registrado en su perfil. Si iOS dice que no puede instalarla, envía el UDID de tu dispositivo al desarrollador.
   *[other] Esta compilación solo se instala en los { $devices } dispositivos registrados en su perfil. Si iOS dice que no puede instalarla, envía el UDID de tu dispositivo al desarrollador.
}
step-developer-mode = iOS 16 y posterior: activa **Ajustes › Privacidad y seguridad › Modo de desarrollador** (aparece una vez instalada la app), reinicia y confirma con tu código.
step-no-profile = otadrop no encontró ningún perfil de aprovisionamiento en esta compilación. Si iOS dice que no puede instalarla, pide al desarrollador una compilación ad hoc o empresarial.
fallback-summary = ¿No pasó nada?
fallback-body = Los navegadores integrados de algunas apps (Telegram, Slack, Discord y otras) no pueden instalar apps. Abre esta página en Safari: copia el enlace, abre Safari, pégalo en la barra de direcciones y toca Instalar.

safari-heading = Abre esta página en Safari para instalar
safari-cannot-named = El navegador integrado de { $app } no puede instalar apps.
safari-cannot-generic = El navegador integrado de esta app no puede instalar apps.
safari-step-menu = Toca **{ $menu }** y luego **«{ $command }»**.
safari-step-copy = O copia el enlace y pégalo en la barra de direcciones de Safari:
safari-step-install = En Safari, toca **Instalar**.
safari-open-button = Abrir en Safari
safari-already = ¿Ya estás en Safari o quieres probar aquí?
menu-top-right = ⋯ arriba a la derecha
menu-bottom-right = ⋯ abajo a la derecha
menu-share = el botón Compartir
menu-webview = ⋯ o el icono de la brújula
command-open-in-safari = Abrir en Safari
command-open-in-browser = Abrir en el navegador
command-open-in-external-browser = Abrir en navegador externo
app-google = la app de Google
app-wechat = WeChat
app-dingtalk = DingTalk
app-weibo = Weibo
app-kakaotalk = KakaoTalk

qr-heading = Escanea con la cámara de tu { $devices }
qr-note = Apunta la app Cámara al código, toca el enlace que aparece y luego toca Instalar.
qr-on-this-ipad = ¿En este iPad?
qr-on-an-ipad = ¿En un iPad?
qr-install-here = Instalar aquí
ios-only-heading = Esta app es para { $devices }
ios-only-body = { $title } es una app de iOS y no se puede instalar en este dispositivo. Abre esta página en tu { $devices } o escanea el código con su cámara:

preview-body = Instala { $title } { $version } de forma inalámbrica en iPhone y iPad.
preview-link = Abrir la página de instalación

blocked-heading = No se puede instalar { $title }
blocked-heading-device = No se puede instalar { $title } en este dispositivo
blocked-profile-expired = Su perfil de aprovisionamiento caducó el { $date }. iOS se niega a instalarla. Pide al desarrollador una compilación nueva.
blocked-certificate-expired = Su certificado de firma caducó el { $date }. iOS se niega a instalarla o abrirla. Pide al desarrollador una compilación nueva.
blocked-app-store = Está firmada para el App Store, e iOS solo instala esas compilaciones desde el App Store o TestFlight. Pide al desarrollador una compilación ad hoc, de desarrollo o empresarial.
blocked-wrong-platform = Se compiló para { $platform }, no para iPhone ni iPad.
blocked-other-platform = otra plataforma
blocked-no-family = No está compilada ni para iPhone ni para iPad.
blocked-os-too-old = Necesita iOS { $needs } o posterior, y este dispositivo tiene iOS { $has }. Actualiza en **Ajustes › General › Actualización de software** y vuelve a abrir esta página.
blocked-ipad-only = Solo está compilada para iPad. Abre esta página en un iPad.

details = Detalles
detail-version = Versión
detail-bundle-id = ID de paquete
detail-size = Tamaño
detail-requires = Requiere
detail-requires-value = iOS { $version } o posterior
detail-runs-on = Funciona en
detail-signing = Firma
detail-team = Equipo
detail-profile-expires = El perfil caduca
detail-expired = (caducado)
detail-uploaded = Subida
detail-checks = Comprobaciones
release-notes = Notas de la versión
signing-enterprise = Empresarial (uso interno)
signing-ad-hoc = { $devices ->
    [one] Ad hoc, 1 dispositivo registrado
   *[other] Ad hoc, { $devices } dispositivos registrados
}
signing-development = { $devices ->
    [one] Desarrollo, 1 dispositivo registrado
   *[other] Desarrollo, { $devices } dispositivos registrados
}
signing-app-store = App Store
signing-none = No se encontró perfil de aprovisionamiento

index-title = Apps
index-description = Apps para instalar de forma inalámbrica.
index-empty = Todavía no hay apps. Publica una con { $command }.

ca-title = Confiar en este servidor
ca-description = Instala este certificado del servidor en un iPhone o iPad y confía en él.
ca-heading = Confía en este servidor desde tu iPhone o iPad
ca-intro = Este servidor firma su propio certificado HTTPS. iOS solo instala apps desde él después de instalar ese certificado y confiar en él, una vez por dispositivo.
ca-step-allow = En Safari, en el iPhone o iPad, toca el botón de abajo y luego **Permitir**.
ca-step-install = Abre **Ajustes**: toca **Perfil descargado** cerca de la parte superior (o **General › VPN y gestión de dispositivos**), toca el perfil de otadrop y luego **Instalar**.
ca-step-trust = Abre **Ajustes › General › Información › Ajustes de confianza de certificados** y activa la confianza total para la CA de otadrop.
ca-step-back = Vuelve a la página de instalación y toca Instalar.
ca-download = Descargar el perfil
ca-other-device = En otro dispositivo, el certificado en sí:

## Signing in (the front page for strangers)
sign-in-title = Iniciar sesión
sign-in-description = Inicia sesión para ver las versiones.
sign-in-heading = Iniciar sesión
sign-in-intro-token = Las versiones de este servidor son privadas. Inicia sesión con el token de administrador para verlas.
sign-in-intro-viewer = Las versiones de este servidor son privadas. Inicia sesión con la contraseña de lectura o el token de administrador para verlas.
sign-in-label = Contraseña o token
sign-in-button = Iniciar sesión
sign-in-link-note = ¿Te enviaron el enlace de una versión? Abre ese enlace: funciona sin iniciar sesión.
sign-in-wrong = No es la contraseña ni el token. Inténtalo de nuevo.
sign-out-button = Cerrar sesión

## A share link with a password
password-title = Versión protegida
password-description = Una versión protegida con contraseña.
password-heading = Esta versión está protegida
password-intro = Escribe la contraseña que te dieron con el enlace.
password-label = Contraseña
password-button = Continuar
password-wrong = La contraseña no es correcta. Revísala e inténtalo de nuevo.

error-heading = Error { $status }
error-not-found-heading = No encontrado
error-not-found = Aquí no hay nada. Puede que el enlace esté mal escrito o que la versión se haya eliminado.
error-no-ca = Este servidor usa un certificado real: no hay nada que instalar.
error-gone-heading = El enlace ya no es válido
error-link-expired = Este enlace caducó el { $when } (UTC). Pide un enlace nuevo a la persona que te lo envió.
error-link-revoked = Este enlace se desactivó el { $when } (UTC). Pide un enlace nuevo a la persona que te lo envió.
error-link-password = Esta versión está protegida con contraseña: abre la página del enlace y escríbela.
error-grant-expired = Este enlace de instalación ha caducado. Vuelve a abrir la página y toca Instalar.
error-too-many = { $seconds ->
    [one] Demasiados intentos fallidos. Espera { $seconds } segundo e inténtalo de nuevo.
   *[other] Demasiados intentos fallidos. Espera { $seconds } segundos e inténtalo de nuevo.
}
error-method-not-allowed = Esta dirección no se puede usar así. Ábrela como un enlace normal.
error-uri-too-long = Esta dirección es demasiado larga. Revisa el enlace que recibiste o pide que te lo envíen otra vez.
error-body-too-large = Lo que envió el formulario es demasiado grande. Vuelve atrás e inténtalo de nuevo.
error-body-timeout = Lo que envió el formulario no llegó a tiempo. Vuelve atrás e inténtalo de nuevo.
error-body-unreadable = No se pudo leer lo que envió el formulario. Vuelve atrás e inténtalo de nuevo.
error-bad-channel = Ese nombre de canal no es válido. Revisa el enlace.
error-range = La parte del archivo pedida no existe. Vuelve a empezar la descarga.
error-precondition = El archivo ha cambiado desde que se obtuvo por primera vez. Vuelve a cargar la página e inténtalo de nuevo.
error-server = Algo salió mal en el servidor. Inténtalo de nuevo dentro de un momento.
error-storage = El almacenamiento del servidor no respondió. Inténtalo de nuevo dentro de un momento.

check-profile-expired = El perfil de aprovisionamiento ha caducado: iOS no instalará ni abrirá la app.
check-certificate-expired = El certificado de firma ha caducado: iOS no instalará la app.
check-app-store-signed = Firmada para el App Store: iOS solo la instala desde el App Store o TestFlight.
check-not-ios = No está compilada para iOS: los iPhone y iPad no pueden instalarla.
check-simulator-build = Compilada para el simulador: los dispositivos no pueden instalarla.
check-no-icon = No se encontró el icono de la app en la compilación: las páginas muestran uno provisional.
check-icon-unreadable = No se puede leer el icono de la app: las páginas muestran uno provisional.
check-assets-car-unreadable = No se puede leer el catálogo de iconos (Assets.car): las páginas usan el archivo de icono o un icono provisional.
check-no-executable = Falta el ejecutable de la app: iOS se negará a instalarla.
check-no-version = La compilación no tiene número de versión.
check-no-profile = Sin perfil de aprovisionamiento: los dispositivos no instalarán esta compilación.
check-profile-unreadable = No se puede leer el perfil de aprovisionamiento: la firma es desconocida.
check-profile-unverified = No se pudo verificar la firma del perfil de aprovisionamiento.

## The app page's earlier builds
previous-builds = Versiones anteriores
previous-install = Instalar { $version } ({ $build })
previous-open = Abrir { $version } ({ $build })

## La consola (/console), para el administrador
console-title = Consola
console-description = Sube compilaciones, consulta todas las de cada app y edita notas y enlaces para compartir.
console-sign-out = Cerrar sesión
console-all-apps = Todas las apps
console-upload-heading = Subir una compilación
console-no-script = Para subir, editar y compartir aquí hace falta JavaScript. Las listas de abajo funcionan sin él; para subir, usa otadrop publish.
console-drop = Suelta aquí un archivo .ipa o elige uno:
console-notes = Notas de la versión (Markdown)
console-channel = Canal
console-channel-hint = Minúsculas, dígitos, punto, guion y guion bajo. Vacío: default.
console-upload = Subir
console-uploading = Subiendo…
console-processing = Subida completa. Comprobando la compilación…
console-published = Publicada:
console-qr-alt = Código QR de la página de la compilación
console-network-error = La conexión se perdió antes de que el servidor respondiera. Inténtalo de nuevo.
console-choose-file = Elige primero un archivo .ipa.
console-apps-heading = Apps y sus compilaciones
console-no-apps = Todavía no se ha subido nada.
console-app-page = Página de la app
console-build-count = { $count ->
    [one] 1 compilación
   *[other] { $count } compilaciones
}
console-signing-enterprise = Empresarial
console-signing-ad-hoc = Ad hoc
console-signing-development = Desarrollo
console-signing-app-store = App Store
console-signing-none = Sin firmar
console-expires = caduca el { $date }
console-expired = caducó el { $date }
console-installs = Instalaciones iniciadas
console-installs-details = Instalaciones iniciadas por versión de iOS y dispositivo
console-installs-by-ios = Versiones de iOS
console-installs-by-model = Dispositivos
console-no-notes = Sin notas de la versión.
console-edit-notes = Editar notas
console-save = Guardar notas
console-cancel = Cancelar
console-saved = Notas guardadas.
console-delete = Eliminar
console-delete-confirm = ¿Eliminar { $title } { $version } ({ $build })? Su página, sus enlaces y sus descargas dejarán de funcionar. No se puede deshacer.
console-deleted = Compilación eliminada.
console-share = Crear enlace para compartir
console-share-app = Enlace a la compilación más reciente
console-expires-in = Caduca tras
console-expiry-1d = 1 día
console-expiry-7d = 7 días
console-expiry-30d = 30 días
console-expiry-never = Nunca
console-link-created = Enlace para compartir creado.
console-links-heading = Enlaces para compartir
console-no-links = Todavía no hay enlaces para compartir.
console-link-build = { $title } { $version } ({ $build })
console-link-app = { $title }: siempre la compilación más reciente
console-link-channel = { $title }: siempre la compilación más reciente de { $channel }
console-link-gone = Una compilación eliminada
console-link-live = Funciona hasta el { $date }
console-link-live-forever = Funciona hasta que se revoque
console-link-expired = Caducó el { $date }
console-link-revoked = Revocado el { $date }
console-link-password = con contraseña
console-link-url = Enlace
console-copy = Copiar
console-copied = Copiado
console-copy-failed = Selecciona el enlace y cópialo
console-revoke = Revocar
console-revoked = Enlace revocado.
sign-in-admin-needed = La consola es solo para el administrador: inicia sesión con el token de administrador (de subida).
