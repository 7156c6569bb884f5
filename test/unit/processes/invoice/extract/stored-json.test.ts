import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseStoredJson } from '../../../../../lambdas/processes/invoice/extract/stored-json.ts';

const schema = z.object({ reason: z.string(), count: z.number() });

describe('parseStoredJson', () => {
  it.each<[string, string, unknown]>([
    ['a body of the shape', '{"reason":"empty","count":2}', { reason: 'empty', count: 2 }],
    ['a body that is not JSON', '{"reason":', undefined],
    ['JSON of another shape', '{"reason":"empty","count":"2"}', undefined],
    ['JSON that is not an object', '"empty"', undefined],
  ])('reads %s', (_, body, expected) => {
    // Act
    const parsed = parseStoredJson(schema, body);

    // Assess
    expect(parsed).toEqual(expected);
  });
});
