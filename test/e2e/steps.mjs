// What every end-to-end script shares: Debian's Chromium, one line per step,
// and the totals that .ci/run adds up from CARE_SUMMARY_FILE.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's Chromium (or CHROMIUM_PATH), headless, with nothing of its own talking to the network. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', ...extraArgs],
  });
}

/**
 * Steps that print ✓ or ✗ with the first lines of the failure. With
 * `stopOnFailure` a failed step throws on (later steps build on it); without,
 * the script goes on to its next check.
 */
export function createSteps({ stopOnFailure = true, lines = 6, describe = (error) => String(error?.message ?? error) } = {}) {
  let passed = 0;
  let failed = 0;
  return {
    async step(name, run) {
      try {
        await run();
        passed++;
        console.log(`  ✓ ${name}`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${name}\n    ${describe(error).split('\n').slice(0, lines).join('\n    ')}`);
        if (stopOnFailure) throw error;
      }
    },
    /** Prints `label: N passed, N failed`, adds both to the CI totals, and returns the exit code. */
    report(label, extra = '') {
      console.log(`${label}: ${passed} passed, ${failed} failed${extra}`);
      const summary = process.env.CARE_SUMMARY_FILE;
      if (summary) {
        const totals = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8') || '{}') : {};
        writeFileSync(summary, JSON.stringify({ ...totals, passed: (totals.passed ?? 0) + passed, failed: (totals.failed ?? 0) + failed }));
      }
      return failed ? 1 : 0;
    },
  };
}
