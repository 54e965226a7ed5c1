#!/usr/bin/env node
// Drives otadrop's console (/console) in headless Chromium as a release manager would: signs in
// with the token, uploads an IPA through the file input on a throttled connection (so the
// progress bar is caught mid-upload), waits for the result, edits the new build's notes,
// creates, copies and revokes a share link, deletes the build; then checks the page at 320 px,
// with the keyboard alone, and without JavaScript. Reports what it saw as JSON on stdout; the
// Rust test (tests/it/console.rs) decides.
//
// Usage: node console-check.js CONFIG_JSON
//   CONFIG_JSON: {"base": "https://127.0.0.1:1234", "out": "/abs/dir", "token": "<admin token>",
//                 "ipa": "/abs/file.ipa", "notes": "<notes to save>",
//                 "bigFile": "/abs/over-the-limit.ipa", "uploadBytesPerSecond": 262144}
// Every request to another origin than `base` is aborted.
"use strict";
const fs = require("fs");
const path = require("path");
const { request } = require("playwright-core");
const { onlyOrigins, main } = require("./chromium");

const config = JSON.parse(process.argv[2]);
const shot = async (page, name, fullPage = true) => {
  const file = path.join(config.out, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
};

// The API as a separate client with the bearer token (no browser cookie).
async function api(pathname) {
  const client = await request.newContext({
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { Authorization: `Bearer ${config.token}` },
  });
  const r = await client.get(config.base + pathname);
  const out = { status: r.status(), body: r.status() === 200 ? await r.json() : null };
  await client.dispose();
  return out;
}

async function signIn(page, out) {
  await page.goto(config.base + "/console");
  out.signInForm = (await page.$("input[name=secret]")) !== null;
  out.signInShot = await shot(page, "console-sign-in");
  await page.fill("input[name=secret]", config.token);
  await Promise.all([page.waitForURL(config.base + "/console"), page.click("button[type=submit]")]);
  out.afterSignIn = page.url();
  out.scriptRan = await page
    .waitForFunction(() => document.documentElement.classList.contains("js"), null, { timeout: 10000 })
    .then(() => true, () => false);
}

// The round on a desktop window: upload, history, notes, link, delete.
async function round(browser, out) {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
  });
  out.blocked = await onlyOrigins(context, [config.base]);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: config.base });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await signIn(page, out);

  // Upload through the file input on a slow uplink.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: config.uploadBytesPerSecond,
  });
  await page.setInputFiles("#ipa", config.ipa);
  await page.fill("#notes", "Uploaded from the **console**");
  await page.fill("#channel", "beta");
  await page.click("#upload-button");
  await page.waitForFunction(() => {
    const p = document.getElementById("progress");
    return !document.getElementById("progress-box").hidden && p.value >= 25 && p.value < 100;
  });
  out.progressMid = await page.evaluate(() => document.getElementById("progress").value);
  out.progressVisible = await page.isVisible("#progress");
  out.progressLabel = await page.innerText("#progress-label");
  out.uploadingShot = await shot(page, "console-uploading", false);
  await page.waitForSelector("#result:not([hidden])", { timeout: 120000 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  out.resultText = await page.innerText("#result-text");
  out.resultLink = await page.getAttribute("#result-link", "href");
  await page.waitForFunction(() => {
    const img = document.getElementById("result-qr");
    return img.complete && img.naturalWidth > 0;
  });
  out.qrWidth = await page.evaluate(() => document.getElementById("result-qr").naturalWidth);
  const id = out.resultLink.split("/r/")[1];
  out.id = id;
  const row = `#b-${id}`;
  await page.waitForSelector(row);
  out.rowText = await page.innerText(row);
  out.rowsInHistory = await page.$$eval(`${row}`, (els) => els[0].parentNode.children.length);
  out.resultShot = await shot(page, "console-uploaded", false);

  // Edit the notes in place.
  await page.click(`#edit-${id}`);
  out.editFocused = await page.evaluate(() => document.activeElement.id);
  await page.fill(`#edit-${id}-text`, config.notes);
  await page.click(`#edit-form-${id} button[type=submit]`);
  await page.waitForFunction((id) => {
    const f = document.getElementById(`edit-form-${id}`);
    return f && f.hidden && document.getElementById(`notes-${id}`).innerText.includes("edited");
  }, id);
  out.statusAfterEdit = await page.innerText("#status");
  out.notesShown = await page.innerText(`#notes-${id}`);
  out.apiAfterEdit = await api(`/api/releases/${id}`);
  out.historyShot = await shot(page, "console-history");

  // A share link: make it (one day), copy it, revoke it.
  await page.selectOption(`#share-${id}-exp`, "86400");
  await page.click(`#share-${id}`);
  await page.waitForSelector(".link-row input.link");
  out.linkUrl = await page.inputValue(".link-row input.link");
  out.statusAfterLink = await page.innerText("#status");
  out.focusAfterLink = await page.evaluate(() => document.activeElement.id);
  await page.click(".link-row button[data-action=copy]");
  await page.waitForTimeout(200);
  out.clipboard = await page.evaluate(() => navigator.clipboard.readText());
  out.linksShot = await shot(page, "console-link");
  await page.click(".link-row button[data-action=revoke]");
  await page.waitForSelector(".link-row.gone");
  out.revokedRowText = await page.innerText(".link-row.gone");
  out.apiLinks = await api("/api/links");

  // Delete, confirming the browser's dialog.
  page.once("dialog", (d) => {
    out.confirmText = d.message();
    d.accept();
  });
  await page.click(`#delete-${id}`);
  await page.waitForSelector(row, { state: "detached" });
  out.statusAfterDelete = await page.innerText("#status");
  out.apiAfterDelete = await api(`/api/releases/${id}`);

  // (What went wrong so far; the refused upload below logs its 400 on purpose.)
  out.pageErrors = errors.slice();

  // Errors as the API gives them: a channel the API refuses, then a dropped file that is
  // not an IPA (dropped on the box, as from the Finder).
  await page.setInputFiles("#ipa", config.ipa);
  await page.fill("#channel", "Not A Channel!");
  await page.click("#upload-button");
  await page.waitForSelector("#upload-error:not([hidden])");
  out.uploadError = await page.innerText("#upload-error");
  out.errorShot = await shot(page, "console-error", false);
  await page.fill("#channel", "");
  const dropped = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(["just some text"], "dropped.ipa", { type: "application/octet-stream" }));
    return d;
  });
  await page.dispatchEvent("#drop", "drop", { dataTransfer: dropped });
  out.droppedFile = await page.evaluate(() => {
    const f = document.getElementById("ipa").files[0];
    return f ? f.name : null;
  });
  await page.click("#upload-button");
  await page.waitForFunction(() => {
    const e = document.getElementById("upload-error");
    return !e.hidden && !e.textContent.includes("channel");
  });
  out.droppedError = await page.innerText("#upload-error");

  // A file over the server's limit is refused before it is sent.
  await page.setInputFiles("#ipa", config.bigFile);
  await page.click("#upload-button");
  await page.waitForFunction(() => document.getElementById("upload-error").textContent.includes("limit"));
  out.tooLargeError = await page.innerText("#upload-error");
  out.storage = await context.storageState();
  await context.close();
}

