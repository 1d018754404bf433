/**
 * The component gallery's contract with component authors: each file in scripts/gallery/states/
 * default-exports a GalleryComponent naming a bundle under force-app/main/default/lwc and the states
 * to render it in, each with the fixture data its platform imports answer with.
 */
import { z } from 'zod';

/** A rejected Apex call: the value becomes the error the component receives. */
export interface ApexError {
  __error: unknown;
}

export interface GalleryState {
  /** Unique across the gallery; the page is /?state=<id>. Lowercase words joined by dashes. */
  id: string;
  title: string;
  /** Public (@api) properties set on the component before it is inserted. */
  props?: Record<string, unknown>;
  /**
   * '<Class>.<method>' -> resolved value, or { __error } to reject (imperative calls and @wire alike), or
   * { __value, __afterwards: { '<Class>.<method>': answer } } for a call that resolves with __value and
   * changes what those methods answer from then on (a save the page then reads back).
   */
  apex?: Record<string, unknown>;
  /** Custom permission API names the user holds (@salesforce/customPermission/<Name> is true). */
  customPermissions?: string[];
  /** Records for lightning/uiRecordApi getRecord, keyed by record Id: { fields: { Name: { value } } } or plain field values. */
  uiRecord?: Record<string, unknown>;
  /** ISO instant the page's clock (Date.now) starts at, so ages and screenshots are reproducible. */
  clock?: string;
  /** Width of the frame the component renders in, in CSS pixels (a utility-bar panel is about 360). */
  width?: number;
}

export interface GalleryComponent {
  /** Bundle name under force-app/main/default/lwc. */
  component: string;
  states: GalleryState[];
}

const stateIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const galleryStateSchema = z.object({
  id: z.string().regex(stateIdPattern, 'use lowercase words joined by dashes'),
  title: z.string().min(1),
  props: z.record(z.string(), z.unknown()).optional(),
  apex: z.record(z.string().regex(/^\w+\.\w+$/, "use '<Class>.<method>'"), z.unknown()).optional(),
  customPermissions: z.array(z.string().min(1)).optional(),
  uiRecord: z.record(z.string(), z.unknown()).optional(),
  clock: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date-time')
    .optional(),
  width: z.number().int().min(200).max(2000).optional()
});

export const galleryComponentSchema = z.object({
  component: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be an LWC bundle name such as paymentGuard'),
  states: z.array(galleryStateSchema).min(1)
});

/** What the browser receives: every state with the component it belongs to. */
export interface GalleryEntry extends GalleryState {
  component: string;
  /** The states file it came from, relative to the project. */
  source: string;
}
