#!/usr/bin/env node
// Prints one closing line for the whole `npm test` run from the runners' JSON reports, so CI
// (and people) see how many tests ran in total: "total: N passed, N failed". Arguments name the
// runners this run was meant to include (`unit e2e` by default); a missing report of one of
// them is a failure, a report of another is an older run's and is not counted.
import { existsSync, readFileSync } from "node:fs";

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

const unit = read(".run/reports/unit.json");
const e2e = read(".run/reports/e2e.json");
const included = process.argv.length > 2 ? process.argv.slice(2) : ["unit", "e2e"];
const counts = [
  ["unit", unit && { passed: unit.numPassedTests, failed: unit.numFailedTests }],
  ["e2e", e2e && { passed: e2e.stats.expected, failed: e2e.stats.unexpected + e2e.stats.flaky }],
].filter(([name]) => included.includes(name));
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
