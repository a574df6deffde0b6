import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const NGINX = '/usr/sbin/nginx'
const SAMPLES = fileURLToPath(new URL('../../config-samples/', import.meta.url))

/** Whether nginx and openssl are here (npm test's pretest installs them on Debian as root). */
export const hasNginx = existsSync(NGINX) && existsSync('/usr/bin/openssl')

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  return typeof address === 'object' && address ? address.port : 0
}

/**
 * The `Environment=` settings of config-samples/startup-help.service, so a test runs the service
 * as the sample sets it up.
 *
 * @example
 * sampleUnitEnvironment().STARTUP_HELP_TRUST_PROXY // '1'
 */
export function sampleUnitEnvironment(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const match of readFileSync(join(SAMPLES, 'startup-help.service'), 'utf8').matchAll(
    /^Environment=([A-Z_]+)=(.*)$/gm,
  )) {
    if (match[1] && match[2] !== undefined) env[match[1]] = match[2]
  }
  return env
}

export interface RunningNginx {
  /** The port the sample's status server block listens on (TLS). */
  port: number
  stop(): Promise<void>
}

/**
 * Runs config-samples/nginx.conf as shipped, with only what a test machine needs changed: a
 * stand-in certificate, free ports, a temp cache folder, and the service's port as upstream.
 *
 * @example
 * const nginx = await startSampleNginx(servicePort)
 * // https://127.0.0.1:${nginx.port}/ with Host: status.example.com reaches the service
 */
export async function startSampleNginx(servicePort: number): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'sh-nginx-'))
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=test'].concat([
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
    { stdio: 'ignore' },
  )
  const port = await freePort()
  const appPort = await freePort()
  let first = true
  const sample = readFileSync(join(SAMPLES, 'nginx.conf'), 'utf8')
    .replace(/\/etc\/ssl\/certs\/\S+\.pem/g, join(dir, 'cert.pem'))
    .replace(/\/etc\/ssl\/private\/\S+\.key/g, join(dir, 'key.pem'))
    .replace('/var/cache/nginx/startup-help', join(dir, 'cache'))
    .replaceAll('127.0.0.1:8787', `127.0.0.1:${servicePort}`)
    // The first server block is the status service's; the second, the app's.
    .replace(/listen 443 ssl http2;/g, () => {
      const line = `listen 127.0.0.1:${first ? port : appPort} ssl;`
      first = false
      return line
    })
  writeFileSync(join(dir, 'sample.conf'), sample)
  writeFileSync(
    join(dir, 'nginx.conf'),
    `user root;\ndaemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  include ${dir}/sample.conf;\n}\n`,
  )
  const child = await spawnNginx(dir, join(dir, 'nginx.conf'), port)
  return {
    port,
    stop: async () => {
      await stopNginx(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Writes a self-signed certificate and key (`cert.pem`, `key.pem`) into `dir`, stand-ins for
 * the samples' real ones so `nginx -t` can read them.
 *
 * @example
 * const { cert, key } = writeStandInCertificate(dir)
 */
export function writeStandInCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem')
  const key = join(dir, 'key.pem')
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=test'].concat([
      '-keyout',
      key,
      '-out',
      cert,
    ]),
    { stdio: 'ignore' },
  )
  return { cert, key }
}

/**
 * Starts nginx in the foreground on `mainConfig` (prefix `dir`) and resolves once it accepts
 * connections on `port`; rejects with its error log when it does not start within 10 s.
 *
 * @example
 * const child = await spawnNginx(dir, join(dir, 'nginx.conf'), port)
 */
export async function spawnNginx(
  dir: string,
  mainConfig: string,
  port: number,
): Promise<ChildProcess> {
  const child: ChildProcess = spawn(NGINX, ['-c', mainConfig, '-p', dir], { stdio: 'ignore' })
  const deadline = Date.now() + 10_000
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
        .once('connect', () => {
          socket.destroy()
          resolve(true)
        })
        .once('error', () => resolve(false))
    })
    if (ok) return child
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Stops an nginx started by {@link spawnNginx} (graceful quit) and waits for it to exit.
 *
 * @example
 * await stopNginx(child)
 */
export async function stopNginx(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit')
    child.kill('SIGQUIT')
    await exited
  }
}
