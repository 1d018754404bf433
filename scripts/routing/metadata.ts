/**
 * The Omni-Channel metadata and Routing_Rule__mdt records generated from the routing configuration.
 *
 * Types, folders and suffixes are those of the Metadata API (Skill, ServiceChannel, ServicePresenceStatus, Queue,
 * CustomMetadata); elements are written in the order of the Metadata API's schema, which deployments require.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../shared/paths';
import type { RoutingRule } from '../../force-app/main/default/lwc/routingRules/routingRules';
import type { RoutingConfig } from './config';
import { rulesFromConfig, skillsFromConfig } from './rules';
import { unescapeXml } from '../shared/xml';

export const DEFAULT_METADATA_ROOT = projectPath('force-app', 'main', 'default');

/** Folders whose contents routing:build owns entirely (a file there not generated is stale). */
export const OWNED_FOLDERS = [
  { folder: 'skills', suffix: '.skill-meta.xml' },
  { folder: 'serviceChannels', suffix: '.serviceChannel-meta.xml' },
  { folder: 'presenceUserConfigs', suffix: '.presenceUserConfig-meta.xml' },
  { folder: 'servicePresenceStatuses', suffix: '.servicePresenceStatus-meta.xml' },
  // Escalation queues (Escalation_*) belong to the escalation tiers, not to routing.yaml.
  { folder: 'queues', suffix: '.queue-meta.xml', except: 'Escalation_' },
  { folder: 'customMetadata', suffix: '.md-meta.xml', prefix: 'Routing_Rule.' }
] as const;

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://soap.sforce.com/2006/04/metadata';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type XmlValue = string | number | boolean | XmlElement[];
interface XmlElement {
  name: string;
  value: XmlValue;
}

const el = (name: string, value: XmlValue): XmlElement => ({ name, value });

function renderElements(elements: XmlElement[], depth: number): string {
  const indent = '    '.repeat(depth);
  return elements
    .map(({ name, value }) =>
      Array.isArray(value)
        ? `${indent}<${name}>\n${renderElements(value, depth + 1)}${indent}</${name}>\n`
        : `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`
    )
    .join('');
}

function document(root: string, elements: XmlElement[]): string {
  return `${XML_HEADER}<${root} xmlns="${NS}">\n${renderElements(elements, 1)}</${root}>\n`;
}

/** Metadata API doubles are written with a decimal point, as the platform retrieves them. */
const double = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

/** Record label (40 characters at most) from its DeveloperName. */
export function ruleLabel(rule: RoutingRule): string {
  return rule.name.replace(/_/g, ' ').slice(0, 40);
}

function mdValue(field: string, value: string | number | null, type: 'string' | 'double'): string {
  if (value === null || value === '') {
    return `    <values>\n        <field>${field}</field>\n        <value xsi:nil="true"/>\n    </values>\n`;
  }
  const text = type === 'double' ? double(Number(value)) : escapeXml(String(value));
  return `    <values>\n        <field>${field}</field>\n        <value xsi:type="xsd:${type}">${text}</value>\n    </values>\n`;
}

/** A Routing_Rule__mdt record file. Fields are listed alphabetically, as retrieved records are. */
export function customMetadataRecord(rule: RoutingRule): string {
  return (
    XML_HEADER +
    `<CustomMetadata xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n` +
    `    <label>${escapeXml(ruleLabel(rule))}</label>\n` +
    '    <protected>false</protected>\n' +
    mdValue('Field__c', rule.field, 'string') +
    mdValue('Kind__c', rule.kind, 'string') +
    mdValue('Program__c', rule.program, 'string') +
    mdValue('Respond_Within_Hours__c', rule.respondWithinHours, 'double') +
    mdValue('Routing_Priority__c', rule.routingPriority, 'double') +
    mdValue('Skill__c', rule.skill, 'string') +
    mdValue('Value__c', rule.value, 'string') +
    '</CustomMetadata>\n'
  );
}

