import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseStatusText } from '../../server/status/parse-status-file.js'
import { eventually, type StatusFixture, statusFixture } from '../support/status-fixture.js'

let fx: StatusFixture
afterEach(() => fx.cleanup())

const helpTextServed = async (fixture: StatusFixture) =>
  (
    (await (await fixture.app().request('/v1/status?lang=en')).json()) as {
      helpText: string | null
    }
  ).helpText

describe('broken status files are never served', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a syntax error',
      '{\n  "helpText": "x",\n}',
      /^status\.json:3:1: invalid JSON: expected a "quoted" field name/,
    ],
    [
      'a wrong type',
      '{\n  "retryAfterSeconds": "soon"\n}',
      /^status\.json:2:24: retryAfterSeconds: must be a whole number of seconds/,
    ],
    [
      'a javascript: URL',
      '{"helpUrl": "javascript:alert(1)"}',
      /^status\.json:1:13: helpUrl: must be an absolute URL with https:, http:, mailto: or tel:/,
    ],
    ['a bad app id', '{"apps": {"CRM": {}}}', /^status\.json:1:18: apps\.CRM: app id must match/],
    ['an empty file', '', /^status\.json:1:1: the file is empty/],
    [
      'a misspelled field',
      '{\n  "expire": "2026-11-22T14:00:00Z"\n}',
      /^status\.json:2:3: \(top level\): unknown field "expire"/,
    ],
  ]
  for (const [what, text, logged] of cases) {
    it(`keeps the last good version after ${what} and logs one clear line`, async () => {
      fx = statusFixture({ helpText: 'good' })
      fx.store.start()
      fx.write(text)
      fx.store.reload()
      fx.store.reload() // a second poll must not log again
      expect(await helpTextServed(fx)).toBe('good')
      expect(fx.logs).toHaveLength(1)
      expect(fx.logs[0]?.replace(`${fx.dir}/`, '')).toMatch(
        new RegExp(`^startup-help: ${logged.source.replace('^', '')}`),
      )
      expect(fx.store.health()).toMatchObject({ valid: false, invalidSince: expect.any(String) })
      const health = await (await fx.app().request('/healthz')).json()
      expect(health).toMatchObject({ ok: true, statusFile: { valid: false } })
    })
  }

  it('reports a missing file and serves no status until it appears', async () => {
    fx = statusFixture(undefined)
    fx.store.start()
    expect(await helpTextServed(fx)).toBeNull()
    expect(fx.store.health().problems[0]?.message).toContain('does not exist')
    fx.write({ helpText: 'created' })
    await eventually(async () => (await helpTextServed(fx)) === 'created')
  })

  it('names every problem with its line and column', () => {
    const parsed = parseStatusText(
      '{\n  "severity": "panic",\n  "apps": { "crm": { "helpUrl": "ftp://x" } }\n}',
    )
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems.map((p) => [p.line, p.path])).toEqual([
      [2, 'severity'],
      [3, 'apps.crm.helpUrl'],
    ])
  })
})

describe('live reload', () => {
  it('picks up an in-place save without a restart', async () => {
    fx = statusFixture({ helpText: 'one' })
    fx.store.start()
    fx.write({ helpText: 'two' })
    await eventually(async () => (await helpTextServed(fx)) === 'two')
  })

  it('picks up an editor that writes a temp file and renames it over', async () => {
    fx = statusFixture({ helpText: 'one' })
    fx.store.start()
    const temp = join(fx.dir, '.status.json.swp')
    writeFileSync(temp, JSON.stringify({ helpText: 'renamed' }))
    renameSync(temp, fx.file)
    await eventually(async () => (await helpTextServed(fx)) === 'renamed')
  })

  it('survives the file being deleted and created again', async () => {
    fx = statusFixture({ helpText: 'one' })
    fx.store.start()
    rmSync(fx.file)
    await eventually(() => !fx.store.health().valid)
    expect(await helpTextServed(fx)).toBe('one')
    fx.write({ helpText: 'recreated' })
    await eventually(async () => (await helpTextServed(fx)) === 'recreated')
    expect(fx.store.health().valid).toBe(true)
  })

  it('never changes what polling clients get while a typo sits in the file', async () => {
    fx = statusFixture({ helpText: 'stable' })
    fx.store.start()
    const seen = new Set<string | null>()
    const poll = (async () => {
      for (let i = 0; i < 40; i++) {
        seen.add(await helpTextServed(fx))
        await new Promise((r) => setTimeout(r, 10))
      }
    })()
    fx.write('{"helpText": "half-typed')
    await poll
    expect([...seen]).toEqual(['stable'])
  })
})
