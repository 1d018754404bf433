/**
 * Retries and crashes: injected faults are retried to success without paying anyone twice, final
 * refusals are not retried, and a crash loses nothing the payment system acknowledged.
 */
import * as fs from 'node:fs';
import { PaymentSystemError } from '../../scripts/payment-system/client';
import type { FaultKind, SandboxPaymentSystem } from '../../scripts/payment-system/sandbox';
import { clientFor, recordId, rejection, startSandbox, submission } from './fixtures';

const failure = (promise: Promise<unknown>): Promise<PaymentSystemError> =>
  rejection(promise, PaymentSystemError, 'expected the call to fail');

jest.setTimeout(30_000);

describe('retries on transient faults', () => {
  let sandbox: SandboxPaymentSystem;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  beforeEach(() => sandbox.setFaults({}));

  const transient: { fault: FaultKind; phase: 'before' | 'after' }[] = (
    ['error500', 'error503', 'rateLimit', 'reset'] as const
  ).flatMap((fault) => (['before', 'after'] as const).map((phase) => ({ fault, phase })));

  it.each(transient)(
    'submits once despite two $fault faults ($phase the payment is created)',
    async ({ fault, phase }) => {
      const key = recordId();
      sandbox.setFaults({
        script: [
          { endpoint: 'submit', fault, phase },
          { endpoint: 'submit', fault, phase }
        ]
      });
      const t = clientFor(sandbox);

      const payment = (await t.client.submitPayment(key, submission())).payment;

      expect(payment.idempotencyKey).toBe(key);
      expect(t.attempts()).toBe(3);
      expect(sandbox.createdCountByKey().get(key)).toBe(1);
      expect(sandbox.payments().filter((p) => p.idempotencyKey === key)).toHaveLength(1);
    }
  );

  it.each(['get', 'getByKey', 'changes', 'void', 'recoup'] as const)(
    'retries %s after a 503 and answers as if nothing happened',
    async (endpoint) => {
      const t = clientFor(sandbox);
      const created = (await t.client.submitPayment(recordId(), submission())).payment;
      if (endpoint === 'recoup') sandbox.settle(created.id, 'Payment Successful');
      sandbox.setFaults({ script: [{ endpoint, fault: 'error503', phase: 'after' }] });

      const calls = {
        get: () => t.client.getPayment(created.id),
        getByKey: () => t.client.getPaymentByKey(created.idempotencyKey),
        changes: () => t.client.listChanges(null, 5),
        void: () => t.client.requestVoid(created.id, 'Tenant moved out before payout'),
        recoup: () => t.client.recordRecoup(created.id, 'Payment Recouped', 'Duplicate payment')
      };
      await expect(calls[endpoint]()).resolves.toBeTruthy();
      expect(sandbox.stats().faultsInjected).toBeGreaterThan(0);
      expect(t.sleeps).toHaveLength(1);
    }
  );

  it('waits as long as Retry-After asks on 429', async () => {
    sandbox.setFaults({ script: [{ endpoint: 'submit', fault: 'rateLimit', retryAfterSeconds: 3 }] });
    const t = clientFor(sandbox);

    await t.client.submitPayment(recordId(), submission());

    expect(t.sleeps).toEqual([3_000]);
  });

  it('fails at once, retryable, when Retry-After is longer than the client will wait', async () => {
    sandbox.setFaults({ script: [{ endpoint: 'submit', fault: 'rateLimit', retryAfterSeconds: 600 }] });
    const t = clientFor(sandbox, { maxRetryAfterMs: 60_000 });

    const err = await failure(t.client.submitPayment(recordId(), submission()));

    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryable).toBe(true);
    expect(err.retryAfterMs).toBe(600_000);
    expect(t.sleeps).toEqual([]);
  });

  it('backs off exponentially, with jitter, and gives up after maxRetries', async () => {
    sandbox.setFaults({
      script: Array.from({ length: 6 }, () => ({ endpoint: 'submit' as const, fault: 'error500' as const }))
    });
    const draws = [0, 0.999, 0.5, 0.25];
    const t = clientFor(sandbox, { maxRetries: 4, retryBaseDelayMs: 100, random: () => draws.shift() ?? 0 });

    const err = await failure(t.client.submitPayment(recordId(), submission()));

    expect(err.code).toBe('INTERNAL_ERROR');
    expect(err.retryable).toBe(true);
    expect(t.attempts()).toBe(5);
    // base * 2^n, jittered between half and all of it
    expect(t.sleeps).toEqual([50, 200, 300, 500]);
  });

  it('times out a call that does not answer, and the retry finds the same payment', async () => {
    const key = recordId();
    sandbox.setFaults({ script: [{ endpoint: 'submit', fault: 'delay', delayMs: 2_500 }] });
    const t = clientFor(sandbox, { timeoutMs: 600 });

    const payment = (await t.client.submitPayment(key, submission())).payment;
    // let the held-back first request finish on the server side
    await new Promise((resolve) => setTimeout(resolve, 2_600));

    expect(t.attempts()).toBeGreaterThanOrEqual(2);
    expect(t.sleeps.length).toBe(t.attempts() - 1);
    expect(sandbox.createdCountByKey().get(key)).toBe(1);
    expect((await t.client.getPaymentByKey(key))?.id).toBe(payment.id);
  });

  it.each([
    ['400', () => submission({ reasonCode: 'XYZ' }), 'INVALID_REQUEST'],
    ['422', () => submission({ amount: 1 }), 'IDEMPOTENCY_KEY_REUSED']
  ])('never retries a %s', async (_status, body, code) => {
    const key = recordId();
    await clientFor(sandbox).client.submitPayment(key, submission());
    const t = clientFor(sandbox);

    const err = await failure(t.client.submitPayment(key, body()));

    expect(err.code).toBe(code);
    expect(t.attempts()).toBe(1);
    expect(t.sleeps).toEqual([]);
  });

  it('never retries a 401', async () => {
    const t = clientFor(sandbox, { token: 'expired-token' });
    const err = await failure(t.client.listChanges(null));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(t.attempts()).toBe(1);
  });

  it('submits exactly once per key under random faults, with every payment sent twice', async () => {
    sandbox.setFaults({
      errorRate: { submit: 0.25, '*': 0.1 },
      resetRate: 0.1,
      rateLimitRate: 0.1,
      retryAfterSeconds: 0,
      latencyMs: { min: 0, max: 5 },
      phase: 'either'
    });
    const t = clientFor(sandbox, { maxRetries: 12 });
    const keys = Array.from({ length: 30 }, () => recordId());

    const answers = await Promise.all(
      [...keys, ...keys].map((key, i) =>
        t.client.submitPayment(key, submission({ amount: 100 + (i % keys.length) }))
      )
    );

    const counts = sandbox.createdCountByKey();
    expect(keys.map((key) => counts.get(key))).toEqual(keys.map(() => 1));
    for (const key of keys) {
      const forKey = answers.filter((a) => a.payment.idempotencyKey === key);
      expect(new Set(forKey.map((a) => a.payment.id)).size).toBe(1);
    }
    expect(sandbox.stats().faultsInjected).toBeGreaterThan(5);
  });
});

