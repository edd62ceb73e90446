/** `tsx bench/profile-summary.ts <file.cpuprofile>`: self time by function and by package, the top 40 of each. */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, time] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/.*\/work\/main\//, '');
  byFunction.set(
    `${functionName || '(anonymous)'} ${file}:${lineNumber}`,
    (byFunction.get(`${functionName || '(anonymous)'} ${file}:${lineNumber}`) ?? 0) + time,
  );
  const pkg =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.startsWith('node:') || file === '' ? file || '(native/gc/idle)' : file.split('/')[0]);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
}
const show = (map: Map<string, number>) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .forEach(([name, time]) => console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`));
console.log('By package:');
show(byPackage);
console.log('\nBy function:');
show(byFunction);
