/**
 * The payment-system contract, exercised through the client adapter against the sandbox: what the
 * sync worker relies on to submit each payment exactly once and to mirror its status.
 */
import { PaymentSystemError, type RemotePayment } from '../../scripts/payment-system/client';
import {
  canRemoteTransition,
  RECOUP_KINDS,
  REMOTE_STATUSES,
  type RemoteStatus
} from '../../scripts/payment-system/lifecycle';
import type { SandboxPaymentSystem } from '../../scripts/payment-system/sandbox';
import { clientFor, recordId, rejection, startSandbox, submission, type TestClient } from './fixtures';

const refusal = (promise: Promise<unknown>): Promise<PaymentSystemError> =>
  rejection(promise, PaymentSystemError, 'expected the payment system to refuse');

jest.setTimeout(30_000);

describe('payment system contract', () => {
  let sandbox: SandboxPaymentSystem;
  let t: TestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({
      settlement: {
        delayMs: 60_000,
        jitter: 0.25,
        mix: { success: 1, failed: 0, voided: 0 },
        reversalRate: 0
      }
    });
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  beforeEach(() => {
    t = clientFor(sandbox);
    sandbox.setFaults({});
  });

  describe('submission', () => {
    it('creates a payment that can be read by id and by idempotency key', async () => {
      const key = recordId();
      const created = (await t.client.submitPayment(key, submission({ amount: 900, reasonCode: 'STP' })))
        .payment;

      expect(created).toMatchObject({
        idempotencyKey: key,
        status: 'Submitted for Payment',
        amount: 900,
        reasonCode: 'STP',
        version: 1
      });
      expect(await t.client.getPayment(created.id)).toEqual(created);
      expect(await t.client.getPaymentByKey(key)).toEqual(created);
      expect(sandbox.createdCountByKey().get(key)).toBe(1);
    });

    it('answers a repeat with the same key and body with the original payment, creating nothing', async () => {
      const key = recordId();
      const first = await t.client.submitPayment(key, submission());
      const again = await t.client.submitPayment(key, submission());

      expect(again.payment).toEqual(first.payment);
      expect(first.replayed).toBe(false);
      expect(again.replayed).toBe(true);
      expect(sandbox.createdCountByKey().get(key)).toBe(1);
      expect(t.exchanges.map((e) => e.headers['idempotent-replayed'])).toEqual(['false', 'true']);
    });

    it('replays the original answer even after the payment settled', async () => {
      const key = recordId();
      const first = await t.client.submitPayment(key, submission());
      sandbox.advance(120_000);

      const replay = await t.client.submitPayment(key, submission());
      const now = await t.client.getPaymentByKey(key);

      expect(replay.payment).toEqual(first.payment);
      expect([first.replayed, replay.replayed]).toEqual([false, true]);
      expect(now?.status).toBe('Payment Successful');
      expect(now?.version).toBe(2);
    });

    it('creates one payment when the same submission arrives many times at once', async () => {
      const key = recordId();
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => t.client.submitPayment(key, submission()))
      );

      expect(new Set(answers.map((a) => a.payment.id)).size).toBe(1);
      expect(sandbox.createdCountByKey().get(key)).toBe(1);
    });

    it('refuses the same key with a different body, naming what differs, without retrying', async () => {
      const key = recordId();
      const original = (await t.client.submitPayment(key, submission({ amount: 5400 }))).payment;
      const before = t.attempts();

      const err = await refusal(
        t.client.submitPayment(key, submission({ amount: 5900, payee: 'Someone Else' }))
      );

      expect(err.status).toBe(422);
      expect(err.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(err.retryable).toBe(false);
      expect(err.message).toContain('amount');
      expect(err.message).toContain('payee');
      expect(err.message).toContain(original.id);
      expect(t.attempts() - before).toBe(1);
      expect((await t.client.getPayment(original.id)).amount).toBe(5400);
    });

    it('refuses an invalid body with a message naming the field, and the key stays unused', async () => {
      const key = recordId();
      const err = await refusal(t.client.submitPayment(key, submission({ amount: -12 })));

      expect(err.status).toBe(400);
      expect(err.code).toBe('INVALID_REQUEST');
      expect(err.message).toContain('amount');
      expect(t.attempts()).toBe(1);
      expect(await t.client.getPaymentByKey(key)).toBeNull();

      const created = (await t.client.submitPayment(key, submission({ amount: 12 }))).payment;
      expect(created.amount).toBe(12);
    });

    it('refuses a wrong bearer token without retrying', async () => {
      const wrong = clientFor(sandbox, { token: 'not-the-token' });
      const err = await refusal(wrong.client.submitPayment(recordId(), submission()));

      expect(err.status).toBe(401);
      expect(err.code).toBe('UNAUTHORIZED');
      expect(wrong.attempts()).toBe(1);
    });

    it('reports an unknown payment as not found, and an unknown key as null', async () => {
      const err = await refusal(t.client.getPayment('PAY-DOES-NOT-EXIST'));
      expect(err.status).toBe(404);
      expect(err.code).toBe('PAYMENT_NOT_FOUND');
      expect(await t.client.getPaymentByKey(recordId())).toBeNull();
    });
  });

  describe('lifecycle', () => {
    /** A payment brought to `status` by the payment system's own moves. */
    async function paymentIn(status: RemoteStatus): Promise<RemotePayment> {
      const created = (await t.client.submitPayment(recordId(), submission())).payment;
      if (status === 'Submitted for Payment') return created;
      const path: RemoteStatus[] = canRemoteTransition('Submitted for Payment', status)
        ? [status]
        : ['Payment Successful', status];
      for (const step of path) sandbox.settle(created.id, step, 'settled by the payment desk');
      return t.client.getPayment(created.id);
    }

    const requests: { to: RemoteStatus; send: (t: TestClient, id: string) => Promise<RemotePayment> }[] = [
      {
        to: 'Payment Voided',
        send: (c, id) => c.client.requestVoid(id, 'Landlord already paid by another program')
      },
      ...RECOUP_KINDS.map((kind) => ({
        to: kind,
        send: (c: TestClient, id: string) =>
          c.client.recordRecoup(id, kind, 'Household received a duplicate payment')
      }))
    ];
    const cases = REMOTE_STATUSES.flatMap((from) => requests.map((r) => ({ from, ...r })));
    const refused = cases.filter((c) => c.from !== c.to && !canRemoteTransition(c.from, c.to));
    const allowed = cases.filter((c) => canRemoteTransition(c.from, c.to));

    it('accepts exactly the lifecycle moves a caller may ask for', () => {
      expect(allowed.map((c) => `${c.from} -> ${c.to}`).sort()).toEqual(
        [
          'Submitted for Payment -> Payment Voided',
          'Payment Successful -> Payment Returned',
          'Payment Successful -> Refund or Cancelled',
          'Payment Successful -> Payment Recouped'
        ].sort()
      );
      expect(refused).toHaveLength(cases.length - allowed.length - 4);
    });

    it.each(refused)(
      'refuses $to from "$from" with a reason and leaves the payment as it was',
      async ({ from, send }) => {
        const payment = await paymentIn(from);
        const before = t.attempts();

        const err = await refusal(send(t, payment.id));

        expect(err.status).toBe(409);
        expect(err.code).toBe('INVALID_TRANSITION');
        expect(err.retryable).toBe(false);
        expect(err.message).toContain(from);
        expect(t.attempts() - before).toBe(1);
        expect(await t.client.getPayment(payment.id)).toEqual(payment);
      }
    );

    it.each(allowed)(
      'moves "$from" to "$to" and a repeat changes nothing more',
      async ({ from, to, send }) => {
        const payment = await paymentIn(from);

        const moved = await send(t, payment.id);
        const repeated = await send(t, payment.id);

        expect(moved.status).toBe(to);
        expect(moved.version).toBe(payment.version + 1);
        expect(moved.statusReason).toBeTruthy();
        expect(repeated).toEqual(moved);
      }
    );

    it('reports a move asked for an unknown payment as not found', async () => {
      const err = await refusal(t.client.requestVoid('PAY-NOPE', 'duplicate'));
      expect(err.code).toBe('PAYMENT_NOT_FOUND');
    });
  });
});

