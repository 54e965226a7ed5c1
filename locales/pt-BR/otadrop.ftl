# Páginas do otadrop em português do Brasil. Os nomes dos Ajustes são os que o iOS mostra em português.

language-name = Português (Brasil)

footer-ca = Primeira vez? Instale o certificado deste servidor
footer-all-apps = Todos os apps
footer-languages = Idioma

size-bytes = { $n ->
    [one] { $n } byte
   *[other] { $n } bytes
}
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

runs-on-both = iPhone ou iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = dispositivo

page-description = Instale { $title } { $version } ({ $build }) no seu { $devices }. { $size }.
version-line = Versão { $version } ({ $build })
install-button = Instalar { $title }
copy-link-label = Link para esta página
copy = Copiar
copied = Copiado
copy-failed = Selecione e copie
copied-paste = Copiado. Agora abra o Safari e cole.
expires-soon = { $days ->
    [0] O perfil desta versão expira hoje. Depois disso o iOS não vai instalá-la, e as cópias instaladas deixam de abrir.
    [1] O perfil desta versão expira amanhã. Depois disso o iOS não vai instalá-la, e as cópias instaladas deixam de abrir.
   *[other] O perfil desta versão expira em { $days } dias. Depois disso o iOS não vai instalá-la, e as cópias instaladas deixam de abrir.
}

telegram-heading = Abra esta página no Safari
telegram-body = O navegador do Telegram não consegue instalar apps. Toque em ⋯ no canto superior direito, escolha “Abrir no Safari” e toque em Instalar lá. Ou copie o link abaixo e cole no Safari.
steps-then = Depois
step-tap-install = Toque em **Instalar** quando o iOS perguntar. O ícone aparece na Tela de Início e vai se completando enquanto o app é baixado.
step-trust = Antes de abrir pela primeira vez: vá em **Ajustes › Geral › VPN e Gerenciamento de Dispositivos**, toque em **{ $team }**, depois em **Confiar em “{ $team }”** e de novo em **Confiar**.
team-unknown = o desenvolvedor
step-restart = No iOS 18 e posterior, se o app ainda não abrir, reinicie o dispositivo uma vez.
step-registered = { $devices ->
    [one] Esta versão só instala no único dispositivo registrado no perfil dela. Se o iOS disser que não pode instalá-la, envie o UDID do seu dispositivo ao desenvolvedor.
   *[other] Esta versão só instala nos { $devices } dispositivos registrados no perfil dela. Se o iOS disser que não pode instalá-la, envie o UDID do seu dispositivo ao desenvolvedor.
}
step-developer-mode = iOS 16 e posterior: ative **Ajustes › Privacidade e Segurança › Modo de Desenvolvedor** (aparece depois que o app é instalado), reinicie e confirme com seu código.
step-no-profile = O otadrop não encontrou nenhum perfil de provisionamento nesta versão. Se o iOS disser que não pode instalá-la, peça ao desenvolvedor uma versão ad hoc ou corporativa.
fallback-summary = Nada aconteceu?
fallback-body = Os navegadores embutidos de alguns apps (Telegram, Slack, Discord e outros) não conseguem instalar apps. Abra esta página no Safari: copie o link, abra o Safari, cole na barra de endereço e toque em Instalar.

safari-heading = Abra esta página no Safari para instalar
safari-cannot-named = O navegador embutido do { $app } não consegue instalar apps.
safari-cannot-generic = O navegador embutido deste app não consegue instalar apps.
safari-step-menu = Toque em **{ $menu }** e depois em **“{ $command }”**.
safari-step-copy = Ou copie o link e cole na barra de endereço do Safari:
safari-step-install = No Safari, toque em **Instalar**.
safari-open-button = Abrir no Safari
safari-already = Já está no Safari ou quer tentar aqui?
menu-top-right = ⋯ no canto superior direito
menu-bottom-right = ⋯ no canto inferior direito
menu-share = o botão Compartilhar
menu-webview = ⋯ ou o ícone da bússola
command-open-in-safari = Abrir no Safari
command-open-in-browser = Abrir no navegador
command-open-in-external-browser = Abrir no navegador externo
app-google = app Google
app-wechat = WeChat
app-dingtalk = DingTalk
app-weibo = Weibo
app-kakaotalk = KakaoTalk

