const config = require('@backstage/cli/config/eslint-factory')(__dirname);

// components/common/ is shared by the pages: it never imports from them.
config.overrides.push({
  files: ['src/components/common/**/*.ts?(x)'],
  rules: {
    'no-restricted-imports': [
      2,
      {
        patterns: [
          // Backstage's own patterns, which this override replaces here.
          {
            group: [
              '*.stories*',
              '*.test*',
              '**/__testUtils__/**',
              '**/__mocks__/**',
            ],
          },
          {
            group: [
              '**/PodIpCapacityPage',
              '**/PodIpCapacityPage/**',
              '**/EntityPodIpCapacityContent',
              '**/EntityPodIpCapacityContent/**',
            ],
            message:
              'components/common/ is shared by the pages and must not import from them.',
          },
        ],
      },
    ],
  },
});

module.exports = config;
