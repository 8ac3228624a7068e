// Validates an OpenAPI document (default docs/openapi.json) against the OpenAPI 3.1
// schema; prints {"valid": true} or the errors, and exits non-zero when invalid.
// (An ES module: the validator package is ESM-only.)
import { readFileSync } from 'node:fs'

import { Validator } from '@seriousme/openapi-schema-validator'

const file = process.argv[2] ?? 'docs/openapi.json'
const result = await new Validator().validate(JSON.parse(readFileSync(file, 'utf8')))
console.log(JSON.stringify({ valid: result.valid, errors: result.errors ?? [] }))
process.exitCode = result.valid ? 0 : 1
