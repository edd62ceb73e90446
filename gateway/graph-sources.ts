import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { checkManifestAgainst, type PersistedQueryManifest, parseManifest, type Safelist } from './persisted-queries';
import { apiSchemaOf } from './supergraph';

/** A partner as its manifest describes it. */
export interface Partner {
  /** The `sub` of the partner's tokens: the manifest's file name. */
  clientId: string;
  /** The manifest it was read from. */
  file: string;
  /** The operations it may run, by id. */
  operations: Safelist;
  /** Its own rate-limit budget from the manifest, units a minute; null = none given. */
  rateLimitPerMinute: number | null;
}

export interface GraphSourcesOptions {
  /** The supergraph served from the start. */
  supergraphSdl: string;
  /** The file watched for a new supergraph; null = the start's is served until the process stops. @default null */
  supergraphPath: string | null;
  /** Partner safelists, `<dir>/<client id>.json`, watched too; null or missing = no partner may run anything. */
  safelistDir: string | null;
  /** How often the files are looked at for a change, in milliseconds; 0 = never. @default 2,000 */
  intervalMs: number;
  log: Logger;
  /** Where the loaded supergraph's hash (`graph_supergraph_info`) and reloads (`graph_supergraph_reloads_total`) are reported. */
  registry: Registry;
}

/** What one look at the files changed. */
export interface ReloadReport {
  supergraph: boolean;
  partners: boolean;
}

interface Supergraph {
  sdl: string;
  hash: string;
  schema: GraphQLSchema;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function partnerOf(file: string, manifest: PersistedQueryManifest): Partner {
  return {
    clientId: path.basename(file, '.json'),
    file,
    operations: new Map(manifest.operations.map((operation) => [operation.id, operation])),
    rateLimitPerMinute: manifest.rateLimitPerMinute ?? null,
  };
}

/** A manifest's partner, checked against a schema; throws ManifestError naming the file and the operation. */
function checkedPartner(file: string, text: string, schema: GraphQLSchema): Partner {
  const manifest = parseManifest(text, file);
  checkManifestAgainst(schema, manifest, file);
  return partnerOf(file, manifest);
}

/**
 * What the gateway serves from files: the supergraph and the partners'
 * safelists, loaded at start (where anything wrong stops the start, naming
 * the file and the operation) and then looked at every `intervalMs`. A new
 * version is validated before it is taken: a supergraph must compose and
 * every safelisted operation must validate against its API schema; a manifest
 * must parse and each of its operations validate. What passes is swapped in
 * at once (the supergraph through @apollo/gateway's own `update` callback, so
 * requests in flight finish on the schema they started with); what does not
 * is logged, naming the file, the operation and why, and the previous
 * version keeps serving. A manifest removed revokes that partner's list.
 */
export class GraphSources {
  private supergraph: Supergraph;
  private partnerMap: ReadonlyMap<string, Partner>;
  /** Each file's content hash when last looked at, taken or refused, so a refused version is reported once. */
  private readonly seen = new Map<string, string>();
  /** Manifests whose version on disk was refused, so they are looked at again when a new supergraph is taken. */
  private readonly refused = new Set<string>();
  private update: ((sdl: string) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly loaded: Gauge<'hash'>;
  private readonly reloads: Counter<'source' | 'outcome'>;
  /** Called after a look that changed something, before the next: the gateway warms the plans of the safelisted operations. */
  onReload: (report: ReloadReport) => Promise<void> = async () => undefined;

  constructor(private readonly options: GraphSourcesOptions) {
    this.supergraph = { sdl: options.supergraphSdl, hash: sha256(options.supergraphSdl), schema: apiSchemaOf(options.supergraphSdl) };
    if (options.supergraphPath) this.seen.set(options.supergraphPath, this.supergraph.hash);
    const partners = new Map<string, Partner>();
    for (const file of this.manifestFilesNow()) {
      const text = readFileSync(file, 'utf8');
      this.seen.set(file, sha256(text));
      const partner = checkedPartner(file, text, this.supergraph.schema);
      partners.set(partner.clientId, partner);
    }
    this.partnerMap = partners;
    this.loaded = new Gauge({
      name: 'graph_supergraph_info',
      help: 'The supergraph the gateway serves: 1 for its SHA-256.',
      labelNames: ['hash'],
      registers: [options.registry],
    });
    this.loaded.set({ hash: this.supergraph.hash }, 1);
    this.reloads = new Counter({
      name: 'graph_supergraph_reloads_total',
      help: 'New versions of the supergraph or a partner manifest found, by source (supergraph, manifest) and outcome (applied, or refused: the loaded one kept).',
      labelNames: ['source', 'outcome'],
      registers: [options.registry],
    });
    // Every series from zero, so an alert's increase() sees the first refusal.
    for (const source of ['supergraph', 'manifest']) for (const outcome of ['applied', 'refused']) this.reloads.inc({ source, outcome }, 0);
  }

  /** The supergraph being served. */
  get supergraphSdl(): string {
    return this.supergraph.sdl;
  }

  /** The SHA-256 of the supergraph being served. */
  get supergraphHash(): string {
    return this.supergraph.hash;
  }

  get partners(): ReadonlyMap<string, Partner> {
    return this.partnerMap;
  }

  partner(clientId: string): Partner | undefined {
    return this.partnerMap.get(clientId);
  }

  /** For ApolloGateway's `supergraphSdl`: serves the start's supergraph, keeps the `update` callback for reloads, and starts looking. */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    this.update = update;
    this.schedule();
    return { supergraphSdl: this.supergraph.sdl, cleanup: async () => this.stop() };
  };

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.options.intervalMs <= 0 || this.stopped) return;
    this.timer = setTimeout(() => {
      this.check()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'reload check failed'))
        .finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private manifestFilesNow(): string[] {
    const dir = this.options.safelistDir;
    if (!dir || !existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => path.join(dir, name));
  }

