export default definePageConfig({ navigationBarTitleText: '群防群治线索举报', enablePageMeta: true })
