/** relay-contract: Apex BatchResponse, the relay's zod schema and its stand-in agree. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { relayContractRule as rule, REQUIRE_REST_RESOURCE } from '../verify/rules/relay-contract.js';
import { assertInvalid, assertValid, META_DIR as M, NS, runRule, xmlHead } from './support/sample-project.js';

const RESOURCE = `${M}/classes/StripeEventsRestResource.cls`;
const SCHEMA = 'relay/src/salesforce-client.ts';
const STANDIN = 'relay/test/support/salesforce-standin.ts';

const apex = (response = '', rejection = ''): string => `/**
 * @description Apex REST endpoint the relay posts Stripe event batches to.
 */
@RestResource(urlMapping='/stripe/v1/*')
global with sharing class StripeEventsRestResource {
    /** @description The answer to one batch. */
    global class BatchResponse {
        public List<String> accepted = new List<String>();
        public List<String> duplicates = new List<String>();
        public List<Rejection> rejected = new List<Rejection>();${response}
    }

    /** @description One event the batch could not take, and why. */
    global class Rejection {
        public String id;
        public String reason;${rejection}
        Rejection(String id, String reason) {
            this.id = id;
            this.reason = reason;
        }
    }

    /**
     * @description Publishes the batch's events.
     * @return what was accepted, what was a duplicate and what was rejected
     */
    @HttpPost
    global static BatchResponse receive() {
        BatchResponse answer = new BatchResponse();
        return answer;
    }
}
`;

const zod = (extra = '', rejectedExtra = ''): string => `import { z } from 'zod';

export const batchResponseSchema = z.object({
  accepted: z.array(z.string()).default([]),
  duplicates: z.array(z.string()).default([]),${extra}
  rejected: z.array(z.object({ id: z.string(), reason: z.string().default('')${rejectedExtra} })).default([])
});
`;

const standIn = (
  answer = '{ accepted: [] as string[], duplicates: [] as string[], rejected: [] as object[] }',
  push = '{ id, reason }'
): string => `export class SalesforceStandIn {
  answer(ids: string[], rejectIds: Map<string, string>): unknown {
    const answer = ${answer};
    for (const id of ids) {
      const reason = rejectIds.get(id);
      if (reason !== undefined) answer.rejected.push(${push});
      else answer.accepted.push(id);
    }
    return answer;
  }
}
`;

const project = (a = apex(), z = zod(), s = standIn()): Record<string, string> => ({
  [RESOURCE]: a,
  [`${RESOURCE}-meta.xml`]: `${xmlHead}<ApexClass ${NS}><apiVersion>65.0</apiVersion><status>Active</status></ApexClass>\n`,
  [SCHEMA]: z,
  [STANDIN]: s
});

describe('valid samples', () => {
  test('Apex DTO, zod schema and stand-in with the same keys and shapes', () => {
    assertValid(rule, project());
  });

  test('without the REST resource the rule says so (a note now, a failure once strict)', () => {
    const result = runRule(rule, { [SCHEMA]: zod(), [STANDIN]: standIn() });
    if (REQUIRE_REST_RESOURCE) assert.equal(result.findings.length, 1);
    else {
      assert.deepEqual(result.findings, []);
      assert.match(
        result.notes.join('\n'),
        /no Apex class has @RestResource\(urlMapping='\/stripe\/v1\/\*'\)/
      );
    }
  });
});

describe('invalid samples', () => {
  test('the relay schema lacks a key and reads one Apex does not send', () => {
    const z = zod().replace(
      '  duplicates: z.array(z.string()).default([]),\n',
      '  skipped: z.array(z.string()).default([]),\n'
    );
    assertInvalid(rule, project(apex(), z), [
      {
        at: `${SCHEMA}:3`,
        message: /relay batchResponseSchema lacks 'duplicates' that the Apex response has/
      },
      {
        at: `${SCHEMA}:3`,
        message: /relay batchResponseSchema reads 'skipped' that the Apex response does not have/
      }
    ]);
  });

  test('a rejection field of another type or name', () => {
    assertInvalid(rule, project(apex('', '\n        public Integer code;'), zod('', ', code: z.string()')), [
      { at: `${SCHEMA}:3`, message: /'rejected\.\[\]\.code' is string but Apex has number/ },
      {
        at: `${STANDIN}:6`,
        message: /the stand-in rejects with \{id, reason\} but Apex's rejection is \{id, reason, code\}/
      }
    ]);
    assertInvalid(rule, project(apex(), zod('', ', message: z.string()')), [
      { at: `${SCHEMA}:3`, message: /reads 'rejected\.\[\]\.message' that the Apex response does not have/ }
    ]);
  });

  test('the stand-in answers other keys, or rejects with other keys', () => {
    assertInvalid(
      rule,
      project(apex(), zod(), standIn('{ accepted: [] as string[], rejected: [] as object[] }')),
      [
        {
          at: `${STANDIN}:3`,
          message:
            /the stand-in answers \{accepted, rejected\} but the Apex response is \{accepted, duplicates, rejected\}/
        }
      ]
    );
    assertInvalid(rule, project(apex(), zod(), standIn(undefined, '{ id, error: reason }')), [
      {
        at: `${STANDIN}:6`,
        message: /the stand-in rejects with \{id, error\} but Apex's rejection is \{id, reason\}/
      }
    ]);
  });

  test('an Apex list left null, which the relay schema would reject', () => {
    const a = apex().replace(
      'public List<String> duplicates = new List<String>();',
      'public List<String> duplicates;'
    );
    assertInvalid(rule, project(a), [
      {
        at: `${RESOURCE}:9`,
        message: /BatchResponse.duplicates is not initialised: JSON.serialize writes null/
      }
    ]);
  });

  test('a resource without the response DTO, and a relay without the schema', () => {
    assertInvalid(rule, project(apex().replace('class BatchResponse', 'class Answer')), [
      { at: `${RESOURCE}:1`, message: /has no inner class BatchResponse/ }
    ]);
    assertInvalid(rule, project(apex(), 'export const other = 1;\n'), [
      { at: 'relay/src:1', message: /no 'batchResponseSchema' zod schema under relay\/src/ }
    ]);
  });
});
