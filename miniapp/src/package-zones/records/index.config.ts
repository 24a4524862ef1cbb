export default definePageConfig({
  navigationBarTitleText: '到岗记录',
  onReachBottomDistance: 80,
})
