/** `--profile`: the instances' V8 CPU profiles (node --cpu-prof), summarised as self time per function. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export function summariseProfiles(dir: string, limit = 15): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  return files
    .map((file) => {
      const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
      const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
      const self = new Map<string, number>();
      let total = 0;
      profile.samples.forEach((id, i) => {
        const frame = frames.get(id)!;
        const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
        const dt = profile.timeDeltas[i] ?? 0;
        self.set(key, (self.get(key) ?? 0) + dt);
        total += dt;
      });
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, limit);
      return [`${file} (${(total / 1e6).toFixed(1)} s sampled), self time:`, ...top.map(([k, t]) => `  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`)].join('\n');
    })
    .join('\n');
}
