#!/usr/bin/env node
// Loads otadrop's landing pages in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) as several visitors, takes screenshots, and reports what each visitor could
// see and do as JSON on stdout. The Rust test (tests/browser.rs) decides pass or fail.
//
// Usage: node browser-check.js CONFIG_JSON
//   CONFIG_JSON: {"base": "https://localhost:1234", "out": "/abs/dir",
//                 "page": "<release page URL>", "amp": "<AMP URL>",
//                 "blocked": "<page URL of a release that cannot install>"}
//   or, for other scenarios than the landing pages' own:
//                {"base": ..., "out": ..., "allow": ["<other origin>", ...],
//                 "scenarios": [{"name", "url", "profile": "desktop" | "iphone",
//                                "javaScriptEnabled": false, "qr": true,
//                                "locale": "ja-JP", "userAgent": "<an in-app browser's>",
//                                "colorScheme": "dark"}, ...]}
// Every request to another origin than `base` (and `allow`) is aborted: the pages must not
// need one.
"use strict";
const fs = require("fs");
const path = require("path");
const { devices } = require("playwright-core");
const { onlyOrigins, main } = require("./chromium");

const config = JSON.parse(process.argv[2]);

const IPHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
const WECHAT_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN";
const MAC_SAFARI_UA =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
const ANDROID_UA =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";

const iphone = { ...devices["iPhone 13"], userAgent: IPHONE_UA };

const profiles = {
  desktop: { viewport: { width: 1280, height: 900 } },
  iphone,
};

const scenarios = config.scenarios
  ? config.scenarios.map((s) => ({
      name: s.name,
      url: s.url,
      qr: s.qr,
      context: {
        ...profiles[s.profile],
        javaScriptEnabled: s.javaScriptEnabled !== false,
        ...(s.locale ? { locale: s.locale } : {}),
        ...(s.userAgent ? { userAgent: s.userAgent } : {}),
        ...(s.colorScheme ? { colorScheme: s.colorScheme } : {}),
      },
    }))
  : [
  { name: "iphone-light", url: config.page, context: { ...iphone } },
  { name: "iphone-dark", url: config.page, context: { ...iphone, colorScheme: "dark" } },
  {
    name: "iphone-320",
    url: config.page,
    context: { ...iphone, viewport: { width: 320, height: 568 }, screen: { width: 320, height: 568 } },
  },
  { name: "iphone-noscript", url: config.page, context: { ...iphone, javaScriptEnabled: false }, openDetails: true },
  { name: "iphone-telegram", url: config.page, context: { ...iphone }, telegram: true },
  { name: "iphone-amp-noscript", url: config.amp, context: { ...iphone, javaScriptEnabled: false } },
  {
    name: "iphone-amp-dark-noscript",
    url: config.amp,
    context: { ...iphone, javaScriptEnabled: false, colorScheme: "dark" },
  },
  { name: "wechat", url: config.page, context: { ...iphone, userAgent: WECHAT_UA }, copy: true },
  { name: "android", url: config.page, context: { ...devices["Pixel 7"], userAgent: ANDROID_UA } },
  { name: "desktop-light", url: config.page, context: { viewport: { width: 1280, height: 900 } }, qr: true },
  {
    name: "desktop-dark",
    url: config.page,
    context: { viewport: { width: 1280, height: 900 }, colorScheme: "dark" },
    qr: true,
  },
  {
    name: "mac-no-touch",
    url: config.page,
    context: { viewport: { width: 1280, height: 900 }, userAgent: MAC_SAFARI_UA },
  },
  {
    name: "ipad-desktop-mode",
    url: config.page,
    context: { viewport: { width: 1024, height: 1366 }, userAgent: MAC_SAFARI_UA, hasTouch: true },
    touchPoints: 5,
  },
  { name: "iphone-blocked", url: config.blocked, context: { ...iphone } },
];
const allowed = [config.base, ...(config.allow || [])];

async function visible(page, selector) {
  const el = await page.$(selector);
  return el ? await el.isVisible() : false;
}

async function run(browser, s) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...s.context });
  const blocked = await onlyOrigins(context, allowed);
  if (s.copy) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: config.base });
  }
  const page = await context.newPage();
  if (s.telegram) {
    await page.addInitScript(() => {
      window.TelegramWebviewProxy = { postEvent() {} };
    });
  }
  if (s.touchPoints) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: s.touchPoints });
  }
  const response = await page.goto(s.url, { waitUntil: "load" });
  const result = { name: s.name, status: response ? response.status() : 0 };
  result.lang = await page.getAttribute("html", "lang");

  if (s.openDetails) {
    await page.click("details summary");
  }
  result.install = await visible(page, "#install");
  // Any live install link on screen, whatever its id.
  result.anyInstall = false;
  for (const a of await page.$$('a[href^="itms-services:"]')) {
    if (await a.isVisible()) result.anyInstall = true;
  }
  result.installHref = result.install ? await page.getAttribute("#install", "href") : null;
  result.telegram = await visible(page, "#telegram");
  result.touchInstall = await visible(page, "#touch-install");
  result.qr = await visible(page, "svg.qr");
  result.blocked = await visible(page, "#blocked");
  result.linkField = await visible(page, "input#link");
  result.linkValue = result.linkField ? await page.inputValue("input#link") : null;
  result.copyButton = await visible(page, "button[data-copy]");
  result.text = (await page.innerText("body")).slice(0, 4000);
  // Layout: no sideways scrolling, and every visible control is at least 44 px tall.
  Object.assign(
    result,
    await page.evaluate(() => {
      const doc = document.documentElement;
      const controls = Array.from(document.querySelectorAll("a.btn, a.btn2, button, summary, input, footer a"))
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({ what: e.outerHTML.slice(0, 80), height: e.getBoundingClientRect().height }));
      return {
        scrollWidth: doc.scrollWidth,
        clientWidth: doc.clientWidth,
        smallControls: controls.filter((c) => c.height < 44),
        background: getComputedStyle(document.body).backgroundColor,
        // The app icons on screen: the URL each visible one shows (an <img> inside
        // <picture> or amp-img reports the source it picked).
        shownIcons: Array.from(document.querySelectorAll(".icon"))
          .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().width > 0)
          .map((e) => {
            const img = e.tagName === "IMG" ? e : e.querySelector("img");
            return img ? img.currentSrc || img.src : e.getAttribute("src");
          }),
      };
    })
  );
  if (s.copy && result.copyButton) {
    await page.click("button[data-copy]");
    await page.waitForTimeout(200);
    result.clipboard = await page.evaluate(() => navigator.clipboard.readText());
    result.copyLabel = await page.innerText("button[data-copy]");
  }
  result.screenshot = path.join(config.out, `${s.name}.png`);
  await page.screenshot({ path: result.screenshot, fullPage: true });
  if (s.qr && result.qr) {
    result.qrShot = path.join(config.out, `${s.name}-qr.png`);
    await (await page.$("svg.qr")).screenshot({ path: result.qrShot });
  }
  result.blockedRequests = blocked;
  await context.close();
  return result;
}

main("browser-check", async (browser) => {
  fs.mkdirSync(config.out, { recursive: true });
  const results = [];
  for (const s of scenarios) {
    results.push(await run(browser, s));
  }
  return results;
});
