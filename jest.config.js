/** Jest runs TypeScript through ts-jest; Forge's UI bridge fake is installed before any test file. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/setup/bridge.ts'],
  transform: { '^.+\\.tsx?$': 'ts-jest' },
};
