import { type ParseArgsConfig, parseArgs } from 'node:util'

/** A usage mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

type Options = NonNullable<ParseArgsConfig['options']>
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h' } }
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<O>; allowPositionals: true; strict: true }>
>

/**
 * node:util parseArgs (strict, positionals allowed, `--help`/`-h` added) whose errors become one
 * UsageError line.
 *
 * @example
 * const { values, positionals } = parseCommandArgs(argv, { status: { type: 'string' } })
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O): Parsed<O> {
  const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O>
  try {
    return parseArgs({ args: argv, options: withHelp, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''))
  }
}

/**
 * Runs a command body, printing UsageError with the help text (exit 2) and other errors as one
 * line (exit 1), so no stack trace ever greets an admin.
 *
 * @example
 * export const run = (argv) => runCommand(HELP, async () => { … return 0 })
 */
export async function runCommand(help: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body()
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`startup-help: ${error.message}\n\n${help}`)
      return 2
    }
    console.error(`startup-help: ${(error as Error).message}`)
    return 1
  }
}

/**
 * Status file path: --status, else STARTUP_HELP_STATUS_FILE, else ./status.json.
 *
 * @example
 * statusFilePath(values.status) // './status.json' when neither is set
 */
export function statusFilePath(flag: string | undefined): string {
  return flag ?? process.env.STARTUP_HELP_STATUS_FILE ?? './status.json'
}

/**
 * Data dir: --data, else STARTUP_HELP_DATA_DIR, else ./data.
 *
 * @example
 * dataDirPath(values.data) // './data' when neither is set
 */
export function dataDirPath(flag: string | undefined): string {
  return flag ?? process.env.STARTUP_HELP_DATA_DIR ?? './data'
}

/**
 * PostgreSQL URL: --database, else STARTUP_HELP_DATABASE_URL, else none (the folder backend).
 *
 * @example
 * databaseUrlOf(values.database) // undefined when neither is set
 */
export function databaseUrlOf(flag: string | undefined): string | undefined {
  const url = (flag ?? process.env.STARTUP_HELP_DATABASE_URL)?.trim()
  return url ? url : undefined
}
