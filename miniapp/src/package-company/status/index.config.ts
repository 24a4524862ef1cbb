export default definePageConfig({
  navigationBarTitleText: '申报保安单位',
  enablePullDownRefresh: true,
  // page-meta first in the WXML: the root font size follows WeChat's (issue 14, PageFrame)
  enablePageMeta: true,
})
