/** What `showStatusBanner` takes. */
export interface StatusBannerOptions {
  /** App id as in the status document's `apps`; without it, the top-level notices. */
  app?: string
  /** The status service's origin, e.g. `https://status.example.com`. */
  statusUrl: string
  /**
   * Language of the notices and the banner; default: the browser's (ru and en built in, or a
   * language `strings` supplies).
   */
  lang?: string
  /**
   * Per-language overrides of the banner's words, the same table as the help page's
   * (`registerStartupHelp`'s `strings`): `{ en: { severity_maintenance: 'Planned works' } }`.
   * The banner uses `severity_*`, `notice_starts`, `banner_label` and `dismiss_notice`.
   */
  strings?: Record<string, Record<string, string>>
  /** Where the banner goes; default: a new element at the top of `<body>`. */
  container?: HTMLElement
}

/** A banner on show; `close()` removes it and stops re-reading the status. */
export interface StatusBanner {
  close(): void
}
