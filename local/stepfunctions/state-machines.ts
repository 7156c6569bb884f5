import { ServiceError } from './errors.ts';
import type { IntegrationDeps } from './integrations.ts';
import { type Clock, LocalStateMachine, UnmappedTaskError } from './local-machine.ts';
import { checkArn, checkName } from './validation.ts';

/** What CreateStateMachine needs to build a machine the way the runtime builds its own. */
export interface MachineFactory {
  readonly deps: IntegrationDeps;
  readonly clock: Clock;
  /** Region and account of created machines' ARNs. @default those of the first machine, else us-east-1 / 000000000000 */
  readonly region?: string;
  readonly accountId?: string;
}

export interface MachineEntry {
  readonly machine: LocalStateMachine;
  readonly creationDate: number;
}

export interface CreateRequest {
  readonly name?: unknown;
  readonly definition?: unknown;
  readonly roleArn?: unknown;
  readonly type?: unknown;
}

/**
 * The state machines the local Step Functions runs: the runtime's own, and those CreateStateMachine
 * makes (the conformance suite creates throw-away ones, as it does on AWS). Created machines live in
 * memory until the runtime stops.
 */
export class StateMachineRegistry {
  private readonly byArn = new Map<string, MachineEntry>();

  constructor(
    machines: readonly LocalStateMachine[],
    private readonly factory?: MachineFactory,
  ) {
    for (const machine of machines) this.byArn.set(machine.arn, { machine, creationDate: Date.now() });
  }

  get all(): LocalStateMachine[] {
    return [...this.byArn.values()].map((e) => e.machine);
  }

  entries(): MachineEntry[] {
    return [...this.byArn.values()];
  }

  find(arn: string): MachineEntry | undefined {
    return this.byArn.get(arn);
  }

  /** DescribeStateMachine's lookup: InvalidArn for what is no state machine ARN, StateMachineDoesNotExist for an unknown one. */
  get(arn: unknown): MachineEntry {
    const checked = checkArn(arn, 'stateMachine');
    const entry = this.byArn.get(checked);
    if (!entry)
      throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${checked}'`);
    return entry;
  }

  /**
   * CreateStateMachine: idempotent for the same name, definition and role; StateMachineAlreadyExists
   * for the same name with anything else. Only STANDARD machines run locally.
   */
  create(request: CreateRequest): MachineEntry {
    if (!this.factory)
      throw new ServiceError('ValidationException', 'this local Step Functions cannot create state machines');
    const name = typeof request.name === 'string' ? request.name : '';
    checkName(name);
    const roleArn = checkArn(request.roleArn, 'role');
    if (request.type !== undefined && request.type !== 'STANDARD')
      throw new ServiceError(
        'ValidationException',
        `the local Step Functions runs STANDARD state machines only, not ${String(request.type)}`,
      );
    const definition = typeof request.definition === 'string' ? request.definition : '';
    const arn = `arn:aws:states:${this.region()}:${this.accountId()}:stateMachine:${name}`;
    const existing = this.byArn.get(arn);
    if (existing) {
      if (existing.machine.definitionText === definition && existing.machine.roleArn === roleArn)
        return existing;
      throw new ServiceError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    let machine: LocalStateMachine;
    try {
      JSON.parse(definition);
      machine = new LocalStateMachine(arn, name, definition, this.factory.deps, this.factory.clock, {
        roleArn,
      });
    } catch (error) {
      const why =
        error instanceof UnmappedTaskError
          ? `${error.message} (a local stand-in: it runs only the integrations Tower uses)`
          : error instanceof Error
            ? error.message
            : String(error);
      throw new ServiceError('InvalidDefinition', `Invalid State Machine Definition: '${why}'`);
    }
    const entry = { machine, creationDate: Date.now() };
    this.byArn.set(arn, entry);
    return entry;
  }

  /** DeleteStateMachine: succeeds for a machine that does not exist, as on AWS. */
  delete(arn: unknown): LocalStateMachine | undefined {
    const checked = checkArn(arn, 'stateMachine');
    const entry = this.byArn.get(checked);
    this.byArn.delete(checked);
    return entry?.machine;
  }

  private region(): string {
    return this.factory?.region ?? this.all[0]?.arn.split(':')[3] ?? 'us-east-1';
  }

  private accountId(): string {
    return this.factory?.accountId ?? this.all[0]?.arn.split(':')[4] ?? '000000000000';
  }
}
