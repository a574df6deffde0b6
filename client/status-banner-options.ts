/** What `showStatusBanner` takes. */
export interface StatusBannerOptions {
  /** App id as in the status document's `apps`; without it, the top-level notices. */
  app?: string
  /** The status service's origin, e.g. `https://status.example.com`. */
  statusUrl: string
  /** Language of the notices and the banner; default: the browser's (ru and en built in). */
  lang?: string
  /** Where the banner goes; default: a new element at the top of `<body>`. */
  container?: HTMLElement
}

/** A banner on show; `close()` removes it and stops re-reading the status. */
export interface StatusBanner {
  close(): void
}
