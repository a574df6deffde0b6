import { LIBRARY_VERSION } from '../version.js'

type Command = { run: (argv: string[]) => Promise<number> }

/** Each command lives in its own file and loads only when used. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'run the status service', load: () => import('./serve.js') },
  check: {
    summary: 'validate a status file and show what users see now',
    load: () => import('./check.js'),
  },
  message: {
    summary: 'set or clear the incident message (message set|clear)',
    load: () => import('./message.js'),
  },
  reports: {
    summary: 'read stored user reports (reports list|show ID)',
    load: () => import('./reports.js'),
  },
  export: {
    summary: 'write the status and help page for nginx or a CDN (export --out DIR)',
    load: () => import('./export.js'),
  },
  'build-sw': {
    summary: 'write sw.js and startup-help.js into a folder',
    load: () => import('./build-sw.js'),
  },
}

const HELP = `startup-help ${LIBRARY_VERSION}: help for users when a web app's login fails

Usage: startup-help <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "startup-help <command> --help" for a command's options.`

/**
 * The CLI entry: dispatches to a command and returns the exit code.
 *
 * @example
 * process.exitCode = await main(['check', 'status.json'])
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP)
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    console.log(LIBRARY_VERSION)
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    console.error(`startup-help: unknown command "${name}"\n\n${HELP}`)
    return 2
  }
  return (await command.load()).run(rest)
}
