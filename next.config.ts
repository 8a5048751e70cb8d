import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: [
    "@xmpp/client",
    // Must be the copy @xmpp/client loads, since lib/xmpp/scram-limits.ts patches it.
    "sasl-scram-sha-1",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
  ],
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole tree first; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Tests build into their own folder so `npm test` can run beside a running `npm run up`.
  distDir: process.env.PUBFORGE_DIST_DIR ?? ".next",
  // `/…/mr/<id>.patch` (docs/architecture.md §3) is served by a route handler beside the page.
  async rewrites() {
    return {
      beforeFiles: [
        {
          source: "/p/:service/:slug/mr/:id([^/]+)\\.patch",
          destination: "/p/:service/:slug/mr-patch/:id",
        },
        // A project's Git repository, served by `git http-backend` (lib/scm/git-http.ts).
        {
          source: "/p/:service/:slug([^/]+)\\.git/:path*",
          destination: "/git/:service/:slug/:path*",
        },
        // A push for review into a scratch copy of it (lib/forge/repositories/hg-review.ts).
        {
          source: "/p/:service/:slug([^/]+)\\.hg/for/:branch",
          destination: "/hg/:service/:slug/for/:branch",
        },
        // A project's Mercurial repository, served by hgweb (lib/scm/hg-http.ts).
        {
          source: "/p/:service/:slug([^/]+)\\.hg",
          destination: "/hg/:service/:slug",
        },
      ],
    };
  },
};

export default nextConfig;
