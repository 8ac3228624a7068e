const path = require('node:path')

// NutUI is imported per component with its own CSS (the global stylesheet,
// node_modules/@nutui/nutui-react-taro/dist/style.css, is ~230 KB): `import { Button } from '@nutui/nutui-react-taro'` becomes the Button module
// and its stylesheet alone. The same plugin runs in jest so tests load the ES build, not
// the UMD one (which crashes on canvas in jsdom).
const nutuiImport = [
  'import',
  {
    libraryName: '@nutui/nutui-react-taro',
    camel2DashComponentName: false,
    customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
    customStyleName: (name) =>
      `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
  },
  'nutui-react-taro',
]

// The contract (contract/) is one module of schemas for the app, the sandbox
// and the OpenAPI document alike: each schema is a top-level `v.object(...)` call, which
// a minifier must keep unless told the call is pure. Marked pure, the schemas only the
// sandbox uses (its controls, request bodies) and the endpoint table leave the app.
const contractPureCalls = {
  test: (file) => Boolean(file) && file.startsWith(path.join(__dirname, 'contract') + path.sep),
  plugins: ['annotate-pure-calls'],
}

module.exports = (api) => {
  const isTest = api.env('test')
  if (isTest) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
      plugins: [nutuiImport],
    }
  }
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
    plugins: [nutuiImport],
    overrides: [contractPureCalls],
  }
}
