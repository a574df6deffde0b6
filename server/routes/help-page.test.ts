import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import type { HelpModel } from '../../formats/help-model.js'
import type { StatusDocument } from '../../formats/status-document.js'
import { HELP_MODEL_ELEMENT_ID } from '../../help-page/render-document.js'
import { resolveStatus } from '../status/resolve-status.js'
import { HELP_PAGE_CSP, helpPageRoutes } from './help-page.js'

const assetsDir = mkdtempSync(join(tmpdir(), 'help-assets-'))
writeFileSync(join(assetsDir, 'help-page.js'), 'console.log("panel")')
writeFileSync(join(assetsDir, 'help-page.css'), 'body{margin:0}')
afterAll(() => rmSync(assetsDir, { recursive: true, force: true }))

const now = Date.parse('2026-11-22T11:00:00.000Z')
const document: StatusDocument = {
  helpText: { en: 'Call the duty admin', ru: 'Звоните дежурному' },
  helpUrl: 'https://wiki.example.com/login-help',
  userMessage: { en: 'Upgrade until 14:00', ru: 'Обновление до 14:00' },
  severity: 'maintenance',
  expires: '2026-11-22T14:00:00.000Z',
  apps: { crm: { helpUrl: 'https://wiki.example.com/crm' } },
}

function helpApp(): Hono {
  const app = new Hono()
  app.route(
    '/help',
    helpPageRoutes({
      resolveStatus: (appId, lang) =>
        resolveStatus(document, { app: appId, lang, now }, '2026-11-22T09:00:00.000Z'),
      browserAssetsDir: assetsDir,
      now: () => now,
    }),
  )
  return app
}

function embeddedModel(html: string): HelpModel {
  const match = html.match(new RegExp(`id="${HELP_MODEL_ELEMENT_ID}">([^<]*)</script>`))
  if (!match?.[1]) throw new Error('no embedded model')
  return JSON.parse(match[1]) as HelpModel
}

describe('GET /help', () => {
  it("renders the app's status in the asked language under a strict CSP", async () => {
    const res = await helpApp().request('/help?app=crm&lang=ru')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('content-security-policy')).toBe(HELP_PAGE_CSP)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('Обновление до 14:00')
    expect(html).toContain('href="https://wiki.example.com/crm"')
    const model = embeddedModel(html)
    expect(model.failure).toBeNull()
    expect(model.known?.status.app).toBe('crm')
    expect(model.known?.receivedAt).toBe('2026-11-22T11:00:00.000Z')
    expect(model.defaults.statusUrl).toBeNull()
  })

  it('links its script and style under the path it is mounted at', async () => {
    const html = await (await helpApp().request('/help')).text()
    expect(html).toContain('src="/help/assets/help-page.js"')
    expect(html).toContain('href="/help/assets/help-page.css"')
  })

  it('answers a malformed app id with a 400 naming the field', async () => {
    const res = await helpApp().request('/help?app=CRM!')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-field', field: 'app' } })
  })

  it("falls back to the browser's language when lang is malformed", async () => {
    const res = await helpApp().request('/help?lang=%3Cx%3E', {
      headers: { 'accept-language': 'ru-RU,ru;q=0.9' },
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Звоните дежурному')
  })
})

describe('GET /help/assets', () => {
  it('serves the built script and style with their types', async () => {
    const js = await helpApp().request('/help/assets/help-page.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log("panel")')
    const css = await helpApp().request('/help/assets/help-page.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('serves nothing else from the folder', async () => {
    for (const path of ['/help/assets/sw.js', '/help/assets/..%2Fpackage.json']) {
      const res = await helpApp().request(path)
      expect(res.status, path).toBe(404)
    }
  })
})