  private async manifestFiles(): Promise<Map<string, string>> {
    const dir = this.options.safelistDir;
    const texts = new Map<string, string>();
    if (!dir) return texts;
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((entry) => entry.endsWith('.json')).sort()) {
      const file = path.join(dir, name);
      // A file removed between the listing and the read is gone: the next look sees it so.
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text !== null) texts.set(file, text);
    }
    return texts;
  }

  /** A new supergraph on disk that composes, or null (unchanged, unreadable, or refused and logged). */
  private async newSupergraph(): Promise<Supergraph | null> {
    const file = this.options.supergraphPath;
    if (!file || !this.update) return null;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (this.seen.get(file) !== 'unreadable')
        this.options.log.warn({ file, reason: reasonOf(error) }, 'supergraph file unreadable: still serving the loaded one');
      this.seen.set(file, 'unreadable');
      return null;
    }
    const hash = sha256(text);
    if (hash === this.seen.get(file)) return null;
    this.seen.set(file, hash);
    if (hash === this.supergraph.hash) return null;
    try {
      return { sdl: text, hash, schema: apiSchemaOf(text) };
    } catch (error) {
      this.reloads.inc({ source: 'supergraph', outcome: 'refused' });
      this.options.log.error({ file, hash, reason: reasonOf(error) }, 'new supergraph refused: it is not a valid supergraph; still serving the loaded one');
      return null;
    }
  }

  /**
   * One look at the files. Exposed so a test can drive it; the gateway
   * calls it every `intervalMs`.
   */
  async check(): Promise<ReloadReport> {
    const started = Date.now();
    const report: ReloadReport = { supergraph: false, partners: false };
    let candidate = await this.newSupergraph();
    const texts = await this.manifestFiles();
    // A refused manifest deleted since is forgotten, so the same version written again is looked at again.
    for (const file of this.refused) {
      if (texts.has(file)) continue;
      this.refused.delete(file);
      this.seen.delete(file);
    }
    const changed = [...texts].filter(([file, text]) => this.seen.get(file) !== sha256(text));
    const removed = [...this.partnerMap.values()].filter((partner) => !texts.has(partner.file));
    if (this.stopped || (!candidate && changed.length === 0 && removed.length === 0)) return report;

    // The partners as they would be against a schema: changed manifests that pass, the previous versions of those that do not.
    const partnersAgainst = (schema: GraphQLSchema) => {
      const next = new Map(this.partnerMap);
      for (const partner of removed) next.delete(partner.clientId);
      const refused: { file: string; reason: string }[] = [];
      for (const [file, text] of changed) {
        try {
          const partner = checkedPartner(file, text, schema);
          next.set(partner.clientId, partner);
        } catch (error) {
          refused.push({ file, reason: reasonOf(error) });
        }
      }
      return { next, refused };
    };
    let { next, refused } = partnersAgainst(candidate?.schema ?? this.supergraph.schema);
    if (candidate) {
      // Every operation a partner may run must still validate, or the new supergraph waits.
      let broken: string | null = null;
      for (const partner of next.values()) {
        try {
          checkManifestAgainst(
            candidate.schema,
            { format: 'apollo-persisted-query-manifest', version: 1, operations: [...partner.operations.values()] },
            partner.file,
          );
        } catch (error) {
          broken = reasonOf(error);
          break;
        }
      }
      if (broken) {
        this.reloads.inc({ source: 'supergraph', outcome: 'refused' });
        this.options.log.error(
          { file: this.options.supergraphPath, hash: candidate.hash, reason: broken },
          'new supergraph refused: a safelisted operation would no longer validate; still serving the loaded one',
        );
        candidate = null;
        ({ next, refused } = partnersAgainst(this.supergraph.schema));
      }
    }
    if (candidate) {
      try {
        // Synchronous: @apollo/gateway builds the new schema and planner, and Apollo Server swaps them in, before this returns.
        this.update!(candidate.sdl);
        this.supergraph = candidate;
        this.loaded.reset();
        this.loaded.set({ hash: candidate.hash }, 1);
        this.reloads.inc({ source: 'supergraph', outcome: 'applied' });
        report.supergraph = true;
        // Manifests refused earlier, against the old schema, get another look against the new one.
        for (const file of this.refused) this.seen.delete(file);
      } catch (error) {
        this.reloads.inc({ source: 'supergraph', outcome: 'refused' });
        this.options.log.error(
          { file: this.options.supergraphPath, hash: candidate.hash, reason: reasonOf(error) },
          'new supergraph refused by the gateway; still serving the loaded one',
        );
        ({ next, refused } = partnersAgainst(this.supergraph.schema));
      }
    }
    for (const { file, reason } of refused) {
      this.reloads.inc({ source: 'manifest', outcome: 'refused' });
      this.options.log.error({ file, reason }, 'partner manifest refused: still serving its previous version, if any');
    }
    for (const [file, text] of changed) this.seen.set(file, sha256(text));
    for (const partner of removed) {
      this.seen.delete(partner.file);
      this.options.log.info({ file: partner.file, clientId: partner.clientId }, "partner manifest removed: the partner's operations are revoked");
    }
    const refusedNow = new Set(refused.map(({ file }) => file));
    const applied = changed.filter(([file]) => !refusedNow.has(file)).map(([file]) => file);
    for (const file of applied) this.refused.delete(file);
    for (const partner of removed) this.refused.delete(partner.file);
    for (const file of refusedNow) this.refused.add(file);
    if (applied.length > 0 || removed.length > 0) {
      this.partnerMap = next;
      this.reloads.inc({ source: 'manifest', outcome: 'applied' }, applied.length + removed.length);
      report.partners = true;
    }
    if (report.supergraph || report.partners) {
      await this.onReload(report);
      this.options.log.info(
        {
          supergraph: this.supergraph.hash,
          supergraphChanged: report.supergraph,
          manifestsApplied: applied,
          manifestsRemoved: removed.map((partner) => partner.file),
          partners: this.partnerMap.size,
          ms: Date.now() - started,
        },
        'reloaded: new versions validated, swapped in and their query plans warmed',
      );
    }
    return report;
  }
}
