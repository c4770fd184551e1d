// npm run simulate [-- --url http://127.0.0.1:8080 --rate 2]: customers and
// colleagues against a running reference server (server/simulate.ts).
import { runBundled } from './run-bundled.mjs';

await runBundled('server/simulate.ts');
