import { ServiceError } from './errors.ts';

/**
 * What the Step Functions API checks before it looks anything up, with its error names and messages
 * (AWS Step Functions API Reference: StartExecution `name`, the `Common Errors`, and each action's
 * length constraints).
 */

/**
 * An execution or state machine name, as StartExecution and CreateStateMachine accept it: 1 to 80
 * characters, none of them white space, `< > { } [ ] ? * " # % \ ^ | ~ \` $ & , ; : /`, a control
 * character (U+0000-001F, U+007F-009F), U+FFFE-FFFF or a lone surrogate. `.`, `+`, `@`, `=` and
 * letters of any script are fine.
 */
export function isValidName(name: string): boolean {
  const chars = [...name];
  if (chars.length < 1 || chars.length > 80) return false;
  return chars.every((c) => {
    const code = c.codePointAt(0) ?? 0;
    if (/\s/u.test(c) || '<>{}[]?*"#%\\^|~`$&,;:/'.includes(c)) return false;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff) return false;
    return !(code >= 0xd800 && code <= 0xdfff);
  });
}

export function checkName(name: string): void {
  if (!isValidName(name)) throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
}

type ArnKind = 'stateMachine' | 'execution' | 'mapRun' | 'role';

const arnShape = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:([A-Za-z]+)[:/](.+)$/;

/** Refuses what is not an ARN of the kind the action takes, as AWS does (InvalidArn, before any lookup). */
export function checkArn(value: unknown, kind: ArnKind): string {
  const arn = typeof value === 'string' ? value : '';
  if (!arn.startsWith('arn:'))
    throw new ServiceError('InvalidArn', `Invalid Arn: 'Invalid ARN prefix: ${arn}'`);
  const match = arnShape.exec(arn);
  const service = kind === 'role' ? 'iam' : 'states';
  if (!match || match[2] !== service)
    throw new ServiceError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  if (match[5] !== kind)
    throw new ServiceError(
      'InvalidArn',
      `Invalid Arn: 'Resource type not valid in this context: ${match[5]}'`,
    );
  return arn;
}

/** `maxResults`: 0 (the default of 100) to 1,000. */
export function pageSize(value: unknown): number {
  if (value === undefined || value === null) return 100;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw validation(
      `Value '${String(value)}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  if (n > 1000)
    throw validation(
      `Value '${n}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  return n === 0 ? 100 : n;
}

/** A string member's allowed values, as the API's enum constraint answers a bad one. */
export function checkEnum(member: string, value: unknown, allowed: readonly string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value))
    throw validation(
      `Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  return value;
}

/** A string member's length constraint. */
export function checkLength(member: string, value: unknown, max: number): void {
  if (typeof value === 'string' && value.length > max)
    throw validation(
      `Value '${value.slice(0, 40)}…' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
}

export function validation(message: string): ServiceError {
  return new ServiceError('ValidationException', `1 validation error detected: ${message}`);
}
