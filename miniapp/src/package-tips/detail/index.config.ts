export default definePageConfig({ navigationBarTitleText: '线索详情', enablePageMeta: true })
