#!/usr/bin/env node
// Prints one closing line for the whole `npm test` run from the runners' JSON reports, so CI
// (and people) see how many tests ran in total: "total: N passed, N failed". Arguments name the
// runners this run was meant to include (`unit e2e` by default); a missing report of one of
// them is a failure, a report of another is an older run's and is not counted.
import { existsSync, readFileSync } from "node:fs";

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

const vitest = (report) =>
  report && { passed: report.numPassedTests, failed: report.numFailedTests };
const playwright = (report) =>
  report && { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky };
const runners = {
  unit: () => vitest(read(".run/reports/unit.json")),
  "unit-postgres": () => vitest(read(".run/reports/unit-postgres.json")),
  e2e: () => playwright(read(".run/reports/e2e.json")),
  "e2e-postgres": () => playwright(read(".run/reports/e2e-postgres.json")),
  "e2e-processes": () => playwright(read(".run/reports/e2e-processes.json")),
};
const included = process.argv.length > 2 ? process.argv.slice(2) : ["unit", "e2e"];
const counts = included.map((name) => [name, runners[name]()]);
let passed = 0;
let failed = 0;
for (const [name, count] of counts) {
  if (!count) {
    console.log(`${name}: no report (did not run)`);
    failed++;
    continue;
  }
  console.log(`${name}: ${count.passed} passed, ${count.failed} failed`);
  passed += count.passed;
  failed += count.failed;
}
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
