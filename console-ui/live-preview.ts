interface PreviewAnswer {
  errors: Record<string, string>
  general: string[]
  previews: { lang: string; atMs: number | null; html: string }[]
}

const DEBOUNCE_MS = 400

/**
 * Sends the draft to `POST …/status/preview` while the admin types (debounced) and puts the
 * answer in place: each preview frame's srcdoc, and each field's problem under it. The frames
 * are sandboxed without scripts, so the preview never takes the focus from the editor.
 */
export function watchEditor(form: HTMLFormElement): void {
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? ''
  const action = form.action.replace(/\/save$/, '/preview')
  let timer: ReturnType<typeof setTimeout> | undefined
  let latest = 0
  const refresh = async () => {
    const ticket = ++latest
    let answer: PreviewAnswer
    try {
      const response = await fetch(action, {
        method: 'POST',
        body: new FormData(form),
        headers: { Accept: 'application/json', 'X-CSRF-Token': csrf },
        credentials: 'same-origin',
      })
      if (!response.ok) return
      answer = (await response.json()) as PreviewAnswer
    } catch {
      return // The service is away for a moment; the Save button still shows every problem.
    }
    if (ticket !== latest) return // A newer draft was sent meanwhile.
    showProblems(form, answer)
    showPreviews(answer)
  }
  form.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => void refresh(), DEBOUNCE_MS)
  })
}

function showProblems(form: HTMLFormElement, answer: PreviewAnswer): void {
  for (const old of form.querySelectorAll('.field-error[data-live]')) old.remove()
  for (const field of form.querySelectorAll('[aria-invalid="true"][data-live-invalid]')) {
    field.removeAttribute('aria-invalid')
    field.removeAttribute('data-live-invalid')
  }
  for (const [name, message] of Object.entries(answer.errors)) {
    const id = `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
    const target = document.getElementById(id)
    if (!target || target.parentElement?.querySelector(`#${id}-error`)) continue
    const note = document.createElement('p')
    note.className = 'field-error'
    note.dataset.live = ''
    note.textContent = message
    target.insertAdjacentElement(
      target instanceof HTMLFieldSetElement ? 'beforeend' : 'afterend',
      note,
    )
    if (!(target instanceof HTMLFieldSetElement)) {
      target.setAttribute('aria-invalid', 'true')
      target.dataset.liveInvalid = ''
    }
  }
}

function showPreviews(answer: PreviewAnswer): void {
  const frames = document.querySelectorAll<HTMLIFrameElement>('#preview iframe')
  // Same frames as rendered: update in place (a new count of frames waits for Update preview).
  if (answer.previews.length !== frames.length) return
  answer.previews.forEach((preview, index) => {
    const frame = frames[index]
    if (frame && frame.srcdoc !== preview.html) frame.srcdoc = preview.html
  })
}
