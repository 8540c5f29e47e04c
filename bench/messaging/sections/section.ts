import { Kafka } from 'kafkajs';
import { Figure } from '../../lib/stats';
import { MessagingBenchConfig } from '../config';

export interface BenchEnvironment {
  config: MessagingBenchConfig;
  brokers: string[];
  kafka: Kafka;
  /** Registers clean-up to run after every section, last registered first. */
  onCleanup(step: () => Promise<void>): void;
}

export interface SectionResult {
  figures: Figure[];
  /** Events per second at saturation, for comparisons between sections. */
  throughput: number;
}

/** One measured path through the platform; add a section by adding one of these to run.ts. */
export interface BenchSection {
  id: string;
  title: string;
  run(env: BenchEnvironment): Promise<SectionResult>;
}