// Only the keyboard: Tab from the top through the page, noting each stop and its focus ring.
async function keyboard(browser, out) {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    storageState: out.storage,
  });
  await onlyOrigins(context, [config.base]);
  const page = await context.newPage();
  await page.goto(config.base + "/console");
  const stops = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    stops.push(
      await page.evaluate(() => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        return {
          id: e.id,
          tag: e.tagName.toLowerCase(),
          action: e.getAttribute("data-action"),
          text: (e.innerText || e.value || "").slice(0, 40),
          ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      })
    );
  }
  out.tabStops = stops;
  // Open the notes editor with Enter on the first Edit button reached by Tab.
  await page.goto(config.base + "/console");
  let opened = null;
  for (let i = 0; i < 80 && !opened; i++) {
    await page.keyboard.press("Tab");
    const action = await page.evaluate(() => document.activeElement.getAttribute("data-action"));
    if (action === "edit") {
      await page.keyboard.press("Enter");
      opened = await page.evaluate(() => ({
        id: document.activeElement.id,
        tag: document.activeElement.tagName.toLowerCase(),
      }));
    }
  }
  out.enterOnEdit = opened;
  await page.keyboard.press("Escape");
  out.afterEscape = await page.evaluate(() => ({
    id: document.activeElement.id,
    editorOpen: Array.from(document.querySelectorAll("form.edit")).some((f) => !f.hidden),
  }));
  out.keyboardShot = await shot(page, "console-keyboard", false);
  await context.close();
}

// A 320 px wide phone, a browser without JavaScript, a Chinese phone, dark mode.
async function narrowAndPlain(browser, out) {
  for (const [name, options] of [
    ["console-320", { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }],
    ["console-noscript", { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false }],
    ["console-zh", { viewport: { width: 390, height: 844 }, isMobile: true, locale: "zh-CN" }],
    ["console-dark", { viewport: { width: 1280, height: 900 }, colorScheme: "dark" }],
  ]) {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      storageState: out.storage,
      ...options,
    });
    await onlyOrigins(context, [config.base]);
    const page = await context.newPage();
    await page.goto(config.base + "/console");
    out[name] = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      text: document.body.innerText.slice(0, 3000),
    }));
    out[name].uploadFormVisible = await page.isVisible("#upload-form");
    out[name].deleteVisible = await page.isVisible("button[data-action=delete]");
    out[name].screenshot = await shot(page, name);
    await context.close();
  }
}

main("console-check", async (browser) => {
  fs.mkdirSync(config.out, { recursive: true });
  const out = { name: "console" };
  await round(browser, out);
  await keyboard(browser, out);
  await narrowAndPlain(browser, out);
  delete out.storage;
  return [out];
});
