import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadConfig, ServiceConfig } from '@mogul/observability';
import { CustomResourceValidator } from './custom-resources';
import { K8S_DIR, K8sObject, kustomizeVersion, nameOf, overlayNames, preStopPauseSeconds, render, validateBuiltIns } from './render';
import { hasLabels, LabelSelector, selectsPod } from './selectors';
import { kafkaTopicProblems, kafkaTopicsYaml, platformTopics } from './topics';
import { appFolders, configClassesOf, DATABASE_APPS, hasSources, PLATFORM_APPS, WORKSPACE_ROOT } from './workspace';
import { KAFKA_TOPIC_DEFAULTS, KAFKA_TOPICS_FILE } from './write-topics';

// Renders every overlay under k8s/overlays with `kubectl kustomize` and checks what would reach the
// cluster: every object against the API schemas, strictly (unknown fields are errors), then the
// platform's rules: hardened, probed, resourced containers; migrations in Jobs; a disruption budget
// per Deployment; the gateway configured to call each service over HTTP, every app checking the
// same tokens; network policies that let only the gateway reach a service's HTTP port, the
// gateway reach nothing but the services, and each service only DNS, Kafka and its own database;
// a KafkaTopic for every event topic the contracts define and for nothing else; secrets
// referenced, never committed. Besides the overlays, the dev overlay is rendered once more with
// the optional components it leaves out (event autoscaling, tracing), so that they are checked too.

