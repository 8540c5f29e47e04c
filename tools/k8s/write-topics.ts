import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaTopicsYaml, platformTopics } from './topics';

// `npm run k8s:topics` rewrites the Strimzi KafkaTopic component from the contracts library;
// `npm run k8s:topics -- --list` prints the topic names instead (to create them on an external Kafka).

export const KAFKA_TOPICS_FILE = join(__dirname, '..', '..', 'k8s', 'components', 'kafka-topics', 'topics.yaml');
export const KAFKA_TOPIC_DEFAULTS = { cluster: 'mogul', partitions: 6, replicas: 1 };

if (require.main === module) {
  const topics = platformTopics();
  if (process.argv.includes('--list')) {
    for (const topic of topics) console.log(`${topic.name}\t${topic.kind}`);
  } else {
    writeFileSync(KAFKA_TOPICS_FILE, kafkaTopicsYaml(topics, KAFKA_TOPIC_DEFAULTS));
    console.log(`wrote ${topics.length} KafkaTopics to ${KAFKA_TOPICS_FILE}`);
  }
}
