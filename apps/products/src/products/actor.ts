import { Actor } from '@mogul/http';

/** The caller as a design sees it: who they are, and whether moderation powers apply. */
export interface Viewer {
  userId: string;
  isOperator: boolean;
}

/** No viewer for a visitor: they see published designs only. */
export function viewerOf(actor: Actor | null): Viewer | undefined {
  return actor ? { userId: actor.userId, isOperator: actor.roles.includes('operator') } : undefined;
}
