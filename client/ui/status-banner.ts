import type { NoticeView } from '../../help-page/notices.js'
import type { Strings } from '../../help-page/strings.js'
import { BANNER_CSS } from './banner-styles.js'
import { el } from './dom.js'
import { attachStyledRoot } from './shadow-host.js'

export interface BannerView {
  /** Shows these notices (already without the dismissed ones); none hides the banner. */
  show(notices: readonly NoticeView[]): void
  remove(): void
}

/**
 * The banner's DOM: a host element with an open shadow root holding a `role="status"` region,
 * one item per notice with a close button. Every text is set as text. Re-rendered only when what
 * it shows changes, so a keyboard user's focus is not lost on a status re-read.
 *
 * @example
 * const view = createBannerView(document.body, strings, lang, (notice) => hide(notice))
 * view.show(noticeViews(known, strings, lang, Date.now()))
 */
export function createBannerView(
  container: HTMLElement,
  t: Strings,
  lang: string,
  onDismiss: (notice: NoticeView) => void,
): BannerView {
  const host = el('div', { 'data-startup-help': 'banner' })
  const root = attachStyledRoot(host, BANNER_CSS)
  const list = el('ul')
  const region = el(
    'div',
    { class: 'shb', role: 'status', lang, 'aria-label': t.banner_label },
    list,
  )
  root.append(region)
  container.prepend(host)
  let shown = ''

  return {
    show(notices) {
      const signature = JSON.stringify(notices.map((n) => [n.id, n.fingerprint, n.when, n.state]))
      host.hidden = notices.length === 0
      if (signature === shown) return
      shown = signature
      const focusedId = (root.activeElement as HTMLElement | null)?.dataset.noticeId ?? null
      list.replaceChildren(...notices.map((notice) => item(notice)))
      if (focusedId) focusNotice(focusedId)
    },
    remove() {
      host.remove()
    },
  }

  function focusNotice(id: string) {
    for (const button of Array.from(root.querySelectorAll<HTMLElement>('.shb-close'))) {
      if (button.dataset.noticeId === id) button.focus()
    }
  }

  function item(notice: NoticeView): HTMLElement {
    const label = [notice.severityLabel, notice.when].filter(Boolean).join(' · ')
    const close = el(
      'button',
      {
        type: 'button',
        class: 'shb-close',
        'data-notice-id': notice.id,
        'aria-label': `${t.dismiss_notice}: ${notice.title || label || notice.body.slice(0, 60)}`,
      },
      '×',
    )
    const element = el(
      'li',
      { class: `shb-notice${notice.severity ? ` shb-severity-${notice.severity}` : ''}` },
      el(
        'div',
        { class: 'shb-text' },
        label && el('p', { class: 'shb-label' }, label),
        notice.title && el('p', { class: 'shb-title' }, notice.title),
        el('p', { class: 'shb-body' }, notice.body),
      ),
      close,
    )
    const hide = () => {
      // Keep keyboard users in the banner: focus the next close button, else the previous one.
      const buttons = Array.from(root.querySelectorAll<HTMLElement>('.shb-close'))
      const at = buttons.indexOf(close)
      const nextId = (buttons[at + 1] ?? buttons[at - 1])?.dataset.noticeId ?? null
      onDismiss(notice)
      if (nextId) focusNotice(nextId)
    }
    close.addEventListener('click', hide)
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') hide()
    })
    return element
  }
}
