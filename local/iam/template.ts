// Types only: the policy model reads a template without importing the stack that synthesizes one.

/** One resource of the synthesized CloudFormation template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** The logical ids of the resources the local runtime stands in for, by registry id. */
export interface LogicalIds {
  readonly key: string;
  readonly bucket: string;
  readonly tables: Readonly<Record<string, string>>;
  readonly queues: Readonly<Record<string, { readonly queue: string; readonly deadLetterQueue: string }>>;
  readonly functions: Readonly<Record<string, { readonly function: string; readonly role: string }>>;
  readonly stateMachines: Readonly<Record<string, { readonly stateMachine: string; readonly role: string }>>;
  /** What capabilities provided that references a resource, by `<capability>/<name>` → its logical id. */
  readonly provided: Readonly<Record<string, string>>;
}

export interface SynthesizedTemplate {
  readonly resources: Readonly<Record<string, TemplateResource>>;
  readonly logicalIds: LogicalIds;
}
