// The contract (src/issuer/contract) is one module of schemas for the app, the sandbox
// and the OpenAPI document alike: each schema is a top-level `v.object(...)` call, which
// a minifier must keep unless told the call is pure. Marked pure, the schemas only the
// sandbox uses (its controls, request bodies) and the endpoint table leave the app.
const contractPureCalls = {
  test: /[\\/]src[\\/]issuer[\\/]contract[\\/]/,
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
    }
  }
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
    overrides: [contractPureCalls],
  }
}
