/**
 * `npm run schema`: writes config-samples/status.schema.json from the zod format, for editors
 * that validate status.json while admins type. Run it after changing formats/status-document.ts;
 * tests/config-samples.test.ts fails while the tracked file is out of date.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { statusSchemaText } from '../server/status/json-schema.js'

const target = fileURLToPath(new URL('../config-samples/status.schema.json', import.meta.url))
writeFileSync(target, statusSchemaText())
console.log(`schema: wrote ${target}`)
