import { errorMessage } from 'c/billingErrors';
import errors from './data/apexErrors.json';

describe('c/billingErrors', () => {
  it('reads the message of an AuraHandledException', () => {
    expect(errorMessage(errors.auraHandled)).toBe('The subscription is already canceled.');
  });

  it('joins page and field errors of a DML failure', () => {
    expect(errorMessage(errors.dml)).toBe('Amount must be positive. Amount is too large.');
  });

  it('reads plain errors, strings and lists, without repeating a message', () => {
    expect(errorMessage(new Error('Network down'))).toBe('Network down');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(
      errorMessage([{ body: { message: 'A' } }, { body: { message: 'A' } }, { body: [{ message: 'B' }] }])
    ).toBe('A B');
  });

  it('never returns a blank message', () => {
    for (const error of [errors.noBody, null, undefined, 42, {}, { body: { message: '  ' } }]) {
      expect(errorMessage(error)).toMatch(/^Something went wrong\./);
    }
  });
});
