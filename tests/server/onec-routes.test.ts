import { afterEach, describe, expect, it } from 'vitest'
import { errorOf } from '../../formats/error-body.js'
import type { StoredOneCReport, StoredReport } from '../../formats/report.js'
import { ADMIN_TOKEN, type OneCFixture, oneCFixture } from '../support/onec-fixture.js'
import {
  multipartWith,
  reportZip,
  sampleGetInfo,
  sampleOneCReport,
  tinyPng,
  zeros,
} from '../support/onec-zip.js'

let fx: OneCFixture
afterEach(() => fx.close())

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }

async function getInfo(body: unknown) {
  return fx.app.request('/1c/getInfo', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function pushRaw(zip: Buffer, type = 'application/zip') {
  return fx.app.request('/1c/pushReport', {
    method: 'POST',
    headers: { 'content-type': type },
    body: new Uint8Array(zip),
  })
}

async function pushForm(form: FormData) {
  return fx.app.request('/1c/pushReport', { method: 'POST', body: form })
}

async function stored(): Promise<StoredReport[]> {
  const response = await fx.app.request('/v1/reports', { headers: admin })
  return ((await response.json()) as { reports: StoredReport[] }).reports
}

describe('POST /1c/getInfo', () => {
  it("answers the current message of the configuration's app, in the platform's language, with dumpType 1", async () => {
    fx = await oneCFixture()
    const response = await getInfo(sampleGetInfo())
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      needSendReport: true,
      userMessage: 'Бухгалтерия: обновление сервера до 15:00.\n\nПозвоните дежурному: 123',
      dumpType: 1,
    })
  })

  it('answers the top-level message for a configuration no app lists, in English when asked', async () => {
    fx = await oneCFixture()
    const response = await getInfo(
      sampleGetInfo({
        configName: 'ЗарплатаИУправлениеПерсоналом',
        platformInterfaceLanguageCode: 'en',
      }),
    )
    expect(((await response.json()) as { userMessage: string }).userMessage).toBe(
      'Network maintenance until 15:00.\n\nCall the duty admin: 123',
    )
  })

  it('accepts the variants receivers saw: systemCrash as a string, unknown fields, no fields at all', async () => {
    fx = await oneCFixture()
    for (const body of [{ systemcrash: '', systemCrash: '' }, { someNewField: [1, 2] }, {}]) {
      const response = await getInfo(body)
      expect(response.status, JSON.stringify(body)).toBe(200)
      expect(((await response.json()) as { needSendReport: boolean }).needSendReport).toBe(true)
    }
  })

  it('refuses a body that is not JSON, and a field of the wrong type, naming it', async () => {
    fx = await oneCFixture()
    const broken = await getInfo('{"configName": ')
    expect(broken.status).toBe(400)
    expect(errorOf(await broken.json())?.code).toBe('invalid-json')
    const wrong = await getInfo({ errorCategories: 'ScriptRuntimeError' })
    expect(wrong.status).toBe(400)
    expect(errorOf(await wrong.json())).toMatchObject({
      code: 'invalid-field',
      field: 'errorCategories',
    })
  })

  it('refuses a getInfo body over 64 KiB with 413', async () => {
    fx = await oneCFixture()
    const response = await getInfo({ configName: 'x', pad: 'y'.repeat(70 * 1024) })
    expect(response.status).toBe(413)
    expect(errorOf(await response.json())?.code).toBe('payload-too-large')
  })
})

describe('POST /1c/pushReport', () => {
  it('stores a multipart report (file part "report") with source 1c, its app and its screenshot', async () => {
    fx = await oneCFixture()
    const report = sampleOneCReport()
    const response = await pushForm(multipartWith(reportZip(report)))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    const reference = response.headers.get('x-startup-help-report')
    expect(reference).toMatch(/^SH-[0-9A-Z]{6}$/)
    const [record] = (await stored()) as StoredOneCReport[]
    expect(record).toMatchObject({
      id: reference,
      source: '1c',
      app: 'accounting',
      clientReportId: `1c-${report.id}`,
      otherFiles: [],
      problems: [],
    })
    expect(record?.report.errorInfo.userDescription).toBe('Нажала «Провести» — выпала ошибка')
    expect(record?.attachments).toEqual([
      expect.objectContaining({
        role: 'screenshot',
        name: 'screenshot.png',
        mediaType: 'image/png',
        bytes: tinyPng().length,
      }),
    ])
  })

  it('takes the first file part whatever its name, after plain fields', async () => {
    fx = await oneCFixture()
    const form = multipartWith(reportZip(sampleOneCReport()), 'file', { comment: 'not a file' })
    expect((await pushForm(form)).status).toBe(200)
    expect(await stored()).toHaveLength(1)
  })

  it('stores a raw ZIP body, whatever its content type', async () => {
    fx = await oneCFixture()
    expect((await pushRaw(reportZip(sampleOneCReport()))).status).toBe(200)
    expect((await pushRaw(reportZip(sampleOneCReport()), 'application/octet-stream')).status).toBe(
      200,
    )
    expect(await stored()).toHaveLength(2)
  })

  it('serves the screenshot to the admin as a download, only under its report', async () => {
    fx = await oneCFixture()
    const reference = (await pushRaw(reportZip(sampleOneCReport()))).headers.get(
      'x-startup-help-report',
    )
    const [record] = (await stored()) as StoredOneCReport[]
    const key = record?.attachments[0]?.key ?? ''
    const file = await fx.app.request(`/v1/reports/${reference}/attachments/${key}`, {
      headers: admin,
    })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${key}"`)
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(tinyPng())
    const anonymous = await fx.app.request(`/v1/reports/${reference}/attachments/${key}`)
    expect(anonymous.status).toBe(401)
    const traversal = await fx.app.request(
      `/v1/reports/${reference}/attachments/..%2F..%2Freports.jsonl`,
      { headers: admin },
    )
    expect(traversal.status).toBe(404)
  })

  it('stores the same report sent twice once', async () => {
    fx = await oneCFixture()
    const zip = reportZip(sampleOneCReport())
    const first = await pushRaw(zip)
    const again = await pushRaw(zip)
    expect(again.headers.get('x-startup-help-report')).toBe(
      first.headers.get('x-startup-help-report'),
    )
    expect(await stored()).toHaveLength(1)
  })

  it('is 404 like any unknown path while 1C reports are off', async () => {
    fx = await oneCFixture({ enabled: false })
    const response = await pushRaw(reportZip(sampleOneCReport()))
    expect(response.status).toBe(404)
    expect(errorOf(await response.json())?.code).toBe('not-found')
    expect((await getInfo(sampleGetInfo())).status).toBe(404)
  })
})

