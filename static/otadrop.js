// otadrop landing pages: small enhancements. Every page works without this script.
// - Copy buttons: a readonly field always shows the link; this adds a working "Copy" button.
// - Telegram's in-app browser on iOS sends Safari's User-Agent but cannot install: show the
//   "open in Safari" steps first.
// - An iPad in desktop mode sends a Mac's User-Agent: on a touch screen, show the install
//   button that the QR page keeps hidden.
(function () {
  "use strict";
  var body = document.body;

  function copyFrom(input, done) {
    var text = input.value;
    function fallback() {
      input.focus();
      input.select();
      input.setSelectionRange(0, text.length);
      try { done(document.execCommand("copy")); } catch (e) { done(false); }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  var buttons = document.querySelectorAll("button[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyFrom(input, function (ok) {
        // The words come from the page, in its language.
        button.textContent = ok
          ? button.getAttribute("data-copied") || label
          : button.getAttribute("data-copy-failed") || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  if (window.TelegramWebviewProxy && body.getAttribute("data-page") === "install") {
    var tg = document.getElementById("telegram");
    if (tg) {
      tg.hidden = false;
      var fallback = document.getElementById("fallback");
      if (fallback) fallback.open = true;
    }
  }

  if (navigator.maxTouchPoints > 1 && body.getAttribute("data-platform") === "mac-or-ipad") {
    var touch = document.getElementById("touch-install");
    if (touch) {
      touch.hidden = false;
      // On the iPad itself the button matters more than the code: put it first.
      touch.parentNode.insertBefore(touch, touch.parentNode.firstChild);
    }
  }
})();
