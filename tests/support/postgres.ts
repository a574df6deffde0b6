import { execFile } from 'node:child_process'
import { chownSync, existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Debian's PostgreSQL 15; `.ci/run` and pretest install `postgresql` when it is missing. */
export const POSTGRES_BIN = process.env.STARTUP_HELP_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin'

/** The server refuses to run as root: tests (root in CI) run its tools as this user. */
const OS_USER = 'postgres'

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth: the cluster lives one test file). */
  url: string
  /** A fresh database on this server, for one test's isolation; returns its URL. */
  createDatabase(): Promise<string>
  /** Immediate stop (as a crash: no checkpoint), for outage tests. */
  halt(): Promise<void>
  /** Starts it again on the same port and folder after `halt`. */
  resume(): Promise<void>
  /** Stops the server and removes its folder. */
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Runs a PostgreSQL tool as the `postgres` user when we are root, as ourselves otherwise. */
function asOwner(tool: string, args: string[]) {
  const binary = join(POSTGRES_BIN, tool)
  return process.getuid?.() === 0
    ? run('runuser', ['-u', OS_USER, '--', binary, ...args])
    : run(binary, args)
}

let databases = 0

/**
 * Starts a throwaway PostgreSQL cluster in a temp folder on a free port (socket in the same
 * folder, nothing shared with a system PostgreSQL). One per test file: initdb costs about a second.
 *
 * @example
 * const pg = await startPostgres()
 * const url = await pg.createDatabase()
 * await pg.stop()
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL is not installed (${POSTGRES_BIN}): apt-get install postgresql`)
  }
  const dir = await mkdtemp(join(tmpdir(), 'startup-help-pg-'))
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', OS_USER])
    const { stdout: group } = await run('id', ['-g', OS_USER])
    chownSync(dir, Number(stdout.trim()), Number(group.trim()))
  }
  const data = join(dir, 'data')
  // --no-sync: the cluster is thrown away; what tests check (commit before 201) does not depend on it.
  await asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
  const port = await freePort()
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`
  const start = () =>
    asOwner('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  const halt = () => asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
  await start()
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    url,
    async createDatabase() {
      databases += 1
      const name = `t${process.pid}_${databases}`
      await asOwner('psql', [
        '-h',
        dir,
        '-p',
        String(port),
        '-U',
        'postgres',
        '-c',
        `CREATE DATABASE ${name}`,
      ])
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    halt: async () => {
      await halt()
    },
    resume: async () => {
      await start()
    },
    async stop() {
      await halt().catch(() => {})
      await rm(dir, { recursive: true, force: true })
    },
  }
}
