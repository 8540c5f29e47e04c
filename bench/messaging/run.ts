/**
 * Messaging benchmark: prints throughput and latency of each path, how the platform's event path
 * compares with bare kafkajs, and the gateway's HTTP round trip to a service. Needs PostgreSQL
 * and the broker (`npm run infra:up`; started here when down).
 * Run: node -r ./tools/register.js bench/messaging/run.ts
 * Settings: see MessagingBenchConfig (BENCH_EVENTS, BENCH_WRITERS, BENCH_SECTIONS, ...).
 */
import { loadConfig } from '@mogul/observability';
import { createKafka } from '@mogul/messaging';
import { infraDown, infraUp } from '../../tools/infra';
import { printFigures } from '../lib/stats';
import { MessagingBenchConfig } from './config';
import { outboxToInbox } from './sections/outbox-inbox';
import { rawKafka } from './sections/raw-kafka';
import { gatewayHttp } from './sections/gateway-http';
import { BenchEnvironment, BenchSection, SectionResult } from './sections/section';

/** In running order. A new path is one more entry here. */
const SECTIONS: BenchSection[] = [rawKafka, outboxToInbox, gatewayHttp];

async function main(): Promise<void> {
  const config = loadConfig(MessagingBenchConfig);
  const infra = await infraUp((line) => process.stderr.write(`[infra] ${line}\n`));
  const brokers = infra.brokers.split(',');
  const wanted = config.BENCH_SECTIONS?.split(',').map((id) => id.trim());
  const results = new Map<string, SectionResult>();
  try {
    for (const section of SECTIONS.filter((s) => !wanted || wanted.includes(s.id))) {
      const cleanup: (() => Promise<void>)[] = [];
      const env: BenchEnvironment = {
        config,
        brokers,
        kafka: createKafka({ clientId: `bench-${section.id}`, brokers }),
        onCleanup: (step) => cleanup.unshift(step),
      };
      try {
        const result = await section.run(env);
        results.set(section.id, result);
        printFigures(section.title, result.figures);
      } finally {
        for (const step of cleanup) await step().catch((error) => console.error(`clean-up failed: ${String(error)}`));
      }
      // Right after (b), before the sections that follow it.
      const raw = results.get(rawKafka.id);
      const platform = results.get(outboxToInbox.id);
      if (section === outboxToInbox && raw && platform) {
        printFigures('(c) outbox path against the baseline', [
          { label: 'throughput (b)/(a)', value: platform.throughput / raw.throughput, unit: '' },
        ]);
      }
    }
  } finally {
    if (infra.startedKafka) await infraDown((line) => process.stderr.write(`[infra] ${line}\n`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
