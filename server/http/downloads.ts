import type { Context } from 'hono'

/** A file the service hands out as a download (an export, a report's attachment). */
export interface Download {
  body: Uint8Array | ReadableStream<Uint8Array>
  contentType: string
  /** The name the browser saves it as; ours, never from the network. */
  fileName: string
  /**
   * Bytes that came from the network (a 1C screenshot): a sandbox CSP on top of `nosniff`, so
   * they are never rendered as a page of ours.
   */
  fromNetwork?: boolean
}

/**
 * Answers a download: its type, `attachment` with our file name, `nosniff`, and a sandbox CSP
 * for bytes from the network. The admin API and the console both answer with this.
 *
 * @example
 * return sendDownload(c, { body: csvStream, contentType: 'text/csv; charset=utf-8', fileName: 'reports.csv' })
 */
export function sendDownload(c: Context, download: Download): Response {
  c.header('Content-Type', download.contentType)
  c.header('Content-Disposition', `attachment; filename="${download.fileName}"`)
  c.header('X-Content-Type-Options', 'nosniff')
  if (download.fromNetwork) c.header('Content-Security-Policy', "default-src 'none'; sandbox")
  const body = download.body
  return body instanceof ReadableStream ? c.body(body, 200) : c.body(new Uint8Array(body), 200)
}
