/** An IAM policy document as the template holds it. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly Record<string, unknown>[];
}

/** An IAM policy by the name the report shows (the template's logical id, or role + inline name). */
export interface NamedPolicy {
  readonly name: string;
  readonly policy: PolicyDocument;
}
