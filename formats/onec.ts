/**
 * 1C:Enterprise's error-report protocol (platform 8.3.17+), as the open-source receivers read it:
 * `POST <base>/getInfo` asks whether to send a report and what to tell the user;
 * `POST <base>/pushReport` sends the report as a ZIP holding `report.json`. 1C defines no public
 * schema, so objects here are loose where the platform may add fields and bounded everywhere.
 */
import * as z from 'zod/mini'

const text = (max: number) =>
  z.string().check(z.maxLength(max, { error: `must be at most ${max} characters` }))
const optionalText = (max: number) => z.optional(z.nullable(text(max)))
const list = <T extends z.ZodMiniType>(item: T, max: number) =>
  z.array(item).check(z.maxLength(max, { error: `must have at most ${max} items` }))

/**
 * The body of `getInfo`. Every field is optional and unknown fields are allowed: receivers saw
 * `systemCrash` as a boolean and as a string, and the platform adds fields between versions.
 *
 * @example
 * oneCGetInfoRequestSchema.safeParse({ configName: 'Accounting', appStackHash: '5E78…' })
 */
export const oneCGetInfoRequestSchema = z.looseObject({
  configName: optionalText(256),
  configHash: optionalText(128),
  configVersion: optionalText(64),
  appStackHash: optionalText(128),
  clientStackHash: optionalText(128),
  serverStackHash: optionalText(128),
  platformType: optionalText(64),
  appName: optionalText(64),
  appVersion: optionalText(64),
  platformInterfaceLanguageCode: optionalText(35),
  configurationInterfaceLanguageCode: optionalText(35),
  errorCategories: z.optional(z.nullable(list(text(128), 64))),
  clientID: optionalText(64),
  reportID: optionalText(64),
  systemCrash: z.optional(z.nullable(z.union([z.boolean(), text(16)]))),
})
export type OneCGetInfoRequest = z.infer<typeof oneCGetInfoRequestSchema>

/** `dumpType` the service asks for: 1 as two receivers answer (another answers "0", one 3). */
export const ONEC_DUMP_TYPE = 1

/**
 * The answer to `getInfo`: whether the client should send the report, and the text 1C shows the
 * user in its error dialog.
 *
 * @example
 * const answer: OneCGetInfoAnswer = { needSendReport: true, userMessage: 'Server upgrade until 14:00', dumpType: 1 }
 */
export const oneCGetInfoAnswerSchema = z.strictObject({
  needSendReport: z.boolean(),
  userMessage: z.string(),
  dumpType: z.int(),
})
export type OneCGetInfoAnswer = z.infer<typeof oneCGetInfoAnswerSchema>

const STACK_TEXT = 65_536

/** One application error: `[text, [category, …]]`, e.g. `["{Module(4)}: …", ["ScriptRuntimeError"]]`. */
const applicationErrorSchema = z.tuple([text(8000), z.optional(list(text(128), 16))])
/** One frame of the 1C language stack: `[module, line, source line]`. */
const stackFrameSchema = z.tuple([text(512), z.optional(z.number()), z.optional(text(2000))])

/**
 * `report.json` inside the ZIP of `pushReport`, the parts the service keeps as structured fields;
 * unknown fields are dropped (the record must stay small), strings and lists are bounded.
 *
 * @example
 * const parsed = oneCReportSchema.safeParse(JSON.parse(reportJsonText))
 */
export const oneCReportSchema = z.object({
  time: optionalText(64),
  id: optionalText(64),
  clientInfo: z.optional(
    z.object({
      platformType: optionalText(64),
      appVersion: optionalText(64),
      appName: optionalText(64),
      systemInfo: z.optional(
        z.object({
          osVersion: optionalText(256),
          fullRAM: z.optional(z.nullable(z.number())),
          freeRAM: z.optional(z.nullable(z.number())),
          processor: optionalText(256),
          clientID: optionalText(64),
        }),
      ),
    }),
  ),
  sessionInfo: z.optional(
    z.object({
      userName: optionalText(256),
      dataSeparation: optionalText(1024),
      platformInterfaceLanguageCode: optionalText(35),
      configurationInterfaceLanguageCode: optionalText(35),
      localeCode: optionalText(35),
    }),
  ),
  infoBaseInfo: z.optional(z.object({ localeCode: optionalText(35) })),
  serverInfo: z.optional(
    z.object({ appVersion: optionalText(64), type: optionalText(64), dbms: optionalText(64) }),
  ),
  configInfo: z.optional(
    z.object({
      name: optionalText(256),
      description: optionalText(4000),
      version: optionalText(64),
      compatibilityMode: optionalText(64),
      hash: optionalText(128),
      changeEnabled: z.optional(z.nullable(z.boolean())),
      /** Spelled so by the platform: `[[name, hash], …]`. */
      extentions: z.optional(list(list(text(512), 4), 200)),
    }),
  ),
  errorInfo: z.object({
    userDescription: optionalText(4000),
    systemErrorInfo: z.optional(
      z.object({
        clientStack: optionalText(STACK_TEXT),
        clientStackHash: optionalText(128),
        serverStack: optionalText(STACK_TEXT),
        serverStackHash: optionalText(128),
      }),
    ),
    applicationErrorInfo: z.optional(
      z.object({
        errors: z.optional(list(applicationErrorSchema, 64)),
        stack: z.optional(list(stackFrameSchema, 512)),
        stackHash: optionalText(128),
      }),
    ),
  }),
  screenshot: z.optional(z.nullable(z.object({ file: text(255) }))),
})
export type OneCReport = z.infer<typeof oneCReportSchema>
