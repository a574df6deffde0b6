import { registerStartupHelp, showStartupError } from 'startup-help/client'

registerStartupHelp({
  app: 'crm',
  appName: 'CRM',
  statusUrl: import.meta.env.VITE_STATUS_URL,
  swUrl: '/sw.js',
  navigationTimeoutMs: Number(import.meta.env.VITE_NAVIGATION_TIMEOUT_MS ?? 8000),
})

const form = document.querySelector<HTMLFormElement>('#login')
form?.addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    const response = await fetch('/api/login', { method: 'POST', body: new FormData(form) })
    if (response.status >= 500) return void (await showStartupError(response))
    const result = document.querySelector('#result')
    if (result) result.textContent = response.ok ? 'Signed in' : 'Wrong password'
  } catch (error) {
    await showStartupError(error)
  }
})
