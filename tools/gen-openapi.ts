import fs from 'node:fs'
import path from 'node:path'

import { openApiText } from '@contract/openapi'

/** `npm run openapi`: writes docs/openapi.json from the contract (commit the result). */
const target = path.resolve(__dirname, '..', 'docs', 'openapi.json')
fs.mkdirSync(path.dirname(target), { recursive: true })
fs.writeFileSync(target, openApiText())
console.log(`wrote ${path.relative(process.cwd(), target)}`)