qr-heading = Escaneie com a câmera do seu { $devices }
qr-note = Aponte o app Câmera para o código, toque no link que aparece e depois em Instalar.
qr-on-this-ipad = Neste iPad?
qr-on-an-ipad = Em um iPad?
qr-install-here = Instalar aqui
ios-only-heading = Este app é para { $devices }
ios-only-body = { $title } é um app para iOS e não pode ser instalado neste dispositivo. Abra esta página no seu { $devices } ou escaneie o código com a câmera dele:

preview-body = Instale { $title } { $version } sem fio no iPhone e no iPad.
preview-link = Abrir a página de instalação

blocked-heading = Não é possível instalar { $title }
blocked-heading-device = Não é possível instalar { $title } neste dispositivo
blocked-profile-expired = O perfil de provisionamento expirou em { $date }. O iOS se recusa a instalá-la. Peça uma nova versão ao desenvolvedor.
blocked-certificate-expired = O certificado de assinatura expirou em { $date }. O iOS se recusa a instalá-la ou abri-la. Peça uma nova versão ao desenvolvedor.
blocked-app-store = Ela está assinada para a App Store, e o iOS só instala essas versões pela App Store ou pelo TestFlight. Peça ao desenvolvedor uma versão ad hoc, de desenvolvimento ou corporativa.
blocked-wrong-platform = Ela foi compilada para { $platform }, não para iPhone ou iPad.
blocked-other-platform = outra plataforma
blocked-no-family = Ela não foi compilada nem para iPhone nem para iPad.
blocked-os-too-old = Ela precisa do iOS { $needs } ou posterior, e este dispositivo tem o iOS { $has }. Atualize em **Ajustes › Geral › Atualização de Software** e abra esta página de novo.
blocked-ipad-only = Ela foi compilada só para iPad. Abra esta página em um iPad.

details = Detalhes
detail-version = Versão
detail-bundle-id = ID do pacote
detail-size = Tamanho
detail-requires = Requer
detail-requires-value = iOS { $version } ou posterior
detail-runs-on = Funciona em
detail-signing = Assinatura
detail-team = Equipe
detail-profile-expires = O perfil expira
detail-expired = (expirado)
detail-uploaded = Enviado
detail-checks = Verificações
release-notes = Notas da versão
signing-enterprise = Corporativa (uso interno)
signing-ad-hoc = { $devices ->
    [one] Ad hoc, 1 dispositivo registrado
   *[other] Ad hoc, { $devices } dispositivos registrados
}
signing-development = { $devices ->
    [one] Desenvolvimento, 1 dispositivo registrado
   *[other] Desenvolvimento, { $devices } dispositivos registrados
}
signing-app-store = App Store
signing-none = Nenhum perfil de provisionamento encontrado

index-title = Apps
index-description = Apps para instalar sem fio.
index-empty = Ainda não há apps. Publique um com { $command }.

ca-title = Confiar neste servidor
ca-description = Instale o certificado deste servidor em um iPhone ou iPad e confie nele.
ca-heading = Confie neste servidor no seu iPhone ou iPad
ca-intro = Este servidor assina o próprio certificado HTTPS. O iOS só instala apps dele depois que você instala esse certificado e confia nele, uma vez por dispositivo.
ca-step-allow = No Safari do iPhone ou iPad, toque no botão abaixo e depois em **Permitir**.
ca-step-install = Abra **Ajustes**: toque em **Perfil Baixado** perto do topo (ou **Geral › VPN e Gerenciamento de Dispositivos**), toque no perfil do otadrop e depois em **Instalar**.
ca-step-trust = Abra **Ajustes › Geral › Sobre › Ajustes de Confiança de Certificados** e ative a confiança total para a CA do otadrop.
ca-step-back = Volte à página de instalação e toque em Instalar.
ca-download = Baixar o perfil
ca-other-device = Em outro dispositivo, o próprio certificado:

