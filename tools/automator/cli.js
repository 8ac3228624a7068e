#!/usr/bin/env node
// The `cliPath` for miniprogram-automator on Linux: `automator.launch({ cliPath, projectPath })`
// spawns `<cliPath> auto --project <P> --auto-port <N>`, as it would WeChat DevTools' cli.
// Node cannot run the TypeScript bridge on its own, so tsx's require hook loads it.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS executable */
require('tsx/cjs')
require('./main.ts')
