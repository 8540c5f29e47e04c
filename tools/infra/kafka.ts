import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { InfraSettings } from './settings';

/** A problem the operator can fix, with what to do about it. */
export class InfraError extends Error {}

const paths = (s: InfraSettings) => ({
  libs: join(s.kafkaDir, 'libs'),
  data: join(s.kafkaDir, 'data'),
  config: join(s.kafkaDir, 'server.properties'),
  log4j: join(s.kafkaDir, 'log4j2.properties'),
  log: join(s.kafkaDir, 'broker.log'),
  pid: join(s.kafkaDir, 'broker.pid'),
});

export function brokerAddress(s: InfraSettings): string {
  return `${s.kafkaHost}:${s.kafkaPort}`;
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The Kafka version tools/infra/pom.xml fetches: the project's one Kafka version. */
export function kafkaVersion(rootDir: string): string {
  const pom = readFileSync(join(rootDir, 'tools/infra/pom.xml'), 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new InfraError('tools/infra/pom.xml names no <kafka.version>');
  return version;
}

/**
 * Fetches the broker's jars with Maven once per Kafka version; later calls reuse them. Jars of
 * another version (from before an upgrade of pom.xml) are replaced, not mixed in.
 */
export function fetchKafkaJars(s: InfraSettings, log: (line: string) => void): void {
  const { libs } = paths(s);
  const broker = `kafka_2.13-${kafkaVersion(s.rootDir)}.jar`;
  if (existsSync(libs) && readdirSync(libs).includes(broker)) return;
  rmSync(libs, { recursive: true, force: true });
  if (!commandExists('mvn')) {
    throw new InfraError('Maven is missing: install it (Debian: apt-get install maven); it fetches the Kafka broker from Maven Central.');
  }
  log('fetching the Kafka broker from Maven Central (once)…');
  mkdirSync(s.kafkaDir, { recursive: true });
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(s.rootDir, 'tools/infra/pom.xml'),
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) {
    rmSync(libs, { recursive: true, force: true });
    throw new InfraError(
      'Maven could not fetch org.apache.kafka:kafka_2.13 (see its output above); check that Maven Central is reachable.',
    );
  }
}

function writeConfig(s: InfraSettings): void {
  const p = paths(s);
  mkdirSync(p.data, { recursive: true });
  writeFileSync(
    p.config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@${s.kafkaHost}:${s.controllerPort}`,
      `listeners=PLAINTEXT://${s.kafkaHost}:${s.kafkaPort},CONTROLLER://${s.kafkaHost}:${s.controllerPort}`,
      `advertised.listeners=PLAINTEXT://${s.kafkaHost}:${s.kafkaPort}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${p.data}`,
      'num.partitions=6',
      // A single node: every internal topic has one replica, and groups start without waiting.
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=6',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      'delete.topic.enable=true',
      'log.retention.hours=168',
      '',
    ].join('\n'),
  );
  // Kafka 4 logs through Log4j 2, which reads neither Log4j 1's file nor its system property.
  writeFileSync(
    p.log4j,
    [
      'appender.file.type=File',
      'appender.file.name=file',
      `appender.file.fileName=${p.log}`,
      'appender.file.layout.type=PatternLayout',
      'appender.file.layout.pattern=[%d] %p %m (%c)%n',
      'rootLogger.level=WARN',
      'rootLogger.appenderRef.file.ref=file',
      'logger.kafka.name=kafka',
      'logger.kafka.level=INFO',
      'logger.apache.name=org.apache.kafka',
      'logger.apache.level=WARN',
      '',
    ].join('\n'),
  );
}

