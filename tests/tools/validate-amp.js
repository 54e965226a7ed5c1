#!/usr/bin/env node
// Validates AMP pages with the official AMP validator, offline, in one process.
// Usage: node validate-amp.js FILE...
// Prints a JSON array of {file, status, errors: [{severity, line, col, message}]} on stdout.
// Exit status: 0 when every file was validated (whatever the verdicts), 2 when the validator
// could not be loaded.
"use strict";
const fs = require("fs");
const path = require("path");
const amphtmlValidator = require("amphtml-validator");

const engine = path.join(__dirname, "validator_wasm.js");

async function main(files) {
  if (!fs.existsSync(engine)) {
    console.error(`validate-amp: ${engine} is missing; run tests/tools/setup.sh`);
    process.exit(2);
  }
  const validator = await amphtmlValidator.getInstance(engine);
  const results = files.map((file) => {
    const r = validator.validateString(fs.readFileSync(file, "utf8"));
    return {
      file,
      status: r.status,
      errors: r.errors.map((e) => ({
        severity: e.severity,
        line: e.line,
        col: e.col,
        message: e.message,
      })),
    };
  });
  process.stdout.write(JSON.stringify(results));
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`validate-amp: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
