// The projects: `unit` (pure logic and components in jsdom), `node` (the sandbox
// issuer and the issuer client over real HTTP), `browser` (the built H5 app in
// Debian's chromium through playwright-core), `miniprogram` (the production WeChat and
// Alipay builds in the mini-program runtime harness, tools/miniprogram), `weapp-visual`
// (the WeChat build's pages rendered as WeChat lays them out, against baselines),
// `automator` (miniprogram-automator specs through the bridge's H5 backend),
// `automator-weapp` (the same specs on its weapp backend). `npm test` runs them in that
// order.
const shared = {
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@contract$': '<rootDir>/contract/index.ts',
    '^@contract/(.*)$': '<rootDir>/contract/$1',
    '\\.(css|scss)$': 'identity-obj-proxy',
    // Taro's runtime needs a mini-program or browser host: tests get a small real
    // implementation of the APIs the app uses (fetch-based request, in-memory storage).
    '^@tarojs/taro$': '<rootDir>/test/support/taro-node.ts',
    '^@tarojs/components$': '<rootDir>/test/support/taro-components.tsx',
  },
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // The build-time constants the app reads (config/index.ts defineConstants).
  setupFiles: ['<rootDir>/test/support/build-constants.ts'],
  // ESM-only packages that babel must turn into CommonJS for jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(valibot|@valibot|otpauth|@noble|@scure|@nutui|@tarojs)/)',
  ],
}

module.exports = {
  // Browser and automator tests wait on real pages; unit tests finish far below this.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/unit/**/*.test.{ts,tsx}', '<rootDir>/src/**/*.test.{ts,tsx}'],
      setupFilesAfterEnv: ['<rootDir>/test/unit/setup.ts'],
    },
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/node/**/*.test.ts', '<rootDir>/test/sandbox/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'miniprogram',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'weapp-visual',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/weapp-visual/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'automator',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/automator/**/*.spec.ts'],
      // Against real WeChat DevTools (CARDLET_AUTOMATOR_CLI) the H5 bridge's own specs
      // do not apply; they are left out rather than skipped.
      // weapp-protocol.spec.ts (the weapp backend's own) and embedded-host.spec.ts (a host
      // mini-program folder, always the weapp backend) are in automator-weapp only.
      testPathIgnorePatterns: process.env.CARDLET_AUTOMATOR_CLI
        ? [
            '/test/automator/protocol\\.spec\\.ts$',
            '/test/automator/production-bundle\\.spec\\.ts$',
            '/test/automator/weapp-protocol\\.spec\\.ts$',
            '/test/automator/embedded-host\\.spec\\.ts$',
          ]
        : [
            '/test/automator/weapp-protocol\\.spec\\.ts$',
            '/test/automator/embedded-host\\.spec\\.ts$',
          ],
    },
    // The same specs on the bridge's weapp backend (the production dist/weapp build in
    // the mini-program runtime harness). protocol.spec.ts checks the H5 bridge's own
    // protocol handling and production-bundle.spec.ts checks both bundles once, so both
    // run in the H5 project only. Not with DevTools, which is one backend of its own.
    ...(process.env.CARDLET_AUTOMATOR_CLI
      ? []
      : [
          {
            ...shared,
            displayName: 'automator-weapp',
            testEnvironment: 'node',
            testMatch: ['<rootDir>/test/automator/**/*.spec.ts'],
            setupFiles: [...shared.setupFiles, '<rootDir>/test/automator/backend-weapp.ts'],
            testPathIgnorePatterns: [
              '/test/automator/protocol\\.spec\\.ts$',
              '/test/automator/production-bundle\\.spec\\.ts$',
            ],
          },
        ]),
  ],
}
