/** Facts about the failed request that the error or answer itself does not carry. */
export interface ShowStartupErrorOptions {
  /** The request URL (default: the Response's `url`). */
  url?: string
  /** Default `GET`. */
  method?: string
  /** `Date.now()` when the request started, to report its duration. */
  startedAt?: number
  /**
   * What automatic retry probes with GET; default this page's URL. Point it at a cheap health
   * URL of the app's server (`/healthz`) when the page itself comes from elsewhere (a CDN).
   */
  retryUrl?: string
  /**
   * What to do once the server answers again, after the dialog closed; default: nothing more
   * (the page and what the user typed stay; focus goes back to where it was).
   */
  onBack?: () => void
}
