import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WebhookForwarder, type WebhookForwarderOptions } from '../src/batcher.js';
import { FORWARDING_DEFAULTS } from '../src/config/env.js';
import {
  UpstreamError,
  type BatchResponse,
  type BatchSink,
  type Outcome,
  type VerifiedEvent
} from '../src/forwarding.js';

/** A clock that only moves when told to, with the timers that hang off it. */
class FakeClock {
  time = 1_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;
  now = () => this.time;
  setTimer = (fn: () => void, ms: number) => {
    const id = ++this.nextId;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearTimer = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  advance(ms: number): void {
    this.time += ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= this.time);
      if (due.length === 0) return;
      this.timers = this.timers.filter((t) => t.at > this.time);
      for (const t of due) t.fn();
    }
  }
}

/** A sink whose batches stay open until the test answers them. */
class FakeSink implements BatchSink {
  readonly calls: {
    body: string;
    ids: string[];
    answer(r?: Partial<BatchResponse>): void;
    fail(e: Error): void;
  }[] = [];
  sendBatch(bytes: Buffer): Promise<BatchResponse> {
    const body = bytes.toString('utf8');
    const ids = (JSON.parse(body) as { events: { id: string }[] }).events.map((e) => e.id);
    return new Promise((resolve, reject) => {
      this.calls.push({
        body,
        ids,
        answer: (r = {}) =>
          resolve({
            accepted: r.accepted ?? ids,
            duplicates: r.duplicates ?? [],
            rejected: r.rejected ?? []
          }),
        fail: reject
      });
    });
  }
}

const event = (n: number, pad = 0): VerifiedEvent => {
  const raw = `{"id":"evt_${n}","type":"customer.updated","pad":"${'x'.repeat(pad)}"}`;
  return { id: `evt_${n}`, type: 'customer.updated', raw: Buffer.from(raw) };
};

