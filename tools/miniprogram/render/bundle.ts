import path from 'node:path'

import { build } from 'esbuild'

let bundled: Promise<string> | undefined

/**
 * page-entry.ts with glass-easel and its mini-program adapter, as one script for the
 * page (built once per process, in about 100 ms).
 */
export function bundledPageScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [path.join(__dirname, 'page-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    // glass-easel's development build checks and warns more; WeChat ships the other one.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text)
  return bundled
}
