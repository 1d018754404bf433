/**
 * HTTP front of the sandbox org: OAuth token endpoint, SOAP login (what jsforce's `login()` uses
 * without client credentials), and the REST API under /services/data/vXX.X that jsforce calls.
 * Every authenticated REST request counts one against DailyApiRequests.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { BulkApi, type BulkOptions } from './bulk2';
import { SfError, SfErrors, invalidSession, notFound, type SaveError } from './errors';
import { describeGlobal, describeObject, globalEntry } from './describe';
import { FaultInjector, type Endpoint, type RequestFault } from './faults';
import { loginPageHtml, wantsHtml } from './login-page';
import { normalizeId } from './ids';
import type { ObjectDef, Schema } from './metadata';
import { QueryCompiler, type CompiledQuery } from './soql';
import { OrgStore, formatDateTime, parseDateTime, type Rec, type RunAs, type SaveResult } from './store';
import { unescapeXml } from '../shared/xml';
import { fieldProblem } from '../shared/zod';

export const API_VERSIONS = [
  '52.0',
  '53.0',
  '54.0',
  '55.0',
  '56.0',
  '57.0',
  '58.0',
  '59.0',
  '60.0',
  '61.0',
  '62.0',
  '63.0',
  '64.0'
];
export const LATEST_VERSION = API_VERSIONS[API_VERSIONS.length - 1];
const MIN_MAJOR = 20;
const MAX_MAJOR = 64;
const COLLECTION_LIMIT = 200;
// A POST retrieve carries its Ids in the body, so Salesforce takes up to 2,000 of them (GET is bounded by URL length).
const RETRIEVE_POST_LIMIT = 2000;
const DEFAULT_BATCH = 2000;
const MAX_CURSORS = 200;

export interface OrgUser {
  key: string;
  userId: string;
  username: string;
  password: string;
  permissionSets: string[];
  customPermissions: Set<string>;
  /** Field-level security from the user's permission sets ("Object.Field" they may edit). */
  editableFields?: ReadonlySet<string>;
}

interface Session {
  user: OrgUser;
  expiresAt: number;
}

interface Cursor {
  query: CompiledQuery;
  rows: Rec[];
  includeDeleted: boolean;
}

export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  /** Client-credentials flow runs as this user. */
  runAs: OrgUser;
}

export interface ServerOptions {
  schema: Schema;
  store: OrgStore;
  faults: FaultInjector;
  users: OrgUser[];
  apps: ConnectedApp[];
  orgId: string;
  clock: () => number;
  logger: Logger;
  dailyApiLimit: number;
  sessionTtlMs: number;
  bulk?: BulkOptions;
}

/** A body written in pieces as they are produced (Bulk API CSV results). */
class ChunkedBody {
  constructor(readonly chunks: Iterable<string>) {}
}

class HttpReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly contentType = 'application/json;charset=UTF-8',
    readonly headers: Record<string, string> = {}
  ) {}
}

