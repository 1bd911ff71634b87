export default definePageConfig({ navigationBarTitleText: '', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
