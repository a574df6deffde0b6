/**
 * What a worker using startup-help must precache, as injectManifest glob patterns relative to the
 * worker script: the help page's own script and style (the help page must load while the app's
 * server is failing). Kept free of worker code so Node configs (vite.config) can read it.
 *
 * @example
 * injectManifest({ globPatterns: [...HELP_ASSETS, 'assets/*.js'], ... })
 */
export const HELP_ASSETS = ['help-page.js', 'help-page.css'] as const

/**
 * The built client's lazily loaded chunks (the in-page dialog), precached too by a worker whose
 * app uses `startup-help.js` as is rather than bundling the client itself.
 */
export const CLIENT_CHUNKS = 'chunks/*.js'

/** The classic-script build for `importScripts` in workbox-build's or vite-plugin-pwa's generateSW. */
export const CLASSIC_WORKER_SCRIPT = 'startup-help-sw.js'

/**
 * Every cache startup-help creates starts with this (the worker's state and its own precache), so
 * the kill switch, page side or worker side, deletes all of ours and none of the app's.
 */
export const CACHE_PREFIX = 'startup-help-'
