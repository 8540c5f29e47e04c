import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@mogul/observability';
import { CUSTOM_RESOURCE_SCHEMAS, schemaProblems } from './custom-resources';
import { K8S_DIR, K8sObject, kustomizeVersion, nameOf, overlayNames, render, validateBuiltIns } from './render';
import { kafkaTopicsYaml, platformTopics } from './topics';
import { appFolders, configClassesOf, DATABASE_APPS, hasSources, PLATFORM_APPS, WORKSPACE_ROOT } from './workspace';
import { KAFKA_TOPIC_DEFAULTS, KAFKA_TOPICS_FILE } from './write-topics';

// Renders every overlay under k8s/overlays with `kubectl kustomize` and checks what would reach the
// cluster: every object against the API schemas, strictly (unknown fields are errors), then the
// platform's rules: hardened, probed, resourced containers; migrations in Jobs; a disruption budget
// per Deployment; network policies that let each app reach only DNS, Kafka and its own database;
// a KafkaTopic for every topic the contracts define; secrets referenced, never committed.

type Pod = K8sObject['spec'];
type Container = { name: string; image: string; [field: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const overlays = overlayNames();
kustomizeVersion();
const rendered = new Map(overlays.map((overlay) => [overlay, render(join(K8S_DIR, 'overlays', overlay))]));
const builtIns = validateBuiltIns(overlays.flatMap((overlay) => rendered.get(overlay) ?? []));
const documentedSecrets = readFileSync(join(WORKSPACE_ROOT, 'docs', 'operations.md'), 'utf8');

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind);
const appOf = (object: K8sObject): string | undefined => object.metadata.labels?.['app.kubernetes.io/name'];
const podLabels = (workload: K8sObject): Record<string, string> => workload.spec.template.metadata?.labels ?? {};
const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
const containersOf = (pod: Pod): Container[] => [...(pod.initContainers ?? []), ...pod.containers];

describe('k8s', () => {
  it('has the dev and prod overlays', () => {
    expect(overlays).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  it('deploys every app of the platform, including those under apps/', () => {
    expect(PLATFORM_APPS).toEqual(expect.arrayContaining(appFolders()));
  });

  it('keeps the generated KafkaTopics in step with the contracts (npm run k8s:topics rewrites them)', () => {
    expect(readFileSync(KAFKA_TOPICS_FILE, 'utf8')).toBe(kafkaTopicsYaml(platformTopics(), KAFKA_TOPIC_DEFAULTS));
  });

  describe.each(overlays)('overlays/%s', (overlay) => {
    const objects = rendered.get(overlay) ?? [];
    const deployments = ofKind(objects, 'Deployment');
    const jobs = ofKind(objects, 'Job');
    const workloads = [...deployments, ...jobs];
    const configMaps = new Map(ofKind(objects, 'ConfigMap').map((c) => [c.metadata.name, c.data as Record<string, string>]));
    const namespace = ofKind(objects, 'Namespace')[0]?.metadata.name;
    const sharedConfig = [...configMaps.entries()].find(([name]) => name.startsWith('mogul-config'))?.[1] ?? {};
    const partitions = Number(sharedConfig.KAFKA_PARTITIONS);

    it('renders one Deployment per platform app', () => {
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(PLATFORM_APPS);
    });

    it('has only objects that validate against their schemas, without unknown fields', () => {
      const own = (line: string) => objects.some((object) => line.startsWith(`${nameOf(object)}:`));
      expect(builtIns.problems.filter(own)).toEqual([]);
      const custom = objects.filter((object) => builtIns.skipped.includes(nameOf(object)));
      for (const object of custom) {
        const schema = CUSTOM_RESOURCE_SCHEMAS[`${object.apiVersion} ${object.kind}`];
        expect({ object: nameOf(object), known: schema !== undefined }).toEqual({ object: nameOf(object), known: true });
        expect({ object: nameOf(object), problems: schemaProblems(schema, object) }).toEqual({ object: nameOf(object), problems: [] });
      }
    });

    it('puts everything in its own namespace', () => {
      expect(namespace).toMatch(/^mogul/);
      const stray = objects.filter((object) => object.kind !== 'Namespace' && object.metadata.namespace !== namespace);
      expect(stray.map(nameOf)).toEqual([]);
    });

    describe.each(PLATFORM_APPS)('%s', (app) => {
      const deployment = deployments.find((d) => d.metadata.name === app) as K8sObject;
      const pod: Pod = deployment?.spec.template.spec ?? { containers: [] };
      const server = pod.containers.find((c: Container) => c.name === 'server') as Container;
      const httpPort = server?.ports?.find((p: { name: string }) => p.name === 'http')?.containerPort as number;

      it('runs one server container with liveness, readiness and startup probes on its HTTP port', () => {
        expect(pod.containers.map((c: Container) => c.name)).toEqual(['server']);
        expect(server.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(server.readinessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
        expect(server.startupProbe?.httpGet?.port).toBe('http');
        expect(httpPort).toBeGreaterThan(0);
      });

      it('has its own ServiceAccount, without an API token', () => {
        const account = ofKind(objects, 'ServiceAccount').find((a) => a.metadata.name === pod.serviceAccountName);
        expect(pod.serviceAccountName).toBe(app);
        expect(account?.automountServiceAccountToken).toBe(false);
        expect(pod.automountServiceAccountToken).toBe(false);
      });

      it('is reachable through a Service on its HTTP port', () => {
        const service = ofKind(objects, 'Service').find((s) => s.metadata.name === app);
        expect(selects(service?.spec.selector, podLabels(deployment))).toBe(true);
        expect(Object.keys(service?.spec.selector ?? {}).length).toBeGreaterThan(0);
        expect(service?.spec.ports).toContainEqual(expect.objectContaining({ name: 'http', port: httpPort, targetPort: 'http' }));
      });

      it('gets an environment that its configuration class accepts, listening where the probes look', async () => {
        const env = environmentOf(server, configMaps);
        expect(env.HTTP_PORT).toBe(String(httpPort));
        if (app !== 'gateway') expect(env.MIGRATIONS_RUN).toBe('false');
        if (!hasSources(app)) return;
        const configs = await configClassesOf(app);
        expect(configs).not.toEqual([]);
        for (const { configClass } of configs) expect(() => loadConfig(configClass, env)).not.toThrow();
      });

      it('has a PodDisruptionBudget', () => {
        const budgets = ofKind(objects, 'PodDisruptionBudget').filter((b) => selects(b.spec.selector.matchLabels, podLabels(deployment)));
        expect(budgets.map(nameOf)).toEqual([`PodDisruptionBudget/${app}`]);
        expect(budgets[0].spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      });

      it('has no more replicas than Kafka partitions, however it is scaled', () => {
        const autoscaler = ofKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === app);
        if (autoscaler) {
          expect(autoscaler.spec.scaleTargetRef.kind).toBe('Deployment');
          expect(autoscaler.spec.maxReplicas).toBeLessThanOrEqual(partitions);
          // The autoscaler owns the count: a re-apply must not reset it.
          expect(deployment.spec.replicas).toBeUndefined();
        } else {
          expect(deployment.spec.replicas).toBeGreaterThanOrEqual(1);
          expect(deployment.spec.replicas).toBeLessThanOrEqual(partitions);
        }
      });

      if (DATABASE_APPS.includes(app)) {
        it('migrates its database in a Job, from the same image, with the same database secret', () => {
          const migrations = jobs.filter((job) => appOf(job) === app);
          expect(migrations.map(nameOf)).toEqual([`Job/${app}-migrate`]);
          const [migrate] = migrations[0].spec.template.spec.containers as Container[];
          expect(migrate.command).toEqual(['node', 'dist/migrate.js']);
          expect(migrate.image).toBe(server.image);
          const secretOf = (c: Container) => c.env?.find((e: { name: string }) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
          expect(secretOf(migrate)).toEqual(secretOf(server));
          expect(secretOf(server)?.key).toBe('uri');
        });
      }
    });

    it('hardens every pod and container: non-root, read-only root with a writable /tmp, no capabilities, RuntimeDefault seccomp', () => {
      for (const workload of workloads) {
        const pod = workload.spec.template.spec;
        const where = nameOf(workload);
        expect({ where, pod: pod.securityContext }).toEqual({
          where,
          pod: expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
        });
        expect({ where, automount: pod.automountServiceAccountToken }).toEqual({ where, automount: false });
        const tmpVolumes = (pod.volumes ?? []).filter((v: { emptyDir?: object }) => v.emptyDir).map((v: { name: string }) => v.name);
        for (const container of containersOf(pod)) {
          const at = `${where} ${container.name}`;
          expect({ at, context: container.securityContext }).toEqual({
            at,
            context: expect.objectContaining({
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            }),
          });
          const tmp = (container.volumeMounts ?? []).find((m: { mountPath: string }) => m.mountPath === '/tmp');
          expect({ at, tmpIsEmptyDir: tmpVolumes.includes(tmp?.name) }).toEqual({ at, tmpIsEmptyDir: true });
          expect({ at, image: container.image }).toEqual({ at, image: expect.stringMatching(/^[^:]+:(?!latest$)[\w.-]+$/) });
        }
      }
    });

    it('gives every container CPU and memory requests and limits', () => {
      for (const workload of workloads) {
        for (const container of containersOf(workload.spec.template.spec)) {
          const at = `${nameOf(workload)} ${container.name}`;
          const { requests, limits } = container.resources ?? {};
          expect({ at, requests: Object.keys(requests ?? {}).sort(), limits: Object.keys(limits ?? {}).sort() }).toEqual({
            at,
            requests: ['cpu', 'memory'],
            limits: ['cpu', 'memory'],
          });
        }
      }
    });

    it('references only ConfigMaps it renders, and Secrets it renders, its operators create, or docs/operations.md documents', () => {
      const secrets = new Set(ofKind(objects, 'Secret').map((s) => s.metadata.name));
      const operatorSecrets = new Set(ofKind(objects, 'Cluster').map((c) => `${c.metadata.name}-app`));
      for (const workload of workloads) {
        for (const container of containersOf(workload.spec.template.spec)) {
          for (const from of container.envFrom ?? []) expect(configMaps.has(from.configMapRef?.name)).toBe(true);
          for (const variable of container.env ?? []) {
            const secret = variable.valueFrom?.secretKeyRef?.name as string | undefined;
            if (!secret) continue;
            const known =
              secrets.has(secret) ||
              operatorSecrets.has(secret) ||
              documentedSecrets.includes(secret.replace(/^[a-z]+-db-app$/, '<service>-db-app'));
            expect({ secret, known }).toEqual({ secret, known: true });
          }
        }
      }
    });

    it('denies all traffic to and from Mogul pods but what the policies allow', () => {
      const [denyAll] = ofKind(objects, 'NetworkPolicy').filter((p) => p.metadata.name === 'default-deny');
      expect(denyAll?.spec).toEqual({
        podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'mogul' } },
        policyTypes: ['Ingress', 'Egress'],
      });
      for (const workload of workloads) expect(selects(denyAll.spec.podSelector.matchLabels, podLabels(workload))).toBe(true);
    });

    it('lets only the gateway take traffic from outside the cluster', () => {
      for (const deployment of deployments) {
        const rules = policiesFor(objects, podLabels(deployment)).flatMap((p) => p.spec.ingress ?? []);
        const open = rules.filter((rule: { from?: unknown[] }) => !rule.from || rule.from.length === 0);
        expect({ app: deployment.metadata.name, open: open.length > 0 }).toEqual({
          app: deployment.metadata.name,
          open: deployment.metadata.name === 'gateway',
        });
        const named = policiesFor(objects, podLabels(deployment)).filter((p) => appOf(p) === deployment.metadata.name);
        expect(named.length).toBeGreaterThan(0);
      }
    });

    it('lets each app reach DNS, Kafka (servers) and its own database, and nothing else', () => {
      for (const workload of workloads) {
        const app = appOf(workload) as string;
        const isServer = workload.kind === 'Deployment';
        const egress = policiesFor(objects, podLabels(workload)).flatMap((p) => p.spec.egress ?? []);
        const byPort = (port: number) => egress.filter((rule: { ports?: { port: number }[] }) => rule.ports?.some((p) => p.port === port));
        const ports = egress.flatMap((rule: { ports?: { port: number }[] }) => (rule.ports ?? [{ port: 'any' }]).map((p) => p.port));
        const allowed = [53, ...(isServer ? [9092] : []), ...(DATABASE_APPS.includes(app) ? [5432] : [])];
        expect({ workload: nameOf(workload), ports: [...new Set(ports)].sort() }).toEqual({
          workload: nameOf(workload),
          ports: allowed.sort(),
        });
        for (const rule of egress) expect(rule.to?.length ?? 0).toBeGreaterThan(0);
        for (const rule of byPort(5432)) {
          for (const peer of rule.to) {
            // In-cluster databases: only the app's own CloudNativePG cluster.
            if (peer.podSelector) expect(peer.podSelector.matchLabels).toEqual({ 'cnpg.io/cluster': `${app}-db` });
            else expect(peer.ipBlock?.cidr).toMatch(/\/\d+$/);
          }
        }
      }
    });

    it('sends only the public API and its documentation through the ingress, to the gateway', () => {
      for (const ingress of ofKind(objects, 'Ingress')) {
        const paths = ingress.spec.rules.flatMap((rule: { http: { paths: object[] } }) => rule.http.paths);
        for (const path of paths as { path: string; backend: { service: { name: string; port: { name: string } } } }[]) {
          expect(path.backend.service).toEqual({ name: 'gateway', port: { name: 'http' } });
          expect(path.path).toMatch(/^\/(api|docs)/);
        }
      }
    });

    const kafkaClusters = ofKind(objects, 'Kafka');
    if (kafkaClusters.length > 0) {
      describe('in-cluster Kafka (Strimzi)', () => {
        const [kafka] = kafkaClusters;
        const topics = ofKind(objects, 'KafkaTopic');
        const brokers = ofKind(objects, 'KafkaNodePool')
          .filter((pool) => pool.metadata.labels?.['strimzi.io/cluster'] === kafka.metadata.name && pool.spec.roles.includes('broker'))
          .reduce((sum, pool) => sum + (pool.spec.replicas as number), 0);

        it('is the cluster the apps connect to, in KRaft mode with node pools', () => {
          const plain = kafka.spec.kafka.listeners.find((l: { tls: boolean }) => !l.tls);
          expect(sharedConfig.KAFKA_BROKERS).toBe(`${kafka.metadata.name}-kafka-bootstrap:${plain.port}`);
          expect(kafka.metadata.annotations).toEqual({ 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' });
          expect(brokers).toBeGreaterThanOrEqual(1);
          expect(kafka.spec.kafka.config['auto.create.topics.enable']).toBe(false);
        });

        it('has a KafkaTopic for every topic the services use, and no other', () => {
          const declared = topics.map((t) => t.spec.topicName as string).sort();
          expect(declared).toEqual(platformTopics().map((t) => t.name));
        });

        it('creates every topic with the partitions the apps are configured for, replicated no more than the brokers allow', () => {
          for (const topic of topics) {
            expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe(kafka.metadata.name);
            expect({ topic: topic.spec.topicName, partitions: topic.spec.partitions }).toEqual({ topic: topic.spec.topicName, partitions });
            expect(topic.spec.replicas).toBeLessThanOrEqual(brokers);
          }
        });
      });
    }

    const databaseClusters = ofKind(objects, 'Cluster');
    if (databaseClusters.length > 0) {
      it('gives every service its own CloudNativePG cluster, reached through <cluster>-app (uri → <cluster>-rw)', () => {
        for (const app of DATABASE_APPS) {
          const server = deployments.find((d) => d.metadata.name === app)?.spec.template.spec.containers[0] as Container;
          const secret = server.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef;
          const cluster = databaseClusters.find((c) => `${c.metadata.name}-app` === secret.name);
          expect({ app, cluster: cluster?.metadata.name }).toEqual({ app, cluster: `${app}-db` });
          expect(cluster?.spec.bootstrap.initdb).toEqual({ database: `mogul_${app}`, owner: app });
        }
        expect(databaseClusters).toHaveLength(DATABASE_APPS.length);
      });
    }

    it("keeps the apps' labels off the operators' resources, so that no app policy or budget selects their pods", () => {
      for (const object of objects.filter((o) => ['Kafka', 'KafkaNodePool', 'Cluster'].includes(o.kind))) {
        const labels = Object.keys(object.metadata.labels ?? {});
        expect({ object: nameOf(object), labels: labels.filter((l) => l.startsWith('app.kubernetes.io/')) }).toEqual({
          object: nameOf(object),
          labels: [],
        });
      }
    });

    it('commits no Secret but obviously-for-development ones', () => {
      for (const secret of ofKind(objects, 'Secret')) {
        expect(overlay).toBe('dev');
        for (const value of Object.values(secret.data ?? {}) as string[]) {
          expect(Buffer.from(value, 'base64').toString()).toMatch(/dev-only/);
        }
      }
    });
  });
});

/** The environment a container starts with: its ConfigMaps, its literals, and placeholders for secrets. */
function environmentOf(container: Container, configMaps: Map<string, Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) Object.assign(env, configMaps.get(from.configMapRef.name));
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.secretKeyRef) env[variable.name] = secretPlaceholder(variable.name);
  }
  return env;
}

function secretPlaceholder(name: string): string {
  if (name === 'DATABASE_URL') return 'postgresql://user:password@database:5432/database';
  return 'a-secret-placeholder-that-is-at-least-32-characters-long';
}

/** NetworkPolicies whose pod selector selects pods with these labels. */
function policiesFor(objects: K8sObject[], labels: Record<string, string>): K8sObject[] {
  return objects.filter(
    (object) =>
      object.kind === 'NetworkPolicy' && Object.entries(object.spec.podSelector.matchLabels ?? {}).every(([k, v]) => labels[k] === v),
  );
}
