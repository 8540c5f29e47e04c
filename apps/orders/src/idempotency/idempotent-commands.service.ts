import { Injectable } from '@nestjs/common';
import { Actor, DomainError } from '@mogul/http';
import { OrdersConfig } from '../config';
import { IdempotencyKeyInProgressError, IdempotencyKeyReusedError } from '../errors';
import { IdempotencyKeys } from './idempotency-keys.service';
import { KeyClaim, KeyRecord, KeyScope } from './key-claim';
import { replay, StoredAnswer, storedFailure, storedValue } from './stored-answer';

/** A request sent under an `Idempotency-Key`: who sent it, the key, and what makes two requests the same. */
export interface IdentifiedRequest {
  actor: Actor;
  key: string;
  requestHash: string;
}

/** What a command's first read found: the key's row if the key was used, and what the work needs. */
export interface FirstRead<S> {
  key?: KeyRecord;
  /** The work was done under the key, but the key is gone (answered, kept its time, purged): the key is spent. */
  doneBefore: boolean;
  sight: S;
}

/** The work's answer and the write that keeps it. */
export interface Performed<R> {
  answer: R;
  /**
   * Writes what the work did together with the key's claim (`claim` holds the answer), all or
   * nothing in one transaction; false, with nothing written, when another request answered the key first.
   */
  write(claim: KeyClaim): Promise<boolean>;
}

/**
 * A use case as `IdempotentCommands` runs it: one read before any work (which reads the key's row
 * along with what the work needs, so a repeat costs nothing more), then the work, whose one write
 * claims the key with the answer. A business failure (`DomainError`) thrown by the work is its
 * answer too, so the work throws it before doing anything it cannot take back (the checkout prices
 * before it charges); anything else thrown stores nothing, and a retry runs the work again.
 */
export interface IdempotentCommand<S, R> {
  read(): Promise<FirstRead<S>>;
  perform(sight: S): Promise<Performed<R>>;
}

/** How long a repeat waits for a claim without an answer (left by an earlier version) before it is told to retry. */
const WAIT_FOR_ANSWER_MS = 20_000;
const POLL_MS = 25;

/**
 * Runs a use case at most once per shopper and key: the first request's answer, value or business
 * failure, is stored with the key in the work's own transaction and given again to every repeat of
 * the same request; another request with the key is a 422. Of two racing twins one claims the key,
 * the other answers what the first stored.
 */
@Injectable()
export class IdempotentCommands {
  constructor(
    private readonly keys: IdempotencyKeys,
    private readonly config: OrdersConfig,
  ) {}

  async run<S, R>(request: IdentifiedRequest, command: IdempotentCommand<S, R>): Promise<R> {
    const scope: KeyScope = { shopperId: request.actor.userId, key: request.key };
    const { requestHash } = request;
    const found = await command.read();
    if (found.key) return this.answerOf(scope, requestHash, found.key);
    if (found.doneBefore) throw new IdempotencyKeyReusedError();
    const claim = (answer: StoredAnswer): KeyClaim => ({ ...scope, requestHash, answer, ttlHours: this.config.IDEMPOTENCY_KEY_TTL_HOURS });

    let performed: Performed<R>;
    try {
      performed = await command.perform(found.sight);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (await this.keys.claim(claim(storedFailure(error)))) throw error;
      return this.answerOf(scope, requestHash, await this.keys.find(scope));
    }
    if (await performed.write(claim(storedValue(performed.answer)))) return performed.answer;
    return this.answerOf(scope, requestHash, await this.keys.find(scope));
  }

  /**
   * The answer of a key that was used before: its first answer for the same request, a 422 for
   * another. A claim an earlier version of the service holds without an answer yet is waited for.
   */
  private async answerOf<R>(scope: KeyScope, requestHash: string, found: KeyRecord | undefined): Promise<R> {
    const deadline = Date.now() + WAIT_FOR_ANSWER_MS;
    for (let current = found; ; current = await this.keys.find(scope)) {
      if (!current) throw new IdempotencyKeyInProgressError();
      if (current.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
      if (current.answer) return replay(current.answer as StoredAnswer<R>);
      if (Date.now() > deadline) throw new IdempotencyKeyInProgressError();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