## Signing in (the front page for strangers)
sign-in-title = Entrar
sign-in-description = Entre para ver as versões.
sign-in-heading = Entrar
sign-in-intro-token = As versões deste servidor são privadas. Entre com o token de administrador para vê-las.
sign-in-intro-viewer = As versões deste servidor são privadas. Entre com a senha de leitura ou o token de administrador para vê-las.
sign-in-label = Senha ou token
sign-in-button = Entrar
sign-in-link-note = Recebeu o link de uma versão? Abra esse link: ele funciona sem entrar.
sign-in-wrong = Essa não é a senha nem o token. Tente de novo.
sign-out-button = Sair

## A share link with a password
password-title = Versão protegida
password-description = Uma versão protegida por senha.
password-heading = Esta versão está protegida
password-intro = Digite a senha que você recebeu com o link.
password-label = Senha
password-button = Continuar
password-wrong = A senha não está correta. Confira e tente de novo.

error-heading = Erro { $status }
error-not-found-heading = Não encontrado
error-not-found = Não há nada aqui. O link pode ter sido digitado errado, ou a versão foi apagada.
error-no-ca = Este servidor usa um certificado real: não há nada para instalar.
error-gone-heading = O link não é mais válido
error-link-expired = Este link expirou em { $when } (UTC). Peça um novo link a quem o enviou.
error-link-revoked = Este link foi desativado em { $when } (UTC). Peça um novo link a quem o enviou.
error-link-password = Esta versão está protegida por senha: abra a página do link e digite a senha.
error-grant-expired = Este link de instalação expirou. Abra a página de novo e toque em Instalar.
error-too-many = { $seconds ->
    [one] Muitas tentativas erradas. Aguarde { $seconds } segundo e tente de novo.
   *[other] Muitas tentativas erradas. Aguarde { $seconds } segundos e tente de novo.
}
error-method-not-allowed = Este endereço não pode ser usado dessa forma. Abra-o como um link comum.
error-uri-too-long = Este endereço é longo demais. Confira o link que você recebeu ou peça que o enviem de novo.
error-body-too-large = O que o formulário enviou é grande demais. Volte e tente de novo.
error-body-timeout = O que o formulário enviou não chegou a tempo. Volte e tente de novo.
error-body-unreadable = Não foi possível ler o que o formulário enviou. Volte e tente de novo.
error-bad-channel = Esse nome de canal não é válido. Confira o link.
error-range = A parte do arquivo pedida não existe. Comece o download de novo.
error-precondition = O arquivo mudou desde que foi obtido pela primeira vez. Recarregue a página e tente de novo.
error-server = Algo deu errado no servidor. Tente de novo daqui a pouco.
error-storage = O armazenamento do servidor não respondeu. Tente de novo daqui a pouco.

check-profile-expired = O perfil de provisionamento expirou: o iOS não vai instalar nem abrir o app.
check-certificate-expired = O certificado de assinatura expirou: o iOS não vai instalar o app.
check-app-store-signed = Assinada para a App Store: o iOS só a instala pela App Store ou pelo TestFlight.
check-not-ios = Não foi compilada para iOS: iPhones e iPads não conseguem instalá-la.
check-simulator-build = Compilada para o Simulador: dispositivos não conseguem instalá-la.
check-no-icon = Nenhum ícone do app foi encontrado na versão: as páginas mostram um ícone provisório.
check-icon-unreadable = Não é possível ler o ícone do app: as páginas mostram um ícone provisório.
check-assets-car-unreadable = Não é possível ler o catálogo de ícones (Assets.car): as páginas usam o arquivo de ícone ou um ícone provisório.
check-no-executable = Falta o executável do app: o iOS vai se recusar a instalá-lo.
check-no-version = A versão não tem número de versão.
check-no-profile = Sem perfil de provisionamento: os dispositivos não vão instalar esta versão.
check-profile-unreadable = Não é possível ler o perfil de provisionamento: a assinatura é desconhecida.
check-profile-unverified = Não foi possível verificar a assinatura do perfil de provisionamento.

