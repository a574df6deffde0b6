import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.js'
import { StatusStore } from '../../server/status/status-store.js'

const TOKEN = 'paths-token'
const admin = { Authorization: `Bearer ${TOKEN}` }

let dir: string
let link: string
let target: string
let store: StatusStore

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sh-hostile-paths-'))
  mkdirSync(join(dir, 'secret-target'))
  target = join(dir, 'secret-target', 'real-status.json')
  link = join(dir, 'status.json')
  writeFileSync(target, '{"helpText": "x"}\n')
  symlinkSync(target, link)
  store = new StatusStore({ file: link, log: () => {}, pollIntervalMs: 50 }).start()
})

afterEach(() => {
  store.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('a symlinked status file', () => {
  it('is never named by path in any answer, valid, invalid or missing', async () => {
    const app = createApp({ store, dataDir: join(dir, 'data'), adminToken: TOKEN })
    const bodies: string[] = []
    const collect = async (path: string, init: RequestInit = {}) => {
      const res = await app.request(path, init)
      bodies.push(await res.text())
      return res
    }
    const put = (body: string) =>
      collect('/v1/status/document', {
        method: 'PUT',
        headers: { ...admin, 'Content-Type': 'application/json' },
        body,
      })
    expect((await put('{"helpText": "y"}')).status).toBe(200)
    writeFileSync(target, '{"helpText": ')
    store.reload()
    await collect('/healthz')
    expect((await put('{"helpText": [')).status).toBe(400)
    rmSync(target)
    store.reload()
    expect((await collect('/v1/status/document', { headers: admin })).status).toBe(404)
    await collect('/healthz')
    for (const body of bodies) {
      expect(body).not.toContain(dir)
      expect(body).not.toContain('secret-target')
    }
  })

  it('keeps its link when the admin API saves it: the target gets the new text', async () => {
    const app = createApp({ store, dataDir: join(dir, 'data'), adminToken: TOKEN })
    const res = await app.request('/v1/status/document', {
      method: 'PUT',
      headers: { ...admin, 'Content-Type': 'application/json' },
      body: '{"helpText": "saved"}',
    })
    expect(res.status).toBe(200)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual({ helpText: 'saved' })
  })
})
