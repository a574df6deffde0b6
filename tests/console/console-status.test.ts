import { readFileSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { signInToConsole, viaApp } from '../support/console-client.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

const TOKEN = 'console-token-0123456789'
let fx: StatusFixture
afterEach(() => fx.cleanup())

const NOW = Date.parse('2026-11-22T10:00:00Z')

async function signedIn(initial: unknown) {
  fx = statusFixture(initial, NOW)
  fx.store.start()
  const app = fx.app(TOKEN)
  const admin = await signInToConsole(viaApp(app), TOKEN)
  return { app, admin }
}

const fileText = () => readFileSync(fx.file, 'utf8')

describe('console status editor', () => {
  it('after a hand-edit typo edits from the version users see and replaces the broken file with it', async () => {
    const { admin } = await signedIn(
      '{\n  "supportEmail": "help@example.com",\n  "helpText": "Call 100"\n}\n',
    )
    // A typo by hand: the service keeps serving the last good version.
    writeFileSync(
      fx.file,
      '{\n  "supportEmail": "help@example.com",\n  "helpText": "Call 100",,\n}\n',
    )
    fx.store.reload()
    expect(fx.store.current().helpText).toBe('Call 100')
    const page = await (await admin.get('/admin/status')).text()
    expect(page).toContain('users still see its last good version')
    const fields = admin.formFields(page, 'editor')
    // Not an empty editor: saving it must not wipe the help text users see.
    expect(fields['helpText.*']).toBe('Call 100')
    const saved = await admin.post('/admin/status/save', {
      ...fields,
      'message.text.en': 'Sign-in is slow; we are on it.',
      'message.severity': 'degraded',
    })
    expect(saved.status).toBe(303)
    const body = JSON.parse(fileText())
    expect(body).toMatchObject({
      supportEmail: 'help@example.com',
      helpText: 'Call 100',
      userMessage: { en: 'Sign-in is slow; we are on it.' },
    })
  })

  it('edits from the served version when the file turned UTF-16, and a save replaces it', async () => {
    const { admin } = await signedIn('{ "helpText": "Call 100" }\n')
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('{ "helpText": "x" }', 'utf16le'),
    ])
    writeFileSync(fx.file, utf16)
    fx.store.reload()
    const page = await (await admin.get('/admin/status')).text()
    expect(page).toContain('users still see its last good version')
    const fields = admin.formFields(page, 'editor')
    expect(fields['helpText.*']).toBe('Call 100')
    const saved = await admin.post('/admin/status/save', fields)
    expect(saved.status).toBe(303)
    expect(JSON.parse(fileText())).toMatchObject({ helpText: 'Call 100' })
  })

  it('refuses to save over a broken file when no good version was ever served', async () => {
    const { admin } = await signedIn('{ "helpText": "Call 100",, }')
    const page = await (await admin.get('/admin/status')).text()
    expect(page).toContain('no good version has been served yet')
    const fields = admin.formFields(page, 'editor')
    const saved = await admin.post('/admin/status/save', {
      ...fields,
      'message.text.en': 'Typed into an empty form',
    })
    expect(saved.status).toBe(409)
    expect(fileText()).toBe('{ "helpText": "Call 100",, }')
  })

  it('shows what users see now and saves an edit made in the form, keeping the file as written', async () => {
    const { admin } = await signedIn(
      '{\n    "supportEmail": "help@example.com",\n    "helpText": "Call 100"\n}\n',
    )
    const page = await (await admin.get('/admin/status')).text()
    expect(page).toContain('No message is showing.')
    // Nothing to end or extend: the buttons are not offered.
    expect(page).not.toContain('End incident now')
    const fields = admin.formFields(page, 'editor')
    expect(fields['helpText.*']).toBe('Call 100')
    const saved = await admin.post('/admin/status/save', {
      ...fields,
      'message.text.en': 'Database upgrade: CRM is read-only.',
      'message.text.ru': 'Обновление базы: CRM только для чтения.',
      'message.severity': 'maintenance',
      'message.expires': '2026-11-22T12:00',
    })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe('/admin/status?done=saved')
    const text = fileText()
    // Edited in place: the admin's order and indentation stay, so history diffs stay small.
    expect(
      text.startsWith('{\n    "supportEmail": "help@example.com",\n    "helpText": "Call 100"'),
    ).toBe(true)
    const body = JSON.parse(text)
    expect(body).toMatchObject({
      helpText: 'Call 100',
      supportEmail: 'help@example.com',
      severity: 'maintenance',
      // No time zone cookie yet: the form's times are UTC.
      expires: '2026-11-22T12:00:00Z',
      userMessage: {
        en: 'Database upgrade: CRM is read-only.',
        ru: 'Обновление базы: CRM только для чтения.',
      },
    })
    const after = await (await admin.get('/admin/status?done=saved')).text()
    expect(after).toContain('Saved. Users see it within a minute.')
    expect(after).toContain('Database upgrade: CRM is read-only.')
    expect(after).toContain('in 2 h 0 min')
    expect(after).toContain('End incident now')
    expect(after).toContain('Extend by 30 min')
  })

  it('reads times in the admin time zone and writes them with its offset', async () => {
    const { app, admin } = await signedIn({})
    const page = await (
      await app.request('/admin/status?scope=crm', {
        headers: { Cookie: `${admin.cookie}; sh_console_tz=Europe/Moscow` },
      })
    ).text()
    expect(page).toContain('Your time zone: Europe/Moscow')
    const fields = admin.formFields(page, 'editor')
    expect(fields.timeZone).toBe('Europe/Moscow')
    const saved = await admin.post('/admin/status/save', {
      ...fields,
      'message.text.*': 'CRM restore',
      'message.expires': '2026-11-22T15:00',
    })
    expect(saved.status).toBe(303)
    expect(JSON.parse(fileText()).apps.crm).toEqual({
      userMessage: 'CRM restore',
      expires: '2026-11-22T15:00:00+03:00',
    })
  })

  it('shows every problem inline at its field, from the schema, and saves nothing', async () => {
    const { admin } = await signedIn({ helpText: 'x' })
    const before = fileText()
    const fields = admin.formFields(await (await admin.get('/admin/status')).text(), 'editor')
    const res = await admin.post('/admin/status/save', {
      ...fields,
      'message.text.en': 'Outage',
      'message.startsAt': '2026-11-22T12:00',
      'message.expires': '2026-11-22T11:00',
      helpUrl: 'javascript:alert(1)',
      'notice.0.id': 'Bad Id',
      'notice.0.body.en': 'next week',
    })
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('id="error-summary"')
    // The summary names fields as the form does, and links to them.
    expect(page).toContain(
      '<a href="#f-message-expires">Message: Ends at: startsAt must be before expires</a>',
    )
    expect(page).toContain('<a href="#f-notice-0-id">Notice 1: Id')
    expect(page).toMatch(
      /id="f-message-expires"[^>]*aria-invalid="true"[\s\S]*?startsAt must be before expires/,
    )
    expect(page).toMatch(/id="f-helpUrl"[^>]*aria-invalid="true"[\s\S]*?must be an absolute URL/)
    expect(page).toContain('id must match')
    // The console says it in Russian too, with the field's own words.
    const ru = await admin.post('/admin/status/save?lang=ru', {
      ...fields,
      'message.text.en': 'Outage',
      'message.startsAt': '2026-11-22T12:00',
      'message.expires': '2026-11-22T11:00',
    })
    expect(await ru.text()).toContain('Сообщение: Окончание: Окончание должно быть позже начала')
    // What the admin typed is still in the form.
    expect(page).toContain('value="javascript:alert(1)"')
    expect(fileText()).toBe(before)
  })

  it('previews the draft as JSON for the page script, now and when the notice starts', async () => {
    const { admin } = await signedIn({})
    const fields = admin.formFields(await (await admin.get('/admin/status')).text(), 'editor')
    const answer = (await (
      await admin.post(
        '/admin/status/preview',
        {
          ...fields,
          'notice.0.id': 'db',
          'notice.0.severity': 'maintenance',
          'notice.0.startsAt': '2026-11-22T12:00',
          'notice.0.expires': '2026-11-22T14:00',
          'notice.0.body.en': '<img src=x onerror=alert(1)> Upgrade at noon',
          'notice.0.body.ru': 'Обновление в полдень',
        },
        true,
        { Accept: 'application/json' },
      )
    ).json()) as { errors: object; previews: { lang: string; atMs: number | null; html: string }[] }
    expect(answer.errors).toEqual({})
    expect(answer.previews.map((p) => [p.lang, p.atMs])).toEqual([
      ['en', null],
      ['en', Date.parse('2026-11-22T12:00:00Z')],
      ['ru', null],
      ['ru', Date.parse('2026-11-22T12:00:00Z')],
    ])
    const atStart = answer.previews[1]?.html ?? ''
    expect(atStart).toContain('&lt;img src=x onerror=alert(1)&gt; Upgrade at noon')
    expect(atStart).not.toContain('<img')
    expect(atStart).not.toContain('<script type="module"')
    expect(answer.previews[3]?.html).toContain('Обновление в полдень')
  })

  it('shows a conflict with both versions when someone saved meanwhile; "save mine" keeps their other edits', async () => {
    const { admin } = await signedIn({ helpText: 'v1' })
    const fields = admin.formFields(await (await admin.get('/admin/status')).text(), 'editor')
    fx.write({ helpText: 'v1', helpUrl: 'https://wiki.example.com/theirs' })
    const res = await admin.post('/admin/status/save', { ...fields, 'helpText.*': 'mine' })
    expect(res.status).toBe(409)
    const page = await res.text()
    expect(page).toContain('Someone saved while you were editing')
    expect(page).toContain('https://wiki.example.com/theirs')
    expect(JSON.parse(fileText()).helpText).toBe('v1')
    const resolve = admin.formFields(page, 'save-mine')
    const saved = await admin.post('/admin/status/save', resolve)
    expect(saved.status).toBe(303)
    expect(JSON.parse(fileText())).toEqual({ helpText: 'mine' })
  })

  it('asks before turning the kill switch on, saying what it does', async () => {
    const { admin } = await signedIn({})
    const fields = admin.formFields(
      await (await admin.get('/admin/status?scope=legacy')).text(),
      'editor',
    )
    const ask = await admin.post('/admin/status/save', { ...fields, disableServiceWorker: 'on' })
    expect(ask.status).toBe(200)
    const page = await ask.text()
    expect(page).toContain('Turn the kill switch on?')
    expect(page).toContain('unregister itself and delete its caches')
    expect(fileText()).toBe('{}')
    const confirm = admin.formFields(page, 'kill-confirm')
    expect(confirm.killConfirmed).toBe('yes')
    expect((await admin.post('/admin/status/save', confirm)).status).toBe(303)
    expect(JSON.parse(fileText())).toEqual({ apps: { legacy: { disableServiceWorker: true } } })
  })

  it('ends the showing incident now and extends it by 30 minutes in one click', async () => {
    const { admin } = await signedIn({
      apps: {
        crm: {
          userMessage: 'Restore',
          severity: 'outage',
          startsAt: '2026-11-22T09:00:00Z',
          expires: '2026-11-22T11:00:00Z',
          messages: [
            {
              id: 'later',
              severity: 'maintenance',
              startsAt: '2026-11-29T09:00:00Z',
              body: 'Next week',
            },
          ],
        },
      },
    })
    const extended = await admin.post('/admin/status/extend', { scope: 'crm' })
    expect(extended.headers.get('location')).toBe('/admin/status?scope=crm&done=extended')
    expect(JSON.parse(fileText()).apps.crm.expires).toBe('2026-11-22T11:30:00Z')
    const ended = await admin.post('/admin/status/end', { scope: 'crm' })
    expect(ended.headers.get('location')).toBe('/admin/status?scope=crm&done=ended')
    const crm = JSON.parse(fileText()).apps.crm
    expect(crm.expires).toBe('2026-11-22T10:00:00Z')
    // The notice of next week is not showing yet: untouched.
    expect(crm.messages[0].expires).toBeUndefined()
    const again = await admin.post('/admin/status/end', { scope: 'crm' })
    expect(again.headers.get('location')).toBe('/admin/status?scope=crm&done=nothing-to-end')
  })
})
