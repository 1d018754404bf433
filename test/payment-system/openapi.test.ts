/**
 * openapi.yaml against the sandbox's real behaviour: every answer the sandbox gives is valid against
 * the document's schema for that path, method and status; every request it accepts is valid against
 * the request schema; and every answer the document promises was actually seen. The document cannot
 * drift from the behaviour in either direction.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import { PaymentSystemClient } from '../../scripts/payment-system/client';
import { REASON_CODES, RECOUP_KINDS, REMOTE_STATUSES } from '../../scripts/payment-system/lifecycle';
import type { Endpoint, SandboxPaymentSystem } from '../../scripts/payment-system/sandbox';
import { recordId, recordingFetch, startSandbox, submission, type Exchange } from './fixtures';

type Json = Record<string, unknown>;
interface MediaType {
  schema: Json;
}
interface HeaderSpec {
  required?: boolean;
  schema: Json;
}
interface ResponseSpec {
  $ref?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, HeaderSpec>;
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, ResponseSpec>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; responses: Record<string, ResponseSpec> };
}

const DOCUMENT_FILE = path.resolve(__dirname, '../../scripts/payment-system/openapi.yaml');
const doc = YAML.parse(fs.readFileSync(DOCUMENT_FILE, 'utf8')) as Document;
const BASE = 'https://omni-assist.invalid/payment-system/openapi';

/** Points the document's component references at one schema registered with Ajv. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
        ? `${BASE}#/$defs/${value.slice('#/components/schemas/'.length)}`
        : rewriteRefs(value)
    ])
  );
}

const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: BASE, $defs: rewriteRefs(doc.components.schemas) as Json });
const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as Json);
    validators.set(key, validate);
  }
  return validate;
}

function resolveResponse(spec: ResponseSpec): ResponseSpec {
  if (!spec.$ref) return spec;
  const name = spec.$ref.replace('#/components/responses/', '');
  const resolved = doc.components.responses[name];
  if (!resolved) throw new Error(`${DOCUMENT_FILE}: no component response ${name}`);
  return resolved;
}

const templates = Object.keys(doc.paths)
  .map((template) => ({
    template,
    literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
  }))
  .sort((a, b) => b.literals - a.literals);

function templateOf(pathname: string): string | null {
  return templates.find((t) => t.pattern.test(pathname))?.template ?? null;
}

function documented(): string[] {
  return Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).flatMap(([method, op]) =>
      Object.keys(op.responses).map((status) => `${method.toUpperCase()} ${template} ${status}`)
    )
  );
}

/** Problems with one exchange against the document; empty when it conforms. */
function check(exchange: Exchange): string[] {
  const template = templateOf(exchange.path);
  const where = `${exchange.method} ${exchange.path} -> ${exchange.status}`;
  if (!template) return [`${where}: path not in the document`];
  const op = doc.paths[template][exchange.method.toLowerCase()];
  if (!op) return [`${where}: method not in the document`];
  const declared = op.responses[String(exchange.status)];
  if (!declared) return [`${where}: status not in the document`];
  const response = resolveResponse(declared);
  const problems: string[] = [];
  const schema = response.content?.['application/json']?.schema;
  if (!schema) problems.push(`${where}: no JSON schema documented`);
  else {
    const validate = validatorFor(`${template} ${exchange.method} ${exchange.status}`, schema);
    if (!validate(exchange.responseBody)) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
  }
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const value = exchange.headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) problems.push(`${where}: required header ${name} missing`);
      continue;
    }
    const typed = header.schema.type === 'integer' && /^\d+$/.test(value) ? Number(value) : value;
    const validate = validatorFor(
      `${template} ${exchange.method} ${exchange.status} header ${name}`,
      header.schema
    );
    if (!validate(typed)) problems.push(`${where}: header ${name}: ${ajv.errorsText(validate.errors)}`);
  }
  if (exchange.status < 300 && op.requestBody) {
    const requestSchema = op.requestBody.content['application/json'].schema;
    const validate = validatorFor(`${template} ${exchange.method} request`, requestSchema);
    if (!validate(exchange.requestBody)) {
      problems.push(
        `${where}: accepted a request the document calls invalid: ${ajv.errorsText(validate.errors)}`
      );
    }
  }
  return problems;
}

jest.setTimeout(30_000);

