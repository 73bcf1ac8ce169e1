/**
 * Stand-in for `@salesforce/apex/<Class>.<method>` and `@salesforce/apex` in the workbench. Each Apex
 * method is a function (imperative call) that is also a wire adapter (`@wire(method, config)`),
 * answered by the dev server's Apex stand-in under the page's scenario (its query string).
 */

/** Wired values handed to components, mapped to the adapter that can refresh them. */
const refreshable = new WeakMap();

/** Wired data is read-only on the platform; freezing it here surfaces components that mutate it. */
function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/** Posts one call; rejects with the platform's error shape (`{ status, body, ... }`). */
async function invoke(name, params) {
  const response = await fetch(`/apex/${encodeURIComponent(name)}${window.location.search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params ?? {})
  });
  const answer = await response.json();
  if (answer.ok) return answer.value;
  throw { ok: false, status: answer.status, statusText: 'Error', headers: {}, body: answer.body };
}

/**
 * Builds the default export of an Apex method module.
 * @param {string} name `Class.method`
 * @param {boolean} cacheable whether the method may be wired (`cacheable=true` in Apex)
 */
export function apexMethod(name, cacheable) {
  const method = (params) => invoke(name, params);

  class ApexWireAdapter {
    constructor(dataCallback) {
      this.dataCallback = dataCallback;
      this.config = undefined;
      this.connected = false;
      this.generation = 0;
    }

    connect() {
      this.connected = true;
    }

    disconnect() {
      this.connected = false;
    }

    update(config) {
      this.config = config;
      void this.fetch();
    }

    /** Calls Apex for the current config; only the newest answer is delivered. */
    fetch() {
      const config = this.config ?? {};
      // As on the platform, a wired Apex method is not called while a parameter is undefined.
      if (Object.values(config).some((v) => v === undefined)) return Promise.resolve();
      if (!cacheable) {
        const error = { body: { message: `${name} is not cacheable=true, so it cannot be wired.` } };
        this.emit({ data: undefined, error });
        return Promise.resolve();
      }
      const generation = ++this.generation;
      return invoke(name, config).then(
        (data) => {
          if (generation === this.generation) this.emit({ data: deepFreeze(data), error: undefined });
        },
        (error) => {
          if (generation === this.generation) this.emit({ data: undefined, error });
        }
      );
    }

    emit(value) {
      refreshable.set(value, this);
      this.dataCallback(value);
    }
  }

  method.adapter = ApexWireAdapter;
  return method;
}

/** Re-runs the Apex call behind a wired value; resolves once the fresh value is delivered. */
export function refreshApex(wiredValue) {
  const adapter = wiredValue ? refreshable.get(wiredValue) : undefined;
  return adapter ? adapter.fetch() : Promise.resolve(undefined);
}

/** Records the stand-in record picker offers (the dev server reads them from the fixtures). */
export async function searchRecords(objectApiName) {
  const response = await fetch(`/records/${encodeURIComponent(objectApiName)}`);
  return response.json();
}
