// Headless Chromium as every browser check starts it (Debian's /usr/bin/chromium, or
// $CHROMIUM, driven by playwright-core), and the frame of a check script: run its steps with
// the browser, print the results as JSON on stdout, exit 2 with the error otherwise. Used by
// browser-check.js, access-check.js and console-check.js.
"use strict";
const { chromium } = require("playwright-core");

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function launch() {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// Aborts every request of `context` to an origin not in `allowed` (the pages must need none);
// returns the list the refused URLs are added to.
async function onlyOrigins(context, allowed) {
  const blocked = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (allowed.some((origin) => url.startsWith(origin))) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return blocked;
}

// Runs `steps(browser)` and prints what it returns as JSON; `name` prefixes an error.
function main(name, steps) {
  (async () => {
    const browser = await launch();
    try {
      process.stdout.write(JSON.stringify(await steps(browser)));
    } finally {
      await browser.close();
    }
  })().catch((e) => {
    console.error(`${name}: ${e && e.stack ? e.stack : e}`);
    process.exit(2);
  });
}

module.exports = { launch, onlyOrigins, main };