type Pod = K8sObject['spec'];
type Container = { name: string; image: string; [field: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const overlays = overlayNames();
kustomizeVersion();
const OPTIONAL_COMPONENTS = ['event-autoscaling', 'tracing'];
const WITH_OPTIONAL = `dev + ${OPTIONAL_COMPONENTS.join(' + ')}`;
const rendered = new Map(overlays.map((overlay) => [overlay, render(join(K8S_DIR, 'overlays', overlay))]));
rendered.set(WITH_OPTIONAL, renderWithComponents('dev', 'mogul-dev', OPTIONAL_COMPONENTS));
const variants = [...rendered.keys()];
const builtIns = validateBuiltIns(variants.flatMap((variant) => rendered.get(variant) ?? []));
const customResources = new CustomResourceValidator();
const documentedSecrets = readFileSync(join(WORKSPACE_ROOT, 'docs', 'operations.md'), 'utf8');

const SERVICES = PLATFORM_APPS.filter((app) => app !== 'gateway');
const ofKind = (objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind);
const appOf = (object: K8sObject): string | undefined => object.metadata.labels?.['app.kubernetes.io/name'];
const podLabels = (workload: K8sObject): Record<string, string> => workload.spec.template.metadata?.labels ?? {};
const containersOf = (pod: Pod): Container[] => [...(pod.initContainers ?? []), ...pod.containers];
const serverOf = (deployment: K8sObject | undefined): Container | undefined =>
  deployment?.spec.template.spec.containers.find((c: Container) => c.name === 'server');
const httpPortOf = (deployment: K8sObject | undefined): number | undefined =>
  serverOf(deployment)?.ports?.find((p: { name: string }) => p.name === 'http')?.containerPort;
/** The workloads, by name, whose pods a selector picks. */
const selectedBy = (selector: LabelSelector | undefined, workloads: K8sObject[]) =>
  workloads.filter((workload) => selectsPod(selector, podLabels(workload))).map(nameOf);

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

  it('renders the dev overlay with the optional components as well', () => {
    expect(ofKind(rendered.get(WITH_OPTIONAL) ?? [], 'ScaledObject').length).toBeGreaterThan(0);
  });

  describe.each(variants)('overlays/%s', (overlay) => {
    const objects = rendered.get(overlay) ?? [];
    const deployments = ofKind(objects, 'Deployment');
    const jobs = ofKind(objects, 'Job');
    const workloads = [...deployments, ...jobs];
    const configMaps = new Map(ofKind(objects, 'ConfigMap').map((c) => [c.metadata.name, c.data as Record<string, string>]));
    const namespace = ofKind(objects, 'Namespace')[0]?.metadata.name;
    const deploymentOf = (app: string) => deployments.find((d) => d.metadata.name === app);
    const environments = new Map(deployments.map((d) => [d.metadata.name, environmentOf(serverOf(d) as Container, configMaps)]));
    // The partitions the services create their topics with (they share mogul-service-config).
    const partitions = Number(environments.get(SERVICES[0])?.KAFKA_PARTITIONS);
    // Every app reads mogul-config, where tracing is configured.
    const otlpPort = otlpPortOf(environments.get('gateway'));

    it('renders one Deployment per platform app', () => {
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(PLATFORM_APPS);
    });

    it('has only objects that validate against their schemas (custom resources: their CRDs), without unknown fields', () => {
      const own = (line: string) => objects.some((object) => line.startsWith(`${nameOf(object)}:`));
      expect(builtIns.problems.filter(own)).toEqual([]);
      const custom = objects.filter((object) => builtIns.skipped.includes(nameOf(object)));
      for (const object of custom) {
        expect({ object: nameOf(object), problems: customResources.problems(object) }).toEqual({ object: nameOf(object), problems: [] });
      }
    });

    it('puts everything in its own namespace', () => {
      expect(namespace).toMatch(/^mogul/);
      const stray = objects.filter((object) => object.kind !== 'Namespace' && object.metadata.namespace !== namespace);
      expect(stray.map(nameOf)).toEqual([]);
    });

    describe.each(PLATFORM_APPS)('%s', (app) => {
      const deployment = deploymentOf(app) as K8sObject;
      const pod: Pod = deployment?.spec.template.spec ?? { containers: [] };
      const server = serverOf(deployment) as Container;
      const httpPort = httpPortOf(deployment) as number;
      const isService = app !== 'gateway';

      it('runs one server container with liveness, readiness and startup probes on its HTTP port', () => {
        expect(pod.containers.map((c: Container) => c.name)).toEqual(['server']);
        expect(server.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(server.readinessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
        expect(server.startupProbe?.httpGet?.port).toBe('http');
        expect(httpPort).toBeGreaterThan(0);
      });

      it('serves on for a moment after it leaves its endpoints, and stops within the grace period', () => {
        // A caller that met a closed port would fail the request: the gateway retries no call.
        // The image has node and nothing else to pause with.
        const command = server.lifecycle?.preStop?.exec?.command as string[] | undefined;
        expect(command?.[0]).toBe('node');
        const pause = preStopPauseSeconds(command) as number;
        expect(pause).toBeGreaterThan(0);
        const env = environments.get(app) ?? {};
        const shutdownSeconds = Number(env.SHUTDOWN_TIMEOUT_MS ?? new ServiceConfig().SHUTDOWN_TIMEOUT_MS) / 1000;
        expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(pause + shutdownSeconds);
      });

      it('has its own ServiceAccount, without an API token', () => {
        const account = ofKind(objects, 'ServiceAccount').find((a) => a.metadata.name === pod.serviceAccountName);
        expect(pod.serviceAccountName).toBe(app);
        expect(account?.automountServiceAccountToken).toBe(false);
        expect(pod.automountServiceAccountToken).toBe(false);
      });

      it('is reachable through a Service on its HTTP port', () => {
        const service = ofKind(objects, 'Service').find((s) => s.metadata.name === app);
        expect(hasLabels(service?.spec.selector, podLabels(deployment))).toBe(true);
        expect(Object.keys(service?.spec.selector ?? {}).length).toBeGreaterThan(0);
        expect(service?.spec.ports).toContainEqual(expect.objectContaining({ name: 'http', port: httpPort, targetPort: 'http' }));
      });

      it('verifies access tokens with the key from the mogul-jwt Secret', () => {
        const secret = server.env?.find((e: { name: string }) => e.name === 'JWT_SECRET')?.valueFrom?.secretKeyRef;
        // The dev overlay generates it, with a hash suffix; elsewhere it is created beforehand.
        const name = ofKind(objects, 'Secret').find((s) => s.metadata.name.startsWith('mogul-jwt'))?.metadata.name ?? 'mogul-jwt';
        expect(secret).toEqual({ name, key: 'JWT_SECRET' });
      });

      if (isService) {
        it('talks to Kafka, and runs no migrations itself', () => {
          const env = environments.get(app) ?? {};
          expect(env.KAFKA_BROKERS).toMatch(/\S:\d+/);
          expect(env.MIGRATIONS_RUN).toBe('false');
        });
      } else {
        it('calls every service at its Service and HTTP port, and has no Kafka settings', () => {
          const env = environments.get(app) ?? {};
          for (const service of SERVICES) {
            const variable = `${service.toUpperCase()}_URL`;
            const port = ofKind(objects, 'Service')
              .find((s) => s.metadata.name === service)
              ?.spec.ports?.find((p: { name: string }) => p.name === 'http')?.port;
            expect({ variable, url: env[variable] }).toEqual({ variable, url: `http://${service}:${port}` });
          }
          expect(Object.keys(env).filter((name) => name.startsWith('KAFKA_'))).toEqual([]);
        });
      }

      it('gets an environment that its configuration class accepts, listening where the probes look', async () => {
        const env = environments.get(app) ?? {};
        expect(env.HTTP_PORT).toBe(String(httpPort));
        if (!hasSources(app)) return;
        const configs = await configClassesOf(app);
        expect(configs).not.toEqual([]);
        for (const { configClass } of configs) expect(() => loadConfig(configClass, env)).not.toThrow();
      });

      it('has a PodDisruptionBudget', () => {
        const budgets = ofKind(objects, 'PodDisruptionBudget').filter((b) => selectsPod(b.spec.selector, podLabels(deployment)));
        expect(budgets.map(nameOf)).toEqual([`PodDisruptionBudget/${app}`]);
        expect(budgets[0].spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      });

      // A service replica beyond the partitions would get no share of its events; the gateway consumes none.
      it(isService ? 'has no more replicas than Kafka partitions, however it is scaled' : 'has a replica count or an autoscaler', () => {
        const hpas = ofKind(objects, 'HorizontalPodAutoscaler').filter((h) => h.spec.scaleTargetRef.name === app);
        const scaledObjects = ofKind(objects, 'ScaledObject').filter((o) => o.spec.scaleTargetRef.name === app);
        const mostReplicas = isService ? partitions : Infinity;
        // KEDA makes an HPA of its own for a ScaledObject: two autoscalers would fight over the count.
        expect(hpas.length + scaledObjects.length).toBeLessThanOrEqual(1);
        for (const hpa of hpas) {
          expect(hpa.spec.scaleTargetRef.kind).toBe('Deployment');
          expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(mostReplicas);
        }
        for (const scaled of scaledObjects) {
          expect(scaled.spec.scaleTargetRef.kind ?? 'Deployment').toBe('Deployment');
          expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(mostReplicas);
          expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
        }
        if (hpas.length + scaledObjects.length > 0) {
          // The autoscaler owns the count: a re-apply must not reset it.
          expect(deployment.spec.replicas).toBeUndefined();
        } else {
          expect(deployment.spec.replicas).toBeGreaterThanOrEqual(1);
          expect(deployment.spec.replicas).toBeLessThanOrEqual(mostReplicas);
        }
      });

      const scaledObject = ofKind(objects, 'ScaledObject').find((o) => o.spec.scaleTargetRef.name === app);
      if (scaledObject) {
        it("scales on its own consumer group's lag, at the brokers it consumes from", () => {
          const env = environments.get(app) ?? {};
          const [kafka] = (scaledObject.spec.triggers as { type: string; metadata: Record<string, string> }[]).filter(
            (trigger) => trigger.type === 'kafka',
          );
          // listings names its one consumer after the topic it reads; the others have `.events`.
          const group = `${env.KAFKA_GROUP_ID ?? app}.${app === 'listings' ? 'identity-user' : 'events'}`;
          expect(kafka?.metadata.consumerGroup).toBe(group);
          expect(kafka?.metadata.bootstrapServersFromEnv).toBe('KAFKA_BROKERS');
          expect(env.KAFKA_BROKERS).toBeDefined();
          expect(scaledObject.spec.scaleTargetRef.envSourceContainerName).toBe('server');
          expect(kafka?.metadata.allowIdleConsumers ?? 'false').toBe('false');
        });
      }

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
          // Production pulls exactly what was built: by digest. Elsewhere a tag, but never `latest`.
          const image = overlay === 'prod' ? /^[^:@]+(:[\w.-]+)?@sha256:[0-9a-f]{64}$/ : /^[^:@]+:(?!latest$)[\w.-]+$/;
          expect({ at, image: container.image }).toEqual({ at, image: expect.stringMatching(image) });
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
      expect(selectedBy(denyAll.spec.podSelector, workloads)).toEqual(workloads.map(nameOf));
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

    it("lets only the gateway's pods, and Prometheus in the monitoring namespace, reach a service's HTTP port", () => {
      for (const service of SERVICES) {
        const deployment = deploymentOf(service) as K8sObject;
        const rules: IngressRule[] = policiesFor(objects, podLabels(deployment)).flatMap((p) => p.spec.ingress ?? []);
        const peers = new Set(rules.flatMap((rule) => (rule.from ?? []).map((peer) => describePeer(peer, workloads))));
        expect({ service, peers: [...peers].sort() }).toEqual({ service, peers: ['Deployment/gateway', 'namespace monitoring'] });
        const ports = new Set(
          rules.flatMap((rule) => (rule.ports ?? [{ port: 'any' }]).map((p) => (p.port === httpPortOf(deployment) ? 'http' : p.port))),
        );
        expect({ service, ports: [...ports] }).toEqual({ service, ports: ['http'] });
      }
    });

    it("lets the gateway reach each service's HTTP port, and no other pod", () => {
      const gateway = deploymentOf('gateway') as K8sObject;
      const rules: EgressRule[] = policiesFor(objects, podLabels(gateway))
        .flatMap((p) => p.spec.egress ?? [])
        .filter((rule: EgressRule) => !isOtlp(rule, otlpPort));
      const byTarget = (a: { to: string }, b: { to: string }) => a.to.localeCompare(b.to);
      const reached = rules
        .filter((rule) => !isDns(rule))
        .flatMap((rule) => (rule.to ?? []).map((peer) => ({ to: describePeer(peer, workloads), ports: rule.ports })));
      const services = SERVICES.map((s) => ({ to: `Deployment/${s}`, ports: [{ protocol: 'TCP', port: httpPortOf(deploymentOf(s)) }] }));
      expect(reached.sort(byTarget)).toEqual(services.sort(byTarget));
    });

    it('lets each app reach DNS and what it uses, nothing else: a service Kafka and its own database, a migration its database, the gateway the services', () => {
      const servicePorts = SERVICES.map((service) => httpPortOf(deploymentOf(service)) as number);
      for (const workload of workloads) {
        const app = appOf(workload) as string;
        const isServer = workload.kind === 'Deployment';
        const egress: EgressRule[] = policiesFor(objects, podLabels(workload)).flatMap((p) => p.spec.egress ?? []);
        const byPort = (port: number) => egress.filter((rule) => rule.ports?.some((p) => p.port === port));
        const ports = egress.flatMap((rule) => (rule.ports ?? [{ port: 'any' }]).map((p) => p.port));
        const uses = [
          ...(app === 'gateway' ? servicePorts : isServer ? [9092] : []),
          ...(DATABASE_APPS.includes(app) ? [5432] : []),
          // Spans go to the collector from the servers, when tracing is configured.
          ...(isServer && otlpPort !== undefined ? [otlpPort] : []),
        ];
        expect({ workload: nameOf(workload), ports: [...new Set(ports)].sort() }).toEqual({
          workload: nameOf(workload),
          ports: [53, ...uses].sort(),
        });
        for (const rule of egress) expect(rule.to?.length ?? 0).toBeGreaterThan(0);
        for (const rule of egress.filter(isDns)) {
          for (const peer of rule.to ?? [])
            expect(peer.namespaceSelector?.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'kube-system' });
        }
        for (const rule of byPort(5432)) {
          for (const peer of rule.to ?? []) {
            // In-cluster databases: only the app's own CloudNativePG cluster.
            if (peer.podSelector) expect(peer.podSelector.matchLabels).toEqual({ 'cnpg.io/cluster': `${app}-db` });
            else expect(peer.ipBlock?.cidr).toMatch(/\/\d+$/);
          }
        }
      }
    });

    it('configures every app to check the same tokens: one Secret, one issuer, one audience', () => {
      const settings = new Set(
        deployments.map((deployment) => {
          const env = environments.get(deployment.metadata.name) ?? {};
          const secret = serverOf(deployment)?.env?.find((e: { name: string }) => e.name === 'JWT_SECRET')?.valueFrom?.secretKeyRef;
          return JSON.stringify([secret, env.JWT_ISSUER, env.JWT_AUDIENCE]);
        }),
      );
      expect(settings.size).toBe(1);
    });

    it('has no Ingress: the public entry is a Gateway API Gateway', () => {
      expect(ofKind(objects, 'Ingress').map(nameOf)).toEqual([]);
      expect(ofKind(objects, 'Gateway').map(nameOf)).toEqual(['Gateway/mogul']);
    });

    it("routes only the public API and its documentation, to the gateway's http port, never /health or /metrics", () => {
      const gatewayService = ofKind(objects, 'Service').find((s) => s.metadata.name === 'gateway');
      const httpServicePort = gatewayService?.spec.ports.find((p: { name: string }) => p.name === 'http');
      // The Service publishes the app's http port alone: the metrics port is reachable through no route.
      expect(gatewayService?.spec.ports.map((p: { targetPort: string }) => p.targetPort)).toEqual(['http']);
      const routes = ofKind(objects, 'HTTPRoute');
      expect(routes.length).toBeGreaterThan(0);
      const routed: string[] = [];
      for (const route of routes) {
        for (const parent of route.spec.parentRefs) expect(parent.name).toBe('mogul');
        for (const rule of route.spec.rules as HttpRouteRule[]) {
          const redirects = (rule.filters ?? []).some((filter) => filter.type === 'RequestRedirect');
          if (redirects) {
            expect({ route: nameOf(route), backendRefs: rule.backendRefs ?? [] }).toEqual({ route: nameOf(route), backendRefs: [] });
            continue;
          }
          expect(rule.backendRefs).toEqual([{ name: 'gateway', port: httpServicePort.port }]);
          for (const match of rule.matches ?? [{}]) routed.push(match.path?.value ?? '(every path)');
        }
      }
      expect([...new Set(routed)].sort()).toEqual(['/api', '/docs', '/docs-json']);
    });

    if (overlay === 'prod') {
      it('serves the API over TLS only, and answers plain HTTP with a redirect', () => {
        const [gateway] = ofKind(objects, 'Gateway');
        const listeners = gateway.spec.listeners as { name: string; protocol: string; tls?: { certificateRefs: object[] } }[];
        const https = listeners.filter((listener) => listener.protocol === 'HTTPS');
        expect(https.length).toBeGreaterThan(0);
        for (const listener of https) expect(listener.tls?.certificateRefs.length).toBeGreaterThan(0);
        const plain = new Set(listeners.filter((l) => l.protocol === 'HTTP').map((l) => l.name));
        for (const route of ofKind(objects, 'HTTPRoute')) {
          const onPlain = (route.spec.parentRefs as { sectionName?: string }[]).some((p) => !p.sectionName || plain.has(p.sectionName));
          if (!onPlain) continue;
          for (const rule of route.spec.rules as HttpRouteRule[]) {
            expect({ route: nameOf(route), redirects: (rule.filters ?? []).map((f) => f.requestRedirect?.scheme) }).toEqual({
              route: nameOf(route),
              redirects: ['https'],
            });
          }
        }
      });
    }

    const kafkaClusters = ofKind(objects, 'Kafka');
    if (kafkaClusters.length > 0) {
      describe('in-cluster Kafka (Strimzi)', () => {
        const [kafka] = kafkaClusters;
        const topics = ofKind(objects, 'KafkaTopic');
        const brokers = ofKind(objects, 'KafkaNodePool')
          .filter((pool) => pool.metadata.labels?.['strimzi.io/cluster'] === kafka.metadata.name && pool.spec.roles.includes('broker'))
          .reduce((sum, pool) => sum + (pool.spec.replicas as number), 0);

        const plain = kafka.spec.kafka.listeners.find((l: { tls: boolean }) => !l.tls);

        it('is the cluster the services connect to, in KRaft mode with node pools (Strimzi v1, without the retired annotations)', () => {
          for (const service of SERVICES) {
            const brokersOf = environments.get(service)?.KAFKA_BROKERS;
            expect({ service, brokers: brokersOf }).toEqual({ service, brokers: `${kafka.metadata.name}-kafka-bootstrap:${plain.port}` });
          }
          expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
          expect(Object.keys(kafka.metadata.annotations ?? {}).filter((a) => a.startsWith('strimzi.io/'))).toEqual([]);
          expect(brokers).toBeGreaterThanOrEqual(1);
          expect(kafka.spec.kafka.config['auto.create.topics.enable']).toBe(false);
        });

        it("lets only the services' servers (and KEDA, when it scales on lag) through its listener: the gateway has no business with Kafka", () => {
          const admitted = (plain.networkPolicyPeers ?? []).flatMap((peer: NetworkPeer) =>
            peer.podSelector && !peer.namespaceSelector ? selectedBy(peer.podSelector, workloads) : [describePeer(peer, workloads)],
          );
          const keda = JSON.stringify({
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'keda' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'keda-operator' } },
          });
          const scalesOnLag = ofKind(objects, 'ScaledObject').length > 0;
          expect([...new Set(admitted)].sort()).toEqual([...SERVICES.map((s) => `Deployment/${s}`), ...(scalesOnLag ? [keda] : [])].sort());
        });

        it('has a KafkaTopic for every topic the services use, and no other', () => {
          expect(kafkaTopicProblems(topics as never)).toEqual([]);
        });

        it('holds domain events and their dead letters only: no request or reply topic', () => {
          const byKind = (kind: string) =>
            topics.filter((t) => t.metadata.labels?.['mogul/topic-kind'] === kind).map((t) => t.spec.topicName as string);
          const events = byKind('events');
          expect(events.length).toBeGreaterThan(0);
          expect(byKind('dead-letters').sort()).toEqual(events.map((topic) => `${topic}.dlq`).sort());
          expect(events.length * 2).toBe(topics.length);
          for (const topic of events) expect(topic).toMatch(/^[a-z]+\.[a-z]+$/);
        });

        it('creates every topic with the partitions the services are configured for, replicated no more than the brokers allow', () => {
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
        expect(overlay.split(' ')[0]).toBe('dev');
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
  return objects.filter((object) => object.kind === 'NetworkPolicy' && selectsPod(object.spec.podSelector, labels));
}

interface NetworkPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}
type PolicyPort = { protocol?: string; port?: number | string };
type IngressRule = { from?: NetworkPeer[]; ports?: PolicyPort[] };
type EgressRule = { to?: NetworkPeer[]; ports?: PolicyPort[] };

const isDns = (rule: EgressRule) => (rule.ports ?? []).length > 0 && (rule.ports ?? []).every((p) => p.port === 53);

/**
 * What a policy peer lets in, in words: the Mogul workloads a pod selector picks in this
 * namespace, a whole namespace picked by name, or an address block. Anything else (both
 * selectors, a namespace by other labels) is spelt out, so that a check comparing these fails.
 */
function describePeer(peer: NetworkPeer, workloads: K8sObject[]): string {
  if (peer.ipBlock) return `ipBlock ${peer.ipBlock.cidr}`;
  if (peer.podSelector && !peer.namespaceSelector) return selectedBy(peer.podSelector, workloads).join(', ') || 'no Mogul pod';
  const namespace = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
  const onlyByName = Object.keys(peer.namespaceSelector?.matchLabels ?? {}).length === 1 && !peer.namespaceSelector?.matchExpressions;
  if (!peer.podSelector && namespace && onlyByName) return `namespace ${namespace}`;
  return JSON.stringify(peer);
}

type HttpRouteRule = {
  matches?: { path?: { type: string; value: string } }[];
  filters?: { type: string; requestRedirect?: { scheme?: string } }[];
  backendRefs?: { name: string; port: number }[];
};

/** The collector's port when tracing is configured (OTEL_EXPORTER_OTLP_ENDPOINT), else undefined. */
function otlpPortOf(env: Record<string, string> | undefined): number | undefined {
  const endpoint = env?.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  const url = new URL(endpoint);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

const isOtlp = (rule: EgressRule, port: number | undefined) =>
  port !== undefined && (rule.ports ?? []).length > 0 && (rule.ports ?? []).every((p) => p.port === port);

/**
 * An overlay with components it leaves out added, rendered from a kustomization in a scratch
 * folder (kustomize takes relative paths only).
 */
function renderWithComponents(overlay: string, namespace: string, components: string[]): K8sObject[] {
  const dir = mkdtempSync(join(tmpdir(), 'mogul-k8s-'));
  try {
    const path = (to: string) => relative(dir, to);
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        `namespace: ${namespace}`,
        'resources:',
        `  - ${path(join(K8S_DIR, 'overlays', overlay))}`,
        'components:',
        ...components.map((component) => `  - ${path(join(K8S_DIR, 'components', component))}`),
        '',
      ].join('\n'),
    );
    return render(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