describe('crash and restart', () => {
  it('loses nothing it acknowledged, and submissions resume where they were', async () => {
    const sandbox = await startSandbox({
      fsync: true,
      settlement: { delayMs: 5_000, mix: { success: 1, failed: 0, voided: 0 } }
    });
    try {
      const t = clientFor(sandbox);
      const keys = Array.from({ length: 12 }, () => recordId());
      const acknowledged = [];
      for (const key of keys) acknowledged.push((await t.client.submitPayment(key, submission())).payment);
      const page = await t.client.listChanges(null, 100);

      await sandbox.crash();
      const down = await failure(clientFor(sandbox, { maxRetries: 0 }).client.getPayment(acknowledged[0].id));
      expect(down.code).toBe('NETWORK_ERROR');
      expect(down.retryable).toBe(true);
      expect(keys.map((k) => sandbox.createdCountByKey().get(k))).toEqual(keys.map(() => 1));
      await sandbox.restart();

      for (const payment of acknowledged) expect(await t.client.getPayment(payment.id)).toEqual(payment);
      const replays = await Promise.all(keys.map((key) => t.client.submitPayment(key, submission())));
      expect(replays.map((r) => r.payment)).toEqual(acknowledged);
      expect(replays.every((r) => r.replayed)).toBe(true);
      // the cursor from before the crash still works and settlement carries on
      sandbox.advance(10_000);
      const after = await t.client.listChanges(page.nextCursor, 100);
      expect(after.payments.map((p) => p.status)).toEqual(keys.map(() => 'Payment Successful'));
      expect(keys.map((k) => sandbox.createdCountByKey().get(k))).toEqual(keys.map(() => 1));
    } finally {
      await sandbox.stop();
    }
  });

  it('a client retrying through a crash gets its payment created once', async () => {
    const sandbox = await startSandbox();
    try {
      const key = recordId();
      // the payment is created and journalled, then the process dies before answering
      sandbox.setFaults({ script: [{ endpoint: 'submit', fault: 'reset', phase: 'after' }] });
      let crashed = false;
      const t = clientFor(sandbox, {
        sleep: async () => {
          if (!crashed) {
            crashed = true;
            await sandbox.crash();
            return;
          }
          await sandbox.restart();
        }
      });

      const { payment, replayed } = await t.client.submitPayment(key, submission());

      expect(t.attempts()).toBe(3); // reset, refused while down, replay after restart
      expect(payment.version).toBe(1);
      // the replay answers this call's own first attempt: a new payment, not an earlier one
      expect(replayed).toBe(false);
      expect(sandbox.createdCountByKey().get(key)).toBe(1);
    } finally {
      await sandbox.stop();
    }
  });

  it('ignores a journal line cut short by a crash and carries on', async () => {
    const sandbox = await startSandbox();
    try {
      const t = clientFor(sandbox);
      const payment = (await t.client.submitPayment(recordId(), submission())).payment;
      await sandbox.crash();
      fs.appendFileSync(sandbox.journalPath, '{"type":"created","seq":99,"payment":{"id":"PAY-TO');
      await sandbox.restart();

      expect(await t.client.getPayment(payment.id)).toEqual(payment);
      const next = (await t.client.submitPayment(recordId(), submission())).payment;
      expect(sandbox.payments().map((p) => p.id)).toEqual([payment.id, next.id]);
    } finally {
      await sandbox.stop();
    }
  });
});
