/**
 * The report API alone on a real socket, as a child process for the crash test and the bench:
 * `node --import tsx tests/support/reports-server.ts DATA_DIR`. Prints `{"port":N}` once
 * listening. Settings come from the environment like `serve` (readReportsConfig).
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { readReportsConfig } from '../../server/reports/config.js'
import { openReportService } from '../../server/reports/service.js'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: reports-server.ts DATA_DIR')
const reports = await openReportService({
  dataDir,
  adminToken: process.env.STARTUP_HELP_ADMIN_TOKEN ?? null,
  config: readReportsConfig(process.env),
  log: (line) => console.error(line),
})
const app = new Hono()
app.route('/v1/reports', reports.routes)
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(JSON.stringify({ port: info.port }))
})
process.once('SIGTERM', () => {
  server.close()
  void reports.close().then(() => process.exit(0))
})
