#!/usr/bin/env node
// Walks otadrop's access pages in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) with JavaScript off, as on an iPhone: the sign-in form at `/`, and a
// password share link (wrong password, then the right one). Takes screenshots and reports
// what was seen as JSON on stdout; the Rust test (tests/it/access_browser.rs) decides.
//
// Usage: node access-check.js CONFIG_JSON
//   CONFIG_JSON: {"base": "https://localhost:1234", "out": "/abs/dir", "token": "<admin token>",
//                 "link": "<password share link>", "password": "<its password>"}
// Every request to another origin than `base` is aborted.
"use strict";
const fs = require("fs");
const path = require("path");
const { devices } = require("playwright-core");
const { onlyOrigins, main } = require("./chromium");

const config = JSON.parse(process.argv[2]);
const IPHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function shot(page, name) {
  const file = path.join(config.out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

async function state(page, name) {
  return {
    name,
    url: page.url(),
    screenshot: await shot(page, name),
    text: await page.innerText("body"),
    install: await page.$$eval("a[href^='itms-services:']", (as) => as.map((a) => a.href)),
    forms: await page.$$eval("form", (fs) => fs.map((f) => f.action)),
  };
}

main("access-check", async (browser) => {
  fs.mkdirSync(config.out, { recursive: true });
  const results = [];
  for (const dark of [false, true]) {
    const suffix = dark ? "-dark" : "";
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      ...devices["iPhone 13"],
      userAgent: IPHONE_UA,
      javaScriptEnabled: false,
      colorScheme: dark ? "dark" : "light",
    });
    await onlyOrigins(context, [config.base]);
    const page = await context.newPage();

    await page.goto(config.base + "/");
    results.push(await state(page, `sign-in${suffix}`));
    await page.fill("input[name=secret]", "not the token");
    await Promise.all([page.waitForLoadState(), page.click("button[type=submit]")]);
    results.push(await state(page, `sign-in-wrong${suffix}`));
    await page.fill("input[name=secret]", config.token);
    await Promise.all([page.waitForURL(config.base + "/"), page.click("button[type=submit]")]);
    results.push(await state(page, `signed-in${suffix}`));

    await page.goto(config.link);
    results.push(await state(page, `password${suffix}`));
    await page.fill("input[name=password]", "wrong");
    await Promise.all([page.waitForLoadState(), page.click("button[type=submit]")]);
    results.push(await state(page, `password-wrong${suffix}`));
    await page.fill("input[name=password]", config.password);
    await Promise.all([page.waitForURL(config.link), page.click("button[type=submit]")]);
    results.push(await state(page, `password-right${suffix}`));
    await context.close();
  }
  return results;
});
