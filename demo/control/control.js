// The demo's control page: switches the sample app's behaviour and the maintenance message.
const modeOut = document.getElementById('mode')
const messageOut = document.getElementById('message-result')

async function refresh() {
  const state = await fetch('/state').then((response) => response.json())
  modeOut.textContent = state.mode
  const link = document.getElementById('app-link')
  link.href = state.appUrl
  link.textContent = state.appUrl
}

for (const button of document.querySelectorAll('[data-mode]')) {
  button.addEventListener('click', async () => {
    await fetch('/mode', { method: 'POST', body: button.dataset.mode })
    await refresh()
  })
}

document.getElementById('set-message').addEventListener('click', async () => {
  const text = document.getElementById('message').value
  const response = await fetch('/message', { method: 'POST', body: text })
  messageOut.textContent = await response.text()
})
document.getElementById('clear-message').addEventListener('click', async () => {
  const response = await fetch('/message', { method: 'DELETE' })
  messageOut.textContent = await response.text()
})

await refresh()
