import { mergeInternalComponents } from '@tarojs/shared'

// weapp only (issue 14): config/aria-plugin.js adds these attributes to the WXML template, where
// Taro binds every attribute under a short alias (aria-role="{{i.p7}}"). Taro's runtime computes
// the same aliases from its own list of component attributes, so the runtime must know them too,
// or it sends `ariaRole` while the template reads `p7` and WeChat's screen reader gets nothing.
// Keep this list equal to the plugin's (scripts/weapp/pages.mjs fails when a role goes unbound).
const ARIA = ['aria-role', 'aria-label', 'aria-hidden', 'aria-disabled', 'aria-selected', 'aria-checked', 'aria-level', 'aria-live']
const COMPONENTS = ['View', 'Text', 'Image', 'Input', 'Textarea', 'Button']

export function registerAriaAttributes() {
  const attrs = Object.fromEntries(ARIA.map((name) => [name, "''"]))
  mergeInternalComponents(Object.fromEntries(COMPONENTS.map((c) => [c, { ...attrs }])))
}
