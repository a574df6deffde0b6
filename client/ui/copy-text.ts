/**
 * Copies `text` to the clipboard: the async Clipboard API where allowed, else the old
 * select-and-copy on a temporary read-only textarea inside `root` (works in a shadow root too).
 * Resolves false when neither worked, so the UI can say so instead of pretending.
 *
 * @example
 * const ok = await copyText(detailsText, shadowRoot)
 */
export async function copyText(text: string, root: ShadowRoot | HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Permission refused or not focused: fall through to the textarea.
  }
  // Selecting the textarea moves focus; give it back so keyboard users stay where they were.
  const previous = (
    root instanceof ShadowRoot ? root.activeElement : document.activeElement
  ) as HTMLElement | null
  const area = document.createElement('textarea')
  area.value = text
  area.readOnly = true
  area.setAttribute('aria-hidden', 'true')
  area.className = 'sh-offscreen'
  root.append(area)
  area.select()
  let copied = false
  try {
    copied = document.execCommand('copy')
  } catch {
    copied = false
  }
  area.remove()
  previous?.focus()
  return copied
}
