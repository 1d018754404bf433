/**
 * A discrete-event simulation of omni-assist's routing: the decisions the product makes, replayed on a
 * forecast. A case entering a routable step needs every skill `routingRules` requires; it is offered to
 * the qualified, Available person with the most room (accepted + offered weight within capacity); the most
 * urgent routing priority goes first, then the oldest; an offer not accepted within the push timeout goes
 * to another qualified person; cases nobody qualified has room for wait in Awaiting Assignment; offline
 * people are offered nothing and lose their pending offers; cases assigned by hand stay out of balancing
 * (and, with `whenOwnerOffline: return`, come back to routing when their owner goes offline).
 *
 * Deterministic for a seed: every case draws from its own stream (seeded from its arrival stream), every
 * person's presence from theirs, so adding a person or a skill changes nothing else about the input —
 * recommendations compare runs on common random numbers.
 */
import {
  capacityWeight,
  combinationKey,
  decide,
  type RoutingRule
} from '../../../force-app/main/default/lwc/routingRules/routingRules';
import { seededRandom, streamFor } from '../../shared/prng';
import type { Distribution, Forecast } from './forecast';
import { WEEKDAYS } from './forecast';
import { exponential, Histogram, lognormalFromQuantiles, standardNormal } from './statistics';

const HOURS_PER_DAY = 24;
const SECONDS_PER_HOUR = 3600;
/** Number of points of the queue-depth series, whatever the horizon. */
const DEPTH_POINTS = 336;

export interface SimStaff {
  username: string;
  name: string;
  skills: readonly string[];
  /** Capacity in weight units; null = the configuration's perAgent. */
  capacity: number | null;
  /** Share of the working day Available, when known for this person (from the org); else the forecast's. */
  availableShare?: number | null;
}

export interface RoutingSettings {
  perAgent: number;
  /** Push timeout in seconds; null = offers never time out. */
  pushTimeoutSeconds: number | null;
  manualWhenOwnerOffline: 'keep' | 'return';
}

export interface SimulationModel {
  rules: readonly RoutingRule[];
  settings: RoutingSettings;
  forecast: Forecast;
  staff: readonly SimStaff[];
}

export interface GroupResult {
  program: string;
  step: string;
  /** Routing requests (arrivals into the step and returns to routing) after the warm-up. */
  requests: number;
  accepted: number;
  /** Still not accepted when the simulation ended; their waits count up to the end (censored). */
  stillWaiting: number;
  /** Assigned by hand: out of balancing, no wait recorded. */
  manual: number;
  timeToAcceptance: Histogram;
  awaitingAssignment: Histogram;
}

export interface EmergencyResult {
  level: string;
  respondWithinHours: number;
  /** Emergencies whose clock ended within the horizon, or that were answered. */
  due: number;
  answeredInTime: number;
}

export interface StaffResult {
  username: string;
  name: string;
  capacity: number;
  skills: readonly string[];
  accepted: number;
  manualAssigned: number;
  /** Time-average accepted + offered weight. */
  meanLoad: number;
  peakLoad: number;
  /** meanLoad / capacity. */
  utilisation: number;
  /** Share of the horizon spent Available. */
  availableShare: number;
}

export interface LittleCheck {
  /** Time-average number of cases in the state, from the depth integral. */
  meanNumber: number;
  /** Requests per hour. */
  arrivalRate: number;
  /** Mean hours per request in the state, from each case's own clock (censored at the end). */
  meanTime: number;
}

export interface ReplicationResult {
  seed: number;
  horizonHours: number;
  warmupHours: number;
  events: number;
  groups: GroupResult[];
  emergencies: EmergencyResult[];
  staff: StaffResult[];
  depth: { intervalHours: number; awaiting: number[]; waiting: number[] };
  little: { waiting: LittleCheck; awaiting: LittleCheck };
  /** Exact figures for the theory checks (requests after the warm-up). */
  exact: { requests: number; meanWaitHours: number; waitedShare: number; meanAwaitingHours: number };
  /** Per required skill combination: where the waiting happens (for recommendations). */
  combinations: CombinationResult[];
}

