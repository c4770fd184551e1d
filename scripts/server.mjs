// npm run server: the reference server (server/main.ts), bundled and run.
// Settings come from the environment: see the README, "Reference server".
import { runBundled } from './run-bundled.mjs';

await runBundled('server/main.ts');
