export default definePageConfig({
  navigationBarTitleText: '申报保安单位',
  enablePullDownRefresh: true,
})