export interface CombinationResult {
  skills: string[];
  /** People holding every skill of the combination. */
  holders: number;
  requests: number;
  waitHours: number;
  awaitingHours: number;
  stillWaiting: number;
}

// ---- internal state -------------------------------------------------------------------------------

const enum Kind {
  Arrival,
  Accept,
  Timeout,
  Complete,
  Online,
  Offline,
  Day
}

interface SimCase {
  seq: number;
  random: () => number;
  program: number;
  /** Language, priority, escalation and emergency level, as one number (for the decision cache). */
  attributes: number;
  language: string | null;
  urgent: boolean;
  escalated: boolean;
  level: string | null;
  step: number;
  bucket: number;
  priority: number;
  requestedAt: number;
  /** Emergency clock: hours by which the first acceptance is due (Infinity when none). */
  dueAt: number;
  answered: boolean;
  counted: boolean;
  queuedSince: number;
  awaitingHours: number;
  everQueued: boolean;
  offeredTo: number;
  owner: number;
  manual: boolean;
  /** Hours of work left in the step when it is (re)accepted. */
  workHours: number;
  completeAt: number;
  token: number;
  arrivedAt: number;
}

interface Person {
  spec: SimStaff;
  capacity: number;
  skills: Set<string>;
  online: boolean;
  used: number;
  buckets: number[];
  offers: Set<SimCase>;
  manualCases: Set<SimCase>;
  random: () => number;
  availableShare: number;
  lastChange: number;
  loadArea: number;
  onlineArea: number;
  peak: number;
  accepted: number;
  manualAssigned: number;
  token: number;
}

/** Binary heap of cases: lower routing priority first, then the oldest request, then arrival order. */
class CaseHeap {
  readonly items: SimCase[] = [];

  private static before(a: SimCase, b: SimCase): boolean {
    if (a.priority !== b.priority) return a.priority < b.priority;
    if (a.requestedAt !== b.requestedAt) return a.requestedAt < b.requestedAt;
    return a.seq < b.seq;
  }

  peek(): SimCase | undefined {
    return this.items[0];
  }

  push(item: SimCase): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!CaseHeap.before(item, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }

  pop(): SimCase | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      let i = 0;
      const n = items.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && CaseHeap.before(items[r], items[l]) ? r : l;
        if (!CaseHeap.before(items[child], last)) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

/**
 * The pending events, as a binary heap over typed arrays (time, then scheduling order): comparisons touch
 * only contiguous numbers, which keeps a heap of tens of thousands of open cases' completions fast.
 * Payloads live in slots that are reused once their event is handled.
 */
class EventQueue {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private heapSlots = new Int32Array(1024);
  private length = 0;
  private seq = 0;
  private kinds = new Uint8Array(1024);
  private people = new Int32Array(1024);
  private tokens = new Int32Array(1024);
  private cases: (SimCase | null)[] = [];
  private free: number[] = [];
  private slotCount = 0;

  private grow(): void {
    const size = this.times.length * 2;
    const widen = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.times = widen(this.times, (n) => new Float64Array(n));
    this.seqs = widen(this.seqs, (n) => new Float64Array(n));
    this.heapSlots = widen(this.heapSlots, (n) => new Int32Array(n));
    this.kinds = widen(this.kinds, (n) => new Uint8Array(n));
    this.people = widen(this.people, (n) => new Int32Array(n));
    this.tokens = widen(this.tokens, (n) => new Int32Array(n));
  }

