// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// It also compiles ../shared/src (see compile.include in config/index.ts), so TS is transpiled for every target.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
