/** One action of a lifecycle: the states it may start from and the state it leads to. */
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
}

/**
 * A lifecycle as one table, `{ action: { from: [...], to } }`: the shape the order, design and
 * listing lifecycles all use. An action from a state the table does not list is refused with the
 * error the owner makes of it (each service answers its own 409).
 */
export class StateMachine<S extends string, A extends string> {
  constructor(
    readonly transitions: Readonly<Record<A, Transition<S>>>,
    private readonly refuse: (state: S, action: A) => Error,
  ) {}

  can(state: S, action: A): boolean {
    return this.transitions[action].from.includes(state);
  }

  /** The state after `action`; throws the owner's refusal when `state` does not allow it. */
  next(state: S, action: A): S {
    if (!this.can(state, action)) throw this.refuse(state, action);
    return this.transitions[action].to;
  }
}
