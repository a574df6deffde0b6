import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { statusSchemaText } from '../server/status/json-schema.js'
import { parseStatusText } from '../server/status/parse-status-file.js'
import { writeStandInCertificate } from './support/nginx-sample.js'

const SAMPLES = fileURLToPath(new URL('../config-samples/', import.meta.url))

describe('config samples', () => {
  const statusSamples = readdirSync(SAMPLES).filter(
    (name) => name.startsWith('status.') && name.endsWith('.json') && name !== 'status.schema.json',
  )

  it('ships the JSON Schema of the current status format (else run `npm run schema`)', () => {
    const tracked = readFileSync(join(SAMPLES, 'status.schema.json'), 'utf8')
    expect(tracked, 'config-samples/status.schema.json is out of date: run `npm run schema`').toBe(
      statusSchemaText(),
    )
  })

  it('ships the everyday, maintenance, outage and per-app status files', () => {
    expect(statusSamples.sort()).toEqual([
      'status.apps.json',
      'status.everyday.json',
      'status.maintenance.json',
      'status.outage.json',
    ])
  })

  for (const name of statusSamples) {
    it(`${name} is a valid status document`, () => {
      const parsed = parseStatusText(readFileSync(join(SAMPLES, name), 'utf8'))
      expect(parsed.ok ? [] : parsed.problems).toEqual([])
    })
  }

  it('nginx.conf passes nginx -t (with stand-in certificates and cache path)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'startup-help-nginx-'))
    try {
      const { cert, key } = writeStandInCertificate(dir)
      const sample = readFileSync(join(SAMPLES, 'nginx.conf'), 'utf8')
        .replace(/\/etc\/ssl\/certs\/\S+\.pem/g, cert)
        .replace(/\/etc\/ssl\/private\/\S+\.key/g, key)
        .replace('/var/cache/nginx/startup-help', join(dir, 'cache'))
      writeFileSync(join(dir, 'sample.conf'), sample)
      writeFileSync(
        join(dir, 'nginx.conf'),
        `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  include ${dir}/sample.conf;\n}\n`,
      )
      const result = spawnSync(
        '/usr/sbin/nginx',
        ['-t', '-c', join(dir, 'nginx.conf'), '-p', dir],
        {
          encoding: 'utf8',
        },
      )
      expect(result.stderr).toContain('syntax is ok')
      expect(result.status).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
