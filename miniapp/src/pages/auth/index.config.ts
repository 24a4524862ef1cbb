export default definePageConfig({
  navigationBarTitleText: '授权',
  // page-meta first in the WXML: the root font size follows WeChat's (issue 14, PageFrame)
  enablePageMeta: true,
})
