// Shared accessibility helpers (issue 14). One vocabulary for both builds: H5 reads role / aria-*
// on the element (Taro passes them through); WeChat's screen reader reads aria-role / aria-label
// on weapp's view and text (supported since base library 2.7.1).

export const IS_H5 = process.env.TARO_ENV === 'h5'

let next = 0
/** A page-unique id for tying a label to its control (aria-labelledby / aria-describedby). */
export function uid(prefix: string): string {
  next += 1
  return `${prefix}-${next}`
}

/** The attributes that name and type an element as a control on this build. */
export function controlProps(role: string, label?: string): Record<string, unknown> {
  if (IS_H5) return { role, ...(label ? { 'aria-label': label } : {}) }
  return { 'aria-role': role, ...(label ? { 'aria-label': label } : {}) }
}

/** A heading of the given level (1: the page's own). */
export function headingProps(level = 1): Record<string, unknown> {
  return IS_H5 ? { role: 'heading', 'aria-level': level } : { 'aria-role': 'heading' }
}

/**
 * The props that name a Taro <Input> / <Textarea> by its visible label. H5: Taro's Input renders
 * the real <input> inside its wrapper, so the ids go to it through nativeProps; weapp: the label's
 * text as aria-label.
 */
export function labelled(labelId: string, label: string, describedBy?: string): Record<string, unknown> {
  if (IS_H5) {
    return {
      nativeProps: {
        'aria-labelledby': labelId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      },
    }
  }
  return { 'aria-label': label }
}

/** A text that is read out when it appears (field errors): role=alert in H5, aria-role in weapp. */
export function alertProps(): Record<string, unknown> {
  return IS_H5 ? { role: 'alert' } : { 'aria-role': 'alert' }
}

/** Props that hide a purely decorative element (icons drawn with CSS) from screen readers. */
export function decorative(): Record<string, unknown> {
  return IS_H5 ? { 'aria-hidden': 'true' } : { 'aria-hidden': true }
}

/** The text alternative of an <Image> (a QR code says what it is for). */
export function imageAlt(text: string): Record<string, unknown> {
  return IS_H5 ? { nativeProps: { alt: text } } : { 'aria-role': 'img', 'aria-label': text }
}
