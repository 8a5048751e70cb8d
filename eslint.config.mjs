import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Components receive server actions as props from the pages, so the UI never depends on
    // routes (and a route can be moved without touching the forms it renders).
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/app|(\\.\\./)+app)(/|$)",
              message:
                "Components import nothing from app/: take the server action as a prop, and its state type from lib/http/form-state.",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "test-results/**",
      "playwright-report/**",
      ".run/**",
      "lib/generated/**",
      "node_modules/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
