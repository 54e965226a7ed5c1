# Pages d'otadrop en français. Les noms des Réglages sont ceux qu'affiche iOS en français.

language-name = Français

footer-ca = Première visite ? Installez le certificat de ce serveur
footer-all-apps = Toutes les apps
footer-languages = Langue

size-bytes = { $n ->
    [one] { $n } octet
   *[other] { $n } octets
}
size-kb = { $n } Ko
size-mb = { $n } Mo
size-gb = { $n } Go

runs-on-both = iPhone ou iPad
runs-on-iphone = iPhone
runs-on-ipad = iPad
runs-on-none = appareil

page-description = Installez { $title } { $version } ({ $build }) sur votre { $devices }. { $size }.
version-line = Version { $version } ({ $build })
install-button = Installer { $title }
copy-link-label = Lien vers cette page
copy = Copier
copied = Copié
copy-failed = Sélectionnez et copiez
copied-paste = Copié. Ouvrez maintenant Safari et collez-le.
expires-soon = { $days ->
    [0] Le profil de cette version expire aujourd'hui. Ensuite, iOS ne l'installera plus et les copies installées ne s'ouvriront plus.
    [1] Le profil de cette version expire demain. Ensuite, iOS ne l'installera plus et les copies installées ne s'ouvriront plus.
   *[other] Le profil de cette version expire dans { $days } jours. Ensuite, iOS ne l'installera plus et les copies installées ne s'ouvriront plus.
}

