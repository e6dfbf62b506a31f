import type { DocumentNode } from 'graphql';
import { describe, expectTypeOf, it } from 'vitest';
import {
  fetchIncremental,
  type DocumentTypeDecoration,
  type FetchResult,
  type ResultOf,
  type TypedDocumentNode,
  type VariablesOf,
} from './index.js';

interface HeroQuery {
  hero: { id: string; name?: string } | null;
}
interface HeroVariables {
  id: string;
}

describe('fetchIncremental types', () => {
  it('infers result and variables from a TypedDocumentNode', () => {
    const document = {} as TypedDocumentNode<HeroQuery, HeroVariables>;
    const results = fetchIncremental('/graphql', { query: document, variables: { id: '1' } });
    expectTypeOf(results).toEqualTypeOf<AsyncIterableIterator<FetchResult<HeroQuery>>>();
    type Result = Awaited<ReturnType<typeof results.next>>;
    expectTypeOf<Extract<Result, { done?: false }>['value']['data']>().toEqualTypeOf<HeroQuery | null | undefined>();
    // @ts-expect-error: variables must match the document
    fetchIncremental('/graphql', { query: document, variables: { id: 1 } });
  });

  it('infers from codegen TypedDocumentString (a String subclass)', () => {
    class TypedDocumentString<TResult, TVariables> extends String implements DocumentTypeDecoration<TResult, TVariables> {
      declare readonly __apiType?: (variables: TVariables) => TResult;
    }
    const document = new TypedDocumentString<HeroQuery, HeroVariables>('query { hero { id } }');
    expectTypeOf(fetchIncremental('/graphql', { query: document, variables: { id: '1' } })).toEqualTypeOf<
      AsyncIterableIterator<FetchResult<HeroQuery>>
    >();
  });

  it('defaults to untyped data for strings and plain documents', () => {
    expectTypeOf(fetchIncremental('/graphql', { query: '{ a }' })).toEqualTypeOf<
      AsyncIterableIterator<FetchResult<Record<string, unknown>>>
    >();
    expectTypeOf(fetchIncremental('/graphql', { query: {} as DocumentNode })).toEqualTypeOf<
      AsyncIterableIterator<FetchResult<Record<string, unknown>>>
    >();
  });

  it('extracts the types of a document', () => {
    expectTypeOf<ResultOf<TypedDocumentNode<HeroQuery, HeroVariables>>>().toEqualTypeOf<HeroQuery>();
    expectTypeOf<VariablesOf<TypedDocumentNode<HeroQuery, HeroVariables>>>().toEqualTypeOf<HeroVariables>();
  });
});
