export default definePageConfig({
  navigationBarTitleText: '单位从业人员',
  onReachBottomDistance: 80,
  // page-meta first in the WXML: the root font size follows WeChat's (issue 14, PageFrame)
  enablePageMeta: true,
})
