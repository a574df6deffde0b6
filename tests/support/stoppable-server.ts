import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'

/** A Hono fetch handler on 127.0.0.1 that can stop listening and start again on the same port. */
export interface StoppableServer {
  readonly port: number
  readonly origin: string
  /** Closes the socket and kept-alive connections: the browser then sees a refused connection. */
  stop(): Promise<void>
  /** Listens again on the same port (no-op while listening). */
  start(): Promise<void>
}

/**
 * Serves `fetch` on a free port, for tests that take a service down and bring it back.
 *
 * @example
 * const server = await startStoppableServer((request) => app.fetch(request))
 * await server.stop() // connection refused
 * await server.start() // back on the same port
 */
export async function startStoppableServer(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<StoppableServer> {
  let server: ServerType | null = null
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = serve({ fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(info.port),
      )
      s.once('error', reject)
      server = s
    })
  const port = await listen(0)
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      const s = server
      server = null
      if (!s) return
      await new Promise<void>((resolve) => {
        s.close(() => resolve())
        if ('closeAllConnections' in s) s.closeAllConnections()
      })
    },
    async start() {
      if (!server) await listen(port)
    },
  }
}
