// Four projects: `unit` (pure logic and components in jsdom), `node` (the sandbox
// issuer and the issuer client over real HTTP), `browser` (the built H5 app in
// Debian's chromium through playwright-core). `automator` (miniprogram-automator
// specs through the H5 bridge). `npm test` runs them in that order.
const shared = {
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '\\.(css|scss)$': 'identity-obj-proxy',
  },
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // ESM-only packages that babel must turn into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(valibot|@valibot|otpauth|@noble|@nutui|@tarojs)/)'],
}

module.exports = {
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
      moduleNameMapper: {
        ...shared.moduleNameMapper,
        // Real HTTP and storage on Node for the issuer client (test/support/taro-node.ts).
        '^@tarojs/taro$': '<rootDir>/test/support/taro-node.ts',
      },
      testMatch: ['<rootDir>/test/node/**/*.test.ts', '<rootDir>/test/sandbox/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      testTimeout: 60000,
    },
    {
      ...shared,
      displayName: 'automator',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/automator/**/*.spec.ts'],
      testTimeout: 120000,
    },
  ],
}
