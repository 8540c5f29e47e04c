import { Controller, DynamicModule, Get, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
  TerminusModule,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { preventIdleKafkaPolling } from './kafkajs-request-queue';
import { withTimeout } from './with-timeout';

export interface HealthOptions {
  /** The broker to report on; it never makes the service unready (the outbox holds its events meanwhile). */
  kafkaBrokers?: string[];
  /** Check the service's TypeORM connection (needs TypeOrmModule in the app). */
  database: boolean;
  timeoutMs?: number;
}

const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

/**
 * Reports whether the Kafka cluster answers a metadata request in time. A service takes requests
 * without the broker (its events wait in the outbox, its consumers catch up later), so this is a
 * detail of /health, never a reason to be unready.
 */
@Injectable()
export class KafkaHealthIndicator implements OnModuleDestroy {
  private admin?: Admin;
  private connecting?: Promise<void>;

  constructor(
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'kafka') {
    const check = this.indicators.check(key);
    const timeoutMs = this.options.timeoutMs ?? 2000;
    try {
      const cluster = await withTimeout(this.describe(), timeoutMs);
      return check.up({ reachable: true, brokers: cluster.brokers.length });
    } catch (error) {
      this.reset();
      return check.up({ reachable: false, message: (error as Error).message });
    }
  }

  private async describe() {
    if (!this.admin) {
      preventIdleKafkaPolling();
      const kafka = new Kafka({
        clientId: 'health',
        brokers: this.options.kafkaBrokers ?? [],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
      });
      this.admin = kafka.admin();
      this.connecting = this.admin.connect();
    }
    await this.connecting;
    return this.admin.describeCluster();
  }

  private reset(): void {
    const admin = this.admin;
    this.admin = undefined;
    this.connecting = undefined;
    void admin?.disconnect().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}

@ApiExcludeController()
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kafka: KafkaHealthIndicator,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    @Inject(TypeOrmHealthIndicator) private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** Readiness: the service can reach its database; the broker's state is reported alongside. */
  @Get()
  @HealthCheck()
  ready() {
    const checks: HealthIndicatorFunction[] = this.options.kafkaBrokers ? [() => this.kafka.isHealthy()] : [];
    if (this.options.database) checks.push(() => this.database.pingCheck('database', { timeout: this.options.timeoutMs ?? 2000 }));
    return this.health.check(checks);
  }

  /** Liveness: the process answers; dependencies are not its concern. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

/** GET /health (database; Kafka reported) and GET /health/live (process only) with @nestjs/terminus. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_OPTIONS, useValue: options }, KafkaHealthIndicator],
    };
  }
}
