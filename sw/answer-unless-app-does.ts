/**
 * Answers a fetch event with `ours` unless another fetch listener of the worker answers it too,
 * in which case the other answer goes through `guard` (the app's navigation handling keeps
 * working, and a failed answer of it still gets the help page).
 *
 * Why this is needed: the first listener that calls `respondWith` wins, and startup-help's script
 * usually runs first (workbox-build's generateSW puts `importScripts` at the very top). So our
 * listener answers with a promise that waits until every listener has run (one task later:
 * dispatch is synchronous) and uses the app's answer when there is one. A listener registered
 * before ours answered already: then ours stands aside.
 *
 * @example
 * answerUnlessAppDoes(event, () => handleNavigation(event, config, hooks), guard)
 */
export function answerUnlessAppDoes(
  event: FetchEvent,
  ours: () => Promise<Response>,
  guard: (appAnswer: Promise<Response>) => Promise<Response>,
): void {
  const respondWith = event.respondWith.bind(event)
  let appAnswer: Promise<Response> | null = null
  try {
    Object.defineProperty(event, 'respondWith', {
      configurable: true,
      value: (answer: Response | PromiseLike<Response>) => {
        appAnswer ??= Promise.resolve(answer)
      },
    })
  } catch {
    respondWith(ours())
    return
  }
  const afterEveryListener = new Promise<void>((resolve) => setTimeout(resolve, 0))
  try {
    respondWith(afterEveryListener.then(() => (appAnswer ? guard(appAnswer) : ours())))
  } catch {
    // An earlier listener answered (InvalidStateError): its answer stands, untouched.
  }
}
