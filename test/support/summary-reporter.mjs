// Writes the run's totals to $CARE_SUMMARY_FILE so .ci/run can print one closing line.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
  return totals;
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test has no test results: count it.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed += 1;
      }
      const file = process.env.CARE_SUMMARY_FILE;
      if (file) writeFileSync(file, JSON.stringify(totals));
    },
  };
}
