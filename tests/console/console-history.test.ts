import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.js'
import { signInToConsole, viaApp } from '../support/console-client.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

let fx: StatusFixture
afterEach(() => fx.cleanup())

const TOKENS = [
  { label: 'alice', token: 'alice-token-0123456789' },
  { label: 'bob', token: 'bob-token-0123456789ab' },
]

describe('console history', () => {
  it('lists who saved each version and when, shows a diff and restores an old version as a new one', async () => {
    fx = statusFixture({ helpText: 'first' })
    fx.store.start()
    const app = createApp({ store: fx.store, dataDir: fx.dataDir, adminToken: TOKENS })
    const alice = await signInToConsole(viaApp(app), 'alice-token-0123456789')
    const bob = await signInToConsole(viaApp(app), 'bob-token-0123456789ab')
    const save = async (who: typeof alice, helpText: string) => {
      const fields = who.formFields(await (await who.get('/admin/status')).text(), 'editor')
      const res = await who.post('/admin/status/save', { ...fields, 'helpText.*': helpText })
      expect(res.status).toBe(303)
    }
    await save(alice, 'second <b>bold</b>')
    fx.clock.now += 60_000
    await save(bob, 'third')

    const list = await (await alice.get('/admin/history')).text()
    const rows = [...list.matchAll(/<tr>\s*<td>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '')
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('(current)')
    expect(rows[0]).toContain('<td>bob</td>')
    expect(rows[1]).toContain('<td>alice</td>')
    // The first version was written by hand before the console: nobody is named.
    expect(rows[2]).toContain('edited by hand')

    const link = /href="(\/admin\/history\/[^"]+)"/.exec(rows[1] ?? '')?.[1] ?? ''
    const diff = await (await alice.get(link)).text()
    expect(diff).toContain(
      '<del>−   &quot;helpText&quot;: &quot;second &lt;b&gt;bold&lt;/b&gt;&quot;',
    )
    expect(diff).toContain('<ins>+   &quot;helpText&quot;: &quot;third&quot;')

    const restore = alice.formFields(diff, 'restore')
    const restored = await alice.post(`${link}/restore`, restore)
    expect(restored.status).toBe(303)
    expect(JSON.parse(readFileSync(fx.file, 'utf8')).helpText).toBe('second <b>bold</b>')
    const after = await (await alice.get('/admin/history?done=restored')).text()
    expect(after).toContain('Restored.')
    const newest = /<tr>\s*<td>([\s\S]*?)<\/tr>/.exec(after)?.[1] ?? ''
    expect(newest).toContain('<td>alice</td>')
    expect([...after.matchAll(/<tr>\s*<td>/g)]).toHaveLength(4)
  })

  it('refuses a restore from a page that is out of date, and shows the version again', async () => {
    fx = statusFixture({ helpText: 'one' })
    fx.store.start()
    const app = createApp({ store: fx.store, dataDir: fx.dataDir, adminToken: TOKENS })
    const alice = await signInToConsole(viaApp(app), 'alice-token-0123456789')
    const fields = alice.formFields(await (await alice.get('/admin/status')).text(), 'editor')
    await alice.post('/admin/status/save', { ...fields, 'helpText.*': 'two' })
    const list = await (await alice.get('/admin/history')).text()
    const link = /href="(\/admin\/history\/[^"]+)"/.exec(list)?.[1] ?? ''
    const page = await (await alice.get(link)).text()
    fx.write({ helpText: 'changed by hand' })
    const res = await alice.post(`${link}/restore`, alice.formFields(page, 'restore'))
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('changed since you read it')
    expect(JSON.parse(readFileSync(fx.file, 'utf8')).helpText).toBe('changed by hand')
    expect((await alice.get('/admin/history/..%2F..%2Fetc%2Fpasswd')).status).toBe(404)
  })
})
