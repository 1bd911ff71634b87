export default definePageConfig({ navigationBarTitleText: '', enablePullDownRefresh: false });
