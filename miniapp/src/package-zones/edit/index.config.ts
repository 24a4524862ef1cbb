export default definePageConfig({
  navigationBarTitleText: '添加巡区',
})
