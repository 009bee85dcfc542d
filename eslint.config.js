import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// Dependencies point inward: shared imports nothing of ours, core never reaches the shells.
const shellImports = [
  { group: ["electron", "electron/*"], message: "Electron belongs in src/main and src/preload only." },
  { group: ["react", "react-dom", "react-dom/*"], message: "React belongs in src/renderer only." },
  { group: ["**/main/**", "**/renderer/**", "**/cli/**", "**/preload/**", "**/sandbox/**"], message: "src/core and src/shared must not import the shells or the sandbox." },
];

export default tseslint.config(
  { ignores: ["dist/**", "release/**", "node_modules/**", "test-results/**", "playwright-report/**", "docs/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": ["error", { selector: "ExportDefaultDeclaration", message: "Use named exports." }],
    },
  },
  {
    files: ["src/core/**", "src/shared/**"],
    rules: { "no-restricted-imports": ["error", { patterns: shellImports }] },
  },
  {
    files: ["src/shared/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...shellImports, { group: ["**/core/**"], message: "src/shared imports nothing of ours." }] }] },
  },
  {
    files: ["src/renderer/**"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": ["error", { patterns: [
        { group: ["electron", "node:*", "fs", "path", "child_process"], message: "The renderer talks only to window.cdp." },
        { group: ["**/core/**", "**/main/**", "**/cli/**", "**/sandbox/**"], message: "The renderer uses src/shared only." },
      ] }],
    },
  },
  {
    files: ["*.config.js", "*.config.ts", "eslint.config.js", "vite.config.ts", "playwright.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
);
