import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { composedUrl } from '../runtime/composition';
import { DEFAULT_SUBGRAPH_PORTS, loadConfig } from '../runtime/config';

const root = path.join(__dirname, '..');
const overlays = path.join(root, 'deploy', 'kubernetes', 'overlays');
const services = ['gateway', ...SUBGRAPH_NAMES];
const portOf = (name: string) => (name === 'gateway' ? 4000 : DEFAULT_SUBGRAPH_PORTS[name as keyof typeof DEFAULT_SUBGRAPH_PORTS]);

/** What `kubectl kustomize` renders for a kustomization (no cluster is asked). */
function render(dir: string) {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const documents: any[] = parseAllDocuments(text)
    .map((doc) => doc.toJSON())
    .filter(Boolean);
  const of = (kind: string): any[] => documents.filter((doc) => doc.kind === kind);
  const named = (kind: string, name: string): any => of(kind).find((doc) => doc.metadata.name === name);
  return { text, documents, of, named };
}

/** The tag of an image reference: what follows the last ':' after the last '/'. */
function tagOf(image: string): string {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : '';
}

/** A Job name the API server accepts: a DNS-1123 subdomain of at most 63 characters (it is also a label value on its pods). */
const JOB_NAME = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Renders a kustomization, made in a temporary folder, that wraps `inner` and sets another tag the
 * way a release does (`images:`), carrying the overlay's release-name.yaml as the README tells a wrapper to.
 */
function renderWithTag(inner: string, releaseNameFile: string, image: string, tag: string) {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'scotland-graph-release-')));
  try {
    copyFileSync(releaseNameFile, path.join(dir, 'release-name.yaml'));
    const kustomization = {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      // kustomize takes only relative paths to other kustomizations.
      resources: [path.relative(dir, realpathSync(inner))],
      images: [{ name: image, newTag: tag }],
      replacements: [{ path: 'release-name.yaml' }],
    };
    writeFileSync(path.join(dir, 'kustomization.yaml'), stringify(kustomization));
    return { dir, rendered: render(dir) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

type Labels = Record<string, string>;
interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** Whether a Kubernetes label selector matches these labels (an empty selector matches all). */
function matches(selector: LabelSelector, labels: Labels): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    return !(key in labels);
  });
  return byLabel && byExpression;
}

/** A namespace selector that names one namespace by the label Kubernetes gives every namespace. */
const namespaceNamed = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });

/** Every pod template: the Deployments' and the migrate Job's. */
const podTemplates = (rendered: ReturnType<typeof render>) =>
  [...rendered.of('Deployment'), ...rendered.of('Job')].map((doc) => ({ name: doc.metadata.name as string, spec: doc.spec.template.spec }));