telegram-heading = Ouvrez cette page dans Safari
telegram-body = Le navigateur de Telegram ne peut pas installer d'apps. Touchez ⋯ en haut à droite, choisissez « Ouvrir dans Safari », puis touchez Installer. Ou copiez le lien ci-dessous et collez-le dans Safari.
steps-then = Ensuite
step-tap-install = Touchez **Installer** quand iOS le demande. L'icône apparaît sur l'écran d'accueil et se remplit pendant le téléchargement.
step-trust = Avant la première ouverture : allez dans **Réglages › Général › VPN et gestion de l'appareil**, touchez **{ $team }**, puis **Faire confiance à « { $team } »** et encore **Faire confiance**.
team-unknown = le développeur
step-restart = Sous iOS 18 et ultérieur, si l'app ne s'ouvre toujours pas, redémarrez l'appareil une fois.
step-registered = { $devices ->
    [one] Cette version ne s'installe que sur l'appareil enregistré dans son profil. Si iOS indique qu'il ne peut pas l'installer, envoyez l'UDID de votre appareil au développeur.
   *[other] Cette version ne s'installe que sur les { $devices } appareils enregistrés dans son profil. Si iOS indique qu'il ne peut pas l'installer, envoyez l'UDID de votre appareil au développeur.
}
step-developer-mode = iOS 16 et ultérieur : activez **Réglages › Confidentialité et sécurité › Mode développeur** (il apparaît une fois l'app installée), redémarrez et confirmez avec votre code.
step-no-profile = otadrop n'a trouvé aucun profil d'approvisionnement dans cette version. Si iOS indique qu'il ne peut pas l'installer, demandez au développeur une version ad hoc ou entreprise.
fallback-summary = Rien ne se passe ?
fallback-body = Les navigateurs intégrés de certaines apps (Telegram, Slack, Discord et d'autres) ne peuvent pas installer d'apps. Ouvrez cette page dans Safari : copiez le lien, ouvrez Safari, collez-le dans la barre d'adresse, puis touchez Installer.

safari-heading = Ouvrez cette page dans Safari pour installer
safari-cannot-named = Le navigateur intégré de { $app } ne peut pas installer d'apps.
safari-cannot-generic = Le navigateur intégré de cette app ne peut pas installer d'apps.
safari-step-menu = Touchez **{ $menu }**, puis **« { $command } »**.
safari-step-copy = Ou copiez le lien et collez-le dans la barre d'adresse de Safari :
safari-step-install = Dans Safari, touchez **Installer**.
safari-open-button = Ouvrir dans Safari
safari-already = Déjà dans Safari, ou envie d'essayer ici ?
menu-top-right = ⋯ en haut à droite
menu-bottom-right = ⋯ en bas à droite
menu-share = le bouton Partager
menu-webview = ⋯ ou l'icône de boussole
command-open-in-safari = Ouvrir dans Safari
command-open-in-browser = Ouvrir dans le navigateur
command-open-in-external-browser = Ouvrir dans un navigateur externe
app-google = l'app Google
app-wechat = WeChat
app-dingtalk = DingTalk
app-weibo = Weibo
app-kakaotalk = KakaoTalk

qr-heading = Scannez avec l'appareil photo de votre { $devices }
qr-note = Pointez l'app Appareil photo vers le code, touchez le lien qui apparaît, puis touchez Installer.
qr-on-this-ipad = Sur cet iPad ?
qr-on-an-ipad = Sur un iPad ?
qr-install-here = Installer ici
ios-only-heading = Cette app est pour { $devices }
ios-only-body = { $title } est une app iOS et ne peut pas être installée sur cet appareil. Ouvrez cette page sur votre { $devices }, ou scannez le code avec son appareil photo :

preview-body = Installez { $title } { $version } sans fil sur iPhone et iPad.
preview-link = Ouvrir la page d'installation

blocked-heading = Impossible d'installer { $title }
blocked-heading-device = Impossible d'installer { $title } sur cet appareil
blocked-profile-expired = Son profil d'approvisionnement a expiré le { $date }. iOS refuse de l'installer. Demandez une nouvelle version au développeur.
blocked-certificate-expired = Son certificat de signature a expiré le { $date }. iOS refuse de l'installer ou de l'ouvrir. Demandez une nouvelle version au développeur.
blocked-app-store = Elle est signée pour l'App Store, et iOS n'installe de telles versions que depuis l'App Store ou TestFlight. Demandez au développeur une version ad hoc, de développement ou entreprise.
blocked-wrong-platform = Elle a été compilée pour { $platform }, pas pour iPhone ou iPad.
blocked-other-platform = une autre plateforme
blocked-no-family = Elle n'est compilée ni pour iPhone ni pour iPad.
blocked-os-too-old = Elle nécessite iOS { $needs } ou ultérieur, et cet appareil est sous iOS { $has }. Mettez à jour dans **Réglages › Général › Mise à jour logicielle**, puis rouvrez cette page.
blocked-ipad-only = Elle est compilée pour iPad uniquement. Ouvrez cette page sur un iPad.

details = Détails
detail-version = Version
detail-bundle-id = Identifiant de paquet
detail-size = Taille
detail-requires = Nécessite
detail-requires-value = iOS { $version } ou ultérieur
detail-runs-on = Fonctionne sur
detail-signing = Signature
detail-team = Équipe
detail-profile-expires = Expiration du profil
detail-expired = (expiré)
detail-uploaded = Envoyée le
detail-checks = Vérifications
release-notes = Notes de version
signing-enterprise = Entreprise (interne)
signing-ad-hoc = { $devices ->
    [one] Ad hoc, { $devices } appareil enregistré
   *[other] Ad hoc, { $devices } appareils enregistrés
}
signing-development = { $devices ->
    [one] Développement, { $devices } appareil enregistré
   *[other] Développement, { $devices } appareils enregistrés
}
signing-app-store = App Store
signing-none = Aucun profil d'approvisionnement trouvé

index-title = Apps
index-description = Apps à installer sans fil.
index-empty = Aucune app pour l'instant. Publiez-en une avec { $command }.

ca-title = Faire confiance à ce serveur
ca-description = Installez le certificat de ce serveur sur un iPhone ou un iPad et faites-lui confiance.
ca-heading = Faites confiance à ce serveur sur votre iPhone ou iPad
ca-intro = Ce serveur signe lui-même son certificat HTTPS. iOS n'installe d'apps depuis ce serveur qu'après l'installation de ce certificat et l'activation de la confiance, une fois par appareil.
ca-step-allow = Dans Safari sur l'iPhone ou l'iPad, touchez le bouton ci-dessous, puis **Autoriser**.
ca-step-install = Ouvrez **Réglages** : touchez **Profil téléchargé** en haut (ou **Général › VPN et gestion de l'appareil**), touchez le profil otadrop, puis **Installer**.
ca-step-trust = Ouvrez **Réglages › Général › Informations › Réglages de confiance des certificats** et activez la confiance totale pour l'AC otadrop.
ca-step-back = Revenez à la page d'installation et touchez Installer.
ca-download = Télécharger le profil
ca-other-device = Sur un autre appareil, le certificat lui-même :

## Signing in (the front page for strangers)
sign-in-title = Connexion
sign-in-description = Connectez-vous pour voir les versions.
sign-in-heading = Connexion
sign-in-intro-token = Les versions de ce serveur sont privées. Connectez-vous avec le jeton d'administration pour les voir.
sign-in-intro-viewer = Les versions de ce serveur sont privées. Connectez-vous avec le mot de passe de consultation ou le jeton d'administration pour les voir.
sign-in-label = Mot de passe ou jeton
sign-in-button = Se connecter
sign-in-link-note = Vous avez reçu le lien d'une version ? Ouvrez plutôt ce lien : il fonctionne sans connexion.
sign-in-wrong = Ce n'est ni le mot de passe ni le jeton. Réessayez.
sign-out-button = Se déconnecter

## A share link with a password
password-title = Version protégée
password-description = Une version protégée par un mot de passe.
password-heading = Cette version est protégée
password-intro = Saisissez le mot de passe qui vous a été donné avec le lien.
password-label = Mot de passe
password-button = Continuer
password-wrong = Ce mot de passe n'est pas le bon. Vérifiez-le et réessayez.

error-heading = Erreur { $status }
error-not-found-heading = Introuvable
error-not-found = Il n'y a rien ici. Le lien est peut-être mal saisi, ou la version a été supprimée.
error-no-ca = Ce serveur utilise un vrai certificat : il n'y a rien à installer.
error-gone-heading = Ce lien n'est plus valide
error-link-expired = Ce lien a expiré le { $when } (UTC). Demandez un nouveau lien à la personne qui vous l'a envoyé.
error-link-revoked = Ce lien a été désactivé le { $when } (UTC). Demandez un nouveau lien à la personne qui vous l'a envoyé.
error-link-password = Cette version est protégée par un mot de passe : ouvrez la page du lien et saisissez-le.
error-grant-expired = Ce lien d'installation n'est plus valable. Rouvrez la page et touchez Installer.
error-too-many = { $seconds ->
    [one] Trop de tentatives erronées. Attendez { $seconds } seconde, puis réessayez.
   *[other] Trop de tentatives erronées. Attendez { $seconds } secondes, puis réessayez.
}
error-method-not-allowed = Cette adresse ne peut pas être utilisée ainsi. Ouvrez-la comme un lien ordinaire.
error-uri-too-long = Cette adresse est trop longue. Vérifiez le lien reçu ou demandez qu'on vous le renvoie.
error-body-too-large = Les données envoyées par le formulaire sont trop volumineuses. Revenez en arrière et réessayez.
error-body-timeout = Les données envoyées par le formulaire ne sont pas arrivées à temps. Revenez en arrière et réessayez.
error-body-unreadable = Les données envoyées par le formulaire sont illisibles. Revenez en arrière et réessayez.
error-bad-channel = Ce nom de canal n'est pas valide. Vérifiez le lien.
error-range = La partie du fichier demandée n'existe pas. Relancez le téléchargement.
error-precondition = Le fichier a changé depuis sa première récupération. Rechargez la page et réessayez.
error-server = Une erreur s'est produite sur le serveur. Réessayez dans un instant.
error-storage = Le stockage du serveur n'a pas répondu. Réessayez dans un instant.

check-profile-expired = Le profil d'approvisionnement a expiré : iOS n'installera ni n'ouvrira l'app.
check-certificate-expired = Le certificat de signature a expiré : iOS n'installera pas l'app.
check-app-store-signed = Signée pour l'App Store : iOS ne l'installe que depuis l'App Store ou TestFlight.
check-not-ios = Pas compilée pour iOS : les iPhone et iPad ne peuvent pas l'installer.
check-simulator-build = Compilée pour le simulateur : les appareils ne peuvent pas l'installer.
check-no-icon = Aucune icône d'app trouvée dans la version : les pages affichent une icône de remplacement.
check-icon-unreadable = L'icône de l'app est illisible : les pages affichent une icône de remplacement.
check-assets-car-unreadable = Le catalogue d’icônes (Assets.car) est illisible : les pages utilisent le fichier d’icône ou une icône provisoire.
check-no-executable = L'exécutable de l'app manque : iOS refusera de l'installer.
check-no-version = La version n'a pas de numéro de version.
check-no-profile = Aucun profil d'approvisionnement : les appareils n'installeront pas cette version.
check-profile-unreadable = Le profil d'approvisionnement est illisible : la signature est inconnue.
check-profile-unverified = La signature du profil d'approvisionnement n'a pas pu être vérifiée.

## The app page's earlier builds
previous-builds = Versions précédentes
previous-install = Installer { $version } ({ $build })
previous-open = Ouvrir { $version } ({ $build })

## La console (/console), pour l'administrateur
console-title = Console
console-description = Envoyez des builds, voyez tous les builds de chaque app, modifiez les notes et les liens de partage.
console-sign-out = Se déconnecter
console-all-apps = Toutes les apps
console-upload-heading = Envoyer un build
console-no-script = Envoyer, modifier et partager ici demande JavaScript. Les listes ci-dessous s'affichent sans ; pour envoyer, utilisez otadrop publish.
console-drop = Déposez un fichier .ipa ici, ou choisissez-en un :
console-notes = Notes de version (Markdown)
console-channel = Canal
console-channel-hint = Minuscules, chiffres, point, tiret et tiret bas. Vide : default.
console-upload = Envoyer
console-uploading = Envoi en cours…
console-processing = Envoyé. Vérification du build…
console-published = Publié :
console-qr-alt = Code QR de la page du build
console-network-error = La connexion a été perdue avant la réponse du serveur. Réessayez.
console-choose-file = Choisissez d'abord un fichier .ipa.
console-apps-heading = Les apps et leurs builds
console-no-apps = Rien n'a encore été envoyé.
console-app-page = Page de l'app
console-build-count = { $count ->
    [one] 1 build
   *[other] { $count } builds
}
console-signing-enterprise = Entreprise
console-signing-ad-hoc = Ad hoc
console-signing-development = Développement
console-signing-app-store = App Store
console-signing-none = Non signé
console-expires = expire le { $date }
console-expired = expiré le { $date }
console-installs = Installations lancées
console-installs-details = Installations lancées par version d'iOS et appareil
console-installs-by-ios = Versions d'iOS
console-installs-by-model = Appareils
console-no-notes = Pas de notes de version.
console-edit-notes = Modifier les notes
console-save = Enregistrer les notes
console-cancel = Annuler
console-saved = Notes enregistrées.
console-delete = Supprimer
console-delete-confirm = Supprimer { $title } { $version } ({ $build }) ? Sa page, ses liens et ses téléchargements cesseront de fonctionner. C'est irréversible.
console-deleted = Build supprimé.
console-share = Créer un lien de partage
console-share-app = Lien vers le build le plus récent
console-expires-in = Expire après
console-expiry-1d = 1 jour
console-expiry-7d = 7 jours
console-expiry-30d = 30 jours
console-expiry-never = Jamais
console-link-created = Lien de partage créé.
console-links-heading = Liens de partage
console-no-links = Aucun lien de partage pour l'instant.
console-link-build = { $title } { $version } ({ $build })
console-link-app = { $title } : toujours le build le plus récent
console-link-channel = { $title } : toujours le build le plus récent de { $channel }
console-link-gone = Un build supprimé
console-link-live = Valable jusqu'au { $date }
console-link-live-forever = Valable jusqu'à révocation
console-link-expired = Expiré le { $date }
console-link-revoked = Révoqué le { $date }
console-link-password = avec mot de passe
console-link-url = Lien
console-copy = Copier
console-copied = Copié
console-copy-failed = Sélectionnez le lien et copiez-le
console-revoke = Révoquer
console-revoked = Lien révoqué.
sign-in-admin-needed = La console est réservée à l’administrateur : connectez-vous avec le jeton d’administration (d’envoi).
