/**
 * Answers that break the contract: each becomes a MalformedResponseError naming the payment and the
 * field, so the caller quarantines that payment and carries on with the rest.
 */
import {
  MalformedResponseError,
  PaymentSystemClient,
  type RemotePayment
} from '../../scripts/payment-system/client';
import type { SandboxPaymentSystem } from '../../scripts/payment-system/sandbox';
import { clientFor, recordId, rejection, startSandbox, submission } from './fixtures';

const malformed = (promise: Promise<unknown>): Promise<MalformedResponseError> =>
  rejection(promise, MalformedResponseError, 'expected a malformed answer');

jest.setTimeout(30_000);

describe('malformed answers', () => {
  let sandbox: SandboxPaymentSystem;
  let payment: RemotePayment;

  beforeAll(async () => {
    sandbox = await startSandbox();
    payment = (await clientFor(sandbox).client.submitPayment(recordId(), submission())).payment;
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it.each(['status', 'amount', 'updatedAt', 'version', 'payee'])(
    'names the payment and the spoiled field %s, without retrying',
    async (field) => {
      sandbox.setFaults({ script: [{ endpoint: 'get', fault: 'malformed', field }] });
      const t = clientFor(sandbox);

      const err = await malformed(t.client.getPayment(payment.id));

      expect(err.paymentRef).toBe(payment.id);
      expect(err.field).toBe(field);
      expect(err.retryable).toBe(false);
      expect(err.message).toContain(payment.id);
      expect(err.message).toContain(field);
      expect(t.attempts()).toBe(1);
    }
  );

  it('falls back to the idempotency key when the id itself is spoiled', async () => {
    sandbox.setFaults({ script: [{ endpoint: 'getByKey', fault: 'malformed', field: 'id' }] });

    const err = await malformed(clientFor(sandbox).client.getPaymentByKey(payment.idempotencyKey));

    expect(err.field).toBe('id');
    expect(err.paymentRef).toBe(payment.idempotencyKey);
  });

  it('reports a malformed submission answer once; the payment exists and a replay reads it', async () => {
    const key = recordId();
    sandbox.setFaults({ script: [{ endpoint: 'submit', fault: 'malformed', field: 'amount' }] });
    const t = clientFor(sandbox);

    const err = await malformed(t.client.submitPayment(key, submission()));
    const replay = (await t.client.submitPayment(key, submission())).payment;

    expect(err.field).toBe('amount');
    expect(err.paymentRef).toBe(replay.id);
    expect(sandbox.createdCountByKey().get(key)).toBe(1);
  });

  it('quarantines only the malformed payment on a page of changes', async () => {
    const fresh = await startSandbox();
    try {
      const t = clientFor(fresh);
      const created = [];
      for (let i = 0; i < 4; i++)
        created.push((await t.client.submitPayment(recordId(), submission())).payment);
      fresh.setFaults({ script: [{ endpoint: 'changes', fault: 'malformed', field: 'status' }] });

      const page = await t.client.listChanges(null, 10);

      expect(page.payments.map((p) => p.id)).toEqual(created.slice(1).map((p) => p.id));
      expect(page.malformed).toHaveLength(1);
      expect(page.malformed[0].paymentRef).toBe(created[0].id);
      expect(page.malformed[0].field).toBe('status');
      // the cursor moves past it; the caller re-reads the quarantined payment on its own
      expect((await t.client.listChanges(page.nextCursor, 10)).payments).toEqual([]);
      expect(await t.client.getPayment(created[0].id)).toEqual(created[0]);
    } finally {
      await fresh.stop();
    }
  });

  it('rejects a page whose envelope is broken as a whole', async () => {
    sandbox.setFaults({ script: [{ endpoint: 'changes', fault: 'malformed', field: 'nextCursor' }] });

    const err = await malformed(clientFor(sandbox).client.listChanges(null));

    expect(err.paymentRef).toBeNull();
    expect(err.field).toBe('nextCursor');
  });

  it('refuses an answer about a different payment than the one asked for', async () => {
    const other = { ...payment, id: 'PAY-SOMEONE-ELSE' };
    const client = new PaymentSystemClient({
      baseUrl: 'http://127.0.0.1:9',
      token: 't',
      fetchImpl: async () => new Response(JSON.stringify(other), { status: 200 })
    });

    const err = await malformed(client.getPayment(payment.id));

    expect(err.field).toBe('id');
    expect(err.paymentRef).toBe(payment.id);
  });

  it('reports an answer that is not JSON', async () => {
    const client = new PaymentSystemClient({
      baseUrl: 'http://127.0.0.1:9',
      token: 't',
      fetchImpl: async () => new Response('<html>gateway</html>', { status: 200 })
    });

    const err = await malformed(client.getPayment(payment.id));

    expect(err.field).toBe('(body)');
    expect(err.paymentRef).toBe(payment.id);
  });
});
