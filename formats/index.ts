export { describeIssue, formatPath } from './describe-issues.js'
export { type ErrorBody, type ErrorCode, errorOf } from './error-body.js'
export {
  type DescribedFailure,
  describeFailure,
  type FailureFacts,
  type HeaderSource,
  MAX_RETRY_AFTER_SECONDS,
  parseRetryAfter,
  REQUEST_ID_HEADERS,
  requestIdFrom,
  UNKNOWN_ERROR_CODE,
} from './failure.js'
export { HEADERS, HELP_PAGE_MARK } from './headers.js'
export { CLASSIC_WORKER_SCRIPT, HELP_ASSETS } from './help-assets.js'
export {
  correctedNow,
  type HelpDefaults,
  type HelpModel,
  isMessageActive,
  type KnownStatus,
  type VisibleNotice,
  visibleMessage,
  visibleNotices,
} from './help-model.js'
export {
  arrangeNotices,
  type NoticeState,
  type NoticeWindow,
  noticeText,
} from './notice-order.js'
export {
  ONEC_DUMP_TYPE,
  type OneCGetInfoAnswer,
  type OneCGetInfoRequest,
  type OneCReport,
  oneCGetInfoAnswerSchema,
  oneCGetInfoRequestSchema,
  oneCReportSchema,
} from './onec.js'
export {
  ALLOWED_URL_SCHEMES,
  APP_ID_PATTERN,
  appIdSchema,
  instantSchema,
  isAllowedUrl,
  LANG_PATTERN,
  type LocalizedText,
  langSchema,
  localizedTextSchema,
  MAX_TEXT_LENGTH,
  SEVERITIES,
  type Severity,
  safeUrlSchema,
  severitySchema,
} from './primitives.js'
export {
  CLIENT_REPORT_ID_PATTERN,
  FAILURE_KINDS,
  type Failure,
  type FailureKind,
  failureSchema,
  isOneCReport,
  type NewReport,
  type OneCReportInput,
  type Report,
  type ReportAttachment,
  type ReportSource,
  reportSchema,
  type StoredBrowserReport,
  type StoredOneCReport,
  type StoredReport,
} from './report.js'
export {
  type ResolvedMessage,
  type ResolvedNotice,
  type ResolvedStatus,
  resolvedMessageSchema,
  resolvedNoticeSchema,
  resolvedStatusSchema,
} from './resolved-status.js'
export {
  type AppOverride,
  appOverrideSchema,
  type StatusDocument,
  statusDocumentSchema,
} from './status-document.js'
export {
  MAX_NOTICE_TITLE_LENGTH,
  MAX_NOTICES,
  NOTICE_ID_PATTERN,
  type Notice,
  noticeSchema,
  noticesSchema,
} from './status-notices.js'
export {
  languageFromAcceptLanguage,
  PATHS,
  reportsEndpoint,
  statusRequestUrl,
} from './status-url.js'
export {
  helpDefaultsOf,
  readServiceWorkerConfig,
  type ServiceWorkerConfig,
  serviceWorkerConfigSchema,
} from './sw-config.js'
export {
  DEFAULT_NAVIGATION_TIMEOUT_MS,
  DEFAULT_OUTAGE_STATUSES,
  serviceWorkerUrl,
} from './sw-config-url.js'
export { BACK_ONLINE_MESSAGE, isBackOnlineMessage } from './worker-messages.js'
