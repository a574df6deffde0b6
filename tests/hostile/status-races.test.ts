import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../server/node.js'
import { runCli } from '../support/cli.js'

const TOKEN = 'race-token'
const admin = { Authorization: `Bearer ${TOKEN}` }

let dir: string
let file: string
let running: RunningServer

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sh-hostile-race-'))
  file = join(dir, 'status.json')
  writeFileSync(file, '{"helpText": "base"}\n')
  running = await startServer({
    statusFile: file,
    dataDir: join(dir, 'data'),
    port: 0,
    host: '127.0.0.1',
    adminToken: TOKEN,
    log: () => {},
  })
})

afterEach(async () => {
  await running.close()
  rmSync(dir, { recursive: true, force: true })
})

async function getDocument(): Promise<{ etag: string; document: Record<string, unknown> }> {
  const res = await fetch(`${running.url}/v1/status/document`, { headers: admin })
  return { etag: res.headers.get('etag') ?? '', document: await res.json() }
}

function put(document: Record<string, unknown>, etag: string): Promise<Response> {
  return fetch(`${running.url}/v1/status/document`, {
    method: 'PUT',
    headers: { ...admin, 'Content-Type': 'application/json', 'If-Match': etag },
    body: JSON.stringify(document),
  })
}

/** An editor that saves the way editors do (temp file, rename), taking no lock. */
function saveOnDisk(helpText: string): void {
  const temp = `${file}.editor`
  writeFileSync(temp, JSON.stringify({ helpText }))
  renameSync(temp, file)
}

const helpTextOnDisk = () =>
  (JSON.parse(readFileSync(file, 'utf8')) as { helpText: string }).helpText

describe('concurrent writers of the status file', () => {
  it('never lets an admin PUT with a correct If-Match overwrite an edit saved on disk meanwhile', async () => {
    const lost: number[] = []
    let putsAccepted = 0
    for (let round = 0; round < 40; round++) {
      const { etag } = await getDocument()
      const answer = put({ helpText: `put ${round}` }, etag)
      // The editor saves somewhere inside the PUT's read-check-write (a few ms).
      await new Promise((resolve) => setTimeout(resolve, round % 8))
      saveOnDisk(`editor ${round}`)
      const res = await answer
      if (res.status === 200) putsAccepted++
      else expect(res.status).toBe(412)
      // The editor saved after the ETag was read: either the PUT is refused or it finished
      // before the save; both leave the editor's edit on disk. A PUT's text there is a lost update.
      if (helpTextOnDisk() !== `editor ${round}`) lost.push(round)
    }
    expect(lost).toEqual([])
    // Most rounds race (412); a PUT that finished before the editor saved is fine, and is
    // what the editor then replaced.
    expect(putsAccepted).toBeLessThan(40)
  })

  it('keeps both a PUT and a `message set` from the CLI running at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      let stop = false
      let lastAccepted: string | null = null
      const hammer = (async () => {
        for (let i = 0; !stop; i++) {
          // Read-modify-write, as an admin console does: change one field, keep the rest.
          const helpText = `put ${round}.${i}`
          const { etag, document } = await getDocument()
          const res = await put({ ...document, helpText }, etag)
          if (res.status === 200) lastAccepted = helpText
          else expect(res.status).toBe(412)
        }
      })()
      const cli = await runCli([
        'message',
        'set',
        `cli ${round}`,
        '--until',
        '2h',
        '--status',
        file,
        '--data',
        join(dir, 'data'),
      ])
      stop = true
      await hammer
      expect(cli.code, cli.stderr).toBe(0)
      const onDisk = JSON.parse(readFileSync(file, 'utf8')) as {
        helpText: string
        userMessage?: string
      }
      // Neither writer's acknowledged edit is lost: the CLI's message and the last accepted PUT.
      expect(onDisk.userMessage).toBe(`cli ${round}`)
      if (lastAccepted !== null) expect(onDisk.helpText).toBe(lastAccepted)
    }
  })
})
