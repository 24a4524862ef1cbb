export default definePageConfig({
  navigationBarTitleText: '巡区人员',
  onReachBottomDistance: 80,
})
