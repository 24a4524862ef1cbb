// Taro plugin (issue 14): WeChat's screen reader reads aria-role / aria-label (and a few more ARIA
// attributes) on view, text, image, input, textarea and button since base library 2.7.1, but
// Taro's weapp template only passes the attributes it knows, so these would be dropped from the
// built WXML. Adding them to the template's component list makes Taro bind them like any other
// prop (`aria-label="{{i.<alias>}}"`). H5 needs nothing: Taro passes role / aria-* through.
const ARIA = ['aria-role', 'aria-label', 'aria-hidden', 'aria-disabled', 'aria-selected', 'aria-checked', 'aria-level', 'aria-live']

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      const template = platform && platform.template
      if (!template || typeof template.mergeComponents !== 'function') return // H5
      const attrs = Object.fromEntries(ARIA.map((name) => [name, "''"]))
      const patch = {}
      for (const comp of ['View', 'Text', 'Image', 'Input', 'Textarea', 'Button']) patch[comp] = attrs
      template.mergeComponents(ctx, patch)
    },
  })
}
