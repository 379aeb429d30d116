import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**', '**/src/generated/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@qontak/*/src', '@qontak/*/src/*', '@qontak/*/dist', '@qontak/*/dist/*'],
              message:
                "Import another package through its public entry point ('@qontak/<name>'), never its src/ or dist/.",
            },
            {
              group: [
                '**/packages/*/src',
                '**/packages/*/src/**',
                '../../*/src',
                '../../*/src/**',
                '../../../packages/**',
              ],
              message:
                "Import another package through its public entry point ('@qontak/<name>'), never its src/.",
            },
            {
              group: ['@nestjs/*/utils/*', '@nestjs/*/internal/*', 'axios/lib/*', 'express/lib/*'],
              message: "Use a framework's public API, not its internals.",
            },
          ],
        },
      ],
    },
  },
);
