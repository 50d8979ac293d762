import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

// The layering of architecture.md, enforced: each folder lists what it may NOT import.
// A component importing lib/db, or lib/domain importing anything but zod, fails lint.

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: forbidden.map((group) => ({ group: [group, `${group}/**`], message })) },
    ],
  },
});

const serverLibs = ["@/lib/db", "@/lib/services", "@/lib/control-plane", "@/lib/billing", "@/lib/attestation", "@/lib/api", "@/lib/auth/server"];

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", ".next-*/**", "dist/**", ".data/**", ".test-data/**", "test-results/**", "playwright-report/**", "bench/results/**", "lib/db/migrations/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts (build, start, test helpers, the test identity provider).
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  layer(["lib/domain/**"], ["@/lib/*", "@/components", "@/app", "next", "react", "drizzle-orm"], "lib/domain is pure: zod only (architecture.md)."),
  layer(["lib/i18n/**"], ["@/lib/db", "@/lib/services", "@/lib/auth", "@/lib/api", "@/components", "@/app"], "lib/i18n depends on nothing app-specific."),
  layer(["components/ui/**"], ["@/lib/db", "@/lib/services", "@/lib/auth", "@/lib/api", "@/lib/control-plane", "@/lib/billing", "@/lib/attestation", "@/components/*/**", "@/app"], "components/ui are app-agnostic primitives."),
  layer(["components/**"], [...serverLibs, "@/app"], "Components never reach the server layers: use lib/client hooks and lib/domain types."),
  layer(["lib/client/**"], [...serverLibs, "@/lib/auth", "@/components", "@/app"], "lib/client runs in the browser: lib/domain only."),
  {
    // The one exception to "lib/client: lib/domain only": the isomorphic attestation verifier
    // (jose + WebCrypto, no server-only) must run in the customer's browser (issue 6).
    files: ["lib/client/attestations/verify-in-browser.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: [...[...serverLibs, "@/lib/auth", "@/components", "@/app"].filter((g) => g !== "@/lib/attestation").flatMap((g) => [g, `${g}/**`]), "@/lib/attestation/**", "!@/lib/attestation/verify-attestation"], message: "lib/client runs in the browser: lib/domain and the attestation verifier only." }] },
      ],
    },
  },
  // The SDK stands alone (a customer can copy lib/sdk out): its generated types and openapi-fetch.
  layer(["lib/sdk/**"], ["@/lib/*", "@/components", "@/app"], "lib/sdk depends on nothing of the app: it is the public API's typed client."),
  {
    // The `hinoki` CLI is a customer of the API: the SDK, lib/domain, lib/i18n and the isomorphic
    // attestation verifier (offline verification), never the server's layers.
    files: ["lib/cli/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: [...[...serverLibs, "@/lib/auth", "@/lib/client", "@/components", "@/app"].filter((g) => g !== "@/lib/attestation").flatMap((g) => [g, `${g}/**`]), "@/lib/attestation/**", "!@/lib/attestation/verify-attestation"], message: "lib/cli calls the API through lib/sdk only (and verifies attestations with the isomorphic verifier)." }] },
      ],
    },
  },
  layer(["lib/db/**"], ["@/lib/services", "@/lib/auth", "@/lib/api", "@/lib/control-plane/sim/**/!(schema)", "@/lib/billing", "@/lib/attestation", "@/components", "@/app"], "lib/db may import lib/domain only."),
  layer(["lib/auth/**"], ["@/lib/services", "@/lib/api", "@/lib/control-plane", "@/lib/billing", "@/lib/attestation", "@/components", "@/app"], "lib/auth may import lib/db and lib/domain."),
  {
    // One key-encryption mechanism (issue 14): lib/auth opens the client secrets of the orgs'
    // identity providers and the TOTP secrets with the KEK and envelope that seal the attestation
    // keys — and nothing else of lib/attestation.
    files: ["lib/auth/org-identity-providers.ts", "lib/auth/mfa/totp-secret-seal.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/services", "@/lib/services/**", "@/lib/api", "@/lib/api/**", "@/lib/control-plane", "@/lib/control-plane/**", "@/lib/billing", "@/lib/billing/**", "@/lib/attestation/**", "!@/lib/attestation/kek", "!@/lib/attestation/sealed-secret", "@/components", "@/components/**", "@/app", "@/app/**"], message: "lib/auth may import lib/db, lib/domain and the KEK envelope only." }] },
      ],
    },
  },
  layer(["lib/control-plane/**"], ["@/lib/services", "@/lib/auth", "@/lib/api", "@/lib/billing", "@/lib/attestation", "@/components", "@/app"], "lib/control-plane may import lib/domain (and the simulator its own tables through lib/db/client)."),
  layer(["lib/billing/**", "lib/attestation/**"], ["@/lib/services", "@/lib/auth", "@/lib/api", "@/lib/control-plane", "@/components", "@/app"], "Engines may import lib/db and lib/domain."),
  layer(["lib/services/**"], ["@/lib/api", "@/components", "@/app", "@/lib/client"], "Services never know about HTTP or UI."),
  layer(["lib/api/**"], ["@/lib/control-plane", "@/lib/billing", "@/lib/attestation", "@/components", "@/app"], "lib/api is the route-handler kit: auth and domain only."),
  layer(["app/api/**"], ["@/lib/db", "@/lib/control-plane", "@/lib/billing", "@/lib/attestation", "@/components"], "Route handlers are thin: lib/api, lib/services, lib/auth, lib/domain."),
  layer(["app/**/page.tsx", "app/**/layout.tsx"], ["@/lib/db", "@/lib/control-plane", "@/lib/billing", "@/lib/attestation"], "Pages are thin: call a service, render components."),
  {
    // Pages may render the OpenAPI document, but never use the route-handler kit itself.
    files: ["app/**/page.tsx", "app/**/layout.tsx"],
    ignores: ["app/docs/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/api", "@/lib/api/**"], message: "Pages are thin: lib/api is for route handlers." }, { group: ["@/lib/db", "@/lib/db/**", "@/lib/control-plane", "@/lib/control-plane/**", "@/lib/billing", "@/lib/billing/**", "@/lib/attestation", "@/lib/attestation/**"], message: "Pages are thin: call a service, render components." }] }] },
  },
  {
    // Tests are harnesses, not layers: an HTTP test may call a route handler and set up the
    // database it runs on. The layering applies to the code the tests exercise.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