describe('OpenAPI document', () => {
  let sandbox: SandboxPaymentSystem;
  const recording = recordingFetch();

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  function client(opts: { token?: string; maxRetries?: number } = {}): PaymentSystemClient {
    return new PaymentSystemClient({
      baseUrl: sandbox.url,
      token: opts.token ?? sandbox.token,
      maxRetries: opts.maxRetries ?? 0,
      fetchImpl: recording.fetchImpl
    });
  }

  async function raw(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
    await recording.fetchImpl(`${sandbox.url}${pathname}`, {
      method,
      headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  }

  const settle = async (p: Promise<unknown>) => {
    await p.catch(() => undefined);
  };

  it('is an OpenAPI 3.1 document whose enums are the lifecycle the code uses', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const schemas = doc.components.schemas;
    expect(new Set(schemas.Status.enum as string[])).toEqual(new Set(REMOTE_STATUSES));
    expect(new Set(schemas.ReasonCode.enum as string[])).toEqual(new Set(REASON_CODES));
    const recoupKind = (
      doc.paths['/v1/payments/{id}/recoup'].post.requestBody?.content['application/json'].schema as {
        properties: { kind: { enum: string[] } };
      }
    ).properties.kind.enum;
    expect(new Set(recoupKind)).toEqual(new Set(RECOUP_KINDS));
    const ids = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((op) => op.operationId)
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes every answer the sandbox gives, and the sandbox gives every answer it describes', async () => {
    const c = client();
    const stranger = client({ token: 'wrong-token' });
    const key = recordId();

    await raw('GET', '/v1/health');
    // submit: created, replayed, refused
    const created = (await c.submitPayment(key, submission())).payment;
    await c.submitPayment(key, submission());
    await settle(c.submitPayment(recordId(), submission({ amount: 0 })));
    await raw('POST', '/v1/payments', submission());
    await settle(c.submitPayment(key, submission({ payee: 'Another Landlord LLC' })));
    // reads
    await c.getPayment(created.id);
    await c.getPaymentByKey(key);
    await settle(c.getPayment('PAY-UNKNOWN'));
    await c.getPaymentByKey(recordId());
    // changes
    const page = await c.listChanges(null, 1);
    await c.listChanges(page.nextCursor, 50);
    await settle(c.listChanges(null, 5000));
    await settle(c.listChanges('not-a-cursor', 10));
    // void and recoup: allowed, refused by the lifecycle, invalid, unknown
    const toVoid = (await c.submitPayment(recordId(), submission({ amount: 75.5, vendorId: null }))).payment;
    await c.requestVoid(toVoid.id, 'Household moved before payout');
    await settle(c.recordRecoup(toVoid.id, 'Payment Recouped', 'Duplicate'));
    await settle(c.requestVoid(created.id, ''));
    await settle(c.requestVoid('PAY-UNKNOWN', 'Duplicate'));
    const paid = (await c.submitPayment(recordId(), submission({ reasonCode: 'UTL', caseNumber: undefined })))
      .payment;
    sandbox.settle(paid.id, 'Payment Successful');
    await settle(c.requestVoid(paid.id, 'Too late'));
    await c.recordRecoup(paid.id, 'Refund or Cancelled', 'Landlord refunded the arrears');
    await raw('POST', `/v1/payments/${paid.id}/recoup`, { kind: 'Payment Lost', reason: 'x' });
    await settle(c.recordRecoup('PAY-UNKNOWN', 'Payment Returned', 'Bank return'));
    // every operation: wrong token, and each transient fault
    const everyCall: [Endpoint, (k: PaymentSystemClient) => Promise<unknown>][] = [
      ['submit', (k) => k.submitPayment(recordId(), submission())],
      ['get', (k) => k.getPayment(created.id)],
      ['getByKey', (k) => k.getPaymentByKey(key)],
      ['changes', (k) => k.listChanges(null)],
      ['void', (k) => k.requestVoid(created.id, 'Duplicate')],
      ['recoup', (k) => k.recordRecoup(paid.id, 'Refund or Cancelled', 'Refund')]
    ];
    for (const [endpoint, call] of everyCall) {
      await settle(call(stranger));
      for (const fault of ['rateLimit', 'error500', 'error503'] as const) {
        sandbox.setFaults({ script: [{ endpoint, fault, retryAfterSeconds: 2 }] });
        await settle(call(c));
      }
    }
    sandbox.setFaults({});

    const problems = recording.exchanges.flatMap(check);
    expect(problems).toEqual([]);
    const seen = new Set(
      recording.exchanges.map((e) => `${e.method} ${templateOf(e.path) ?? e.path} ${e.status}`)
    );
    expect(documented().filter((d) => !seen.has(d))).toEqual([]);
  });

  it('catches an answer that differs from the document', () => {
    const spoiled: Exchange = {
      method: 'GET',
      path: '/v1/payments/PAY-1',
      status: 200,
      headers: {},
      requestBody: undefined,
      responseBody: { id: 'PAY-1', status: 'Paid' }
    };
    expect(check(spoiled).join('\n')).toMatch(/status|required/);
    expect(check({ ...spoiled, status: 418 })).toEqual([
      'GET /v1/payments/PAY-1 -> 418: status not in the document'
    ]);
  });
});
