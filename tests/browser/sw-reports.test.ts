import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { useChromium } from '../support/browser.js'
import { isHelpPage, type Scenario, startScenario } from './sw-fixture.js'

/** Entries waiting in the worker's report queue (workbox-background-sync's IndexedDB store). */
function queuedReports(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('workbox-background-sync')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('requests')) {
            db.close()
            resolve(0)
            return
          }
          const count = db.transaction('requests').objectStore('requests').count()
          count.onsuccess = () => {
            db.close()
            resolve(count.result)
          }
          count.onerror = () => reject(count.error)
        }
      }),
  )
}

describe('service worker: reports while the status service is down', () => {
  const browser = useChromium()
  let scenario: Scenario
  afterEach(async () => {
    await scenario?.close()
  })

  it('saves a report while both services are down and delivers it exactly once when the status service is back', async () => {
    scenario = await startScenario(browser(), { status: { helpText: 'Call 0100' } })
    const { app, page, status } = scenario
    const storedReports = async () => {
      const response = await fetch(`${status.origin}/v1/reports?app=crm`, {
        headers: { authorization: `Bearer ${status.adminToken}` },
      })
      const body = (await response.json()) as { reports: Array<{ id: string; comment?: string }> }
      return body.reports
    }
    await scenario.visitOnce()
    await status.stop()
    await app.setMode('stopped')

    const response = await page.goto(`${app.origin}/`)
    expect(await isHelpPage(response)).toBe(true)
    await page.getByRole('button', { name: 'Send report to support' }).click()
    await page.getByText('Saved — it will be sent automatically').first().waitFor()
    expect(await queuedReports(page)).toBe(1)

    await status.start()
    // The app is still down: the next try shows the help page again, and the worker sends what
    // waits (as it does on every start and navigation, Background Sync API or not).
    await page.goto(`${app.origin}/`)
    await expect.poll(storedReports, { timeout: 10_000 }).toHaveLength(1)
    await expect.poll(() => queuedReports(page)).toBe(0)

    await app.setMode('normal')
    await page.goto(`${app.origin}/about`)
    await page.goto(`${app.origin}/`)
    await page.waitForTimeout(500)
    const reports = await storedReports()
    expect(reports).toHaveLength(1)
    expect(reports[0]?.id).toMatch(/^SH-/)
  })

  it('sends what waits when the worker starts again, without any navigation', async () => {
    scenario = await startScenario(browser(), { status: { helpText: 'Call 0100' } })
    const { app, page, status, context } = scenario
    await scenario.visitOnce()
    await status.stop()
    await app.setMode('stopped')
    await page.goto(`${app.origin}/`)
    await page.getByRole('button', { name: 'Send report to support' }).click()
    await page.getByText('Saved — it will be sent automatically').first().waitFor()

    await status.start()
    const cdp = await context.newCDPSession(page)
    await cdp.send('ServiceWorker.enable')
    await cdp.send('ServiceWorker.stopAllWorkers')
    // Any request of the controlled page starts the worker again; its start sends the queue.
    await page.evaluate(() => fetch('/api/data').catch(() => null))
    const stored = async () => {
      const response = await fetch(`${status.origin}/v1/reports?app=crm`, {
        headers: { authorization: `Bearer ${status.adminToken}` },
      })
      return ((await response.json()) as { reports: unknown[] }).reports
    }
    // An entry leaves the queue just before its POST: count what the service stored instead.
    await expect.poll(stored, { timeout: 10_000 }).toHaveLength(1)
    await expect.poll(() => queuedReports(page)).toBe(0)
  })

  it('passes a report straight through when the status service is up', async () => {
    scenario = await startScenario(browser(), { status: { helpText: 'Call 0100' } })
    const { app, page } = scenario
    await scenario.visitOnce()
    await app.setMode('stopped')

    await page.goto(`${app.origin}/`)
    await page.getByRole('button', { name: 'Send report to support' }).click()
    await page
      .getByText(/Sent — reference SH-/)
      .first()
      .waitFor()
    expect(await queuedReports(page)).toBe(0)
  })
})
