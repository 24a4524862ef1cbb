import Taro from '@tarojs/taro'

// What the app says to the user, said so that everyone hears it (issue 14).
// - toast(): weapp's own Taro.showToast (WeChat's screen reader reads it); in H5 a toast that is
//   also a live region, so a screen reader announces it (Taro's H5 toast is silent).
// - announce(): a message read out without being shown (a field error already on screen).
// - dialog(): weapp's Taro.showModal; in H5 a real dialog: role=dialog, aria-modal, named by its
//   title and described by its text, focus moved in and given back, Tab kept inside, the page
//   behind inert, Esc and 取消 close it. Same options and answer as Taro.showModal, so a call
//   site changes only its name.

const IS_H5 = process.env.TARO_ENV === 'h5'
const BRAND = '#1064e0' // theme.scss $primary: weapp's modal buttons in the app's colour (5.4:1)

export type ToastOptions = { title: string; icon?: 'success' | 'error' | 'none' | 'loading'; duration?: number }
export type DialogOptions = {
  title?: string
  content?: string
  showCancel?: boolean
  cancelText?: string
  confirmText?: string
}

// ---- H5: one polite region (toasts) and one assertive region (errors), made before use ----
let politeRegion: HTMLElement | null = null
let assertiveRegion: HTMLElement | null = null
let toastTimer: ReturnType<typeof setTimeout> | undefined

function regions(): { polite: HTMLElement; assertive: HTMLElement } {
  if (!politeRegion || !politeRegion.isConnected) {
    politeRegion = document.createElement('div')
    politeRegion.className = 'qf-toast'
    politeRegion.setAttribute('role', 'status')
    politeRegion.setAttribute('aria-live', 'polite')
    politeRegion.setAttribute('aria-atomic', 'true')
    document.body.appendChild(politeRegion)
  }
  if (!assertiveRegion || !assertiveRegion.isConnected) {
    assertiveRegion = document.createElement('div')
    assertiveRegion.className = 'qf-sr-only'
    assertiveRegion.setAttribute('role', 'alert')
    assertiveRegion.setAttribute('aria-live', 'assertive')
    document.body.appendChild(assertiveRegion)
  }
  return { polite: politeRegion, assertive: assertiveRegion }
}

if (IS_H5 && typeof document !== 'undefined') {
  // The regions exist before the first message: a region made and filled at once is not read.
  if (document.body) regions()
  else document.addEventListener('DOMContentLoaded', () => regions())
}

/** Shows a short message; H5 announces it through the live region. */
export function toast({ title, icon = 'none', duration = 1500 }: ToastOptions): void {
  if (!IS_H5) {
    void Taro.showToast({ title, icon, duration }).catch(() => undefined)
    return
  }
  const { polite } = regions()
  if (toastTimer) clearTimeout(toastTimer)
  polite.textContent = ''
  // A fresh text node a tick later, so the same message twice is announced twice.
  setTimeout(() => {
    polite.textContent = title
    polite.classList.add('qf-toast--shown')
    polite.classList.toggle('qf-toast--success', icon === 'success')
  }, 30)
  toastTimer = setTimeout(() => {
    polite.classList.remove('qf-toast--shown')
    polite.textContent = ''
  }, Math.max(duration, 1500) + 30)
}

let announceTimer: ReturnType<typeof setTimeout> | undefined

/**
 * Reads a message out without showing anything (the text is on screen already, e.g. a field error).
 * The region empties again a few seconds later: left filled, a screen reader reading the next page
 * to its end would still find the old page's error there.
 */
export function announce(message: string): void {
  if (!IS_H5) return // weapp: the field error carries aria-role="alert"
  const { assertive } = regions()
  if (announceTimer) clearTimeout(announceTimer)
  assertive.textContent = ''
  setTimeout(() => {
    assertive.textContent = message
  }, 30)
  announceTimer = setTimeout(() => {
    assertive.textContent = ''
  }, 5000)
}

/** A confirmation (or, with showCancel false, a notice): resolves like Taro.showModal. */
export async function dialog(options: DialogOptions): Promise<{ confirm: boolean; cancel: boolean }> {
  if (!IS_H5) {
    const r = await Taro.showModal({
      title: options.title ?? '提示',
      content: options.content ?? '',
      showCancel: options.showCancel ?? true,
      cancelText: options.cancelText ?? '取消',
      confirmText: options.confirmText ?? '确定',
      confirmColor: BRAND,
    })
    return { confirm: r.confirm, cancel: !r.confirm }
  }
  const ok = await openDialog(options)
  return { confirm: ok, cancel: !ok }
}

let dialogs = 0

function openDialog({ title = '提示', content = '', showCancel = true, cancelText = '取消', confirmText = '确定' }: DialogOptions): Promise<boolean> {
  return new Promise((resolve) => {
    dialogs += 1
    const id = `qf-dialog-${dialogs}`
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const app = document.getElementById('app')

    const mask = document.createElement('div')
    mask.className = 'qf-dialog-mask'
    const box = document.createElement('div')
    box.className = 'qf-dialog'
    box.setAttribute('role', 'dialog')
    box.setAttribute('aria-modal', 'true')
    box.setAttribute('aria-labelledby', `${id}-title`)
    if (content) box.setAttribute('aria-describedby', `${id}-content`)
    box.tabIndex = -1

    const heading = document.createElement('h2')
    heading.id = `${id}-title`
    heading.className = 'qf-dialog__title'
    heading.textContent = title
    box.appendChild(heading)
    if (content) {
      const text = document.createElement('p')
      text.id = `${id}-content`
      text.className = 'qf-dialog__content'
      text.textContent = content
      box.appendChild(text)
    }
    const row = document.createElement('div')
    row.className = 'qf-dialog__actions'
    const button = (label: string, kind: string, answer: boolean) => {
      const b = document.createElement('button')
      b.type = 'button'
      b.className = `qf-dialog__btn qf-dialog__btn--${kind}`
      b.textContent = label
      b.addEventListener('click', () => close(answer))
      row.appendChild(b)
      return b
    }
    const cancel = showCancel ? button(cancelText, 'cancel', false) : null
    const confirm = button(confirmText, 'confirm', true)
    box.appendChild(row)
    mask.appendChild(box)

    // The page behind: inert (no focus, no clicks, and out of the accessibility tree).
    const wasInert = app?.hasAttribute('inert') ?? false
    app?.setAttribute('inert', '')

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault()
        close(false)
      } else if (e.key === 'Tab') {
        // Focus goes round the dialog's own buttons.
        const order = [cancel, confirm].filter((b): b is HTMLButtonElement => b !== null)
        const at = order.indexOf(document.activeElement as HTMLButtonElement)
        e.preventDefault()
        const step = e.shiftKey ? -1 : 1
        order[(at + step + order.length) % order.length].focus()
      }
    }
    let closed = false
    function close(answer: boolean) {
      if (closed) return
      closed = true
      document.removeEventListener('keydown', onKey, true)
      mask.remove()
      if (!document.querySelector('.qf-dialog-mask') && !wasInert) {
        app?.removeAttribute('inert')
      }
      if (returnTo?.isConnected) returnTo.focus()
      resolve(answer)
    }
    document.addEventListener('keydown', onKey, true)
    document.body.appendChild(mask)
    // The safe answer has the focus first (取消, or the only button of a notice).
    ;(cancel ?? confirm).focus()
  })
}