## The app page's earlier builds
previous-builds = Versões anteriores
previous-install = Instalar { $version } ({ $build })
previous-open = Abrir { $version } ({ $build })

## O console (/console), para o administrador
console-title = Console
console-description = Envie builds, veja todos os builds de cada app e edite notas e links de compartilhamento.
console-sign-out = Sair
console-all-apps = Todos os apps
console-upload-heading = Enviar um build
console-no-script = Enviar, editar e compartilhar aqui exige JavaScript. As listas abaixo funcionam sem ele; para enviar, use otadrop publish.
console-drop = Solte um arquivo .ipa aqui ou escolha um:
console-notes = Notas da versão (Markdown)
console-channel = Canal
console-channel-hint = Letras minúsculas, dígitos, ponto, hífen e sublinhado. Vazio: default.
console-upload = Enviar
console-uploading = Enviando…
console-processing = Enviado. Verificando o build…
console-published = Publicado:
console-qr-alt = Código QR da página do build
console-network-error = A conexão caiu antes de o servidor responder. Tente de novo.
console-choose-file = Escolha primeiro um arquivo .ipa.
console-apps-heading = Apps e seus builds
console-no-apps = Nada foi enviado ainda.
console-app-page = Página do app
console-build-count = { $count ->
    [one] 1 build
   *[other] { $count } builds
}
console-signing-enterprise = Enterprise (corporativo)
console-signing-ad-hoc = Ad hoc
console-signing-development = Desenvolvimento
console-signing-app-store = App Store
console-signing-none = Sem assinatura
console-expires = expira em { $date }
console-expired = expirou em { $date }
console-installs = Instalações iniciadas
console-installs-details = Instalações iniciadas por versão do iOS e aparelho
console-installs-by-ios = Versões do iOS
console-installs-by-model = Aparelhos
console-no-notes = Sem notas da versão.
console-edit-notes = Editar notas
console-save = Salvar notas
console-cancel = Cancelar
console-saved = Notas salvas.
console-delete = Excluir
console-delete-confirm = Excluir { $title } { $version } ({ $build })? A página, os links e os downloads dele deixarão de funcionar. Não é possível desfazer.
console-deleted = Build excluído.
console-share = Criar link de compartilhamento
console-share-app = Link para o build mais recente
console-expires-in = Expira após
console-expiry-1d = 1 dia
console-expiry-7d = 7 dias
console-expiry-30d = 30 dias
console-expiry-never = Nunca
console-link-created = Link de compartilhamento criado.
console-links-heading = Links de compartilhamento
console-no-links = Ainda não há links de compartilhamento.
console-link-build = { $title } { $version } ({ $build })
console-link-app = { $title }: sempre o build mais recente
console-link-channel = { $title }: sempre o build mais recente de { $channel }
console-link-gone = Um build que foi excluído
console-link-live = Funciona até { $date }
console-link-live-forever = Funciona até ser revogado
console-link-expired = Expirou em { $date }
console-link-revoked = Revogado em { $date }
console-link-password = com senha
console-link-url = Link
console-copy = Copiar
console-copied = Copiado
console-copy-failed = Selecione o link e copie
console-revoke = Revogar
console-revoked = Link revogado.
sign-in-admin-needed = O console é só para o administrador: entre com o token de administrador (de envio).
