// The client side in an app without a bundler, after `npx startup-help build-sw --out public/`.
// Put this in your login page (and any page users land on), served from your app's origin.
import { registerStartupHelp, showStartupError } from '/startup-help.js'

registerStartupHelp({
  app: 'crm', // matches apps.crm in the status file
  statusUrl: 'https://status.example.com', // the status service, ideally not on the app's server
  swUrl: '/sw.js',
  helpText: 'Call the duty admin: +7 (495) 123-45-67', // shown when no status was ever read
  helpUrl: 'https://wiki.example.com/login-help',
  appVersion: '1.4.2',
  // navigationTimeoutMs: 8000,         // a navigation hanging longer shows the help page
  // outageStatuses: [502, 503, 504],   // statuses that mean "the server is down"
  // lang: 'ru',                        // default: the browser's language
})

// Where your own login request fails:
document.querySelector('form#login')?.addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    const response = await fetch('/api/login', { method: 'POST', body: new FormData(event.target) })
    if (response.status >= 500) return showStartupError(response)
    // … handle success and 4xx (wrong password) as usual
  } catch (error) {
    showStartupError(error) // network failure or timeout
  }
})
