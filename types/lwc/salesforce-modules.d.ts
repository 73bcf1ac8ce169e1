// Ambient declarations for the platform modules LWC imports at run time. The org (and sfdx-lwc-jest
// in tests) supplies the implementations; these give TypeScript their shapes.

declare module '@salesforce/apex/*' {
  import type { WireAdapterConstructor } from 'lwc';
  /** An Apex method: called imperatively, or (when cacheable) used as a wire adapter with `@wire`. */
  const apexMethod: ((params?: Record<string, unknown>) => Promise<unknown>) & WireAdapterConstructor;
  export default apexMethod;
}

declare module '@salesforce/apex' {
  /** Re-runs the Apex call behind a value a wired property or method received, bypassing the cache. */
  export function refreshApex(wiredValue: unknown): Promise<unknown>;
}

declare module '@salesforce/schema/*' {
  const fieldOrObject: { fieldApiName?: string; objectApiName: string };
  export default fieldOrObject;
}

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module '@salesforce/user/Id' {
  const userId: string;
  export default userId;
}

declare module '@salesforce/customPermission/*' {
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module 'lightning/platformShowToastEvent' {
  export class ShowToastEvent extends CustomEvent<unknown> {
    constructor(init: {
      title: string;
      message?: string;
      variant?: 'info' | 'success' | 'warning' | 'error';
      mode?: string;
    });
  }
}

declare module 'lightning/navigation' {
  export const CurrentPageReference: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export function NavigationMixin<T extends new (...args: any[]) => object>(base: T): T;
  export namespace NavigationMixin {
    const Navigate: unique symbol;
    const GenerateUrl: unique symbol;
  }
}

declare module 'lightning/uiRecordApi' {
  export const getRecord: unknown;
  export const getFieldValue: (record: unknown, field: unknown) => unknown;
  export const updateRecord: (input: { fields: Record<string, unknown> }) => Promise<unknown>;
  export const notifyRecordUpdateAvailable: (items: { recordId: string }[]) => Promise<unknown>;
}

declare module 'lightning/refresh' {
  export class RefreshEvent extends CustomEvent<unknown> {
    constructor();
  }
}

declare module 'lightning/confirm' {
  /** Opens the platform's accessible confirmation modal; resolves true when the user confirms. */
  export default class LightningConfirm {
    static open(config: {
      message: string;
      label?: string;
      variant?: 'header' | 'headerless';
      theme?: string;
    }): Promise<boolean>;
  }
}
