import { describe, expect, it } from 'vitest';
import { servePage } from '../../../../../lambdas/platform/human-step/approval-api/decide.ts';
import { secrets } from '../../shared/support/builders.ts';
import { approvalApi, formValue, pageRequest } from './support.ts';

type Api = ReturnType<typeof approvalApi>;

/** Opens the link, picks `decision`, and returns the confirmation page's nonce. */
async function confirmationNonce(f: Api, decision: string): Promise<string> {
  const opened = await servePage(f.deps, pageRequest('GET', f.approvalId, secrets.a1));
  const chosen = await servePage(
    f.deps,
    pageRequest('POST', f.approvalId, secrets.a1, {
      step: 'choose',
      nonce: formValue(opened.body, 'nonce') ?? '',
      decision,
    }),
  );
  return formValue(chosen.body, 'nonce') ?? '';
}

const confirm = (f: Api, nonce: string, decision: string) =>
  servePage(f.deps, pageRequest('POST', f.approvalId, secrets.a1, { step: 'confirm', nonce, decision }));

describe('servePage: a confirmation is bound to the choice it confirms', () => {
  it('refuses the nonce of "Confirm: reject?" posted with decision=approve, deciding nothing', async () => {
    // Prepare
    const f = approvalApi();
    const nonce = await confirmationNonce(f, 'reject');
    f.time.advance(5_000);

    // Act
    const response = await confirm(f, nonce, 'approve');

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('That confirmation was for another choice, so nothing was decided.');
    expect(formValue(response.body, 'step')).toBe('choose');
    expect(f.record().status).toBe('PENDING');
    expect(f.record().approvers.a1?.vote).toBeUndefined();
    expect(f.sfn.results).toEqual([]);
    expect(f.audit.ofType('CONFIRMATION_MISMATCH')).toMatchObject([
      { decision: 'refused', actor: { kind: 'person', id: 'ann@example.com' } },
    ]);
  });

  it('refuses the nonce of "Confirm: approve?" posted with decision=reject too', async () => {
    // Prepare
    const f = approvalApi();
    const nonce = await confirmationNonce(f, 'approve');
    f.time.advance(5_000);

    // Act
    const response = await confirm(f, nonce, 'reject');

    // Assess
    expect(response.body).toContain('That confirmation was for another choice');
    expect(f.record().status).toBe('PENDING');
  });

  it('accepts the same nonce with the choice it was made for', async () => {
    // Prepare
    const f = approvalApi();
    const nonce = await confirmationNonce(f, 'reject');
    f.time.advance(5_000);

    // Act
    const response = await confirm(f, nonce, 'reject');

    // Assess
    expect(f.record().status).toBe('REJECTED');
    expect(response.body).toContain('Rejected');
    expect(f.audit.ofType('CONFIRMATION_MISMATCH')).toEqual([]);
  });
});