  push(t: number, kind: Kind, c: SimCase | null, p: number, token: number): void {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.slotCount === this.kinds.length) this.grow();
      slot = this.slotCount++;
    }
    this.kinds[slot] = kind;
    this.people[slot] = p;
    this.tokens[slot] = token;
    this.cases[slot] = c;
    if (this.length === this.times.length) this.grow();
    const seq = this.seq++;
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.heapSlots;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] < t || (times[parent] === t && seqs[parent] < seq)) break;
      times[i] = times[parent];
      seqs[i] = seqs[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = t;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Time of the next event (Infinity when none). */
  peekTime(): number {
    return this.length > 0 ? this.times[0] : Infinity;
  }

  /** Removes the next event and returns its slot; read it with the accessors, then release it. */
  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.heapSlots;
    const top = slots[0];
    const n = --this.length;
    if (n > 0) {
      const t = times[n];
      const seq = seqs[n];
      const slot = slots[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && (times[r] < times[l] || (times[r] === times[l] && seqs[r] < seqs[l])) ? r : l;
        if (t < times[child] || (t === times[child] && seq < seqs[child])) break;
        times[i] = times[child];
        seqs[i] = seqs[child];
        slots[i] = slots[child];
        i = child;
      }
      times[i] = t;
      seqs[i] = seq;
      slots[i] = slot;
    }
    return top;
  }

  kind(slot: number): Kind {
    return this.kinds[slot];
  }
  person(slot: number): number {
    return this.people[slot];
  }
  token(slot: number): number {
    return this.tokens[slot];
  }
  caseOf(slot: number): SimCase | null {
    return this.cases[slot];
  }
  release(slot: number): void {
    this.cases[slot] = null;
    this.free.push(slot);
  }
}

/** A draw from a duration distribution. */
export function sample(distribution: Distribution, random: () => number): number {
  if ('fixed' in distribution) return distribution.fixed.value;
  if ('exponential' in distribution) return exponential(random, distribution.exponential.mean);
  const { mu, sigma } = lognormalFromQuantiles(distribution.lognormal.median, distribution.lognormal.p90);
  return Math.exp(mu + sigma * standardNormal(random));
}

/** Arrivals per hour of a stream on a given day: perDay × the weekday's multiplier × active surges. */
export function ratePerHour(stream: Forecast['arrivals'][number], day: number): number {
  let rate = stream.perDay / HOURS_PER_DAY;
  if (stream.weekly) rate *= stream.weekly[day % 7];
  for (const surge of stream.surges) {
    if (day >= surge.fromDay && day < surge.fromDay + surge.days) rate *= surge.multiplier;
  }
  return rate;
}

function pickKey(random: () => number, weights: readonly [string, number][], total: number): string | null {
  let roll = random() * total;
  for (const [key, weight] of weights) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return null;
}

export interface ProgressReport {
  (simulatedHours: number, horizonHours: number): void;
}

