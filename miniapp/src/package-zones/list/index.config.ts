export default definePageConfig({
  navigationBarTitleText: '巡区管理',
  onReachBottomDistance: 80,
  // page-meta first in the WXML: the root font size follows WeChat's (issue 14, PageFrame)
  enablePageMeta: true,
})
