// Taro plugin (issue 14): each page config sets enablePageMeta, so Taro's weapp page template
// starts with <page-meta>, bound to the page's <PageMeta> (components/page-frame: root-font-size
// from WeChat's font size). Taro's tag binds every page-meta attribute and event, and nests a
// <navigation-bar> bound to a <NavigationBar> that no page renders. Only root-font-size is ours:
// the others, unset, are left out (an empty navigation-bar title or background colour must not
// override the page's config), and so are the scroll and resize events (no page listens, and each
// would cross to the logic layer on every scroll).
const KEEP = ['data-sid', 'root-font-size']

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      const template = platform && platform.template
      if (!template || typeof template.buildPageTemplate !== 'function') return // H5
      const build = template.buildPageTemplate
      template.buildPageTemplate = (...args) =>
        build(...args).replace(/<page-meta\b([^>]*)>[\s\S]*?<\/page-meta>/, (_, attrs) => {
          const kept = [...attrs.matchAll(/([\w-]+)="([^"]*)"/g)].filter(([, name]) => KEEP.includes(name))
          return `<page-meta ${kept.map(([all]) => all).join(' ')}></page-meta>`
        })
    },
  })
}
