import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UserService } from './user.service';

/** At start-up, promotes FIRST_OPERATOR_EMAIL's existing account when the platform has no operator yet. */
@Injectable()
export class FirstOperatorBootstrap implements OnApplicationBootstrap {
  constructor(private readonly users: UserService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.users.promoteFirstOperator({ correlationId: randomUUID(), causationId: null });
  }
}
