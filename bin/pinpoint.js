#!/usr/bin/env node
'use strict';
// The `pinpoint` command line. In a fresh clone dist/ may not be built yet: build it once.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  require('node:child_process').execFileSync(process.execPath, [path.join(__dirname, '..', 'esbuild.mjs')], {
    cwd: path.join(__dirname, '..'),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
require(cli);
