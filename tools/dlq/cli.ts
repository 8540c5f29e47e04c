import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { IsString, Matches } from 'class-validator';
import { createKafka } from '@mogul/messaging';
import { ConfigError, loadConfig } from '@mogul/observability';
import { DeadLetter, DeadLetters, DlqError, ReplayResult } from './dead-letters';
import { TooManySingleReplaysError } from './replay-marks';

const USAGE = `Dead-lettered messages: list them, and replay them to their original topic after a fix.

  npm run dlq -- list [<topic.dlq>…] [--pending] [--json]
      every dead-letter topic when none is named; --pending leaves out those replayed already
  npm run dlq -- replay <topic.dlq> --partition <n> --offset <n>
      one message
  npm run dlq -- replay <topic.dlq> --all
      every message of the topic not replayed yet, in order

A message is replayed once: what was replayed is recorded as the offsets of the consumer group
mogul.dlq-replay.<topic.dlq>. Consumers skip an event they handled already (by its id).
Environment: KAFKA_BROKERS (default 127.0.0.1:9092).`;

/** The tool's environment, validated once. */
export class DlqConfig {
  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS = '127.0.0.1:9092';
}

function formatLetter(letter: DeadLetter): string {
  const source = letter.source.topic ? `${letter.source.topic} ${letter.source.partition}:${letter.source.offset}` : 'unknown';
  return [
    `${letter.topic} ${letter.partition}:${letter.offset}  ${letter.timestamp}  ${letter.replayed ? 'replayed' : 'pending'}`,
    `  event:  ${letter.eventType ?? '(none)'} ${letter.eventId ?? ''}  key ${letter.key ?? '(none)'}  correlation ${letter.correlationId ?? '(none)'}`,
    `  reason: ${letter.reason ?? '(none)'} after ${letter.attempts ?? '?'} attempt(s), from ${source}` +
      (letter.replayedFrom ? ` (a replay of ${letter.replayedFrom})` : ''),
    `  error:  ${letter.error ?? '(none)'}`,
  ].join('\n');
}

function formatReplay(result: ReplayResult): string {
  const lines = result.replayed.map((r) => `replayed ${r.topic} ${r.partition}:${r.offset} → ${r.to.topic} partition ${r.to.partition}`);
  if (result.alreadyReplayed > 0) lines.push(`${result.alreadyReplayed} message(s) had been replayed before: not sent again`);
  if (lines.length === 0) lines.push('nothing to replay');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      partition: { type: 'string' },
      offset: { type: 'string' },
      all: { type: 'boolean', default: false },
      pending: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, ...topics] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig(DlqConfig);
  const dlq = new DeadLetters(createKafka({ clientId: 'mogul-dlq', brokers: config.KAFKA_BROKERS.split(',') }));
  const print = (value: unknown, text: string) => console.log(values.json ? JSON.stringify(value, null, 2) : text);

  if (command === 'list') {
    const letters = (await dlq.list(topics)).filter((letter) => !values.pending || !letter.replayed);
    print(letters, letters.length === 0 ? 'no dead-lettered messages' : letters.map(formatLetter).join('\n\n'));
  } else if (command === 'replay') {
    if (topics.length !== 1) throw new DlqError('replay takes one dead-letter topic');
    const [topic] = topics;
    let result: ReplayResult;
    if (values.all) {
      if (values.partition !== undefined || values.offset !== undefined)
        throw new DlqError('--all replays every partition: leave out --partition and --offset');
      result = await dlq.replayAll(topic);
    } else {
      if (!/^\d+$/.test(values.partition ?? '') || !/^\d+$/.test(values.offset ?? '')) {
        throw new DlqError('replay needs --partition and --offset (whole numbers), or --all');
      }
      result = await dlq.replayOne(topic, Number(values.partition), BigInt(values.offset as string));
    }
    print(result, formatReplay(result));
  } else {
    throw new DlqError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      const usage = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ?? false;
      const expected = usage || error instanceof DlqError || error instanceof ConfigError || error instanceof TooManySingleReplaysError;
      console.error(expected ? `dlq: ${(error as Error).message}` : error);
      process.exit(expected ? 2 : 1);
    },
  );
}
