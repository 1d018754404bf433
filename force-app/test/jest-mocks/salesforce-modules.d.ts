// Types for the platform modules Lightning Web Components import. The platform provides them at
// runtime; Jest maps them to the stand-ins in this folder and the gallery to its own.
declare module '@salesforce/apex/*' {
  const apexMethod: (params?: Record<string, unknown>) => Promise<unknown>;
  export default apexMethod;
}

// A custom label's value (force-app/main/default/labels/CustomLabels.labels-meta.xml).
declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module 'lightning/navigation' {
  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
  }
  // TypeScript's mixin pattern requires a constructor taking any[].
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Constructor<T = object> = new (...args: any[]) => T;
  interface NavigationCapable {
    [key: symbol]: (pageReference: PageReference, replace?: boolean) => unknown;
  }
  export const NavigationMixin: {
    <T extends Constructor>(base: T): T & Constructor<NavigationCapable>;
    readonly Navigate: unique symbol;
    readonly GenerateUrl: unique symbol;
  };
  export const CurrentPageReference: unknown;
  /** Jest stand-in only: navigations requested since the last reset. */
  export function getNavigateCalls(): { pageReference: PageReference; replace: boolean }[];
  /** Jest stand-in only. */
  export function resetNavigateCalls(): void;
}

declare module 'lightning/platformShowToastEvent' {
  export interface ToastInit {
    title?: string;
    message?: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
  }
  export class ShowToastEvent extends CustomEvent<ToastInit> {
    constructor(toast: ToastInit);
  }
}

// Accessibility matcher registered by force-app/test/jest-setup.js (@sa11y/jest).
declare namespace jest {
  interface Matchers<R> {
    toBeAccessible(config?: unknown): Promise<R>;
  }
}
