import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type RetryEnvironment, type RetryView, startAutoRetry } from './auto-retry.js'
import { MAX_RETRY_SECONDS, retryDelaySeconds } from './retry-schedule.js'

describe('retryDelaySeconds', () => {
  it('starts at 5 s and doubles up to five minutes', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 7].map((attempt) =>
      retryDelaySeconds(attempt, null, () => 0),
    )
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 300, 300])
  })

  it('never retries before a Retry-After hint, even with jitter', () => {
    for (const random of [0, 0.5, 0.999]) {
      expect(retryDelaySeconds(0, 120, () => random)).toBeGreaterThanOrEqual(120)
    }
    expect(retryDelaySeconds(0, 120, () => 0.999)).toBeLessThanOrEqual(144)
  })

  it('keeps a hint longer than the cap as the interval', () => {
    expect(retryDelaySeconds(3, 600, () => 0)).toBe(600)
    expect(MAX_RETRY_SECONDS).toBe(300)
  })
})

/** A page whose visibility and connectivity the test flips, like a user would. */
interface FakePage {
  hidden: boolean
  online: boolean
  change(patch: { hidden?: boolean; online?: boolean }): void
  environment: RetryEnvironment
}

function fakePage(): FakePage {
  const listeners = new Set<() => void>()
  const page: FakePage = {
    hidden: false,
    online: true,
    change(patch: { hidden?: boolean; online?: boolean }) {
      Object.assign(page, patch)
      for (const listener of listeners) listener()
    },
    environment: {
      isHidden: () => page.hidden,
      isOnline: () => page.online,
      subscribe(listener: () => void) {
        listeners.add(listener)
        return () => {
          listeners.delete(listener)
        }
      },
    },
  }
  return page
}

describe('startAutoRetry', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts down every second, probes at zero and backs off after a failed probe', async () => {
    const page = fakePage()
    const views: RetryView[] = []
    const probes: number[] = []
    startAutoRetry({
      hintSeconds: null,
      probe: async () => {
        probes.push(Date.now())
        return false
      },
      onBack: () => {},
      render: (view) => views.push(view),
      environment: page.environment,
      random: () => 0,
    })
    expect(views.at(-1)).toEqual({ state: 'counting', seconds: 5 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(views.at(-1)).toEqual({ state: 'counting', seconds: 4 })
    await vi.advanceTimersByTimeAsync(4000)
    expect(probes).toHaveLength(1)
    expect(views).toContainEqual({ state: 'probing' })
    expect(views.at(-1)).toEqual({ state: 'counting', seconds: 10 })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(probes).toHaveLength(2)
    expect(views.at(-1)).toEqual({ state: 'counting', seconds: 20 })
  })

  it('stands still while the tab is hidden and resumes where it was', async () => {
    const page = fakePage()
    const views: RetryView[] = []
    let probes = 0
    startAutoRetry({
      hintSeconds: 10,
      probe: async () => {
        probes++
        return false
      },
      onBack: () => {},
      render: (view) => views.push(view),
      environment: page.environment,
      random: () => 0,
    })
    await vi.advanceTimersByTimeAsync(3000)
    page.change({ hidden: true })
    expect(views.at(-1)).toEqual({ state: 'paused-hidden' })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(probes).toBe(0)
    page.change({ hidden: false })
    expect(views.at(-1)).toEqual({ state: 'counting', seconds: 7 })
  })

  it('pauses while offline and probes at once when the connection is back', async () => {
    const page = fakePage()
    const views: RetryView[] = []
    let probes = 0
    startAutoRetry({
      hintSeconds: 60,
      probe: async () => {
        probes++
        return false
      },
      onBack: () => {},
      render: (view) => views.push(view),
      environment: page.environment,
      random: () => 0,
    })
    page.change({ online: false })
    expect(views.at(-1)).toEqual({ state: 'paused-offline' })
    await vi.advanceTimersByTimeAsync(120_000)
    expect(probes).toBe(0)
    page.change({ online: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(probes).toBe(1)
  })

  it('calls onBack once and stops when the probe says the server answers', async () => {
    const page = fakePage()
    let back = 0
    let probes = 0
    const retry = startAutoRetry({
      hintSeconds: null,
      probe: async () => {
        probes++
        return true
      },
      onBack: () => back++,
      render: () => {},
      environment: page.environment,
      random: () => 0,
    })
    retry.retryNow()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(back).toBe(1)
    expect(probes).toBe(1)
  })
})
