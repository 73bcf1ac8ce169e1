import {
  CSV_BOM,
  SUBSCRIPTION_CSV_COLUMNS,
  csvField,
  csvFileName,
  csvHeader,
  csvLine,
  csvRows
} from '../csvExport';
import type { SubscriptionRow } from '../consoleModel';
import page1 from './data/page1.json';
import page2 from './data/page2.json';

describe('csvField', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvField('Acme')).toBe('Acme');
    expect(csvField(490)).toBe('490');
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField(0)).toBe('0');
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvField('Bravo "Labs"')).toBe('"Bravo ""Labs"""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+44 20')).toBe("'+44 20");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
  });

  it('writes blanks, booleans and non-finite numbers safely', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
    expect(csvField(Number.NaN)).toBe('');
  });
});

describe('subscription CSV', () => {
  it('has one header line with every column, CRLF terminated', () => {
    const header = csvHeader();
    expect(header.endsWith('\r\n')).toBe(true);
    expect(header.split(',')).toHaveLength(SUBSCRIPTION_CSV_COLUMNS.length);
    expect(header.startsWith('Subscription Record Id,Stripe Subscription Id,Customer,')).toBe(true);
  });

  it('writes each row with amounts as plain decimals and the upper-case currency code', () => {
    const text = csvRows(page1.rows as SubscriptionRow[]);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(3); // two rows and the empty string after the last CRLF
    expect(lines[0]).toBe(
      'a065g00000Sub01AAA,sub_1QAlpha,"Acme, Inc.",billing@acme.example,Acme,active,false,Pro monthly,10,49,USD,month,1,490,2026-12-15T00:00:00.000Z,None,Low,92'
    );
    expect(lines[1]).toBe(
      'a065g00000Sub02AAA,sub_1QBravo,"\'=HYPERLINK(""http://evil.example"")",ops@bravo.example,"Bravo ""Labs""",past_due,false,Team quarterly,3,300,EUR,month,3,300,2026-12-01T00:00:00.000Z,Final Notice,High,40'
    );
  });

  it('writes blanks as empty fields, not "null"', () => {
    const text = csvRows(page2.rows as SubscriptionRow[]);
    expect(text).toBe(
      'a065g00000Sub03AAA,sub_1QCharlie,Charlie KK,,,trialing,true,Starter weekly,1,9800,JPY,week,3,0,,,,\r\n'
    );
    expect(text).not.toContain('null');
    expect(csvRows([{ ...(page2.rows[0] as SubscriptionRow), currencyCode: null }])).toContain(
      ',1,9800,,week,'
    );
  });

  it('writes nothing for an empty page', () => {
    expect(csvRows([])).toBe('');
  });

  it('joins fields into one line', () => {
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });

  it('names the file by date and starts with a UTF-8 byte order mark', () => {
    expect(csvFileName(new Date('2026-11-29T18:00:00Z'))).toBe('stripe-subscriptions-2026-11-29.csv');
    expect(CSV_BOM).toBe('\ufeff');
  });
});
