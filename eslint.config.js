// One lint configuration for the whole workspace: typescript-eslint's strict, type-aware set.
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/dist/**",
      "**/generated/**",
      "artifacts/**",
      "apps/dashboard/next-env.d.ts",
      "**/*.js",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@stylistic": stylistic },
    rules: {
      // Prettier wraps code at 120 columns but leaves strings and comments alone; this holds them to it too.
      "@stylistic/max-len": ["error", { code: 120, ignoreUrls: true }],
      // Numbers read naturally in messages ("needs 3 attempts"); objects and nullables still may not be interpolated.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `() => void promise` and `(x) => set.add(x)` are idioms, not confusion.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
    },
  },
  {
    // Tests index arrays they just built; noUncheckedIndexedAccess makes them say so with `!`.
    files: ["**/*.test.ts", "**/test/**/*.ts", "**/bench/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
