import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { writeFileAtomic } from '../durable-write.js'
import { jsonError } from '../errors.js'
import { adminAuth } from '../middleware/admin-auth.js'
import { keepVersion } from '../status/history.js'
import { formatProblem, parseStatusText } from '../status/parse-status-file.js'
import type { StatusStore } from '../status/status-store.js'

/** A status document is a page of settings; anything bigger is a mistake, not a document. */
export const MAX_DOCUMENT_BYTES = 256 * 1024

export interface StatusDocumentRoutesOptions {
  store: StatusStore
  dataDir: string
  adminToken: string | null
}

const etagOf = (text: string) =>
  `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`

async function readDisk(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * Admin `GET`/`PUT /v1/status/document`: the raw file with its ETag; PUT validates, honours
 * If-Match (412 on a lost update), keeps the replaced version as history and writes atomically.
 *
 * @example
 * app.route('/v1', statusDocumentRoutes({ store, dataDir: './data', adminToken }))
 */
export function statusDocumentRoutes(options: StatusDocumentRoutesOptions): Hono {
  const { store, dataDir } = options
  const routes = new Hono()
  // One write at a time, so the If-Match check and the write are one step.
  let writing: Promise<unknown> = Promise.resolve()

  routes.use('/status/document', adminAuth({ token: options.adminToken }))

  routes.get('/status/document', async (c) => {
    const text = await readDisk(store.file)
    if (text === null) return jsonError(c, 404, 'not-found', `${store.file} does not exist yet`)
    c.header('ETag', etagOf(text))
    c.header('Cache-Control', 'no-store')
    c.header('Content-Type', 'application/json; charset=utf-8')
    return c.body(text)
  })

  routes.put(
    '/status/document',
    bodyLimit({
      maxSize: MAX_DOCUMENT_BYTES,
      onError: (c) =>
        jsonError(
          c,
          413,
          'payload-too-large',
          `the document is larger than ${MAX_DOCUMENT_BYTES} bytes`,
        ),
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? ''
      if (!/^application\/(.+\+)?json\b/i.test(type)) {
        return jsonError(
          c,
          415,
          'unsupported-media-type',
          'send the document as Content-Type: application/json',
        )
      }
      const text = await c.req.text()
      const parsed = parseStatusText(text)
      if (!parsed.ok) {
        const first = parsed.problems[0]
        const lines = parsed.problems.map((p) => formatProblem('document', p))
        const code = first?.path === null ? 'invalid-json' : 'invalid-field'
        return jsonError(c, 400, code, lines.join('; '), first?.path ?? undefined)
      }
      const ifMatch = c.req.header('if-match')
      const result = writing.then(async () => {
        const before = await readDisk(store.file)
        if (ifMatch !== undefined) {
          const current = before === null ? null : etagOf(before)
          const ok =
            ifMatch.trim() === '*'
              ? current !== null
              : ifMatch.split(',').some((t) => t.trim() === current)
          if (!ok) return { conflict: true as const }
        }
        if (before !== null && before !== text) await keepVersion(dataDir, before, store.clock())
        await writeFileAtomic(store.file, text.endsWith('\n') ? text : `${text}\n`)
        store.reload()
        return { conflict: false as const, etag: etagOf(text.endsWith('\n') ? text : `${text}\n`) }
      })
      writing = result.catch(() => {})
      const outcome = await result
      if (outcome.conflict) {
        return jsonError(
          c,
          412,
          'precondition-failed',
          'the document changed since you read it (If-Match does not match): GET it again and re-apply your edit',
        )
      }
      c.header('ETag', outcome.etag)
      return c.json({ ok: true, etag: outcome.etag, health: store.health() })
    },
  )
  return routes
}
