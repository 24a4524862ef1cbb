export default definePageConfig({
  navigationBarTitleText: '单位审核',
  onReachBottomDistance: 80,
})
