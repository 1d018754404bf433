/**
 * Browser side of the gallery: answers the platform imports (@salesforce/apex, uiRecordApi, custom
 * permissions, navigation, toasts) from the current state's fixtures. Runs in the page, bundled by
 * rollup; the state list arrives as window.__GALLERY_STATES__ from states.js.
 */
import type { GalleryEntry } from '../types';

interface GalleryWindow {
  __GALLERY_STATES__?: GalleryEntry[];
  __gallery?: GalleryLog;
}

export interface GalleryLog {
  state: string | null;
  ready: boolean;
  toasts: unknown[];
  navigations: unknown[];
  hostActions: unknown[];
}

const win = window as unknown as GalleryWindow;

export const log: GalleryLog = { state: null, ready: false, toasts: [], navigations: [], hostActions: [] };
win.__gallery = log;

export function galleryStates(): GalleryEntry[] {
  return win.__GALLERY_STATES__ ?? [];
}

function findState(): GalleryEntry | null {
  const id = new URLSearchParams(window.location.search).get('state');
  if (!id) return null;
  return galleryStates().find((s) => s.id === id) ?? null;
}

const current = findState();
log.state = current ? current.id : null;

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Fixture answers for this page; host stand-ins change them to show the outcome of an action. */
const answers: Record<string, unknown> = clone(current?.apex ?? {});

if (current?.clock) {
  // Pin the clock so ages read the same on every run; it still advances from there.
  const offset = Date.parse(current.clock) - Date.now();
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + offset;
}

export function currentState(): GalleryEntry | null {
  return current;
}

export function apexAnswer(name: string): unknown {
  return clone(answers[name]);
}

export function setApexAnswer(name: string, value: unknown): void {
  answers[name] = clone(value);
}

function isError(value: unknown): value is { __error: unknown } {
  return !!value && typeof value === 'object' && '__error' in (value as Record<string, unknown>);
}

export function callApex(name: string, _params?: unknown): Promise<unknown> {
  if (!(name in answers)) {
    return Promise.reject({
      body: { message: `The gallery state has no fixture for ${name}.` },
      status: 500
    });
  }
  const answer = apexAnswer(name);
  if (isAction(answer)) {
    // a call that changes what other methods answer from now on (the server saved something)
    for (const [method, value] of Object.entries(answer.__afterwards)) setApexAnswer(method, value);
    return Promise.resolve(answer.__value);
  }
  return isError(answer) ? Promise.reject(answer.__error) : Promise.resolve(answer);
}

function isAction(value: unknown): value is { __value: unknown; __afterwards: Record<string, unknown> } {
  return !!value && typeof value === 'object' && '__afterwards' in (value as Record<string, unknown>);
}

type DataCallback = (value: { data: unknown; error: unknown }) => void;

const liveWires = new Set<{ refresh: () => Promise<void>; last: unknown }>();

/** An Apex method import: callable imperatively and usable with @wire, like on the platform. */
export function apexMethod(name: string): ((params?: unknown) => Promise<unknown>) & { adapter: unknown } {
  const method = ((params?: unknown) => callApex(name, params)) as ((
    params?: unknown
  ) => Promise<unknown>) & {
    adapter: unknown;
  };
  method.adapter = class {
    private config: unknown = undefined;
    private entry = { refresh: () => this.run(), last: undefined as unknown };
    constructor(private readonly callback: DataCallback) {}
    connect(): void {
      liveWires.add(this.entry);
    }
    disconnect(): void {
      liveWires.delete(this.entry);
    }
    update(config: unknown): void {
      this.config = config;
      void this.run();
    }
    private run(): Promise<void> {
      return callApex(name, this.config).then(
        (data) => {
          const value = { data, error: undefined };
          this.entry.last = value;
          this.callback(value);
        },
        (error) => {
          const value = { data: undefined, error };
          this.entry.last = value;
          this.callback(value);
        }
      );
    }
  };
  return method;
}

export function refreshApex(wired: unknown): Promise<void> {
  const matches = [...liveWires].filter((w) => w.last === wired);
  return Promise.all((matches.length ? matches : [...liveWires]).map((w) => w.refresh())).then(
    () => undefined
  );
}

export function hasPermission(name: string): boolean {
  return !!current?.customPermissions?.includes(name);
}

function recordFixture(recordId: unknown): Record<string, unknown> | null {
  const records = current?.uiRecord ?? {};
  const record = typeof recordId === 'string' ? (records as Record<string, unknown>)[recordId] : undefined;
  if (!record || typeof record !== 'object') return null;
  const source = record as Record<string, unknown>;
  if (source.fields && typeof source.fields === 'object') return clone(source);
  const fields: Record<string, { value: unknown; displayValue: unknown }> = {};
  for (const [key, value] of Object.entries(source)) fields[key] = { value, displayValue: null };
  return { id: recordId, fields };
}

/** lightning/uiRecordApi getRecord stand-in. */
export class GetRecordAdapter {
  constructor(private readonly callback: DataCallback) {}
  connect(): void {}
  disconnect(): void {}
  update(config: { recordId?: unknown }): void {
    const record = recordFixture(config?.recordId);
    Promise.resolve().then(() =>
      this.callback(
        record
          ? { data: record, error: undefined }
          : { data: undefined, error: { body: { message: 'The gallery state has no such record.' } } }
      )
    );
  }
}

export function recordToast(detail: unknown): void {
  log.toasts.push(detail);
}

export function recordNavigation(pageReference: unknown): void {
  log.navigations.push(pageReference);
}
