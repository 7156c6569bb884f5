/** What a template reference resolves to locally: a resource's Ref value and its attributes. */
export interface ResolutionScope {
  readonly region: string;
  readonly account: string;
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const pseudo = (name: string, scope: ResolutionScope): string | undefined =>
  ({
    'AWS::Partition': 'aws',
    'AWS::Region': scope.region,
    'AWS::AccountId': scope.account,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': 'tower-local',
    'AWS::NoValue': '',
  })[name];

/**
 * Resolves CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split) in a
 * template value to local strings; an intrinsic it does not know is an error, never a silent pass.
 */
export function resolveIntrinsics(value: unknown, scope: ResolutionScope): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, scope));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [first] = entries;
  if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::')))
    return intrinsic(first[0], first[1], scope);
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, scope)]));
}

function text(value: unknown, scope: ResolutionScope): string {
  const resolved = resolveIntrinsics(value, scope);
  if (typeof resolved === 'string') return resolved;
  if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
  throw new Error(`template value does not resolve to a string: ${JSON.stringify(value)}`);
}

function intrinsic(name: string, argument: unknown, scope: ResolutionScope): unknown {
  switch (name) {
    case 'Ref': {
      const id = String(argument);
      return pseudo(id, scope) ?? scope.ref(id);
    }
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(argument) ? argument : String(argument).split(/\.(.*)/s);
      return scope.getAtt(String(id), String(attribute));
    }
    case 'Fn::Join': {
      const [separator, parts] = argument as [string, unknown];
      const list = resolveIntrinsics(parts, scope);
      if (!Array.isArray(list)) throw new Error(`Fn::Join of a non-list: ${JSON.stringify(argument)}`);
      return list.map((part) => text(part, scope)).join(separator);
    }
    case 'Fn::Select': {
      const [index, list] = argument as [unknown, unknown];
      const items = resolveIntrinsics(list, scope);
      if (!Array.isArray(items)) throw new Error(`Fn::Select of a non-list: ${JSON.stringify(argument)}`);
      return items[Number(text(index, scope))];
    }
    case 'Fn::Split': {
      const [separator, source] = argument as [string, unknown];
      return text(source, scope).split(separator);
    }
    case 'Fn::Sub': {
      const [template, variables] = Array.isArray(argument)
        ? (argument as [string, Record<string, unknown>])
        : [String(argument), {}];
      return template.replace(/\$\{([^}!][^}]*)\}/g, (_, reference: string) => {
        if (reference in variables) return text(variables[reference], scope);
        const [id, attribute] = reference.split(/\.(.*)/s);
        if (attribute) return scope.getAtt(id ?? reference, attribute);
        return pseudo(reference, scope) ?? scope.ref(reference);
      });
    }
    default:
      throw new Error(
        `the local IAM model cannot resolve ${name} (${JSON.stringify(argument).slice(0, 120)})`,
      );
  }
}

export type { Json };