/** Every generated file, keyed by its path relative to force-app/main/default. */
export function generateMetadata(config: RoutingConfig): Map<string, string> {
  const files = new Map<string, string>();
  for (const skill of skillsFromConfig(config)) {
    files.set(
      `skills/${skill.developerName}.skill-meta.xml`,
      document('Skill', [el('description', skill.description), el('label', skill.label)])
    );
  }
  const channel = config.serviceChannel;
  files.set(
    `serviceChannels/${channel.developerName}.serviceChannel-meta.xml`,
    document('ServiceChannel', [el('label', channel.label), el('relatedEntityType', 'Case')])
  );
  // No QueueRoutingConfig: a queue with a routing configuration is routed queue-based, and Omni-Channel
  // would create its own PendingServiceRouting for every case put in the Awaiting Assignment queue,
  // competing with the skills-based one the case router creates. Model, weight, priority and the push
  // timeout are Routing_Rule settings that the router puts on each PendingServiceRouting instead.
  const presence = config.presence;
  files.set(
    `presenceUserConfigs/${presence.configDeveloperName}.presenceUserConfig-meta.xml`,
    document('PresenceUserConfig', [
      el('capacity', config.capacity.perAgent),
      el('enableAutoAccept', false),
      el('enableDecline', false),
      el('enableDisconnectSound', true),
      el('enableRequestSound', true),
      el('label', presence.configLabel)
    ])
  );
  files.set(
    `servicePresenceStatuses/${presence.statusDeveloperName}.servicePresenceStatus-meta.xml`,
    document('ServicePresenceStatus', [
      el('channels', [el('channel', channel.developerName)]),
      el('label', presence.statusLabel)
    ])
  );
  const queue = config.awaitingAssignmentQueue;
  files.set(
    `queues/${queue.developerName}.queue-meta.xml`,
    document('Queue', [
      el('doesSendEmailToMembers', false),
      el('name', queue.label),
      el('queueSobject', [el('sobjectType', 'Case')])
    ])
  );
  for (const rule of rulesFromConfig(config)) {
    files.set(`customMetadata/Routing_Rule.${rule.name}.md-meta.xml`, customMetadataRecord(rule));
  }
  return files;
}

export interface Drift {
  /** Generated files missing on disk. */
  missing: string[];
  /** Files on disk whose content differs from what the configuration generates. */
  changed: string[];
  /** Files in the generated folders that the configuration no longer produces. */
  stale: string[];
}

async function listOwned(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const owned of OWNED_FOLDERS) {
    let entries: string[];
    try {
      entries = await fs.readdir(path.join(root, owned.folder));
    } catch {
      continue;
    }
    for (const entry of entries) {
      const prefix = 'prefix' in owned ? owned.prefix : '';
      const except = 'except' in owned ? owned.except : null;
      if (entry.endsWith(owned.suffix) && entry.startsWith(prefix) && !(except && entry.startsWith(except))) {
        found.push(`${owned.folder}/${entry}`);
      }
    }
  }
  return found.sort();
}

/** Compares the generated files with those on disk. */
export async function compareMetadata(
  files: Map<string, string>,
  root = DEFAULT_METADATA_ROOT
): Promise<Drift> {
  const drift: Drift = { missing: [], changed: [], stale: [] };
  for (const [relative, content] of files) {
    let onDisk: string;
    try {
      onDisk = await fs.readFile(path.join(root, relative), 'utf8');
    } catch {
      drift.missing.push(relative);
      continue;
    }
    if (onDisk !== content) drift.changed.push(relative);
  }
  for (const relative of await listOwned(root)) {
    if (!files.has(relative)) drift.stale.push(relative);
  }
  return drift;
}

/** Writes the generated files and removes stale ones; returns what changed. */
export async function writeMetadata(
  files: Map<string, string>,
  root = DEFAULT_METADATA_ROOT
): Promise<Drift> {
  const drift = await compareMetadata(files, root);
  for (const relative of [...drift.missing, ...drift.changed]) {
    const target = path.join(root, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, files.get(relative) as string);
  }
  for (const relative of drift.stale) await fs.rm(path.join(root, relative));
  return drift;
}

/** Reads one Routing_Rule__mdt record file back into a rule (used to prove Apex and TypeScript agree). */
export function parseCustomMetadataRecord(developerName: string, xml: string): RoutingRule {
  const values = new Map<string, string | null>();
  const valuePattern =
    /<values>\s*<field>([^<]+)<\/field>\s*<value(?:\s+xsi:type="xsd:(\w+)")?\s*(?:xsi:nil="true"\s*)?(?:\/>|>([^<]*)<\/value>)\s*<\/values>/g;
  for (const match of xml.matchAll(valuePattern)) {
    const raw = match[3];
    values.set(match[1], raw === undefined ? null : unescapeXml(raw));
  }
  const text = (field: string): string | null => values.get(field) ?? null;
  const number = (field: string): number | null => {
    const raw = text(field);
    return raw === null ? null : Number(raw);
  };
  return {
    name: developerName,
    kind: text('Kind__c') as RoutingRule['kind'],
    program: text('Program__c'),
    field: text('Field__c'),
    value: text('Value__c'),
    skill: text('Skill__c'),
    routingPriority: number('Routing_Priority__c'),
    respondWithinHours: number('Respond_Within_Hours__c')
  };
}

/** Every committed Routing_Rule__mdt record, as rules. */
export async function readCommittedRules(root = DEFAULT_METADATA_ROOT): Promise<RoutingRule[]> {
  const folder = path.join(root, 'customMetadata');
  let entries: string[];
  try {
    entries = await fs.readdir(folder);
  } catch {
    return [];
  }
  const rules: RoutingRule[] = [];
  for (const entry of entries.sort()) {
    const match = /^Routing_Rule\.(.+)\.md-meta\.xml$/.exec(entry);
    if (!match) continue;
    rules.push(parseCustomMetadataRecord(match[1], await fs.readFile(path.join(folder, entry), 'utf8')));
  }
  return rules;
}
