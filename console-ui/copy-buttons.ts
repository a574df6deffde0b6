/**
 * Buttons with `data-copy="ID"` copy that element's text and say so in their own live region.
 */
export function enableCopyButtons(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.hidden = false
    const status = document.getElementById(button.dataset.copyStatus ?? '')
    button.addEventListener('click', async () => {
      const source = document.getElementById(button.dataset.copy ?? '')
      if (!source) return
      try {
        await navigator.clipboard.writeText(source.textContent?.trim() ?? '')
        if (status) status.textContent = button.dataset.copied ?? 'Copied'
      } catch {
        // No clipboard permission: select the text so Ctrl+C works.
        const range = document.createRange()
        range.selectNodeContents(source)
        getSelection()?.removeAllRanges()
        getSelection()?.addRange(range)
      }
    })
  }
}