const collectionBody = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(z.record(z.string(), z.unknown()))
});
const retrieveBody = z.object({ ids: z.array(z.string()), fields: z.array(z.string()) });

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export class SandboxOrgServer {
  readonly server: http.Server;
  private readonly sessions = new Map<string, Session>();
  private readonly cursors = new Map<string, Cursor>();
  private readonly compiler: QueryCompiler;
  /** Bulk API 2.0 jobs under /services/data/vXX.X/jobs. */
  readonly bulk: BulkApi;
  apiUsed = 0;
  dailyApiLimit: number;
  sessionTtlMs: number;
  baseUrl = '';
  private cursorSeq = 0;

  constructor(private readonly o: ServerOptions) {
    this.compiler = new QueryCompiler(o.schema, o.store, o.clock);
    this.bulk = new BulkApi(
      {
        schema: o.schema,
        store: o.store,
        compiler: this.compiler,
        faults: o.faults,
        ids: () => o.store.ids,
        clock: o.clock
      },
      o.bulk
    );
    this.dailyApiLimit = o.dailyApiLimit;
    this.sessionTtlMs = o.sessionTtlMs;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        o.logger.error({ err }, 'sandbox org request failed');
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json;charset=UTF-8' });
          res.end(
            JSON.stringify([
              { errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred in the sandbox org' }
            ])
          );
        }
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  expireSessions(): void {
    this.sessions.clear();
  }

  /** Opens a session without the token endpoint (for tests that start from an access token). */
  openSession(user: OrgUser): string {
    const token = `${this.o.orgId.slice(0, 15)}!${crypto.randomBytes(24).toString('base64url')}`;
    this.sessions.set(token, { user, expiresAt: this.o.clock() + this.sessionTtlMs });
    return token;
  }

  // ---------- plumbing ----------

  /** The request body; null when it is longer than maxBytes (the rest is read and dropped). */
  private async readBody(req: http.IncomingMessage, maxBytes = Infinity): Promise<string | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size <= maxBytes) chunks.push(c as Buffer);
    }
    return size > maxBytes ? null : Buffer.concat(chunks).toString('utf8');
  }

  /** Writes a chunked body, waiting whenever the socket asks to. */
  private async sendChunks(res: http.ServerResponse, body: ChunkedBody): Promise<void> {
    for (const chunk of body.chunks) {
      if (res.destroyed) return;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
    }
    res.end();
  }

  private send(
    res: http.ServerResponse,
    reply: HttpReply,
    extra: Record<string, string> = {}
  ): void | Promise<void> {
    const headers: Record<string, string> = { ...extra, ...reply.headers };
    if (reply.body instanceof ChunkedBody) {
      headers['content-type'] = reply.contentType;
      res.writeHead(reply.status, headers);
      return this.sendChunks(res, reply.body);
    }
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text =
      typeof reply.body === 'string' && !reply.contentType.startsWith('application/json')
        ? reply.body
        : JSON.stringify(reply.body);
    headers['content-type'] = reply.contentType;
    res.writeHead(reply.status, headers);
    res.end(text);
  }

  private faultReply(fault: RequestFault): HttpReply {
    switch (fault) {
      case 'SERVER_UNAVAILABLE':
        return new HttpReply(503, [
          {
            errorCode: 'SERVER_UNAVAILABLE',
            message: 'The server is unavailable to handle your request. Try again later.'
          }
        ]);
      case 'UNABLE_TO_LOCK_ROW':
        return new HttpReply(400, [
          {
            errorCode: 'UNABLE_TO_LOCK_ROW',
            message: 'unable to obtain exclusive access to this record',
            fields: []
          }
        ]);
      case 'REQUEST_LIMIT_EXCEEDED':
        return new HttpReply(403, [
          { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }
        ]);
      case 'INVALID_SESSION_ID':
        return new HttpReply(401, invalidSession().toBody());
      case 'UNKNOWN_EXCEPTION':
        return new HttpReply(500, [
          {
            errorCode: 'UNKNOWN_EXCEPTION',
            message:
              'An unexpected error occurred. Please include this ErrorId if you contact support: 0-0 (sandbox org)'
          }
        ]);
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const delay = this.o.faults.latency();
    const upload = method === 'PUT' && /\/jobs\/ingest\/[^/]+\/batches\/?$/.test(path);
    const read =
      method === 'GET' || method === 'DELETE'
        ? ''
        : await this.readBody(req, upload ? this.bulk.maxUploadBytes : Infinity);
    const body = read ?? '';
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));

    if (path === '/services/oauth2/token' || path.startsWith('/services/Soap/u/')) {
      const fault = this.o.faults.requestFault('auth', method);
      if (fault === 'SERVER_UNAVAILABLE' || fault === 'UNKNOWN_EXCEPTION')
        return this.send(res, this.faultReply('SERVER_UNAVAILABLE'));
      if (path === '/services/oauth2/token' && method === 'POST')
        return this.send(res, this.token(body, req.headers['content-type'] ?? ''));
      if (method === 'POST') return this.send(res, this.soap(body, path));
    }
    if (path === '/services/oauth2/revoke' && method === 'POST') {
      const token = new URLSearchParams(body).get('token') ?? url.searchParams.get('token');
      if (token) this.sessions.delete(token);
      return this.send(res, new HttpReply(200, undefined));
    }
    if (path === '/services/data') {
      return this.send(
        res,
        new HttpReply(
          200,
          API_VERSIONS.map((v) => ({ label: `API ${v}`, url: `/services/data/v${v}`, version: v }))
        )
      );
    }
    if (path.startsWith('/id/') || path === '/services/oauth2/userinfo') {
      const session = this.authenticate(req, url);
      if (!session) return this.send(res, new HttpReply(403, 'Bad_OAuth_Token', 'text/plain'));
      return this.send(res, new HttpReply(200, this.identity(session.user)));
    }
    // a browser opening the login URL gets a page saying what this is; API clients keep the JSON 404
    if ((method === 'GET' || method === 'HEAD') && path === '/' && wantsHtml(req.headers.accept)) {
      const page = { loginUrl: this.baseUrl, apiVersion: LATEST_VERSION, oldestApiVersion: API_VERSIONS[0] };
      return this.send(res, new HttpReply(200, loginPageHtml(page), 'text/html;charset=UTF-8'));
    }
    const m = /^\/services\/data\/v(\d+)\.(\d)(\/.*)?$/.exec(path);
    if (!m || Number(m[1]) < MIN_MAJOR || Number(m[1]) > MAX_MAJOR)
      return this.send(res, new HttpReply(404, notFound().toBody()));
    const version = `${m[1]}.${m[2]}`;
    const segments = (m[3] ?? '')
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));

    const session = this.authenticate(req, url);
    if (!session) return this.send(res, new HttpReply(401, invalidSession().toBody()));
    const limitHeader = (): Record<string, string> => ({
      'sforce-limit-info': `api-usage=${this.apiUsed}/${this.dailyApiLimit}`
    });
    if (this.apiUsed >= this.dailyApiLimit) {
      return this.send(res, this.faultReply('REQUEST_LIMIT_EXCEEDED'), limitHeader());
    }
    const endpoint = this.endpointOf(segments, method);
    const fault = this.o.faults.requestFault(endpoint, method);
    if (fault === 'SERVER_UNAVAILABLE' || fault === 'REQUEST_LIMIT_EXCEEDED')
      return this.send(res, this.faultReply(fault), limitHeader());
    if (fault === 'INVALID_SESSION_ID') {
      this.dropSession(req, url);
      return this.send(res, this.faultReply(fault));
    }
    this.apiUsed++;
    if (fault) return this.send(res, this.faultReply(fault), limitHeader());

    let reply: HttpReply;
    try {
      const runAs: RunAs = {
        userId: session.user.userId,
        permissions: session.user.customPermissions,
        editableFields: session.user.editableFields,
        system: false
      };
      if (read === null) throw this.bulk.uploadTooLarge();
      reply = this.route(method, segments, url, body, version, runAs, req);
    } catch (err) {
      if (err instanceof SfError)
        reply = new HttpReply(err.status, err.status === 300 ? err.fields : err.toBody());
      else if (err instanceof SfErrors) reply = new HttpReply(err.status, err.toBody());
      else throw err;
    }
    this.o.logger.debug(
      { method, path, status: reply.status, user: session.user.username },
      'sandbox org request'
    );
    return this.send(res, reply, limitHeader());
  }

  private endpointOf(segments: string[], method: string): Endpoint {
    const [a, b, c, d] = segments;
    if (a === 'jobs') {
      if (segments.length === 2 && method === 'POST') return 'bulkCreate';
      if (d === 'batches') return 'bulkUpload';
      if (segments.length === 4 && /^(successfulResults|failedResults|unprocessedrecords|results)$/.test(d))
        return 'bulkResults';
      return c === undefined && b === undefined ? 'other' : 'bulkJob';
    }
    if (a === 'query' || a === 'queryAll') return 'query';
    if (a === 'composite' && b === 'sobjects') return 'collections';
    if (a === 'limits') return 'limits';
    if (a === 'sobjects') {
      if (segments.length === 1 || segments[2] === 'describe') return 'describe';
      if (segments[2] === 'updated' || segments[2] === 'deleted')
        return d === undefined ? 'updated' : 'sobject';
      return 'sobject';
    }
    return 'other';
  }

  private bearer(req: http.IncomingMessage, url: URL): string | null {
    const h = req.headers.authorization;
    if (h) {
      const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h);
      if (m) return m[1].trim();
    }
    return url.searchParams.get('oauth_token');
  }

  private authenticate(req: http.IncomingMessage, url: URL): Session | null {
    const token = this.bearer(req, url);
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (s.expiresAt <= this.o.clock()) {
      this.sessions.delete(token);
      return null;
    }
    return s;
  }

  private dropSession(req: http.IncomingMessage, url: URL): void {
    const token = this.bearer(req, url);
    if (token) this.sessions.delete(token);
  }

  // ---------- authentication ----------

  private tokenReply(user: OrgUser): HttpReply {
    const token = this.openSession(user);
    return new HttpReply(200, {
      access_token: token,
      instance_url: this.baseUrl,
      id: `${this.baseUrl}/id/${this.o.orgId}/${user.userId}`,
      token_type: 'Bearer',
      issued_at: String(this.o.clock()),
      signature: crypto.createHmac('sha256', this.o.orgId).update(`${user.userId}${token}`).digest('base64')
    });
  }

  private token(body: string, contentType: string): HttpReply {
    const p = contentType.includes('json')
      ? new URLSearchParams(Object.entries(JSON.parse(body || '{}') as Record<string, string>))
      : new URLSearchParams(body);
    const grant = p.get('grant_type');
    const oauthError = (error: string, description: string, status = 400): HttpReply =>
      new HttpReply(status, { error, error_description: description });
    const app = this.o.apps.find((a) => a.clientId === p.get('client_id'));
    if (grant !== 'password' && grant !== 'client_credentials')
      return oauthError('unsupported_grant_type', 'grant type not supported');
    if (!app) return oauthError('invalid_client_id', 'client identifier invalid');
    if (app.clientSecret !== p.get('client_secret'))
      return oauthError('invalid_client', 'invalid client credentials');
    if (grant === 'client_credentials') return this.tokenReply(app.runAs);
    const user = this.o.users.find(
      (u) => u.username.toLowerCase() === (p.get('username') ?? '').toLowerCase()
    );
    if (!user || user.password !== p.get('password'))
      return oauthError('invalid_grant', 'authentication failure');
    return this.tokenReply(user);
  }

  private soap(body: string, path: string): HttpReply {
    const version = path.split('/')[4] ?? LATEST_VERSION;
    const fault = (code: string, message: string): HttpReply =>
      new HttpReply(
        500,
        `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${xmlEscape(`${code}: ${message}`)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
        'text/xml;charset=UTF-8'
      );
    const envelope = (inner: string): HttpReply =>
      new HttpReply(
        200,
        `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`,
        'text/xml;charset=UTF-8'
      );
    if (/<logout\b/.test(body)) {
      const sid = /<sessionId>([^<]*)<\/sessionId>/.exec(body)?.[1];
      if (sid) this.sessions.delete(unescapeXml(sid));
      return envelope('<logoutResponse/>');
    }
    const username = unescapeXml(/<username>([^<]*)<\/username>/.exec(body)?.[1] ?? '');
    const password = unescapeXml(/<password>([^<]*)<\/password>/.exec(body)?.[1] ?? '');
    const user = this.o.users.find((u) => u.username.toLowerCase() === username.toLowerCase());
    if (!user || user.password !== password)
      return fault('INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
    const sessionId = this.openSession(user);
    const serverUrl = `${this.baseUrl}/services/Soap/u/${version}/${this.o.orgId}`;
    return envelope(
      `<loginResponse><result><metadataServerUrl>${this.baseUrl}/services/Soap/m/${version}/${this.o.orgId}</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>true</sandbox><serverUrl>${serverUrl}</serverUrl><sessionId>${xmlEscape(sessionId)}</sessionId><userId>${user.userId}</userId><userInfo><organizationId>${this.o.orgId}</organizationId><userId>${user.userId}</userId><userName>${xmlEscape(user.username)}</userName></userInfo></result></loginResponse>`
    );
  }

  private identity(user: OrgUser): Record<string, unknown> {
    const rec = this.o.store.get('User', user.userId) ?? {};
    return {
      id: `${this.baseUrl}/id/${this.o.orgId}/${user.userId}`,
      user_id: user.userId,
      organization_id: this.o.orgId,
      username: user.username,
      display_name: rec.Name ?? user.username,
      email: rec.Email ?? null,
      active: true,
      user_type: 'STANDARD',
      urls: {
        rest: `${this.baseUrl}/services/data/v{version}/`,
        sobjects: `${this.baseUrl}/services/data/v{version}/sobjects/`,
        query: `${this.baseUrl}/services/data/v{version}/query/`
      }
    };
  }

  // ---------- REST ----------

  private object(name: string): ObjectDef {
    const def = this.o.schema.byLower.get(name.toLowerCase());
    if (!def) throw notFound();
    return def;
  }

  private json(body: string): unknown {
    if (body.trim() === '') return {};
    try {
      return JSON.parse(body);
    } catch (err) {
      throw new SfError('JSON_PARSER_ERROR', `The request body is not valid JSON: ${(err as Error).message}`);
    }
  }

  private recordBody(body: string): Rec {
    const v = this.json(body);
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new SfError('JSON_PARSER_ERROR', 'The request body must be a JSON object');
    return v as Rec;
  }

  private notAllowed(method: string, allowed: string): SfError {
    return new SfError(
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${method}' not allowed. Allowed are ${allowed}`,
      405
    );
  }

  private route(
    method: string,
    seg: string[],
    url: URL,
    body: string,
    version: string,
    runAs: RunAs,
    req: http.IncomingMessage
  ): HttpReply {
    const [a, b, c, d] = seg;
    if (seg.length === 0) {
      if (method !== 'GET') throw this.notAllowed(method, 'GET,HEAD');
      const base = `/services/data/v${version}`;
      return new HttpReply(200, {
        sobjects: `${base}/sobjects`,
        query: `${base}/query`,
        queryAll: `${base}/queryAll`,
        limits: `${base}/limits`,
        composite: `${base}/composite`,
        jobs: `${base}/jobs`,
        identity: `${this.baseUrl}/id/${this.o.orgId}/${runAs.userId}`
      });
    }
    if (a === 'jobs') {
      const r = this.bulk.route(
        method,
        seg.slice(1),
        url,
        body,
        String(req.headers['content-type'] ?? ''),
        version,
        runAs
      );
      if (r.csv) return new HttpReply(r.status, new ChunkedBody(r.csv), 'text/csv', r.headers);
      return new HttpReply(r.status, r.body, undefined, r.headers);
    }
    if (a === 'limits' && seg.length === 1) {
      if (method !== 'GET') throw this.notAllowed(method, 'GET,HEAD');
      return new HttpReply(200, this.limits());
    }
    if (a === 'query' || a === 'queryAll') {
      if (method !== 'GET') throw this.notAllowed(method, 'GET,HEAD');
      const batch = this.batchSize(req);
      if (seg.length === 1) {
        const q = url.searchParams.get('q');
        if (!q) throw new SfError('MALFORMED_QUERY', 'A query string has to be specified');
        return new HttpReply(200, this.query(q, a === 'queryAll', batch, version));
      }
      if (seg.length === 2) return new HttpReply(200, this.queryMore(b, batch, version));
      throw notFound();
    }
    if (a === 'sobjects') {
      if (seg.length === 1) {
        if (method !== 'GET') throw this.notAllowed(method, 'GET,HEAD');
        return new HttpReply(200, describeGlobal(this.o.schema, version));
      }
      const def = this.object(b);
      if (seg.length === 2) {
        if (method === 'GET')
          return new HttpReply(200, { objectDescribe: globalEntry(def, version), recentItems: [] });
        if (method === 'POST') return this.createOne(def, this.recordBody(body), runAs);
        throw this.notAllowed(method, 'GET,HEAD,POST');
      }
      if (seg.length === 3 && c === 'describe') {
        if (method !== 'GET') throw this.notAllowed(method, 'GET,HEAD');
        return new HttpReply(200, describeObject(this.o.schema, def, version));
      }
      if (seg.length === 3 && (c === 'updated' || c === 'deleted')) {
        if (method !== 'GET') throw this.notAllowed(method, 'GET,HEAD');
        return new HttpReply(200, this.replication(def, c, url));
      }
      if (seg.length === 3) {
        if (method === 'GET')
          return new HttpReply(200, this.retrieveOne(def, c, url.searchParams.get('fields'), version));
        if (method === 'PATCH') return this.updateOne(def, c, this.recordBody(body), runAs);
        if (method === 'DELETE') return this.deleteOne(def, c, runAs);
        if (method === 'POST') return this.upsertOne(def, c, null, this.recordBody(body), runAs);
        throw this.notAllowed(method, 'GET,HEAD,PATCH,DELETE');
      }
      if (seg.length === 4) {
        const field = def.byLower.get(c.toLowerCase());
        if (!field || !(field.externalId || field.idLookup)) {
          throw new SfError(
            'NOT_FOUND',
            `Provided external ID field does not exist or is not accessible: ${c}`,
            404
          );
        }
        if (method === 'PATCH') return this.upsertOne(def, field.name, d, this.recordBody(body), runAs);
        const matches = this.o.store.findByField(def, field, d);
        if (matches.length === 0) throw notFound();
        if (matches.length > 1)
          return new HttpReply(
            300,
            matches.map((r) => `/services/data/v${version}/sobjects/${def.name}/${String(r.Id)}`)
          );
        if (method === 'GET')
          return new HttpReply(
            200,
            this.retrieveOne(def, matches[0].Id as string, url.searchParams.get('fields'), version)
          );
        if (method === 'DELETE') return this.deleteOne(def, matches[0].Id as string, runAs);
        throw this.notAllowed(method, 'GET,HEAD,PATCH,DELETE');
      }
      throw notFound();
    }
    if (a === 'composite' && b === 'sobjects') {
      const opts = (allOrNone: boolean): { allOrNone: boolean; recordFault: () => string | null } => ({
        allOrNone,
        recordFault: () => this.o.faults.recordFault()
      });
      if (seg.length === 2) {
        if (method === 'DELETE') {
          const ids = (url.searchParams.get('ids') ?? '').split(',').filter((x) => x !== '');
          if (ids.length === 0) throw new SfError('MISSING_ARGUMENT', 'ids not specified');
          this.checkCollectionSize(ids.length);
          return new HttpReply(
            200,
            this.o.store.delete(ids, runAs, opts(url.searchParams.get('allOrNone') === 'true'))
          );
        }
        const parsed = this.collection(body);
        if (method === 'POST') {
          const items = parsed.records.map((r) => {
            const typeName = this.typeOf(r);
            return { def: this.o.schema.byLower.get(typeName.toLowerCase()) ?? null, body: r, typeName };
          });
          return new HttpReply(200, this.o.store.insertMixed(items, runAs, opts(parsed.allOrNone ?? false)));
        }
        if (method === 'PATCH') {
          const items = parsed.records.map((r) => {
            const typeName = this.typeOf(r);
            const idKey = Object.keys(r).find((k) => k.toLowerCase() === 'id');
            const rest = { ...r };
            if (idKey) delete rest[idKey];
            return {
              def: this.o.schema.byLower.get(typeName.toLowerCase()) ?? null,
              body: rest,
              id: idKey ? r[idKey] : null,
              typeName
            };
          });
          return new HttpReply(200, this.o.store.update(items, runAs, opts(parsed.allOrNone ?? false)));
        }
        throw this.notAllowed(method, 'DELETE,PATCH,POST');
      }
      const def = this.object(c);
      if (seg.length === 3) {
        let ids: string[];
        let fields: string[];
        if (method === 'GET') {
          ids = (url.searchParams.get('ids') ?? '').split(',').filter((x) => x);
          fields = (url.searchParams.get('fields') ?? '').split(',').filter((x) => x);
        } else if (method === 'POST') {
          const r = retrieveBody.safeParse(this.json(body));
          if (!r.success) throw new SfError('JSON_PARSER_ERROR', `request body: ${fieldProblem(r.error)}`);
          ({ ids, fields } = r.data);
        } else throw this.notAllowed(method, 'GET,HEAD,POST');
        if (fields.length === 0) throw new SfError('MISSING_ARGUMENT', 'fields not specified');
        this.checkCollectionSize(ids.length, method === 'POST' ? RETRIEVE_POST_LIMIT : COLLECTION_LIMIT);
        return new HttpReply(
          200,
          ids.map((id) => {
            try {
              return this.retrieveOne(def, id, fields.join(','), version);
            } catch (err) {
              if (err instanceof SfError && err.status === 404) return null;
              throw err;
            }
          })
        );
      }
      if (seg.length === 4) {
        if (method !== 'PATCH') throw this.notAllowed(method, 'PATCH');
        const field = def.byLower.get(d.toLowerCase());
        if (!field || !field.externalId)
          throw new SfError(
            'INVALID_FIELD',
            `Field name provided, ${d} is not an External ID or indexed field for ${def.name}`
          );
        const parsed = this.collection(body);
        const items = parsed.records.map((r) => {
          const key = Object.keys(r).find((k) => k.toLowerCase() === field.name.toLowerCase());
          const rest = { ...r };
          if (key) delete rest[key];
          return { body: rest, value: key ? r[key] : null };
        });
        return new HttpReply(
          200,
          this.o.store.upsert(def, field, items, runAs, opts(parsed.allOrNone ?? false))
        );
      }
    }
    throw notFound();
  }

  private typeOf(r: Rec): string {
    const attrs = r.attributes as { type?: unknown } | undefined;
    return typeof attrs?.type === 'string' ? attrs.type : '';
  }

  private collection(body: string): z.infer<typeof collectionBody> {
    const r = collectionBody.safeParse(this.json(body));
    if (!r.success) throw new SfError('JSON_PARSER_ERROR', `request body: ${fieldProblem(r.error)}`);
    this.checkCollectionSize(r.data.records.length);
    return r.data;
  }

  private checkCollectionSize(n: number, limit = COLLECTION_LIMIT): void {
    if (n > limit)
      throw new SfError(
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${limit} records into this call`
      );
  }

  private singleFailure(r: SaveResult): SfErrors {
    const status = r.errors.some((e) => e.statusCode === 'ENTITY_IS_DELETED' || e.statusCode === 'NOT_FOUND')
      ? 404
      : 400;
    return new SfErrors(r.errors, status);
  }

  private createOne(def: ObjectDef, body: Rec, runAs: RunAs): HttpReply {
    const [r] = this.o.store.insert(def, [body], runAs, { allOrNone: true });
    if (!r.success) throw this.singleFailure(r);
    return new HttpReply(201, { id: r.id, success: true, errors: [] });
  }

  private updateOne(def: ObjectDef, id: string, body: Rec, runAs: RunAs): HttpReply {
    const [r] = this.o.store.update([{ def, body, id, typeName: def.name }], runAs, { allOrNone: true });
    if (!r.success) {
      if (r.errors[0]?.statusCode === 'INVALID_CROSS_REFERENCE_KEY' && r.errors[0].fields.length === 0)
        throw notFound();
      throw this.singleFailure(r);
    }
    return new HttpReply(204, undefined);
  }

  private deleteOne(def: ObjectDef, rawId: string, runAs: RunAs): HttpReply {
    const id = normalizeId(rawId);
    if (!id || id.slice(0, 3) !== def.keyPrefix) throw notFound();
    const [r] = this.o.store.delete([id], runAs, { allOrNone: true });
    if (!r.success) {
      if (r.errors[0]?.statusCode === 'INVALID_CROSS_REFERENCE_KEY') throw notFound();
      throw this.singleFailure(r);
    }
    return new HttpReply(204, undefined);
  }

  private upsertOne(
    def: ObjectDef,
    fieldName: string,
    value: string | null,
    body: Rec,
    runAs: RunAs
  ): HttpReply {
    if (value === null) throw this.notAllowed('POST', 'GET,HEAD,PATCH,DELETE');
    const field = def.byLower.get(fieldName.toLowerCase())!;
    const rest = { ...body };
    for (const k of Object.keys(rest)) if (k.toLowerCase() === field.name.toLowerCase()) delete rest[k];
    const matches = this.o.store.findByField(def, field, value);
    if (matches.length > 1)
      return new HttpReply(
        300,
        matches.map((m) => `/services/data/v${LATEST_VERSION}/sobjects/${def.name}/${String(m.Id)}`)
      );
    const [r] = this.o.store.upsert(def, field, [{ body: rest, value }], runAs, { allOrNone: true });
    if (!r.success) throw this.singleFailure(r);
    return new HttpReply(r.created ? 201 : 200, { id: r.id, success: true, errors: [], created: r.created });
  }

  private retrieveOne(def: ObjectDef, rawId: string, fieldsParam: string | null, version: string): Rec {
    const id = normalizeId(rawId);
    if (!id) throw notFound();
    const rec = this.o.store.get(def.name, id);
    if (!rec) {
      if (this.o.store.recycle.get(def.name)!.has(id))
        throw new SfError('ENTITY_IS_DELETED', 'entity is deleted', 404);
      throw notFound();
    }
    const out: Rec = {
      attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${id}` }
    };
    if (fieldsParam) {
      for (const name of fieldsParam
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s)) {
        const f = def.byLower.get(name.toLowerCase());
        if (!f)
          throw new SfError(
            'INVALID_FIELD',
            `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
          );
        out[f.name] = rec[f.name] ?? null;
      }
    } else {
      for (const f of def.fields) out[f.name] = rec[f.name] ?? null;
    }
    return out;
  }

  private replication(def: ObjectDef, kind: 'updated' | 'deleted', url: URL): Record<string, unknown> {
    const startRaw = url.searchParams.get('start');
    const endRaw = url.searchParams.get('end');
    if (!startRaw || !endRaw) throw new SfError('MISSING_ARGUMENT', 'start and end are required');
    const start = parseDateTime(startRaw);
    const end = parseDateTime(endRaw);
    if (start === null || end === null)
      throw new SfError('INVALID_REPLICATION_DATE', `invalid date: ${start === null ? startRaw : endRaw}`);
    if (end < start) throw new SfError('INVALID_REPLICATION_DATE', 'EndDate before StartDate');
    const minute = 60_000;
    const from = Math.floor(start / minute) * minute;
    const latest = Math.floor(Math.min(end, this.o.clock()) / minute) * minute;
    if (kind === 'updated') {
      const ids: string[] = [];
      for (const r of this.o.store.tables.get(def.name)!.values()) {
        const t = parseDateTime(String(r.SystemModstamp));
        if (t !== null && t >= from && t < latest) ids.push(r.Id as string);
      }
      return { ids, latestDateCovered: formatDateTime(latest) };
    }
    const deletedRecords: Array<{ id: string; deletedDate: string }> = [];
    let earliest = latest;
    for (const row of this.o.store.recycle.get(def.name)!.values()) {
      earliest = Math.min(earliest, row.deletedAt);
      if (row.deletedAt >= from && row.deletedAt < latest)
        deletedRecords.push({ id: row.rec.Id as string, deletedDate: formatDateTime(row.deletedAt) });
    }
    return {
      deletedRecords,
      earliestDateAvailable: formatDateTime(Math.floor(earliest / minute) * minute),
      latestDateCovered: formatDateTime(latest)
    };
  }

  private limits(): Record<string, unknown> {
    const max = this.dailyApiLimit;
    return {
      DailyApiRequests: { Max: max, Remaining: Math.max(0, max - this.apiUsed) },
      DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
      ...this.bulk.limits(),
      DataStorageMB: { Max: 1024, Remaining: 1024 },
      SingleEmail: { Max: 5000, Remaining: 5000 }
    };
  }

  // ---------- query ----------

  private batchSize(req: http.IncomingMessage): number {
    const h = req.headers['sforce-query-options'];
    const m = typeof h === 'string' ? /batchSize\s*=\s*(\d+)/i.exec(h) : null;
    if (!m) return DEFAULT_BATCH;
    return Math.min(2000, Math.max(200, Number(m[1])));
  }

  runQuery(soql: string, includeDeleted: boolean): { query: CompiledQuery; rows: Rec[] } {
    const query = this.compiler.compile(soql);
    return { query, rows: this.compiler.run(query, includeDeleted) };
  }

  private query(
    soql: string,
    includeDeleted: boolean,
    batch: number,
    version: string
  ): Record<string, unknown> {
    const { query, rows } = this.runQuery(soql, includeDeleted);
    if (query.count) {
      if (query.count.field === null) return { totalSize: rows.length, done: true, records: [] };
      const n = rows.filter(
        (r) => r[query.count!.field!] !== null && r[query.count!.field!] !== undefined
      ).length;
      return {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'AggregateResult' }, [query.count.alias ?? 'expr0']: n }]
      };
    }
    return this.page({ query, rows, includeDeleted }, null, 0, batch, version);
  }

  private page(
    cursor: Cursor,
    locatorId: string | null,
    offset: number,
    batch: number,
    version: string
  ): Record<string, unknown> {
    const end = Math.min(cursor.rows.length, offset + batch);
    const records = cursor.rows
      .slice(offset, end)
      .map((r) => this.compiler.project(cursor.query, r, version));
    const out: Record<string, unknown> = { totalSize: cursor.rows.length, done: end >= cursor.rows.length };
    if (end < cursor.rows.length) {
      let id = locatorId;
      if (!id) {
        id = `01g8d${String(++this.cursorSeq).padStart(10, '0')}`;
        this.cursors.set(id, cursor);
        if (this.cursors.size > MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value as string);
      }
      out.nextRecordsUrl = `/services/data/v${version}/${cursor.includeDeleted ? 'queryAll' : 'query'}/${id}-${end}`;
    } else if (locatorId) {
      this.cursors.delete(locatorId);
    }
    out.records = records;
    return out;
  }

  private queryMore(locator: string, batch: number, version: string): Record<string, unknown> {
    const m = /^(01g[0-9A-Za-z]+)-(\d+)$/.exec(locator);
    const cursor = m ? this.cursors.get(m[1]) : undefined;
    if (!m || !cursor || Number(m[2]) > cursor.rows.length)
      throw new SfError('INVALID_QUERY_LOCATOR', 'invalid query locator');
    return this.page(cursor, m[1], Number(m[2]), batch, version);
  }
}

export type { SaveError };
