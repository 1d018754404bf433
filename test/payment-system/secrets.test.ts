/** The bearer token never reaches logs, error messages or anything printable. */
import { inspect } from 'node:util';
import {
  clientOptionsFromEnvironment,
  PaymentSystemClient,
  PaymentSystemError
} from '../../scripts/payment-system/client';
import { capturingLogger, recordId, startSandbox, submission } from './fixtures';

jest.setTimeout(30_000);

describe('secrets', () => {
  it('keeps the token out of logs and errors through retries, refusals, malformed answers and outages', async () => {
    const serverLog = capturingLogger();
    const clientLog = capturingLogger();
    const token = 'tok-SECRET-4f9c2a77e1b04d8c';
    const sandbox = await startSandbox({ token, logger: serverLog.logger });
    const errors: unknown[] = [];
    const client = new PaymentSystemClient({
      baseUrl: sandbox.url,
      token,
      logger: clientLog.logger,
      maxRetries: 2,
      sleep: async () => undefined
    });
    const wrongToken = 'tok-WRONG-0a1b2c3d4e5f';
    const stranger = new PaymentSystemClient({
      baseUrl: sandbox.url,
      token: wrongToken,
      logger: clientLog.logger
    });
    const collect = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        errors.push(err);
      }
    };
    try {
      sandbox.setFaults({
        script: [
          { endpoint: 'submit', fault: 'error503' },
          { endpoint: 'submit', fault: 'rateLimit', retryAfterSeconds: 0 },
          { endpoint: 'get', fault: 'malformed' },
          { endpoint: 'changes', fault: 'reset' },
          { endpoint: 'changes', fault: 'reset' },
          { endpoint: 'changes', fault: 'reset' }
        ]
      });
      const key = recordId();
      const payment = (await client.submitPayment(key, submission())).payment;
      await collect(client.getPayment(payment.id));
      await collect(client.listChanges(null));
      await collect(client.submitPayment(key, submission({ amount: 1 })));
      await collect(stranger.getPayment(payment.id));
      await sandbox.crash();
      await collect(client.getPayment(payment.id));
    } finally {
      await sandbox.stop();
    }

    const logs = clientLog.output() + serverLog.output();
    expect(logs).toContain('retrying');
    expect(errors).toHaveLength(5);
    expect(errors.every((e) => e instanceof PaymentSystemError)).toBe(true);
    const printable = [
      logs,
      inspect(client, { depth: 5, showHidden: true }),
      JSON.stringify(client),
      ...errors.flatMap((e) => [
        String(e),
        (e as Error).stack ?? '',
        JSON.stringify(e),
        inspect(e, { depth: 5 })
      ])
    ].join('\n');
    expect(printable).not.toContain(token);
    expect(printable).not.toContain(wrongToken);
  });

  it('does not echo the token when the options are invalid', () => {
    const token = 'tok-SECRET-options-check';
    expect(() => new PaymentSystemClient({ baseUrl: 'not a url', token })).toThrow(/baseUrl/);
    try {
      new PaymentSystemClient({ baseUrl: 'not a url', token });
    } catch (err) {
      expect(String(err)).not.toContain(token);
    }
  });

  it('reads the URL and token from the environment, naming what is missing', () => {
    expect(
      clientOptionsFromEnvironment({
        PAYMENT_SYSTEM_URL: 'http://127.0.0.1:4010',
        PAYMENT_SYSTEM_TOKEN: 'abc'
      })
    ).toEqual({ baseUrl: 'http://127.0.0.1:4010', token: 'abc' });
    expect(() => clientOptionsFromEnvironment({ PAYMENT_SYSTEM_URL: 'http://127.0.0.1:4010' })).toThrow(
      /PAYMENT_SYSTEM_TOKEN/
    );
  });
});
