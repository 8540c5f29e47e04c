import { InboxEntry } from '../inbox/inbox-entry.entity';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { MessagingTables1764100000000 } from './1764100000000-messaging-tables';
import { InboxOffsets1765000000000 } from './1765000000000-inbox-offsets';
import { OutboxJsonText1769400000000 } from './1769400000000-outbox-json-text';

export { MessagingTables1764100000000, InboxOffsets1765000000000, OutboxJsonText1769400000000 };

/** List these in a service's DataSource next to its own entities and migrations. */
export const messagingEntities = [OutboxMessage, InboxEntry];
export const messagingMigrations = [MessagingTables1764100000000, InboxOffsets1765000000000, OutboxJsonText1769400000000];