describe('change feed', () => {
  let sandbox: SandboxPaymentSystem;
  let t: TestClient;

  beforeEach(async () => {
    sandbox = await startSandbox({
      seed: 11,
      settlement: {
        delayMs: 1_000,
        jitter: 0.5,
        mix: { success: 0.7, failed: 0.2, voided: 0.1 },
        reversalRate: 0.5,
        reversalDelayMs: 2_000
      }
    });
    t = clientFor(sandbox);
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  async function drain(from: string | null, limit: number, between?: () => Promise<void>) {
    const seen: RemotePayment[] = [];
    let cursor = from;
    for (;;) {
      const page = await t.client.listChanges(cursor, limit);
      expect(page.malformed).toEqual([]);
      seen.push(...page.payments);
      cursor = page.nextCursor;
      if (!page.hasMore) return { seen, cursor };
      if (between) await between();
    }
  }

  it('pages through every change in a stable order', async () => {
    for (let i = 0; i < 23; i++) await t.client.submitPayment(recordId(), submission({ amount: 100 + i }));
    sandbox.advance(1_200);

    const small = await drain(null, 4);
    const large = await drain(null, 1000);

    expect(small.seen.map((p) => p.id)).toEqual(large.seen.map((p) => p.id));
    expect(new Set(small.seen.map((p) => p.id)).size).toBe(23);
    expect(small.seen.map((p) => p.id).sort()).toEqual(
      sandbox
        .payments()
        .map((p) => p.id)
        .sort()
    );
  });

  it('sees every change exactly once while payments keep changing between pages', async () => {
    const keys: string[] = [];
    const submitMore = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const key = recordId();
        keys.push(key);
        await t.client.submitPayment(key, submission({ amount: 10 + keys.length }));
      }
    };
    await submitMore(15);

    const seenVersions = new Map<string, number[]>();
    let cursor: string | null = null;
    for (let round = 0; round < 6; round++) {
      let interruptions = 0;
      const { seen, cursor: next } = await drain(cursor, 3, async () => {
        // changes land between pages, but fewer than a reader takes, so the reader catches up
        if (interruptions++ >= 4) return;
        await submitMore(1);
        sandbox.advance(700);
      });
      for (const p of seen) seenVersions.set(p.id, [...(seenVersions.get(p.id) ?? []), p.version]);
      cursor = next;
      sandbox.advance(900);
    }
    sandbox.advance(60_000);
    const rest = await drain(cursor, 3);
    for (const p of rest.seen) seenVersions.set(p.id, [...(seenVersions.get(p.id) ?? []), p.version]);

    const current = sandbox.payments();
    expect(current).toHaveLength(keys.length);
    for (const payment of current) {
      const versions = seenVersions.get(payment.id) ?? [];
      // no duplicates: each version at most once, in increasing order
      expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
      // no gaps at the end: the latest version of every payment was seen
      expect(versions[versions.length - 1]).toBe(payment.version);
    }
    expect(current.some((p) => p.version >= 3)).toBe(true);
  });

  it('answers an empty page with the same cursor and no more to read', async () => {
    await t.client.submitPayment(recordId(), submission());
    const first = await drain(null, 10);

    const empty = await t.client.listChanges(first.cursor, 10);

    expect(empty).toEqual({ payments: [], malformed: [], nextCursor: first.cursor, hasMore: false });
  });

  it('refuses a cursor it did not issue and a limit out of range', async () => {
    const other = await startSandbox();
    try {
      const otherClient = clientFor(other);
      await otherClient.client.submitPayment(recordId(), submission());
      const foreign = (await otherClient.client.listChanges(null, 5)).nextCursor;

      expect((await refusal(t.client.listChanges(foreign, 5))).code).toBe('INVALID_CURSOR');
      expect((await refusal(t.client.listChanges('garbage', 5))).code).toBe('INVALID_CURSOR');
      expect((await refusal(t.client.listChanges(null, 0))).code).toBe('INVALID_REQUEST');
    } finally {
      await other.stop();
    }
  });
});

