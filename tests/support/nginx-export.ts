import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, NGINX, spawnNginx, stopNginx, writeStandInCertificate } from './nginx-sample.js'

const SAMPLE = fileURLToPath(new URL('../../config-samples/nginx-export.conf', import.meta.url))

export interface ExportNginx {
  /** `http://127.0.0.1:PORT`: the sample's server block, on plain HTTP for the test. */
  url: string
  /** The main config file, for `nginx -s reload -c …` (what `export --watch --after` runs). */
  reloadCommand: string
  /** `nginx -t` of the sample as shipped (TLS with stand-in certificates). */
  test(): { ok: boolean; output: string }
  stop(): Promise<void>
}

function mainConfig(dir: string, sample: string): string {
  writeFileSync(join(dir, 'sample.conf'), sample)
  const main = join(dir, 'nginx.conf')
  writeFileSync(
    main,
    `user root;\ndaemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  include /etc/nginx/mime.types;\n  include ${dir}/sample.conf;\n}\n`,
  )
  return main
}

/**
 * Runs config-samples/nginx-export.conf over an export folder, changed only where a test machine
 * needs it: the export's path, a free port on plain HTTP, the service's port as upstream.
 *
 * @example
 * const nginx = await startExportNginx('/tmp/export', servicePort)
 * await fetch(`${nginx.url}/v1/status?app=crm&lang=en`)
 */
export async function startExportNginx(
  exportDir: string,
  servicePort: number,
): Promise<ExportNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'sh-nginx-export-'))
  const port = await freePort()
  const shipped = readFileSync(SAMPLE, 'utf8')
    .replaceAll('/srv/startup-help', exportDir)
    .replaceAll('127.0.0.1:8787', `127.0.0.1:${servicePort}`)
  const served = shipped
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_certificate.*$/gm, '')
  const main = mainConfig(dir, served)
  const child = await spawnNginx(dir, main, port)
  return {
    url: `http://127.0.0.1:${port}`,
    reloadCommand: `${NGINX} -s reload -c ${main} -p ${dir}`,
    test() {
      const certs = mkdtempSync(join(tmpdir(), 'sh-nginx-export-t-'))
      try {
        const { cert, key } = writeStandInCertificate(certs)
        const withCerts = shipped
          .replace(/\/etc\/ssl\/certs\/\S+\.pem/g, cert)
          .replace(/\/etc\/ssl\/private\/\S+\.key/g, key)
        const result = spawnSync(NGINX, ['-t', '-c', mainConfig(certs, withCerts), '-p', certs], {
          encoding: 'utf8',
        })
        return { ok: result.status === 0, output: result.stderr }
      } finally {
        rmSync(certs, { recursive: true, force: true })
      }
    },
    stop: async () => {
      await stopNginx(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
