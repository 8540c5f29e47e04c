import { PRODUCTS_PRODUCT_TOPIC, ProductsPatterns } from '@mogul/contracts';
import { createKafka, ensureTopics, prepareRequestHandling } from '@mogul/messaging';
import { ProductsConfig } from './config';

/** Every request pattern products answers. */
export const PRODUCTS_REQUEST_PATTERNS: string[] = Object.values(ProductsPatterns);

/**
 * Creates the topics products publishes to (`products.product` and its dead-letter topic) and the
 * request and reply topics of its patterns. The broker does not create topics on its own; the
 * event consumer creates the topics it reads.
 */
export async function ensureProductsTopics(config: ProductsConfig): Promise<void> {
  const kafka = createKafka({ clientId: 'products-admin', brokers: config.kafkaBrokers() });
  const partitions = config.KAFKA_PARTITIONS;
  await ensureTopics(kafka, [PRODUCTS_PRODUCT_TOPIC], { partitions });
  await prepareRequestHandling({
    clientId: 'products',
    groupId: config.KAFKA_GROUP_ID,
    brokers: config.kafkaBrokers(),
    patterns: PRODUCTS_REQUEST_PATTERNS,
    partitions,
  });
}