function setup(options: Partial<WebhookForwarderOptions> = {}) {
  const clock = new FakeClock();
  const sink = new FakeSink();
  const forwarder = new WebhookForwarder(sink, {
    maxEvents: 3,
    maxWaitMs: 20,
    maxBytes: 1_000_000,
    // One slot: the eager share (maxEvents / concurrency) is then the whole maximum.
    concurrency: 1,
    maxQueued: 100,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    ...options
  });
  return { clock, sink, forwarder };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('WebhookForwarder (micro-batcher)', () => {
  test('a full batch goes at once; the body splices the raw events', async () => {
    const { sink, forwarder } = setup();
    const outcomes = [1, 2, 3].map((n) => forwarder.submit(event(n)));
    assert.equal(sink.calls.length, 1);
    assert.equal(
      sink.calls[0]?.body,
      `{"events":[${[1, 2, 3].map((n) => event(n).raw.toString()).join(',')}]}`
    );
    sink.calls[0]?.answer();
    for (const o of await Promise.all(outcomes)) assert.deepEqual(o, { kind: 'accepted' });
    assert.equal(forwarder.depth(), 0);
  });

  test('a partial batch waits for maxWaitMs, not longer', async () => {
    const { clock, sink, forwarder } = setup();
    void forwarder.submit(event(1));
    clock.advance(19);
    assert.equal(sink.calls.length, 0);
    clock.advance(1);
    assert.equal(sink.calls.length, 1);
    assert.deepEqual(sink.calls[0]?.ids, ['evt_1']);
  });

  test('batches are cut at maxBytes; a single oversized event still goes alone', async () => {
    // Room for exactly two of these events: {"events":[ + a + , + b + ]}
    const maxBytes = '{"events":[]}'.length + 2 * (event(1, 100).raw.length + 1);
    const { clock, sink, forwarder } = setup({ maxEvents: 50, maxBytes, concurrency: 1 });
    for (let n = 1; n <= 4; n++) void forwarder.submit(event(n, 100));
    sink.calls[0]?.answer();
    await flush();
    assert.deepEqual(
      sink.calls.map((c) => c.ids),
      [
        ['evt_1', 'evt_2'],
        ['evt_3', 'evt_4']
      ]
    );
    for (const call of sink.calls) assert.ok(Buffer.byteLength(call.body) <= maxBytes);
    sink.calls[1]?.answer();
    await flush();
    void forwarder.submit(event(9, 1000));
    clock.advance(20);
    assert.deepEqual(sink.calls[2]?.ids, ['evt_9']);
  });

  test('light traffic: a lone event goes after maxWaitMs, in a batch of one', () => {
    const { clock, sink, forwarder } = setup({ maxEvents: 200, concurrency: 4, maxWaitMs: 20 });
    void forwarder.submit(event(1));
    clock.advance(19);
    assert.equal(sink.calls.length, 0);
    clock.advance(1);
    assert.deepEqual(
      sink.calls.map((c) => c.ids),
      [['evt_1']]
    );
  });

  test('steady traffic with free slots: a batch goes once it holds its share of what is in flight', () => {
    const { sink, forwarder } = setup({ maxEvents: 200, concurrency: 4, maxWaitMs: 10_000, maxQueued: 2000 });
    for (let n = 1; n <= 120; n++) void forwarder.submit(event(n));
    // Idle: 200 / 4 = 50 go at once. With one batch in flight the next needs 2 × 50 = 100, so the
    // other 70 wait for company (or the timer) instead of taking a slot as a small batch.
    assert.deepEqual(
      sink.calls.map((c) => c.ids.length),
      [50]
    );
    assert.equal(forwarder.unsent(), 70);
    for (let n = 121; n <= 150; n++) void forwarder.submit(event(n));
    assert.deepEqual(
      sink.calls.map((c) => c.ids.length),
      [50, 100]
    );
    assert.equal(forwarder.inFlightBatches(), 2);
  });

  test('backlog: with the other slots busy the next batch takes all that waits, up to maxEvents', async () => {
    const { sink, forwarder } = setup({ maxEvents: 200, concurrency: 4, maxWaitMs: 20, maxQueued: 2000 });
    const outcomes = [];
    for (let n = 1; n <= 1000; n++) outcomes.push(forwarder.submit(event(n)));
    assert.deepEqual(
      sink.calls.map((c) => c.ids.length),
      [50, 100, 150, 200],
      'each batch in flight raises the bar for the next'
    );
    assert.equal(forwarder.unsent(), 500);
    sink.calls[0]?.answer();
    await flush();
    assert.equal(sink.calls[4]?.ids.length, 200, 'a freed slot takes the maximum from the backlog');
    for (const call of sink.calls.slice(1, 5)) call.answer();
    await flush();
    assert.deepEqual(
      sink.calls.slice(5).map((c) => c.ids.length),
      [200, 100]
    );
    for (const call of sink.calls.slice(5)) call.answer();
    const settled = await Promise.all(outcomes);
    assert.ok(settled.every((o) => o.kind === 'accepted'));
    // 1,000 events in 7 calls, where batches of 50 would have taken 20.
    assert.equal(sink.calls.length, 7);
  });

  test('backlog batches respect maxBytes too', async () => {
    // Two-digit ids, so every event has the same size.
    const size = event(10, 500).raw.length + 1;
    const maxBytes = '{"events":[]}'.length + 10 * size;
    const { sink, forwarder } = setup({ maxEvents: 200, maxBytes, concurrency: 2 });
    for (let n = 10; n < 50; n++) void forwarder.submit(event(n, 500));
    // Idle, the share is half the byte limit (five events); with one in flight, the whole limit.
    assert.deepEqual(
      sink.calls.map((c) => c.ids.length),
      [5, 10]
    );
    sink.calls[0]?.answer();
    await flush();
    assert.equal(sink.calls[2]?.ids.length, 10);
    for (const call of sink.calls) assert.ok(Buffer.byteLength(call.body) <= maxBytes);
  });

  test('with every slot busy, events gather and go in one bigger batch when a slot frees', async () => {
    const { clock, sink, forwarder } = setup({ maxEvents: 10, concurrency: 1 });
    void forwarder.submit(event(1));
    clock.advance(20);
    assert.equal(sink.calls.length, 1);
    for (let n = 2; n <= 6; n++) void forwarder.submit(event(n));
    clock.advance(100);
    assert.equal(sink.calls.length, 1, 'no second batch while the only slot is busy');
    sink.calls[0]?.answer();
    await flush();
    assert.equal(sink.calls.length, 2);
    assert.deepEqual(sink.calls[1]?.ids, ['evt_2', 'evt_3', 'evt_4', 'evt_5', 'evt_6']);
  });

  test('the same id twice before the answer: sent once, both told the one outcome', async () => {
    const { clock, sink, forwarder } = setup();
    const a = forwarder.submit(event(7));
    const b = forwarder.submit(event(7));
    clock.advance(20);
    assert.deepEqual(sink.calls[0]?.ids, ['evt_7']);
    const c = forwarder.submit(event(7)); // joins the in-flight batch
    sink.calls[0]?.answer({ accepted: [], duplicates: ['evt_7'] });
    assert.deepEqual(await Promise.all([a, b, c]), Array(3).fill({ kind: 'duplicate' }));
    assert.equal(sink.calls.length, 1);
    assert.equal(forwarder.depth(), 0);
  });

  test('accepted, duplicate, rejected and missing ids each get their own outcome', async () => {
    const { sink, forwarder } = setup({ maxEvents: 4 });
    const outcomes = [1, 2, 3, 4].map((n) => forwarder.submit(event(n)));
    sink.calls[0]?.answer({
      accepted: ['evt_1'],
      duplicates: ['evt_2'],
      rejected: [{ id: 'evt_3', reason: 'bad' }]
    });
    const [o1, o2, o3, o4] = (await Promise.all(outcomes)) as Outcome[];
    assert.deepEqual(o1, { kind: 'accepted' });
    assert.deepEqual(o2, { kind: 'duplicate' });
    assert.deepEqual(o3, { kind: 'rejected', reason: 'bad' });
    assert.equal(o4?.kind, 'failed');
    assert.equal(o4?.kind === 'failed' && o4.reason, 'missing_from_response');
  });

  test('a failed batch fails every event in it with the sink reason', async () => {
    const { sink, forwarder } = setup();
    const outcomes = [1, 2, 3].map((n) => forwarder.submit(event(n)));
    sink.calls[0]?.fail(new UpstreamError('request_limit_exceeded', 'limit', 60));
    for (const o of await Promise.all(outcomes)) {
      assert.deepEqual(o, { kind: 'failed', reason: 'request_limit_exceeded', retryAfterSeconds: 60 });
    }
  });

  test('sheds load when maxQueued events are waiting', async () => {
    const { forwarder } = setup({ maxQueued: 2, maxEvents: 10 });
    void forwarder.submit(event(1));
    void forwarder.submit(event(2));
    assert.deepEqual(await forwarder.submit(event(3)), {
      kind: 'failed',
      reason: 'queue_full',
      retryAfterSeconds: 5
    });
  });

  test('drain sends queued events at once, waits for answers, then refuses new ones', async () => {
    const { sink, forwarder } = setup({ maxEvents: 10 });
    const queued = forwarder.submit(event(1));
    const drained = forwarder.drain(5000);
    assert.equal(sink.calls.length, 1, 'sent without waiting for the batch window');
    assert.equal((await forwarder.submit(event(2))).kind, 'failed');
    sink.calls[0]?.answer();
    assert.equal(await drained, true);
    assert.deepEqual(await queued, { kind: 'accepted' });
  });

  test('drain gives up after its timeout and answers the stragglers 503', async () => {
    const { forwarder } = setup({ maxEvents: 10 });
    const stuck = forwarder.submit(event(1));
    assert.equal(await forwarder.drain(20), false);
    assert.deepEqual(await stuck, { kind: 'failed', reason: 'shutting_down', retryAfterSeconds: 5 });
    assert.equal(forwarder.depth(), 0);
  });
});

/**
 * The batching policy on its own, in simulated time: `senders` closed-loop senders (each sends again
 * as soon as it has its answer, as Stripe's deliveries do) against a sink that answers every batch
 * after `rttMs`. No CPU in the loop, so the result is the policy's, whatever the machine is doing.
 */
async function closedLoop(options: {
  senders: number;
  rttMs: number;
  maxEvents: number;
  concurrency: number;
  maxQueued: number;
  seconds: number;
  /** A sender's own network hop before it sends again. */
  hopMs: number;
}): Promise<{ eventsPerSecond: number; callsPer1000: number; shed: number }> {
  const clock = new FakeClock();
  let calls = 0;
  const sink: BatchSink = {
    sendBatch(body) {
      calls++;
      const ids = (JSON.parse(body.toString('utf8')) as { events: { id: string }[] }).events.map((e) => e.id);
      return new Promise((resolve) =>
        clock.setTimer(() => resolve({ accepted: ids, duplicates: [], rejected: [] }), options.rttMs)
      );
    }
  };
  const forwarder = new WebhookForwarder(sink, {
    maxEvents: options.maxEvents,
    maxWaitMs: 20,
    maxBytes: 524_288,
    concurrency: options.concurrency,
    maxQueued: options.maxQueued,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer
  });
  let next = 0;
  let accepted = 0;
  let shed = 0;
  const send = (): void => {
    void forwarder.submit(event(++next, 3000)).then((outcome) => {
      if (outcome.kind === 'accepted') accepted++;
      else shed++;
      clock.setTimer(send, options.hopMs);
    });
  };
  for (let i = 0; i < options.senders; i++) send();
  // One simulated second to settle, then measure.
  const warmupMs = 1000;
  let before = { accepted: 0, calls: 0 };
  for (let t = 1; t <= warmupMs + options.seconds * 1000; t++) {
    clock.advance(1);
    await flush();
    if (t === warmupMs) before = { accepted, calls };
  }
  const events = accepted - before.accepted;
  return {
    eventsPerSecond: events / options.seconds,
    callsPer1000: ((calls - before.calls) / Math.max(1, events)) * 1000,
    shed
  };
}

describe('batching policy at Salesforce latency (simulated time)', () => {
  test('1,000 senders, 150 ms round trip, default settings: at least 4,000 events/s at most 10 calls per 1,000', async (t) => {
    const result = await closedLoop({
      senders: 1000,
      rttMs: 150,
      maxEvents: FORWARDING_DEFAULTS.batchMaxEvents,
      concurrency: FORWARDING_DEFAULTS.upstreamConcurrency,
      maxQueued: FORWARDING_DEFAULTS.maxQueuedEvents,
      seconds: 2,
      hopMs: 1
    });
    t.diagnostic(
      `${Math.round(result.eventsPerSecond)} events/s, ${result.callsPer1000.toFixed(1)} calls per 1,000`
    );
    // The target is 0.6 × 1,000 senders ÷ 0.15 s = 4,000/s (the defaults give about 5,000).
    assert.ok(result.eventsPerSecond >= 4000, `${result.eventsPerSecond} events/s`);
    assert.ok(result.callsPer1000 <= 10, `${result.callsPer1000} calls per 1,000 events`);
    assert.equal(result.shed, 0, 'no 503 from the queue limit');
  });

  test('the previous limits (50 events, 4 slots) top out near 4 × 50 per round trip', async (t) => {
    const result = await closedLoop({
      senders: 1000,
      rttMs: 150,
      maxEvents: 50,
      concurrency: 4,
      maxQueued: 1000,
      seconds: 2,
      hopMs: 1
    });
    t.diagnostic(
      `${Math.round(result.eventsPerSecond)} events/s, ${result.callsPer1000.toFixed(1)} calls per 1,000`
    );
    assert.ok(result.eventsPerSecond <= 1500, `${result.eventsPerSecond} events/s`);
    assert.ok(result.callsPer1000 >= 19, `${result.callsPer1000} calls per 1,000 events`);
  });
});
