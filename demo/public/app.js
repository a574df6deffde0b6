// The sample app's own script: what a developer adds to an existing plain HTML app.
import { registerStartupHelp, showStartupError } from '/startup-help.js'

const config = await fetch('/demo-config.json')
  .then((response) => response.json())
  .catch(() => ({}))

registerStartupHelp({
  app: 'demo',
  appVersion: '1.0.0',
  statusUrl: config.statusUrl ?? 'http://127.0.0.1:8787',
  swUrl: '/sw.js',
  helpText: 'Default help from the app: call the service desk at +1 555 0100.',
  helpUrl: 'https://example.com/login-help',
  // Short for the demo, so "hanging" shows the help page quickly (the default is 8 s).
  navigationTimeoutMs: config.navigationTimeoutMs ?? 4000,
})

const controlLink = document.getElementById('control-link')
if (controlLink && config.controlUrl) {
  controlLink.href = config.controlUrl
  controlLink.textContent = config.controlUrl
}

const form = document.getElementById('login')
form?.addEventListener('submit', async (event) => {
  event.preventDefault()
  const result = document.getElementById('login-result')
  const data = new FormData(form)
  try {
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: data.get('user'), password: data.get('password') }),
      signal: AbortSignal.timeout(config.navigationTimeoutMs ?? 4000),
    })
    if (response.status >= 500) {
      // The app's own login request failed: the same help panel, in-page.
      await showStartupError(response)
      return
    }
    if (!response.ok) {
      result.textContent = 'Wrong user or password (the demo password is "demo").'
      return
    }
    location.assign('/welcome')
  } catch (error) {
    await showStartupError(error)
  }
})
