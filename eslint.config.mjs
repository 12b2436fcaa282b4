// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// Not type-aware: recommendedTypeChecked took about six times the CPU (64 s against 10 s here) for the whole repository.
export default tseslint.config(
  {
    ignores: ["dist/", "node_modules/", "coverage/", ".bench/", "test/fixtures/realPrograms/*/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // JSON is read with require() where a typed import would copy it into dist/.
      "@typescript-eslint/no-require-imports": ["error", { allow: ["\\.json$"] }],
      // The compiler's own convention (noUnusedLocals): a leading underscore marks a deliberately unused name.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/**/*.ts"],
    // Tests poke at loosely shaped JSON (SARIF logs, wire values) to check it.
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