function readPid(s: InfraSettings): number | undefined {
  const { pid } = paths(s);
  if (!existsSync(pid)) return undefined;
  const value = Number(readFileSync(pid, 'utf8').trim());
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when a client can create a topic and round-trip a message through it. */
export async function kafkaRoundTrip(brokers: string, timeoutMs = 15000): Promise<boolean> {
  const kafka = new Kafka({ clientId: 'mogul-infra', brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const topic = 'mogul.infra.ping';
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `mogul-infra-${randomBytes(4).toString('hex')}` });
  const nonce = randomBytes(8).toString('hex');
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await consumer.connect();
    // From the beginning: a new group that starts at the end could miss a message sent while it joins.
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString() === nonce) {
            clearTimeout(timer);
            resolve(true);
          }
        },
      });
    });
    await new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await producer.connect();
    await producer.send({ topic, messages: [{ value: nonce }] });
    return await received;
  } catch {
    return false;
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  }
}

export async function kafkaStatus(s: InfraSettings): Promise<{ running: boolean; pid?: number; ours: boolean }> {
  const pid = readPid(s);
  const ours = pid !== undefined && alive(pid);
  const running = await portOpen(s.kafkaHost, s.kafkaPort);
  return { running, pid: ours ? pid : undefined, ours };
}

/** Starts the broker unless one already answers; returns whether this call started it. */
export async function startKafka(s: InfraSettings, log: (line: string) => void): Promise<boolean> {
  const status = await kafkaStatus(s);
  if (status.running) {
    if (!status.ours) log(`a Kafka broker already answers on ${brokerAddress(s)}; using it`);
    for (let attempt = 0; attempt < 3; attempt++) if (await kafkaRoundTrip(brokerAddress(s))) return false;
    throw new InfraError(
      `port ${s.kafkaPort} is taken by something that does not work as a Kafka broker; stop it or set KAFKA_PORT to a free port`,
    );
  }
  if (await portOpen(s.kafkaHost, s.controllerPort)) {
    throw new InfraError(`the Kafka controller port ${s.controllerPort} is taken; free it or set KAFKA_CONTROLLER_PORT`);
  }
  if (!commandExists('java')) {
    throw new InfraError('Java is missing: install a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless).');
  }
  fetchKafkaJars(s, log);
  writeConfig(s);
  const p = paths(s);
  const classpath = `${p.libs}/*`;
  if (!existsSync(join(p.data, 'meta.properties'))) {
    const clusterId = randomBytes(16).toString('base64url');
    // A static quorum (controller.quorum.voters), so Kafka 4's format needs neither --standalone nor
    // --initial-controllers, which only a dynamic quorum (controller.quorum.bootstrap.servers) takes.
    execFileSync(
      'java',
      [
        `-Dlog4j2.configurationFile=${p.log4j}`,
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        p.config,
        '--ignore-formatted',
      ],
      { stdio: 'ignore' },
    );
  }
  const out = openSync(join(s.kafkaDir, 'broker.out'), 'a');
  const child = spawn(
    'java',
    [
      `-Xms${s.kafkaHeap}`,
      `-Xmx${s.kafkaHeap}`,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${p.log4j}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      p.config,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  child.unref();
  writeFileSync(p.pid, String(child.pid));
  log(`starting Kafka ${brokerAddress(s)} (pid ${child.pid}, log ${p.log})`);
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (!alive(child.pid!)) throw new InfraError(`the Kafka broker exited at start; see ${p.log} and ${join(s.kafkaDir, 'broker.out')}`);
    if ((await portOpen(s.kafkaHost, s.kafkaPort)) && (await kafkaRoundTrip(brokerAddress(s)))) {
      log('Kafka is up: a topic was created and a message went round');
      return true;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new InfraError(`the Kafka broker did not answer within 60 s; see ${p.log}`);
}

/**
 * Kills the broker this project started at once (SIGKILL), as a crash would, and waits until it
 * is gone; false when no broker of this project runs. `startKafka` starts it again.
 */
export async function killKafka(s: InfraSettings): Promise<boolean> {
  const pid = readPid(s);
  if (pid === undefined || !alive(pid)) return false;
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return true;
}

export async function stopKafka(s: InfraSettings, log: (line: string) => void): Promise<void> {
  const pid = readPid(s);
  if (pid === undefined || !alive(pid)) {
    log('Kafka: not running (started by this project)');
    rmSync(paths(s).pid, { force: true });
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(paths(s).pid, { force: true });
  log(`Kafka stopped (pid ${pid})`);
}
