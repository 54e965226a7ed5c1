// otadrop console: the behaviour of /console. The page lists everything without this script;
// this adds the upload (XMLHttpRequest, so the upload's own progress drives the <progress>
// bar), note editing, deletion, share links, copying and revoking. It calls the JSON API with
// the session cookie and the page's CSRF token, shows the API's own error text, and after each
// change reloads the lists from the server (the one place that renders them).
(function () {
  "use strict";
  var root = document.getElementById("console");
  if (!root) return;
  document.documentElement.className += " js";
  var csrf = root.getAttribute("data-csrf");
  var words = function (name) { return root.getAttribute("data-" + name) || ""; };
  var status = document.getElementById("status");

  function say(text) {
    status.textContent = text;
  }

  // The API's answer as text for people: its JSON `error`, else the status line.
  function apiError(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body && body.error) return body.error;
    } catch (e) { /* not JSON */ }
    return xhr.status ? xhr.status + " " + xhr.statusText : words("network-error");
  }

  // One API call. `done(xhr)` runs for any answer; network failures give status 0.
  function call(method, url, body, type, done, progress) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader("X-Otadrop-Csrf", csrf);
    if (type) xhr.setRequestHeader("Content-Type", type);
    if (progress) xhr.upload.onprogress = progress;
    xhr.onload = function () { done(xhr); };
    xhr.onerror = function () { done(xhr); };
    xhr.send(body);
    return xhr;
  }

  // Reloads the apps and links sections from the server, keeping focus where it was (or on
  // `focusId` when given and present).
  function refresh(focusId, then) {
    var active = document.activeElement && document.activeElement.id;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", location.href);
    xhr.responseType = "document";
    xhr.onload = function () {
      var fresh = xhr.response;
      if (xhr.status !== 200 || !fresh || !fresh.getElementById("apps")) {
        location.reload();
        return;
      }
      ["apps", "links"].forEach(function (id) {
        var old = document.getElementById(id);
        var now = fresh.getElementById(id);
        if (old && now) old.parentNode.replaceChild(document.importNode(now, true), old);
      });
      // The element that had focus may be gone (a deleted build, a revoked link's button):
      // then the status line, which says what happened.
      var target = document.getElementById(focusId || active) || status;
      if (target) target.focus();
      if (then) then();
    };
    xhr.onerror = function () { location.reload(); };
    xhr.send();
  }

  // --- Upload -------------------------------------------------------------------------------
  var form = document.getElementById("upload-form");
  var file = document.getElementById("ipa");
  var drop = document.getElementById("drop");
  var bar = document.getElementById("progress");
  var barBox = document.getElementById("progress-box");
  var barLabel = document.getElementById("progress-label");
  var error = document.getElementById("upload-error");
  var result = document.getElementById("result");
  var button = document.getElementById("upload-button");

  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) {
      e.preventDefault();
      drop.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      file.files = e.dataTransfer.files;
      file.focus();
    }
  });

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    error.hidden = true;
    result.hidden = true;
    say("");
    if (!file.files.length) {
      showError(words("choose-file"));
      file.focus();
      return;
    }
    // A file the server can only refuse: say so now, in the API's words (a browser may see
    // the server's early refusal of a large body as a broken connection).
    var max = parseInt(root.getAttribute("data-max-upload"), 10);
    if (max && file.files[0].size > max) {
      showError(words("too-large"));
      file.focus();
      return;
    }
    var data = new FormData();
    data.append("notes", form.elements.notes.value);
    if (form.elements.channel.value.trim()) data.append("channel", form.elements.channel.value.trim());
    data.append("ipa", file.files[0]);
    bar.value = 0;
    bar.removeAttribute("aria-valuetext");
    barLabel.textContent = words("uploading");
    barBox.hidden = false;
    button.disabled = true;
    call("POST", form.getAttribute("data-url"), data, null, function (xhr) {
      button.disabled = false;
      barBox.hidden = true;
      if (xhr.status === 201 || xhr.status === 200) {
        var r = JSON.parse(xhr.responseText);
        var text = words("published") + " " + r.app.title + " " + r.app.version + " (" + r.app.build + ")";
        document.getElementById("result-text").textContent = text;
        var link = document.getElementById("result-link");
        link.href = r.page_url;
        link.textContent = r.page_url;
        document.getElementById("result-qr").src = root.getAttribute("data-qr").replace("ID", r.id);
        result.hidden = false;
        form.reset();
        say(text);
        refresh("result");
      } else {
        showError(apiError(xhr));
        error.focus();
      }
    }, function (ev) {
      if (!ev.lengthComputable) return;
      var pct = Math.floor((ev.loaded / ev.total) * 100);
      bar.value = pct;
      bar.setAttribute("aria-valuetext", pct + "%");
      barLabel.textContent = pct >= 100 ? words("processing") : words("uploading") + " " + pct + "%";
    });
  });

  // --- Builds and links: one listener for every control, present and future ------------------
  function copy(input, btn) {
    var label = btn.textContent;
    function shown(ok) {
      btn.textContent = ok ? words("copied") : words("copy-failed");
      setTimeout(function () { btn.textContent = label; }, 2000);
    }
    function fallback() {
      input.focus();
      input.select();
      try { shown(document.execCommand("copy")); } catch (e) { shown(false); }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(function () { shown(true); }, fallback);
    } else {
      fallback();
    }
  }

  function toggleEdit(id, open) {
    var editForm = document.getElementById("edit-form-" + id);
    var editButton = document.getElementById("edit-" + id);
    editForm.hidden = !open;
    editButton.setAttribute("aria-expanded", open ? "true" : "false");
    (open ? editForm.querySelector("textarea") : editButton).focus();
  }

  document.addEventListener("click", function (e) {
    var el = e.target.closest("button[data-action]");
    if (!el) return;
    var action = el.getAttribute("data-action");
    if (action === "edit") {
      toggleEdit(el.getAttribute("data-for"), true);
    } else if (action === "cancel-edit") {
      toggleEdit(el.getAttribute("data-for"), false);
    } else if (action === "copy") {
      copy(document.getElementById(el.getAttribute("data-for")), el);
    } else if (action === "delete") {
      if (window.confirm(el.getAttribute("data-confirm"))) remove(el, "deleted");
    } else if (action === "revoke") {
      remove(el, "revoked");
    }
  });

  // Escape in the notes editor closes it (focus back on its Edit button).
  document.addEventListener("keydown", function (e) {
    var editForm = e.key === "Escape" && e.target.closest && e.target.closest("form.edit");
    if (editForm) toggleEdit(editForm.id.replace("edit-form-", ""), false);
  });

  // DELETE at the button's URL; on success say `word` and reload the lists.
  function remove(el, word) {
    el.disabled = true;
    call("DELETE", el.getAttribute("data-url"), null, null, function (xhr) {
      el.disabled = false;
      if (xhr.status === 204) {
        say(words(word));
        refresh(null);
      } else {
        say(apiError(xhr));
      }
    });
  }

  document.addEventListener("submit", function (e) {
    var f = e.target;
    var action = f.getAttribute("data-action");
    if (action === "notes") {
      e.preventDefault();
      var body = JSON.stringify({ notes: f.elements.notes.value });
      call("PATCH", f.getAttribute("data-url"), body, "application/json", function (xhr) {
        if (xhr.status === 200) {
          say(words("saved"));
          refresh(f.id.replace("edit-form-", "edit-"));
        } else {
          say(apiError(xhr));
        }
      });
    } else if (action === "share") {
      e.preventDefault();
      var secs = parseInt(f.elements.expires_in.value, 10);
      var ask = secs > 0 ? JSON.stringify({ expires_in: secs }) : "";
      call("POST", f.getAttribute("data-url"), ask, ask ? "application/json" : null, function (xhr) {
        if (xhr.status === 201) {
          var link = JSON.parse(xhr.responseText);
          say(words("link-created"));
          refresh("copy-" + link.id);
        } else {
          say(apiError(xhr));
        }
      });
    }
  });
})();
