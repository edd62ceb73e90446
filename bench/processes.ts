/** The benchmark's processes: started as children, stopped, and read from /proc (CPU time, resident memory). */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSupergraph } from '../gateway/supergraph';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { composedUrl } from '../runtime/composition';

export function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Starts a child and resolves with its first stdout line that starts with `prefix`. */
export function startChild(entry: string, env: NodeJS.ProcessEnv, prefix: string, logFile: string): Promise<{ child: ChildProcess; line: string }> {
  // BENCH_CPU_PROF=ours (or subgraphs, memo-subgraphs, apollo, hive, router): a V8 CPU profile of that process under bench/tmp/profiles.
  const profiled = (process.env.BENCH_CPU_PROF ?? '').split(',').includes(path.basename(entry, '.ts'));
  const flags = profiled ? ['--cpu-prof', '--cpu-prof-dir', path.join(path.dirname(logFile), 'profiles')] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    let found = false;
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (found) return;
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(prefix)) {
          found = true;
          resolve({ child, line: line.slice(prefix.length).trim() });
          return;
        }
        log.push(line);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.startsWith('bench:')) process.stderr.write(text);
      else log.push(text);
    });
    child.on('exit', (code) => {
      writeFileSync(logFile, log.join('\n'));
      if (!found) reject(new Error(`${entry} exited (${code}) before it was ready; its output is in ${logFile}`));
    });
  });
}

/** SIGTERM, then wait for the exit (so a CPU profile is written). */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** CPU time a process has used so far, in milliseconds (utime + stime from /proc; Linux's clock tick is 100 Hz). */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Writes the stage's supergraph: the composed one with `urls` as the subgraphs' addresses. */
export function supergraphFor(root: string, tmp: string, urls: Record<string, string>, file: string): string {
  let supergraphSdl = readSupergraph(root);
  for (const name of SUBGRAPH_NAMES) supergraphSdl = supergraphSdl.replace(composedUrl(name), urls[name]);
  const supergraphFile = path.join(tmp, file);
  writeFileSync(supergraphFile, supergraphSdl);
  return supergraphFile;
}
