import { describeIssue } from '../../formats/describe-issues.js'
import type { ErrorCode } from '../../formats/error-body.js'
import { type OneCReport, oneCReportSchema } from '../../formats/onec.js'
import { isSafeEntryName, listZipEntries, readZipEntry, ZipError } from './zip-archive.js'

/** The entry every receiver reads: the report itself. */
export const REPORT_ENTRY = 'report.json'

export interface ReportZipLimits {
  /** Entries in the ZIP at most; a report holds report.json, a screenshot and a few files. */
  maxEntries: number
  /** report.json inflated at most; a real one is 5–50 KB. */
  maxReportJsonBytes: number
  /** A screenshot inflated past this is left out (and the report kept); 0 keeps none. */
  maxScreenshotBytes: number
}

/** A 1C report read from its ZIP, checked and bounded. */
export interface ReportZipContent {
  report: OneCReport
  screenshot: { name: string; bytes: Buffer } | null
  /** Names of the entries that are neither report.json nor the screenshot. */
  otherFiles: string[]
  /** Why the screenshot the report names was not kept, if it was not. */
  problems: string[]
}

/** A report that cannot be read, with the answer it gets (the API's error shape). */
export class OneCReportError extends Error {
  override readonly name = 'OneCReportError'
  readonly status: 400 | 413
  readonly code: ErrorCode
  readonly field: string | undefined
  constructor(status: 400 | 413, code: ErrorCode, message: string, field?: string) {
    super(message)
    this.status = status
    this.code = code
    this.field = field
  }
}

function fromZipError(error: unknown): unknown {
  if (!(error instanceof ZipError)) return error
  return error.code === 'too-large'
    ? new OneCReportError(413, 'payload-too-large', error.message)
    : new OneCReportError(400, 'invalid-zip', error.message)
}

function parseReport(text: string): OneCReport {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new OneCReportError(
      400,
      'invalid-json',
      `${REPORT_ENTRY} is not JSON: ${(error as Error).message}`,
    )
  }
  const parsed = oneCReportSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map(describeIssue)
  const message = issues
    .slice(0, 5)
    .map((issue) => `${REPORT_ENTRY}: ${issue.path}: ${issue.message}`)
    .join('; ')
  throw new OneCReportError(400, 'invalid-field', message, issues[0]?.path)
}

/**
 * Reads a 1C report ZIP: lists it (bounded entries, safe names), inflates `report.json` with a hard
 * cap, validates it, and takes the screenshot `report.json` names (`screenshot.file`). A screenshot
 * that is missing or too large is left out with a line in `problems`; the report is never lost for it.
 *
 * @throws OneCReportError: 400 invalid-zip / invalid-json / invalid-field, 413 payload-too-large
 * @example
 * const { report, screenshot } = await readReportZip(body, { maxEntries: 64, maxReportJsonBytes: 512 * 1024, maxScreenshotBytes: 5 * 1024 * 1024 })
 */
export async function readReportZip(
  zip: Buffer,
  limits: ReportZipLimits,
): Promise<ReportZipContent> {
  try {
    const entries = listZipEntries(zip, { maxEntries: limits.maxEntries })
    const reportEntry = entries.find((entry) => entry.name === REPORT_ENTRY)
    if (!reportEntry) {
      throw new OneCReportError(400, 'invalid-zip', `the ZIP has no ${REPORT_ENTRY}`)
    }
    const report = parseReport(
      (await readZipEntry(zip, reportEntry, limits.maxReportJsonBytes)).toString('utf8'),
    )
    const wanted = report.screenshot?.file ?? null
    if (wanted !== null && !isSafeEntryName(wanted)) {
      throw new OneCReportError(
        400,
        'invalid-field',
        `${REPORT_ENTRY}: screenshot.file ${JSON.stringify(wanted.slice(0, 80))} is not a plain relative path`,
        'screenshot.file',
      )
    }
    const problems: string[] = []
    let screenshot: ReportZipContent['screenshot'] = null
    const screenshotEntry = entries.find((entry) => entry.name === wanted)
    if (wanted !== null && !screenshotEntry) {
      problems.push(`screenshot ${wanted}: not in the ZIP`)
    } else if (screenshotEntry && limits.maxScreenshotBytes === 0) {
      problems.push(`screenshot ${screenshotEntry.name}: screenshots are not kept (limit 0)`)
    } else if (screenshotEntry) {
      try {
        const bytes = await readZipEntry(zip, screenshotEntry, limits.maxScreenshotBytes)
        screenshot = { name: screenshotEntry.name, bytes }
      } catch (error) {
        // Too large or damaged: the report still counts; the screenshot is left out, and said so.
        if (!(error instanceof ZipError)) throw error
        problems.push(`screenshot ${screenshotEntry.name}: not kept: ${error.message}`)
      }
    }
    const otherFiles = entries
      .filter((entry) => entry !== reportEntry && entry !== screenshotEntry)
      .filter((entry) => !entry.name.endsWith('/'))
      .map((entry) => entry.name)
    return { report, screenshot, otherFiles, problems }
  } catch (error) {
    throw fromZipError(error)
  }
}