describe('the same error again', () => {
  it('stores it N times an hour, then counts it: getInfo says not to send, pushReport stores nothing', async () => {
    fx = await oneCFixture({ reportsPerErrorPerHour: 2 })
    const ask = async () =>
      ((await (await getInfo(sampleGetInfo())).json()) as { needSendReport: boolean })
        .needSendReport
    expect(await ask()).toBe(true)
    expect((await pushRaw(reportZip(sampleOneCReport()))).status).toBe(200)
    expect(await ask()).toBe(true)
    expect((await pushRaw(reportZip(sampleOneCReport()))).status).toBe(200)
    expect(await ask()).toBe(false)
    const third = await pushRaw(reportZip(sampleOneCReport()))
    expect(third.status).toBe(200)
    expect(third.headers.get('x-startup-help-duplicate')).toBe('counted')
    expect(third.headers.get('x-startup-help-report')).toBeNull()
    const records = (await stored()) as StoredOneCReport[]
    expect(records).toHaveLength(2)
    // Newest first: the second report was preceded by two getInfo calls for its error.
    expect(records.map((record) => record.similarInLastHour)).toEqual([2, 1])
  })

  it('tells errors apart by client and application stack hash', async () => {
    fx = await oneCFixture({ reportsPerErrorPerHour: 1 })
    await pushRaw(reportZip(sampleOneCReport()))
    const other = await getInfo(sampleGetInfo({ appStackHash: '00000000000000000000000000000001' }))
    expect(((await other.json()) as { needSendReport: boolean }).needSendReport).toBe(true)
    const same = await getInfo(sampleGetInfo())
    expect(((await same.json()) as { needSendReport: boolean }).needSendReport).toBe(false)
  })

  it('never stops a report without stack hashes, and never with the limit at 0', async () => {
    fx = await oneCFixture({ reportsPerErrorPerHour: 0 })
    for (let i = 0; i < 4; i += 1) await pushRaw(reportZip(sampleOneCReport()))
    expect(await stored()).toHaveLength(4)
  })
})

describe('hostile pushReport bodies', () => {
  it.each([
    ['a body that is not a ZIP', () => Buffer.from('GIF89a not a zip'), 400, 'invalid-zip'],
    [
      'a path traversal entry',
      () => reportZip(sampleOneCReport(), { '../../evil.sh': zeros(4) }),
      400,
      'invalid-zip',
    ],
    ['a report.json that is not JSON', () => reportZip('{"errorInfo": '), 400, 'invalid-json'],
    [
      'a report.json bomb',
      () => reportZip(`{"errorInfo":{},"x":"${' '.repeat(4 * 1024 * 1024)}"}`),
      413,
      'payload-too-large',
    ],
    [
      'too many entries',
      () =>
        reportZip(
          sampleOneCReport(),
          Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}`, zeros(1)])),
        ),
      400,
      'invalid-zip',
    ],
  ])('refuses %s with a JSON error and stores nothing', async (_name, body, status, code) => {
    fx = await oneCFixture()
    const response = await pushRaw(body())
    expect(response.status).toBe(status)
    expect(errorOf(await response.json())?.code).toBe(code)
    expect(await stored()).toEqual([])
  })

  it('refuses an empty body and a form without a file part', async () => {
    fx = await oneCFixture()
    const empty = await pushRaw(Buffer.alloc(0))
    expect([empty.status, errorOf(await empty.json())?.message]).toEqual([400, 'the body is empty'])
    const form = new FormData()
    form.append('report', 'just text')
    const noFile = await pushForm(form)
    expect([noFile.status, errorOf(await noFile.json())?.message]).toEqual([
      400,
      'the multipart form has no file part (the ZIP)',
    ])
  })

  it('keeps the report when its screenshot is a bomb, and says the screenshot was not kept', async () => {
    fx = await oneCFixture({ maxScreenshotBytes: 64 * 1024 })
    const response = await pushRaw(
      reportZip(sampleOneCReport(), { 'screenshot.png': zeros(8 * 1024 * 1024) }),
    )
    expect(response.status).toBe(200)
    const [record] = (await stored()) as StoredOneCReport[]
    expect(record?.attachments).toEqual([])
    expect(record?.problems).toEqual([
      'screenshot screenshot.png: not kept: ZIP entry screenshot.png is larger than 65536 bytes',
    ])
  })
})
