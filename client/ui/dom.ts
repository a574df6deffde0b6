type Child = Node | string | null | undefined | false

/**
 * Creates an element with attributes and children; strings become text nodes, never markup.
 * Event-handler attributes and URL attributes are refused here on purpose: links go through
 * `safeLink`, so every URL on the panel passes `isAllowedUrl`.
 *
 * @example
 * el('p', { class: 'sh-help-text' }, status.helpText) // text, even if it contains <img onerror>
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (/^on|^(href|src|action|formaction|srcdoc)$/i.test(name)) {
      throw new Error(`el(): attribute "${name}" must not be set here`)
    }
    element.setAttribute(name, value)
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    element.append(typeof child === 'string' ? document.createTextNode(child) : child)
  }
  return element
}

/**
 * A link only when `allowed` says the URL is safe (https/http/mailto/tel), else `null`; opened
 * in a new tab without giving it a handle on this page.
 *
 * @example
 * safeLink(status.helpUrl, 'Need help', isAllowedUrl) // null for 'javascript:alert(1)'
 */
export function safeLink(
  url: string | null,
  text: string,
  allowed: (url: string) => boolean,
  attributes: Record<string, string> = {},
): HTMLAnchorElement | null {
  if (url === null || !allowed(url)) return null
  const link = el('a', attributes, text)
  link.href = url
  if (!url.startsWith('mailto:') && !url.startsWith('tel:')) {
    link.target = '_blank'
    link.rel = 'noopener noreferrer'
  }
  return link
}