/** Runs one replication of the model with a seed. */
export function simulate(model: SimulationModel, seed: number, progress?: ProgressReport): ReplicationResult {
  const { forecast, rules, settings } = model;
  const horizon = forecast.horizonDays * HOURS_PER_DAY;
  const warmup = forecast.warmupDays * HOURS_PER_DAY;
  const weight = capacityWeight(rules);
  const pushTimeout =
    settings.pushTimeoutSeconds === null ? Infinity : settings.pushTimeoutSeconds / SECONDS_PER_HOUR;
  const stepNames = Object.keys(forecast.steps);
  const stepIndex = new Map(stepNames.map((name, i) => [name, i]));
  const programs = [...new Set(forecast.arrivals.map((a) => a.program))];
  const programIndex = new Map(programs.map((name, i) => [name, i]));
  const emergencyLevels = new Map<string, EmergencyResult>();
  const events = new EventQueue();
  let eventCount = 0;
  let caseSeq = 0;

  // Staff.
  const staff: Person[] = model.staff.map((spec) => ({
    spec,
    capacity: spec.capacity ?? settings.perAgent,
    skills: new Set(spec.skills),
    online: forecast.staff.alwaysAvailable,
    used: 0,
    buckets: [],
    offers: new Set(),
    manualCases: new Set(),
    random: streamFor(seed, `presence:${spec.username}`),
    availableShare: spec.availableShare ?? forecast.staff.availableShare,
    lastChange: 0,
    loadArea: 0,
    onlineArea: 0,
    peak: 0,
    accepted: 0,
    manualAssigned: 0,
    token: 0
  }));

  // Groups: program × step.
  const groups: GroupResult[] = [];
  const groupOf = (program: number, step: number): GroupResult => {
    const index = program * stepNames.length + step;
    if (!groups[index]) {
      groups[index] = {
        program: programs[program],
        step: stepNames[step],
        requests: 0,
        accepted: 0,
        stillWaiting: 0,
        manual: 0,
        timeToAcceptance: new Histogram(),
        awaitingAssignment: new Histogram()
      };
    }
    return groups[index];
  };

  // Skill-combination buckets of waiting cases, and routing decisions cached by case attributes.
  interface Bucket {
    skills: string[];
    holders: number[];
    waiting: CaseHeap;
    stats: CombinationResult;
  }
  const buckets: Bucket[] = [];
  const bucketByKey = new Map<string, number>();
  const decisions = new Map<number, { bucket: number; priority: number; hours: number | null }>();
  const languageIds = new Map<string | null, number>();
  const levelIds = new Map<string | null, number>();
  const idOf = (ids: Map<string | null, number>, value: string | null): number => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    return id;
  };
  /** Language, priority, escalation and emergency level as one number; emergency levels are few (< 64). */
  const attributeId = (language: string | null, urgent: boolean, escalated: boolean, level: string | null) =>
    ((idOf(languageIds, language) * 2 + (urgent ? 1 : 0)) * 2 + (escalated ? 1 : 0)) * 64 +
    idOf(levelIds, level);
  const decisionFor = (c: SimCase) => {
    const key = (c.attributes * programs.length + c.program) * stepNames.length + c.step;
    let cached = decisions.get(key);
    if (!cached) {
      const decision = decide(
        {
          Program__c: programs[c.program],
          Processing_Step__c: stepNames[c.step],
          Client_Language__c: c.language,
          Escalated__c: c.escalated,
          Priority: c.urgent ? 'Urgent' : 'Medium',
          Emergency_Level__c: c.level
        },
        rules
      );
      const comboKey = combinationKey(decision.skills);
      let bucket = bucketByKey.get(comboKey);
      if (bucket === undefined) {
        bucket = buckets.length;
        const holders: number[] = [];
        staff.forEach((person, i) => {
          // routingRules' holdsAll, on the Set each person already has (holdsAll would copy it per call).
          if (decision.skills.every((skill) => person.skills.has(skill))) {
            holders.push(i);
            person.buckets.push(bucket as number);
          }
        });
        buckets.push({
          skills: decision.skills,
          holders,
          waiting: new CaseHeap(),
          stats: {
            skills: decision.skills,
            holders: holders.length,
            requests: 0,
            waitHours: 0,
            awaitingHours: 0,
            stillWaiting: 0
          }
        });
        bucketByKey.set(comboKey, bucket);
      }
      cached = { bucket, priority: decision.routingPriority, hours: decision.respondWithinHours };
      decisions.set(key, cached);
    }
    return cached;
  };

  // Depth integrals (Little's law) and the depth series.
  let awaitingDepth = 0;
  let waitingDepth = 0;
  let awaitingArea = 0;
  let waitingArea = 0;
  let lastTime = 0;
  const interval = horizon / DEPTH_POINTS;
  const awaitingSeries: number[] = [];
  const waitingSeries: number[] = [];
  let sampleAwaitingArea = 0;
  let sampleWaitingArea = 0;
  const advance = (now: number): void => {
    let from = lastTime;
    // Close every depth interval that ends before `now`.
    while (awaitingSeries.length < DEPTH_POINTS && (awaitingSeries.length + 1) * interval <= now) {
      const end = (awaitingSeries.length + 1) * interval;
      awaitingArea += awaitingDepth * (end - from);
      waitingArea += waitingDepth * (end - from);
      awaitingSeries.push((awaitingArea - sampleAwaitingArea) / interval);
      waitingSeries.push((waitingArea - sampleWaitingArea) / interval);
      sampleAwaitingArea = awaitingArea;
      sampleWaitingArea = waitingArea;
      from = end;
    }
    awaitingArea += awaitingDepth * (now - from);
    waitingArea += waitingDepth * (now - from);
    lastTime = now;
  };
  const touch = (person: Person, now: number): void => {
    const dt = now - person.lastChange;
    person.loadArea += person.used * dt;
    if (person.online) person.onlineArea += dt;
    person.lastChange = now;
  };

  // Per-request accounting.
  let requests = 0;
  let waitSum = 0;
  let awaitingSum = 0;
  let exactRequests = 0;
  let exactWaitSum = 0;
  let exactAwaitingSum = 0;
  let exactWaited = 0;

  const finishWait = (c: SimCase, now: number, accepted: boolean): void => {
    const wait = now - c.requestedAt;
    waitSum += wait;
    awaitingSum += c.awaitingHours;
    if (!c.counted) return;
    const combination = buckets[c.bucket].stats;
    combination.requests++;
    combination.waitHours += wait;
    combination.awaitingHours += c.awaitingHours;
    if (!accepted) combination.stillWaiting++;
    const group = groupOf(c.program, c.step);
    group.timeToAcceptance.add(wait);
    group.awaitingAssignment.add(c.awaitingHours);
    if (accepted) group.accepted++;
    else group.stillWaiting++;
    exactRequests++;
    exactWaitSum += wait;
    exactAwaitingSum += c.awaitingHours;
    if (c.everQueued) exactWaited++;
  };

  const enqueue = (c: SimCase, now: number): void => {
    c.queuedSince = now;
    c.everQueued = true;
    awaitingDepth++;
    buckets[c.bucket].waiting.push(c);
  };

  const dequeue = (c: SimCase, now: number): void => {
    c.awaitingHours += now - c.queuedSince;
    c.queuedSince = -1;
    awaitingDepth--;
  };

  const offer = (c: SimCase, p: number, now: number): void => {
    const person = staff[p];
    touch(person, now);
    person.used += weight;
    if (person.used > person.peak) person.peak = person.used;
    person.offers.add(c);
    c.offeredTo = p;
    const delay = sample(forecast.offers.acceptSeconds, c.random) / SECONDS_PER_HOUR;
    if (delay > pushTimeout) events.push(now + pushTimeout, Kind.Timeout, c, p, c.token);
    else if (delay === 0) accept(c, p, now);
    else events.push(now + delay, Kind.Accept, c, p, c.token);
  };

  /** Offers the case to the qualified, Available person with the most room, else Awaiting Assignment. */
  const route = (c: SimCase, now: number, excluded: number): void => {
    const holders = buckets[c.bucket].holders;
    let best = -1;
    let bestRoom = -1;
    let fallback = -1;
    for (let i = 0; i < holders.length; i++) {
      const person = staff[holders[i]];
      if (!person.online) continue;
      const room = person.capacity - person.used;
      if (room < weight) continue;
      if (holders[i] === excluded) {
        fallback = holders[i];
        continue;
      }
      if (room > bestRoom) {
        best = holders[i];
        bestRoom = room;
      }
    }
    if (best < 0) best = fallback;
    if (best >= 0) offer(c, best, now);
    else enqueue(c, now);
  };

  /** A person with room takes the most urgent, oldest waiting case they qualify for, until full. */
  const fill = (p: number, now: number): void => {
    const person = staff[p];
    while (awaitingDepth > 0 && person.online && person.capacity - person.used >= weight) {
      let bestBucket = -1;
      let bestCase: SimCase | undefined;
      for (const b of person.buckets) {
        const head = buckets[b].waiting.peek();
        if (!head) continue;
        if (
          !bestCase ||
          head.priority < bestCase.priority ||
          (head.priority === bestCase.priority &&
            (head.requestedAt < bestCase.requestedAt ||
              (head.requestedAt === bestCase.requestedAt && head.seq < bestCase.seq)))
        ) {
          bestCase = head;
          bestBucket = b;
        }
      }
      if (!bestCase) return;
      buckets[bestBucket].waiting.pop();
      dequeue(bestCase, now);
      offer(bestCase, p, now);
    }
  };

  /** The first time someone takes the case, its emergency clock (if any) stops. */
  const markAnswered = (c: SimCase, now: number): void => {
    if (c.answered) return;
    c.answered = true;
    if (c.dueAt !== Infinity && c.level !== null && c.arrivedAt >= warmup) {
      const result = emergencyLevels.get(c.level) as EmergencyResult;
      result.due++;
      if (now <= c.dueAt) result.answeredInTime++;
    }
  };

  const accept = (c: SimCase, p: number, now: number): void => {
    const person = staff[p];
    person.offers.delete(c);
    c.offeredTo = -1;
    c.owner = p;
    waitingDepth--;
    if (c.counted) person.accepted++;
    finishWait(c, now, true);
    markAnswered(c, now);
    c.completeAt = now + c.workHours;
    events.push(c.completeAt, Kind.Complete, c, p, c.token);
  };

  /** The case enters a routing request in its current step. */
  const request = (c: SimCase, now: number, allowManual: boolean): void => {
    const decision = decisionFor(c);
    c.bucket = decision.bucket;
    c.priority = decision.priority;
    c.requestedAt = now;
    c.awaitingHours = 0;
    c.everQueued = false;
    c.counted = now >= warmup;
    const group = c.counted ? groupOf(c.program, c.step) : null;
    if (allowManual && forecast.manual.share > 0 && c.random() < forecast.manual.share) {
      const holders = buckets[c.bucket].holders;
      const online = holders.filter((i) => staff[i].online);
      const pool = online.length > 0 ? online : holders;
      if (pool.length > 0) {
        const p = pool[Math.floor(c.random() * pool.length)];
        const person = staff[p];
        c.manual = true;
        c.owner = p;
        person.manualCases.add(c);
        person.manualAssigned++;
        if (group) group.manual++;
        markAnswered(c, now);
        c.completeAt = now + c.workHours;
        events.push(c.completeAt, Kind.Complete, c, p, c.token);
        return;
      }
    }
    c.manual = false;
    requests++;
    if (group) group.requests++;
    waitingDepth++;
    route(c, now, -1);
  };

  const enterStep = (c: SimCase, step: number, now: number): void => {
    c.step = step;
    c.workHours = sample(forecast.steps[stepNames[step]].openHours, c.random);
    request(c, now, true);
  };

  // Arrival streams.
  const streams = forecast.arrivals.map((spec, i) => ({
    spec,
    random: streamFor(seed, `arrivals:${i}`),
    program: programIndex.get(spec.program) as number,
    step: stepIndex.get(spec.step) as number,
    languageTotal: Object.values(spec.languages ?? {}).reduce((sum, v) => sum + v, 0),
    languages: Object.entries(spec.languages ?? {}),
    levels: Object.entries(spec.emergencyLevels ?? {})
  }));
  const scheduleArrival = (i: number, from: number): void => {
    const stream = streams[i];
    let t = from;
    while (t < horizon) {
      const day = Math.floor(t / HOURS_PER_DAY);
      const dayEnd = (day + 1) * HOURS_PER_DAY;
      const rate = ratePerHour(stream.spec, day);
      if (rate > 0) {
        const next = t + exponential(stream.random, 1 / rate);
        if (next < dayEnd) {
          if (next < horizon) events.push(next, Kind.Arrival, null, i, 0);
          return;
        }
      }
      t = dayEnd;
    }
  };
  streams.forEach((_, i) => scheduleArrival(i, 0));

  const arrive = (i: number, now: number): void => {
    const stream = streams[i];
    const spec = stream.spec;
    const random = seededRandom(Math.floor(stream.random() * 4294967296));
    const language = spec.languages ? pickKey(random, stream.languages, stream.languageTotal) : null;
    const urgent = random() < spec.urgentShare;
    const escalated = random() < spec.escalatedShare;
    const level = spec.emergencyLevels ? pickKey(random, stream.levels, 1) : null;
    const c: SimCase = {
      seq: caseSeq++,
      random,
      program: stream.program,
      attributes: attributeId(language, urgent, escalated, level),
      language,
      urgent,
      escalated,
      level,
      step: stream.step,
      bucket: -1,
      priority: 0,
      requestedAt: now,
      dueAt: Infinity,
      answered: false,
      counted: false,
      queuedSince: -1,
      awaitingHours: 0,
      everQueued: false,
      offeredTo: -1,
      owner: -1,
      manual: false,
      workHours: 0,
      completeAt: 0,
      token: 0,
      arrivedAt: now
    };
    const decision = decisionFor(c);
    if (level !== null && decision.hours !== null) {
      c.dueAt = now + decision.hours;
      if (!emergencyLevels.has(level)) {
        emergencyLevels.set(level, { level, respondWithinHours: decision.hours, due: 0, answeredInTime: 0 });
      }
    }
    enterStep(c, stream.step, now);
    scheduleArrival(i, now);
  };

  const complete = (c: SimCase, p: number, now: number): void => {
    const person = staff[p];
    const wasManual = c.manual;
    c.owner = -1;
    if (wasManual) {
      person.manualCases.delete(c);
    } else {
      touch(person, now);
      person.used -= weight;
    }
    // A step change ends a manual assignment: the next step is routed (or assigned by hand) afresh.
    const next = forecast.steps[stepNames[c.step]].next;
    if (next && c.random() < next.share) enterStep(c, stepIndex.get(next.step) as number, now);
    if (!wasManual) fill(p, now);
  };

  const goOnline = (p: number, now: number): void => {
    const person = staff[p];
    if (person.online) return;
    touch(person, now);
    person.online = true;
    fill(p, now);
  };

  const goOffline = (p: number, now: number): void => {
    const person = staff[p];
    if (!person.online) return;
    touch(person, now);
    person.online = false;
    for (const c of [...person.offers]) {
      person.offers.delete(c);
      person.used -= weight;
      c.token++;
      c.offeredTo = -1;
      route(c, now, p);
    }
    if (settings.manualWhenOwnerOffline === 'return') {
      for (const c of [...person.manualCases]) {
        person.manualCases.delete(c);
        c.token++;
        c.owner = -1;
        c.workHours = Math.max(0, c.completeAt - now);
        request(c, now, false);
      }
    }
  };

  // Presence: working days, absences, one Available stretch a day.
  const workdays = new Set(forecast.staff.workdays.map((d) => WEEKDAYS.indexOf(d)));
  const shift = forecast.staff.endHour - forecast.staff.startHour;
  const planDay = (day: number): void => {
    if (!workdays.has(day % 7)) return;
    staff.forEach((person, p) => {
      const away = person.random() < forecast.staff.absenceShare;
      const offset = person.random();
      if (away) return;
      const length = shift * person.availableShare;
      const start = day * HOURS_PER_DAY + forecast.staff.startHour + offset * (shift - length);
      if (length <= 0) return;
      events.push(start, Kind.Online, null, p, 0);
      events.push(start + length, Kind.Offline, null, p, 0);
    });
  };
  if (!forecast.staff.alwaysAvailable) {
    for (let day = 0; day < Math.ceil(forecast.horizonDays); day++) {
      events.push(day * HOURS_PER_DAY, Kind.Day, null, day, 0);
    }
  }

  const progressEvery = 50_000;
  for (;;) {
    const now = events.peekTime();
    if (now >= horizon) break;
    const slot = events.pop();
    const kind = events.kind(slot);
    const p = events.person(slot);
    const token = events.token(slot);
    const c = events.caseOf(slot);
    events.release(slot);
    eventCount++;
    if (progress && eventCount % progressEvery === 0) progress(now, horizon);
    advance(now);
    switch (kind) {
      case Kind.Arrival:
        arrive(p, now);
        break;
      case Kind.Accept:
        if (c && c.token === token && c.offeredTo === p) accept(c, p, now);
        break;
      case Kind.Timeout:
        if (c && c.token === token && c.offeredTo === p) {
          const person = staff[p];
          touch(person, now);
          person.offers.delete(c);
          person.used -= weight;
          c.token++;
          c.offeredTo = -1;
          route(c, now, p);
          fill(p, now);
        }
        break;
      case Kind.Complete:
        if (c && c.token === token && c.owner === p) complete(c, p, now);
        break;
      case Kind.Online:
        goOnline(p, now);
        break;
      case Kind.Offline:
        goOffline(p, now);
        break;
      case Kind.Day:
        planDay(p);
        break;
    }
  }
  advance(horizon);

  // Cases still waiting at the end: their waits are censored at the horizon.
  for (const bucket of buckets) {
    for (const c of bucket.waiting.items) {
      c.awaitingHours += horizon - c.queuedSince;
      finishWait(c, horizon, false);
      if (c.level !== null && !c.answered && c.arrivedAt >= warmup && c.dueAt <= horizon) {
        (emergencyLevels.get(c.level) as EmergencyResult).due++;
      }
    }
  }
  for (const person of staff) {
    for (const c of person.offers) {
      finishWait(c, horizon, false);
      if (c.level !== null && !c.answered && c.arrivedAt >= warmup && c.dueAt <= horizon) {
        (emergencyLevels.get(c.level) as EmergencyResult).due++;
      }
    }
    touch(person, horizon);
  }

  return {
    seed,
    horizonHours: horizon,
    warmupHours: warmup,
    events: eventCount,
    groups: groups.filter(Boolean),
    emergencies: [...emergencyLevels.values()].sort((a, b) => a.respondWithinHours - b.respondWithinHours),
    staff: staff.map((person) => {
      const meanLoad = person.loadArea / horizon;
      return {
        username: person.spec.username,
        name: person.spec.name,
        capacity: person.capacity,
        skills: person.spec.skills,
        accepted: person.accepted,
        manualAssigned: person.manualAssigned,
        meanLoad,
        peakLoad: person.peak,
        utilisation: meanLoad / person.capacity,
        availableShare: person.onlineArea / horizon
      };
    }),
    depth: { intervalHours: interval, awaiting: awaitingSeries, waiting: waitingSeries },
    little: {
      waiting: {
        meanNumber: waitingArea / horizon,
        arrivalRate: requests / horizon,
        meanTime: requests > 0 ? waitSum / requests : 0
      },
      awaiting: {
        meanNumber: awaitingArea / horizon,
        arrivalRate: requests / horizon,
        meanTime: requests > 0 ? awaitingSum / requests : 0
      }
    },
    combinations: buckets.map((bucket) => bucket.stats),
    exact: {
      requests: exactRequests,
      meanWaitHours: exactRequests > 0 ? exactWaitSum / exactRequests : 0,
      waitedShare: exactRequests > 0 ? exactWaited / exactRequests : 0,
      meanAwaitingHours: exactRequests > 0 ? exactAwaitingSum / exactRequests : 0
    }
  };
}