describe('settlement', () => {
  const settlement = {
    delayMs: 10_000,
    jitter: 0.2,
    mix: { success: 0.6, failed: 0.25, voided: 0.15 },
    reversalRate: 0.4,
    reversalDelayMs: 20_000
  };

  async function story(seed: number, keys: string[]): Promise<string[]> {
    const sandbox = await startSandbox({ seed, settlement });
    try {
      const { client } = clientFor(sandbox);
      for (const key of keys) await client.submitPayment(key, submission());
      sandbox.advance(100_000);
      return sandbox.payments().map((p) => `${p.idempotencyKey} ${p.id} ${p.status} ${p.statusReason ?? ''}`);
    } finally {
      await sandbox.stop();
    }
  }

  it('keeps payments submitted until the delay passes, then settles them to the configured mix', async () => {
    const sandbox = await startSandbox({ seed: 3, settlement });
    try {
      const { client } = clientFor(sandbox);
      const created = [];
      for (let i = 0; i < 60; i++)
        created.push((await client.submitPayment(recordId(), submission())).payment);

      sandbox.advance(7_900);
      expect(new Set(sandbox.payments().map((p) => p.status))).toEqual(new Set(['Submitted for Payment']));

      sandbox.advance(100_000);
      const statuses = sandbox.payments().map((p) => p.status);
      expect(statuses).not.toContain('Submitted for Payment');
      for (const status of ['Payment Successful', 'Payment Failed', 'Payment Voided'] as const) {
        expect(statuses).toContain(status);
      }
      expect(statuses.some((s) => (RECOUP_KINDS as readonly string[]).includes(s))).toBe(true);
      const failed = sandbox.payments().filter((p) => p.status === 'Payment Failed');
      expect(failed.every((p) => (p.statusReason ?? '').length > 0)).toBe(true);
    } finally {
      await sandbox.stop();
    }
  });

  it('tells the same story for the same seed, whatever order the payments arrive in', async () => {
    const keys = Array.from({ length: 30 }, () => recordId());
    const sorted = (lines: string[]) => [...lines].sort();

    const a = await story(5, keys);
    const b = await story(5, [...keys].reverse());
    const c = await story(6, keys);

    expect(sorted(b)).toEqual(sorted(a));
    expect(sorted(c)).not.toEqual(sorted(a));
  });
});

describe('real clock (the demo)', () => {
  it('settles submitted payments on its own timer', async () => {
    const sandbox = await startSandbox({
      clock: 'real',
      tickMs: 10,
      settlement: { delayMs: 30, jitter: 0, mix: { success: 0, failed: 1, voided: 0 }, reversalRate: 0 }
    });
    try {
      const { client } = clientFor(sandbox);
      const created = (await client.submitPayment(recordId(), submission())).payment;
      expect(() => sandbox.advance(1_000)).toThrow(/manual clock/);

      let current = created;
      for (let i = 0; i < 200 && current.status === 'Submitted for Payment'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        current = await client.getPayment(created.id);
      }

      expect(current.status).toBe('Payment Failed');
      expect(current.statusReason).toBeTruthy();
    } finally {
      await sandbox.stop();
    }
  });
});
