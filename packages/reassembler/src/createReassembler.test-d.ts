import { describe, expectTypeOf, it } from 'vitest';
import { createReassembler, type IncrementalResult, type PendingBoundary, type IncrementalErrorCode, type IncrementalError } from './index.js';

describe('createReassembler types', () => {
  it('carries the data and extensions types into every result', () => {
    const reassembler = createReassembler<{ hero: { id: string; name?: string } }, { cost: number }>();
    const result = reassembler.apply({});
    expectTypeOf(result).toEqualTypeOf<IncrementalResult<{ hero: { id: string; name?: string } }, { cost: number }>>();
    expectTypeOf(result.data).toEqualTypeOf<{ hero: { id: string; name?: string } } | null | undefined>();
    expectTypeOf(result.extensions).toEqualTypeOf<{ cost: number } | undefined>();
    expectTypeOf(reassembler.current).toEqualTypeOf<typeof result | undefined>();
    expectTypeOf(reassembler.applyAll([])).toEqualTypeOf<typeof result | undefined>();
    expectTypeOf(reassembler.push).toEqualTypeOf<(payload: unknown) => void>();
  });

  it('defaults to untyped JSON objects and exposes readonly results', () => {
    const result = createReassembler().apply({});
    expectTypeOf(result.data).toEqualTypeOf<Record<string, unknown> | null | undefined>();
    expectTypeOf(result.pending).toEqualTypeOf<readonly PendingBoundary[]>();
    expectTypeOf<PendingBoundary['kind']>().toEqualTypeOf<'defer' | 'stream'>();
    expectTypeOf<'UNKNOWN_ID'>().toExtend<IncrementalErrorCode>();
    expectTypeOf<IncrementalError['code']>().toEqualTypeOf<IncrementalErrorCode>();
  });
});
