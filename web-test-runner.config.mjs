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

const chromiumLaunchOptions = {
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
};

const chromium = chromeLauncher({ launchOptions: chromiumLaunchOptions });

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

// Forced colours (Windows High Contrast) and reduced motion, for test/forced-colors only. Chromium:
// puppeteer's emulateMediaFeatures refuses 'forced-colors', so the page's own CDP
// session sets it; the emulation belongs to the page and survives navigation.
const chromiumForcedColors = chromeLauncher({
  launchOptions: chromiumLaunchOptions,
  createPage: async ({ context }) => {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setEmulatedMedia', {
      features: [
        { name: 'forced-colors', value: 'active' },
        { name: 'prefers-reduced-motion', value: 'reduce' },
      ],
    });
    return page;
  },
});

chromiumForcedColors.name = 'Chromium forced-colors';

// Firefox: document_color_use 2 ("override the page's colours: always") is what
// turns on (forced-colors: active). On Linux it would paint with the ordinary
// desktop palette, whose Highlight (#3399ff) under HighlightText (white) is
// 2.9:1, so axe fails every selection drawn as the platform intends. A real
// high-contrast theme pairs them: these prefs give Windows' "High Contrast Black"
// (a dark palette, where Chromium's emulation is light: the two runs cover both).
const highContrastBlack = {
  'browser.display.background_color': '#000000', // Canvas
  'browser.display.foreground_color': '#ffffff', // CanvasText
  'browser.anchor_color': '#ffff00', // LinkText
  'ui.buttonface': '#000000',
  'ui.buttontext': '#ffffff',
  'ui.buttonborder': '#ffffff',
  'ui.-moz-field': '#000000',
  'ui.-moz-fieldtext': '#ffffff',
  'ui.highlight': '#1aebff',
  'ui.highlighttext': '#000000',
  'ui.selecteditem': '#1aebff',
  'ui.selecteditemtext': '#000000',
  'ui.graytext': '#3ff23f',
};

const firefoxForcedColors = chromeLauncher({
  launchOptions: {
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: { ...firefoxPrefs, 'browser.display.document_color_use': 2, ...highContrastBlack, 'ui.prefersReducedMotion': 1 },
  },
});

firefoxForcedColors.name = 'Firefox ESR forced-colors';

/** The launchers of `byName` that CARE_BROWSERS names (default: chromium,firefox), in that order. */
function pick(byName) {
  return (process.env.CARE_BROWSERS ?? 'chromium,firefox')
    .split(',')
    .map((name) => byName[name.trim()])
    .filter(Boolean);
}

// Run only by the forced-colours launchers (the group below), never by the plain ones.
const forcedColorsFiles = 'test/forced-colors/**/*.test.ts';

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
  // test/server runs in Node (npm run test:server), not in browsers.
  files: ['test/**/*.test.ts', `!${forcedColorsFiles}`, '!test/server/**'],
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
  browsers: pick({ chromium, firefox }),
  // WTR runs the default group above and every group here; `--group forced-colors` runs only this one.
  groups: [{ name: 'forced-colors', files: [forcedColorsFiles], browsers: pick({ chromium: chromiumForcedColors, firefox: firefoxForcedColors }) }],
};
