// Runs every test in Debian's Chromium and Firefox ESR; no browser is downloaded.
// See ../shared/TOOLCHAIN.md for why each flag and pref is here.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { summaryReporter } from './test/support/summary-reporter.mjs';
import { httpBackendPlugin } from './test/support/http-backend-plugin.mjs';
import { prebundle } from './test/support/prebundle.mjs';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

// Firefox must not reach for the network: the machine has none, and retries slow it down.
process.env.MOZ_REMOTE_SETTINGS_DEVTOOLS = '1';
const firefoxPrefs = {
  'app.update.enabled': false,
  'app.update.auto': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'media.gmp-manager.url': 'data:,',
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
};

const chromium = chromeLauncher({
  launchOptions: {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
});

chromium.name = 'Chromium';

const firefox = chromeLauncher({
  launchOptions: {
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: firefoxPrefs,
  },
});

firefox.name = 'Firefox ESR';

// @lit-labs/virtualizer can trigger the benign "ResizeObserver loop" error, which
// mocha would count as a failure; swallow that one message, before mocha loads.
const testRunnerHtml = (testFramework) => `<!doctype html>
<html>
  <body>
    <script>
      window.addEventListener('error', (event) => {
        if (String(event.message).startsWith('ResizeObserver loop')) event.stopImmediatePropagation();
      });
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;

export default {
  testRunnerHtml,
  reporters: [defaultReporter(), summaryReporter()],
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  port: Number(process.env.WTR_PORT ?? 8765),
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    esbuildPlugin({
      ts: true,
      tsx: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    httpBackendPlugin({ path: '/care-api' }),
    // React (CommonJS) and Vue's full build for the framework examples, bundled as Vite would.
    prebundle({ commonjs: ['react', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'], esm: ['vue/dist/vue.esm-bundler.js'] }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  // CARE_BROWSERS=chromium (or firefox) narrows a local run; CI runs both.
  browsers: (process.env.CARE_BROWSERS ?? 'chromium,firefox')
    .split(',')
    .map((name) => ({ chromium, firefox })[name.trim()])
    .filter(Boolean),
};