/** Every key named `key` anywhere in a document, with the path to it. */
function keysNamed(value: unknown, key: string, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keysNamed(item, key, `${at}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, inner]) => [...(name === key ? [`${at}.${name}`] : []), ...keysNamed(inner, key, `${at}.${name}`)]);
}

describe.each(['development', 'production'])('the %s overlay', (overlay) => {
  const rendered = render(path.join(overlays, overlay));

  it('has a Deployment, Service and PodDisruptionBudget for the gateway and each subgraph, and one migrate Job', () => {
    for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget']) {
      expect({
        kind,
        names: rendered
          .of(kind)
          .map((doc) => doc.metadata.name)
          .sort(),
      }).toEqual({ kind, names: [...services].sort() });
    }
    expect(rendered.of('Job')).toHaveLength(1);
    expect(rendered.of('Ingress').map((doc) => doc.metadata.name)).toEqual(['gateway']);
    // Nothing else, and no Secret: those come from the secret store, referred to by name.
    const kinds = ['ConfigMap', 'Deployment', 'Ingress', 'Job', 'NetworkPolicy', 'PodDisruptionBudget', 'PrometheusRule', 'Service', 'ServiceMonitor'];
    if (overlay === 'production') kinds.push('HorizontalPodAutoscaler');
    expect([...new Set(rendered.documents.map((doc) => doc.kind))].sort()).toEqual(kinds.sort());
  });

  it('runs compiled entry points through the image entry point: args that start with node and name a dist/ file built from a source that exists', () => {
    for (const { name, spec } of podTemplates(rendered)) {
      for (const container of spec.containers) {
        const args: string[] = container.args;
        expect({ name, command: container.command }).toEqual({ name, command: undefined });
        expect({ name, runtime: args[0] }).toEqual({ name, runtime: 'node' });
        const entry = /^dist\/(.+)\.js$/.exec(args[1]);
        expect({ name, entry: args[1], compiled: Boolean(entry) }).toEqual({ name, entry: args[1], compiled: true });
        expect({ name, source: `${entry![1]}.ts`, exists: existsSync(path.join(root, `${entry![1]}.ts`)) }).toEqual({
          name,
          source: `${entry![1]}.ts`,
          exists: true,
        });
      }
    }
    const argsOf = (kind: string, name: string) => rendered.named(kind, name).spec.template.spec.containers[0].args;
    expect(argsOf('Deployment', 'gateway')).toEqual(['node', 'dist/runtime/bin/gateway.js']);
    for (const name of SUBGRAPH_NAMES) expect(argsOf('Deployment', name)).toEqual(['node', 'dist/runtime/bin/subgraph.js', name]);
    expect(rendered.of('Job')[0].spec.template.spec.containers[0].args).toEqual(['node', 'dist/scripts/migrate.js']);
  });

  it('never runs the TypeScript sources (no npx, no tsx) nor replaces the image entry point (no command)', () => {
    expect(rendered.text).not.toMatch(/\bnpx\b|\btsx\b/);
    expect(rendered.documents.flatMap((doc) => keysNamed(doc, 'command').map((at) => `${doc.kind}/${doc.metadata.name}${at}`))).toEqual([]);
  });

  it('names the migrate Job after the image tag, in a name the API server accepts, and cleans old Jobs away', () => {
    const image: string = rendered.named('Deployment', 'gateway').spec.template.spec.containers[0].image;
    const tag = tagOf(image);
    expect(tag).not.toBe('');
    // One image for every process, the Job's included.
    for (const { name, spec } of podTemplates(rendered)) expect({ name, image: spec.containers[0].image }).toEqual({ name, image });
    const job = rendered.of('Job')[0];
    expect(job.metadata.name).toBe(`scotland-graph-migrate-${tag}`);
    expect(job.metadata.name).toMatch(JOB_NAME);
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(job.spec.backoffLimit).toBeGreaterThan(0);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('gives the next release a Job of its own: the same build with another tag renders another Job name', () => {
    const dir = path.join(overlays, overlay);
    const releaseNameFile = path.join(dir, 'release-name.yaml');
    // Every overlay carries the same file (kustomize reads none from outside the overlay's folder).
    expect(readFileSync(releaseNameFile, 'utf8')).toBe(readFileSync(path.join(overlays, 'production', 'release-name.yaml'), 'utf8'));
    const image = parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')).images[0].newName;
    const before = rendered.of('Job')[0].metadata.name;
    // A pre-release tag with '-' in it, and then, wrapped once more, the release: the second build
    // starts from the name template, so no part of the first tag is left behind.
    const candidate = renderWithTag(dir, releaseNameFile, image, '1.4.2-rc.1');
    try {
      const release = renderWithTag(candidate.dir, releaseNameFile, image, '1.4.2');
      try {
        const names = [before, candidate.rendered.of('Job')[0].metadata.name, release.rendered.of('Job')[0].metadata.name];
        expect(names.slice(1)).toEqual(['scotland-graph-migrate-1.4.2-rc.1', 'scotland-graph-migrate-1.4.2']);
        expect(new Set(names).size).toBe(3);
        for (const { name, spec } of podTemplates(release.rendered))
          expect({ name, image: spec.containers[0].image }).toEqual({ name, image: `${image}:1.4.2` });
      } finally {
        rmSync(release.dir, { recursive: true, force: true });
      }
    } finally {
      rmSync(candidate.dir, { recursive: true, force: true });
    }
  });

  it.each(services)('gives %s probes, resources, the port the code uses, and secrets by reference only', (name) => {
    const container = rendered.named('Deployment', name).spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    // The gateway's readiness is /healthz on purpose (gateway.yaml says why); a subgraph's is /readyz.
    expect(container.readinessProbe.httpGet.path).toBe(name === 'gateway' ? '/healthz' : '/readyz');
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.ports[0].containerPort).toBe(portOf(name));
    const service = rendered.named('Service', name);
    expect(service.spec.ports[0]).toMatchObject({ port: portOf(name), targetPort: container.ports[0].name });
    const env = container.env as { name: string; value?: string; valueFrom?: any }[];
    const secrets = env.filter((e) => /DATABASE_URL|SECRET/.test(e.name));
    const secretOf = (variable: string) => (variable.startsWith('SUBGRAPH_SECRET') ? 'scotland-graph-subgraph-secret' : 'scotland-graph-database');
    for (const variable of secrets)
      expect({ name: variable.name, secret: variable.valueFrom?.secretKeyRef?.name, value: variable.value }).toEqual({
        name: variable.name,
        secret: secretOf(variable.name),
        value: undefined,
      });
    // Production refuses to start a gateway or subgraph without the secret the gateway signs subgraph calls with.
    expect(env.find((e) => e.name === 'SUBGRAPH_SECRET')?.valueFrom?.secretKeyRef).toEqual({ name: 'scotland-graph-subgraph-secret', key: 'current' });
    if (name !== 'gateway') {
      expect(env.find((e) => e.name === 'SUBGRAPH_SECRET_PREVIOUS')?.valueFrom?.secretKeyRef).toEqual({
        name: 'scotland-graph-subgraph-secret',
        key: 'previous',
        optional: true,
      });
    }
    if (name !== 'gateway') expect(env.find((e) => e.name === `${name.toUpperCase()}_PORT`)?.value).toBe(String(portOf(name)));
  });

  it('runs every pod without privileges, API token or docker-link variables, on a read-only root with a /tmp of its own', () => {
    for (const { name, spec } of podTemplates(rendered)) {
      expect({ name, pod: spec }).toMatchObject({
        name,
        pod: {
          automountServiceAccountToken: false,
          // Kubernetes would set e.g. PAYMENTS_PORT=tcp://10.0.0.7:4003, which loadConfig refuses.
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        },
      });
      const tmp = spec.volumes.find((volume: any) => volume.emptyDir);
      for (const container of spec.containers) {
        expect({ name, securityContext: container.securityContext }).toEqual({
          name,
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        });
        expect({ name, mounts: container.volumeMounts }).toEqual({ name, mounts: [{ name: tmp?.name, mountPath: '/tmp' }] });
      }
    }
    // Why service links stay off: the variable Kubernetes makes for the payments Service stops every process at start.
    const settings = rendered.named('ConfigMap', 'scotland-graph').data;
    const database = { DATABASE_URL: 'postgres://graph_admin@postgres.example.internal/scotland_graph' };
    expect(() => loadConfig({ ...settings, ...database, PAYMENTS_PORT: 'tcp://10.0.0.7:4003' })).toThrow(/PAYMENTS_PORT/);
  });

  it('lets each pod drain: a preStop sleep, then SHUTDOWN_TIMEOUT_MS, inside the grace period', () => {
    const settings = rendered.named('ConfigMap', 'scotland-graph').data;
    const shutdownSeconds =
      loadConfig({ ...settings, DATABASE_URL: 'postgres://graph_admin@postgres.example.internal/scotland_graph' }).shutdownTimeoutMs / 1000;
    expect(shutdownSeconds).toBeGreaterThan(0);
    for (const deployment of rendered.of('Deployment')) {
      const name = deployment.metadata.name;
      const pod = deployment.spec.template.spec;
      const preStop = pod.containers[0].lifecycle?.preStop?.sleep?.seconds;
      expect({ name, preStop: preStop > 0 }).toEqual({ name, preStop: true });
      const grace = pod.terminationGracePeriodSeconds;
      expect({ name, preStop, shutdownSeconds, grace, exceeds: grace > preStop + shutdownSeconds }).toEqual({
        name,
        preStop,
        shutdownSeconds,
        grace,
        exceeds: true,
      });
    }
  });

  it('rolls out new pods before taking old ones away, lets a subgraph wait for its migrations, and lets drains take one pod at a time', () => {
    for (const deployment of rendered.of('Deployment')) {
      const name = deployment.metadata.name;
      expect({ name, strategy: deployment.spec.strategy }).toMatchObject({ name, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } } });
      const container = deployment.spec.template.spec.containers[0];
      if (name !== 'gateway') {
        const startup = container.startupProbe;
        expect({ name, path: startup?.httpGet.path }).toEqual({ name, path: '/healthz' });
        // Longer than liveness would allow, so a pod waiting out a long migration is not restarted.
        expect(startup.periodSeconds * startup.failureThreshold).toBeGreaterThan(
          container.livenessProbe.periodSeconds * container.livenessProbe.failureThreshold,
        );
      }
      const budget = rendered.named('PodDisruptionBudget', name);
      expect({ name, budget: budget.spec }).toEqual({ name, budget: { maxUnavailable: 1, selector: deployment.spec.selector } });
    }
  });

  describe('NetworkPolicies', () => {
    const policies = rendered.of('NetworkPolicy').filter((policy) => policy.spec.policyTypes.includes('Ingress'));
    const labelsOf = (kind: string, name: string): Labels => rendered.named(kind, name).spec.template.metadata.labels;
    const job = rendered.of('Job')[0];
    const pods = [
      ...services.map((name) => ({ name, labels: labelsOf('Deployment', name) })),
      { name: 'migrate', labels: job.spec.template.metadata.labels as Labels },
    ];
    /** The ingress rules that admit connections to a pod: every rule of every policy selecting it. */
    const rulesFor = (labels: Labels): any[] =>
      policies.filter((policy) => matches(policy.spec.podSelector, labels)).flatMap((policy) => policy.spec.ingress ?? []);
    /** The peers a pod admits, each with the ports it may reach. */
    const peersOf = (labels: Labels) =>
      rulesFor(labels).flatMap((rule) => (rule.from ?? [{ everyone: true }]).map((peer: any) => ({ peer, ports: rule.ports })));

    it('isolate every pod of the graph, the migrate Job included, which admits no one', () => {
      for (const { name, labels } of pods)
        expect({ name, isolated: policies.some((policy) => matches(policy.spec.podSelector, labels)) }).toEqual({ name, isolated: true });
      expect(peersOf(job.spec.template.metadata.labels)).toEqual([]);
    });

    it.each(SUBGRAPH_NAMES)('admit to %s only the gateway pods of this namespace, and Prometheus, on its port', (name) => {
      const gateway = labelsOf('Deployment', 'gateway');
      const peers = peersOf(labelsOf('Deployment', name));
      const port = rendered.named('Deployment', name).spec.template.spec.containers[0].ports[0];
      expect(peers.length).toBeGreaterThan(0);
      for (const { peer, ports } of peers) {
        // A pod selector alone means this namespace; it must select the gateway and no subgraph.
        const fromGateway =
          Object.keys(peer).join() === 'podSelector' &&
          matches(peer.podSelector, gateway) &&
          SUBGRAPH_NAMES.every((subgraph) => !matches(peer.podSelector, labelsOf('Deployment', subgraph)));
        const fromMonitoring = JSON.stringify(peer) === JSON.stringify(namespaceNamed('monitoring'));
        expect({ peer, admitted: fromGateway || fromMonitoring }).toEqual({ peer, admitted: true });
        expect({ peer, ports }).toEqual({ peer, ports: [{ protocol: 'TCP', port: port.name }] });
      }
      expect(peers.some(({ peer }) => peer.podSelector && matches(peer.podSelector, gateway))).toBe(true);
      expect(peers.some(({ peer }) => JSON.stringify(peer) === JSON.stringify(namespaceNamed('monitoring')))).toBe(true);
    });

    it('admit to the gateway only the ingress controller and Prometheus, on its port', () => {
      const peers = peersOf(labelsOf('Deployment', 'gateway'));
      expect(peers.map(({ peer }) => peer)).toEqual([namespaceNamed('ingress-nginx'), namespaceNamed('monitoring')]);
      for (const { ports } of peers) expect(ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
    });
  });

  it('routes the Ingress to the gateway Service port, /graphql among its paths and never /metrics', () => {
    const [ingress] = rendered.of('Ingress');
    const service = rendered.named('Service', 'gateway');
    const paths = ingress.spec.rules.flatMap((rule: any) => rule.http.paths);
    expect(paths.map((entry: any) => entry.path)).toContain('/graphql');
    for (const entry of paths) {
      expect(entry.backend.service.name).toBe('gateway');
      expect(service.spec.ports.some((port: any) => port.name === entry.backend.service.port.name || port.port === entry.backend.service.port.number)).toBe(
        true,
      );
      expect(['/metrics', '/healthz', '/readyz']).not.toContain(entry.path);
    }
    for (const rule of ingress.spec.rules) expect(rule.host).toMatch(/^[a-z0-9.-]+$/);
  });

  it('has Prometheus scrape every Service of the graph, by a label each carries, on the port named in the ServiceMonitor', () => {
    const [monitor] = rendered.of('ServiceMonitor');
    expect(monitor.metadata.namespace).toBe(rendered.named('Service', 'gateway').metadata.namespace);
    const scraped = rendered.of('Service').filter((service) => matches(monitor.spec.selector, service.metadata.labels));
    expect(scraped.map((service) => service.metadata.name).sort()).toEqual([...services].sort());
    for (const service of scraped) expect(service.spec.ports.map((port: any) => port.name)).toContain(monitor.spec.endpoints[0].port);
    expect(rendered.of('PrometheusRule')).toHaveLength(1);
  });

  it('points the gateway at each subgraph by its Service name and port', () => {
    const env = rendered.named('Deployment', 'gateway').spec.template.spec.containers[0].env as { name: string; value: string }[];
    for (const name of SUBGRAPH_NAMES) {
      expect(env.find((e) => e.name === `${name.toUpperCase()}_URL`)?.value).toBe(composedUrl(name));
      expect(rendered.named('Service', name).spec.ports[0].port).toBe(portOf(name));
    }
  });

  it('has a ConfigMap the config module accepts', () => {
    const settings = rendered.named('ConfigMap', 'scotland-graph').data;
    const config = loadConfig({ ...settings, DATABASE_URL: 'postgres://graph_admin@postgres.example.internal/scotland_graph' });
    expect(config.environment).toBe('production');
    expect(config.gateway.corsOrigins.length).toBeGreaterThan(0);
    expect(config.redisUrl).toMatch(/^redis:\/\//);
    expect(config.auth.local).toBe(false);
  });
});

describe('the production overlay', () => {
  const rendered = render(path.join(overlays, 'production'));

  it('autoscales the gateway and each subgraph from at least two replicas, leaving the count to the autoscaler', () => {
    // A replicas field would reset a scaled-out Deployment to it on every apply.
    for (const deployment of rendered.of('Deployment'))
      expect({ name: deployment.metadata.name, replicas: deployment.spec.replicas }).toEqual({ name: deployment.metadata.name, replicas: undefined });
    expect(
      rendered
        .of('HorizontalPodAutoscaler')
        .map((doc) => doc.metadata.name)
        .sort(),
    ).toEqual([...services].sort());
    for (const hpa of rendered.of('HorizontalPodAutoscaler')) {
      expect({ name: hpa.metadata.name, min: hpa.spec.minReplicas >= 2 }).toEqual({ name: hpa.metadata.name, min: true });
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: hpa.metadata.name });
    }
  });

  it('keeps the production front door: no playground or introspection, an origin allow-list, shared rate limits', () => {
    const settings = rendered.named('ConfigMap', 'scotland-graph').data;
    const config = loadConfig({ ...settings, DATABASE_URL: 'postgres://graph_admin@postgres.example.internal/scotland_graph' });
    expect(config.gateway).toMatchObject({ playground: false, introspection: false, rateLimitPerMinute: 600 });
    // Behind the ingress controller: its forwarded address, not its own, is the client's.
    expect(config.gateway.trustProxy).toEqual({ hops: 1 });
  });

  it('serves only /graphql, on its host, over TLS', () => {
    const [ingress] = rendered.of('Ingress');
    expect(ingress.spec.rules.flatMap((rule: any) => rule.http.paths.map((entry: any) => `${entry.pathType} ${entry.path}`))).toEqual(['Exact /graphql']);
    const hosts = ingress.spec.rules.map((rule: any) => rule.host);
    expect(ingress.spec.tls).toEqual([{ hosts, secretName: expect.any(String) }]);
  });

  it('spreads each process over zones and nodes', () => {
    for (const deployment of rendered.of('Deployment')) {
      const keys = (deployment.spec.template.spec.topologySpreadConstraints ?? []).map((constraint: any) => constraint.topologyKey);
      expect({ name: deployment.metadata.name, keys }).toEqual({
        name: deployment.metadata.name,
        keys: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'],
      });
    }
  });
});

describe('the development overlay', () => {
  const rendered = render(path.join(overlays, 'development'));

  it('runs one replica of each process with no autoscaler, and opens the playground', () => {
    expect(rendered.of('HorizontalPodAutoscaler')).toEqual([]);
    for (const deployment of rendered.of('Deployment'))
      expect({ name: deployment.metadata.name, replicas: deployment.spec.replicas }).toEqual({ name: deployment.metadata.name, replicas: 1 });
    const settings = rendered.named('ConfigMap', 'scotland-graph').data;
    expect(loadConfig({ ...settings, DATABASE_URL: 'postgres://graph_admin@postgres.example.internal/scotland_graph' }).gateway.playground).toBe(true);
  });
});
