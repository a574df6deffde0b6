import { describe, expect, it } from 'vitest'
import type { HelpModel } from '../formats/help-model.js'
import { embedJson, HELP_MODEL_ELEMENT_ID, renderHelpDocument } from './render-document.js'

const attack = '</script><img src=x onerror="alert(1)"><!-- \u2028\u2029 & done'

function model(overrides: Partial<HelpModel> = {}): HelpModel {
  return {
    failure: null,
    known: {
      receivedAt: new Date().toISOString(),
      status: {
        app: 'crm',
        lang: 'ru',
        helpText: attack,
        helpUrl: 'javascript:alert(1)',
        supportEmail: null,
        retryAfterSeconds: null,
        disableServiceWorker: false,
        serverTime: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        message: { text: attack, severity: 'outage', startsAt: null, expires: null },
      },
    },
    defaults: {
      app: 'crm',
      appVersion: null,
      helpText: null,
      helpUrl: null,
      statusUrl: null,
      lang: null,
      strings: {},
    },
    retryAfterSeconds: null,
    lastSuccessfulLoad: null,
    serviceWorkerState: 'none',
    retryUrl: '',
    ...overrides,
  }
}

const assets = { scriptUrl: '/help/assets/help-page.js', styleUrl: '/help/assets/help-page.css' }

describe('renderHelpDocument', () => {
  it('embeds the model so that nothing in it can close the script element', () => {
    const input = model()
    const html = renderHelpDocument(input, assets)
    const start = html.indexOf(`id="${HELP_MODEL_ELEMENT_ID}">`) + HELP_MODEL_ELEMENT_ID.length + 6
    const end = html.indexOf('</script>', start)
    const embedded = html.slice(start, end)
    expect(embedded).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(embedded)).toEqual(input)
    // Exactly two script elements: the external module and the JSON; nothing inline runs.
    expect(html.match(/<script/g)).toHaveLength(2)
    expect(html).not.toMatch(/<style|<[^>]*\s(style|on\w+)=/i)
  })

  it('shows title, message and help text as escaped text, and no javascript: link', () => {
    const html = renderHelpDocument(model(), assets)
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('<title>Извините, сервис временно недоступен</title>')
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
    expect(html).not.toContain('<img')
    expect(html).not.toMatch(/href="javascript:/i)
    expect(html).not.toContain('<a ')
  })

  it('titles the page by the failure kind and links an allowed help URL', () => {
    const html = renderHelpDocument(
      model({
        failure: {
          kind: 'timeout',
          url: 'https://app.example.com/',
          method: 'GET',
          status: null,
          durationMs: 8000,
          at: new Date().toISOString(),
          errorCode: 'timeout',
        },
        known: null,
        defaults: {
          ...model().defaults,
          lang: 'en',
          helpUrl: 'https://wiki.example.com/a?b=1&c=2',
        },
      }),
      assets,
    )
    expect(html).toContain(
      '<h1 class="sh-static-title">Sorry, there is a problem with the service</h1>',
    )
    expect(html).toContain('<p class="sh-static-text">It is taking too long to respond.</p>')
    expect(html).toContain('href="https://wiki.example.com/a?b=1&amp;c=2"')
    expect(html).toContain('<script type="module" src="/help/assets/help-page.js"></script>')
    expect(html).toContain('<link rel="stylesheet" href="/help/assets/help-page.css">')
  })

  it('leaves out a message whose window has passed', () => {
    const m = model()
    const known = m.known
    if (!known?.status.message) throw new Error('fixture')
    known.status.message = {
      ...known.status.message,
      text: 'old news',
      expires: '2000-01-01T00:00:00Z',
    }
    expect(renderHelpDocument(m, assets)).not.toContain('<p class="sh-static-text">old news')
  })
})

describe('embedJson', () => {
  it('round-trips through JSON.parse', () => {
    const value = { a: attack, b: [1, null, true] }
    expect(JSON.parse(embedJson(value))).toEqual(value)
  })
})

describe('renderHelpDocument with several notices', () => {
  const now = Date.now()
  const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString()
  const withNotices = model({
    known: {
      receivedAt: new Date(now).toISOString(),
      status: {
        app: 'crm',
        lang: 'en',
        helpText: null,
        helpUrl: null,
        supportEmail: null,
        retryAfterSeconds: null,
        disableServiceWorker: false,
        serverTime: new Date(now).toISOString(),
        updatedAt: new Date(now).toISOString(),
        message: { text: 'Mail is down', severity: 'outage', startsAt: null, expires: null },
        messages: [
          {
            id: 'later',
            severity: 'maintenance',
            state: 'upcoming',
            title: 'Database upgrade',
            body: 'Read-only for two hours',
            startsAt: iso(3_600_000),
            expires: iso(7_200_000),
          },
          {
            id: 'info',
            severity: 'info',
            state: 'active',
            title: null,
            body: attack,
            startsAt: null,
            expires: null,
          },
          {
            id: 'mail',
            severity: 'outage',
            state: 'active',
            title: 'Mail',
            body: 'Mail is down',
            startsAt: iso(-60_000),
            expires: null,
          },
        ],
      },
    },
    defaults: { ...model().defaults, lang: 'en' },
  })

  it('shows the most severe active notice first and the other active ones below it, all escaped; nothing upcoming', () => {
    const html = renderHelpDocument(withNotices, assets)
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
    const order = ['Mail is down', 'Also announced', '&lt;/script&gt;']
    const positions = order.map((text) => main.indexOf(text))
    expect(positions.every((at) => at > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(main).toContain('Outage')
    // An upcoming notice is the banner's, in the healthy app: at a failed login it would read as the cause.
    expect(main).not.toContain('Database upgrade')
    expect(main).not.toContain('From ')
    expect(main).not.toContain('<img')
  })
})
