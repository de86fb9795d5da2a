/**
 * pino's JSON lines collected in memory, so tests assert on what was logged (not on calls).
 */
import { Writable } from 'node:stream';

export interface LogSink {
  readonly lines: () => Record<string, unknown>[];
  readonly raw: () => string;
}

export function logSink(): { stream: Writable; sink: LogSink } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const raw = () => chunks.join('');
  return {
    stream,
    sink: { raw, lines: () => raw().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) },
  };
}
