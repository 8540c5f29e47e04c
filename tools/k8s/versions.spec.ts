import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { kafkaVersion } from '../infra/kafka';
import { K8S_DIR, overlayNames, render } from './render';
import { WORKSPACE_ROOT } from './workspace';

// One Kafka version everywhere: the local broker that `npm start`, the tests and CI run (the jars
// tools/infra/pom.xml fetches), the compose broker and Strimzi's Kafka in the manifests. A
// difference would let the code pass its tests against one broker and meet another in production.
// Likewise one PostgreSQL major for compose, the CloudNativePG clusters and the documentation.

const read = (...path: string[]) => readFileSync(join(WORKSPACE_ROOT, ...path), 'utf8');
const version = kafkaVersion(WORKSPACE_ROOT);
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { image?: string }> };
const rendered = overlayNames().flatMap((overlay) => render(join(K8S_DIR, 'overlays', overlay)).map((object) => ({ overlay, object })));
const ofKind = (kind: string) => rendered.filter(({ object }) => object.kind === kind);

describe('Kafka version', () => {
  it('is Kafka 4 on the local broker (tools/infra/pom.xml), which CI starts too', () => {
    expect(version).toMatch(/^4\.\d+\.\d+$/);
    // CI has no Kafka of its own: it runs the local broker, so the pom's version is CI's.
    const ci = read('.ci', 'run');
    expect(ci).toContain('npm run infra:up');
    expect(ci).not.toMatch(/kafka[\w/:_-]*[:-]\d+\.\d+/i);
  });

  it('is the same in docker-compose.yml', () => {
    expect(compose.services.kafka.image).toBe(`apache/kafka:${version}`);
  });

  it("is the same in every Strimzi Kafka of the manifests, with that release's metadata version", () => {
    const clusters = ofKind('Kafka');
    expect(clusters.length).toBeGreaterThan(0);
    for (const { overlay, object } of clusters) {
      const where = `${overlay}: Kafka/${object.metadata.name}`;
      expect({ where, version: object.spec.kafka.version }).toEqual({ where, version });
      const [major, minor] = version.split('.');
      expect({ where, metadata: object.spec.kafka.metadataVersion }).toEqual({
        where,
        metadata: expect.stringMatching(new RegExp(`^${major}\\.${minor}-IV\\d+$`)),
      });
    }
  });

  it('is the version docs/operations.md tells operators to run', () => {
    expect(read('docs', 'operations.md')).toContain(`Kafka ${version}`);
  });
});

describe('PostgreSQL major', () => {
  const composeMajor = /^postgres:(\d+)/.exec(compose.services.postgres.image ?? '')?.[1];

  it('is pinned in compose', () => {
    expect(composeMajor).toMatch(/^\d+$/);
  });

  it('is the same in every CloudNativePG cluster, which pins its image rather than take the operator’s newest', () => {
    const clusters = ofKind('Cluster');
    expect(clusters.length).toBeGreaterThan(0);
    for (const { overlay, object } of clusters) {
      const where = `${overlay}: Cluster/${object.metadata.name}`;
      const major = /^ghcr\.io\/cloudnative-pg\/postgresql:(\d+)\.\d+-/.exec(object.spec.imageName ?? '')?.[1];
      expect({ where, major }).toEqual({ where, major: composeMajor });
    }
  });
});
