#!/usr/bin/env node
// The support-policy command line runs the TypeScript sources through tsx, a development dependency.
require('tsx/cjs');
require('../src/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
