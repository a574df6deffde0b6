import type { PageResult } from '../report-query.js'

/**
 * Reports read per page at most to test a filter the in-memory index cannot answer (the text
 * search). Each read is a disk read and a JSON parse (about 20 µs) while the store's file waits:
 * 2,000 keep a page under about 50 ms, so writes are not held up by a search of a large file.
 */
export const MAX_RECORD_READS_PER_PAGE = 2_000

export interface ScanPageOptions<E, R> {
  limit: number
  /** Reference of the last entry of the previous page (or the last one examined). */
  cursor?: string | null | undefined
  /** The filters the index answers. */
  accept: (entry: E) => boolean
  read: (entry: E) => Promise<R>
  /** A filter on the record itself (null: none); costs a read per candidate. */
  acceptRecord: ((record: R) => boolean) | null
}

/**
 * One page, newest first, of entries in arrival order. With `acceptRecord`, at most
 * MAX_RECORD_READS_PER_PAGE candidates are read: when that budget ends first the page is short
 * (even empty) and `nextCursor` is the last entry examined, so the caller pages on. A page is
 * short only then: `nextCursor` null still means nothing more matches.
 *
 * @example
 * const page = await scanPage(entries, { limit: 50, cursor: null, accept, read, acceptRecord: null })
 */
export async function scanPage<E extends { id: string }, R>(
  entries: readonly E[],
  options: ScanPageOptions<E, R>,
): Promise<PageResult<R>> {
  let end = entries.length
  if (options.cursor) {
    let at = entries.length - 1
    while (at >= 0 && entries[at]?.id !== options.cursor) at -= 1
    if (at < 0) {
      return {
        ok: false,
        field: 'cursor',
        message: `${options.cursor} is no longer stored (past retention?); list again from the start`,
      }
    }
    end = at
  }
  const picked: { entry: E; record: R | null }[] = []
  let reads = 0
  let lastExamined: E | null = null
  let cutShort = false
  // One more than asked: tells whether a next page exists.
  for (let at = end - 1; at >= 0 && picked.length <= options.limit; at -= 1) {
    const entry = entries[at] as E
    if (!options.accept(entry)) continue
    if (options.acceptRecord === null) {
      picked.push({ entry, record: null })
      continue
    }
    if (reads === MAX_RECORD_READS_PER_PAGE) {
      cutShort = true
      break
    }
    reads += 1
    const record = await options.read(entry)
    lastExamined = entry
    if (options.acceptRecord(record)) picked.push({ entry, record })
  }
  const page = picked.slice(0, options.limit)
  const items: R[] = []
  for (const { entry, record } of page) items.push(record ?? (await options.read(entry)))
  const nextCursor =
    picked.length > options.limit
      ? (page.at(-1)?.entry.id ?? null)
      : cutShort
        ? (lastExamined?.id ?? null)
        : null
  return { ok: true, items, nextCursor }
}
