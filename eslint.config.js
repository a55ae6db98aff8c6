// ESLint 9 flat config: typescript-eslint's strict and stylistic type-checked rules over src/, bench/ and tests/
// (`npm run lint`). A rule turned off below says why it is wrong for this codebase.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // noUncheckedIndexedAccess types every indexed read T | undefined; `!` after a bounds-checked index is how the index's loops say so.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Services are plain objects of closures declared with method syntax; none uses `this`, so passing a method on is safe.
      '@typescript-eslint/unbound-method': 'off',
      // `[...text]` splits Chinese text into code points on purpose (lengths and offsets are counted in characters).
      '@typescript-eslint/no-misused-spread': 'off',
      // `() => {}` is the plain way to say "nothing to do" for a callback or a no-op stream end.
      '@typescript-eslint/no-empty-function': 'off',
      // `return answer(res, …)` and `return void (await ctx.reply(…))` are the handlers' one-line "reply and stop".
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // `text || fallback` on strings means "empty or missing": `??` would keep an empty name or setting.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // Replies and the paper's text use the ideographic space (U+3000), in templates as in strings.
      'no-irregular-whitespace': ['error', { skipTemplates: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Test fakes implement Promise-returning interfaces; `async () => value` says so more plainly than Promise.resolve.
      '@typescript-eslint/require-await': 'off',
      // vitest's asymmetric matchers (`expect.any(String)`) are typed `any`; they only go into expected values.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // `let x: T` filled in beforeAll is "always defined" to the checker, but afterAll must clean up after a failed setup.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
