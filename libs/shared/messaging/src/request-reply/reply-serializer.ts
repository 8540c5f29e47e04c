import { Serializer } from '@nestjs/microservices';

interface OutgoingReply {
  key: null;
  value: string | null;
  headers: Record<string, string | Buffer>;
}

/**
 * Serializes every answer as the Kafka message value. Nest's default Kafka serializer treats any
 * object that has a `value` key as a ready-made Kafka message, and a successful `Reply`
 * (`{ ok: true, value }`) has one: the caller would receive the inner value without `ok`.
 */
export class ReplySerializer implements Serializer<unknown, OutgoingReply> {
  serialize(response: unknown): OutgoingReply {
    return { key: null, value: response === undefined ? null : JSON.stringify(response), headers: {} };
  }
}
