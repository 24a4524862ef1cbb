export default definePageConfig({
  navigationBarTitleText: '单位从业人员',
  onReachBottomDistance: 80,
})
