/**
 * Reason messages in the rule set are templates over the facts: `{fields.total.confidence}` is
 * replaced by that fact, so a reason names the value that triggered it without code per rule.
 */

const placeholderPattern = /\{([A-Za-z0-9_.]+)\}/g;

/** The dotted paths a template refers to. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(placeholderPattern)].map((m) => m[1] ?? '');
}

/** True when every segment of the dotted path is a key of the nested object (a null leaf counts). */
export function hasPath(value: unknown, path: string): boolean {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return true;
}

function lookup(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * The template with each placeholder replaced by its fact; absent facts read "none".
 *
 * @example render('Total {invoice.total}', facts) // 'Total 1200.00'
 */
export function render(template: string, facts: unknown): string {
  return template.replace(placeholderPattern, (_, path: string) => {
    const value = lookup(facts, path);
    return value === null || value === undefined || typeof value === 'object' ? 'none' : String(value);
  });
}
