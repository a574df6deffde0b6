import { LRUCache } from 'lru-cache'

export interface RecentOccurrencesOptions {
  /** How far back an occurrence counts. */
  windowMs: number
  /** Occurrences kept per key: counting past it tells nothing new. Memory is about maxKeys × keep. */
  keep: number
  /** Distinct keys remembered at most; the least recently seen is forgotten first. */
  maxKeys: number
  now?: () => number
}

/**
 * Counts recent occurrences of a key (an error's stack hashes) in a sliding window, in memory and
 * bounded: at most `maxKeys` keys of `keep` timestamps each. A restart forgets: the worst case is
 * a few more reports of an error that is already known.
 *
 * @example
 * const seen = new RecentOccurrences({ windowMs: 3_600_000, keep: 3, maxKeys: 10_000 })
 * seen.note('D97C…|84A1…')
 * seen.count('D97C…|84A1…') // 1
 */
export class RecentOccurrences {
  private readonly windowMs: number
  private readonly keep: number
  private readonly now: () => number
  private readonly times: LRUCache<string, number[]>

  constructor(options: RecentOccurrencesOptions) {
    this.windowMs = options.windowMs
    this.keep = Math.max(1, options.keep)
    this.now = options.now ?? Date.now
    this.times = new LRUCache({ max: options.maxKeys })
  }

  /** Occurrences of `key` within the window (at most `keep`). */
  count(key: string): number {
    return this.recent(key).length
  }

  /** Records one occurrence now; returns the count including it (at most `keep`). */
  note(key: string): number {
    const times = [...this.recent(key), this.now()].slice(-this.keep)
    this.times.set(key, times)
    return times.length
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs
    return (this.times.get(key) ?? []).filter((time) => time > cutoff)
  }
}
