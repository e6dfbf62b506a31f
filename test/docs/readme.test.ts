import { readFileSync } from 'node:fs';
import { createPayloadDecoder } from '@graphql-incremental/reader';
import { createReassembler } from '@graphql-incremental/reassembler';
import { describe, expect, it } from 'vitest';

/** The README's examples must run as written and print what their comments say. */
describe('README 30-second example', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## 30-second example'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

  it('runs and returns what its comments claim', () => {
    expect(code).toContain("from '@graphql-incremental/reassembler'");
    const body = code.replace(/^import .*$/m, '');
    const result = new Function('createReassembler', `${body}\nreturn result;`)(createReassembler);
    const claimed = (name: string) => {
      const match = new RegExp(`^result\\.${name};\\s*// (.*?)(?: \\(|$)`, 'm').exec(body);
      return new Function(`return (${match?.[1] ?? 'undefined'});`)();
    };
    expect(result.data).toEqual(claimed('data'));
    expect(result.hasNext).toBe(claimed('hasNext'));
    expect(result.pending).toEqual(claimed('pending'));
  });
});

describe('reader README: createPayloadDecoder example', () => {
  const readme = readFileSync(new URL('../../packages/reader/README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## `createPayloadDecoder('));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

  it('logs the payload before its delimiter and finishes, as its comments say', () => {
    const logged: unknown[] = [];
    const body = code.replace(/^import .*$/m, '').replace(/console\.log/g, 'log');
    const finished = new Function('createPayloadDecoder', 'log', `${body}\nreturn decoder.finished;`)(createPayloadDecoder, (value: unknown) => logged.push(value));
    expect(logged).toEqual([{ data: {}, hasNext: true }, { hasNext: false }]);
    expect(finished).toBe(true);
  });
});
