export default definePageConfig({
  navigationBarTitleText: '登录警务后台',
  // page-meta first in the WXML: the root font size follows WeChat's (issue 14, PageFrame)
  enablePageMeta: true,
})
