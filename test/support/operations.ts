/**
 * The operations the whole-sequence tests run through every executor. They cover the incremental
 * cases a graphql-js executor can produce, plus larger combinations. Names are unique and used as
 * test names and as keys for the expectations that legitimately differ from plain execution
 * (`test/reassembler/oracle.test.ts`).
 */
import type { OperationInput } from './executeIncrementally.js';

export interface Operation extends OperationInput {
  /** Unique, kebab-case. */
  readonly name: string;
  /** What the operation exercises. */
  readonly covers: string;
}

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'simple-defer',
    covers: 'simple defer',
    query: '{ hero { id ... @defer(label: "HeroName") { name } } }',
  },
  {
    name: 'root-defer',
    covers: 'root-level defer, path []',
    query: '{ ... @defer(label: "R") { hero { id name } } colors }',
  },
  {
    name: 'sync-stream-batched',
    covers: 'sync stream: 17.1 batches items, alpha.2 sends one per payload',
    query: '{ colors @stream(initialCount: 1, label: "C") }',
  },
  {
    name: 'sync-stream-default-initial-count',
    covers: 'initialCount defaults to 0: initial []',
    query: '{ colors @stream }',
  },
  {
    name: 'async-stream',
    covers: 'async stream ending with a separate completed / bare hasNext:false',
    query: '{ asyncColors @stream(initialCount: 1) }',
  },
  {
    name: 'async-stream-initial-count-0',
    covers: 'initialCount 0 on an async iterable',
    query: '{ asyncColors @stream(initialCount: 0, label: "A0") }',
  },
  {
    name: 'stream-initial-count-covers-list',
    covers: 'sync list shorter than initialCount: plain result, nothing pending',
    query: '{ colors @stream(initialCount: 5) }',
  },
  {
    name: 'defer-if-false',
    covers: 'if: false behaves as if the directive were absent: plain result',
    query: '{ hero { id ... @defer(if: false) { name } } }',
  },
  {
    name: 'if-variable-false',
    covers: 'if: $var = false on both directives',
    query: 'query Toggle($on: Boolean!) { colors @stream(if: $on, initialCount: 1) hero { id ... @defer(if: $on, label: "T") { name } } }',
    variables: { on: false },
  },
  {
    name: 'if-variable-true',
    covers: 'if: $var = true on both directives',
    query: 'query Toggle($on: Boolean!) { colors @stream(if: $on, initialCount: 1) hero { id ... @defer(if: $on, label: "T") { name } } }',
    variables: { on: true },
  },
  {
    name: 'nested-defer',
    covers: 'nested defer: child pending in the parent completion payload',
    query: '{ hero { id ... @defer(label: "Outer") { name ... @defer(label: "Inner") { slowField } } } }',
  },
  {
    name: 'defer-under-list',
    covers: 'defer under a list: one pending per item, same label',
    query: '{ heroes { id ... @defer(label: "HN") { name } } }',
  },
  {
    name: 'stream-in-defer',
    covers: 'stream inside a deferred fragment (sync list)',
    query: '{ hero { id ... @defer(label: "D") { friends @stream(initialCount: 1, label: "S") { id } } } }',
  },
  {
    name: 'async-stream-in-defer',
    covers: 'async stream inside a deferred fragment',
    query: '{ hero { id ... @defer(label: "D") { asyncFriends @stream(initialCount: 1, label: "S") { id name } } } }',
  },
  {
    name: 'defer-in-stream',
    covers: 'defer inside streamed items: pending in the items payload',
    query: '{ heroes @stream(initialCount: 1, label: "S") { id ... @defer(label: "D") { name } } }',
  },
  {
    name: 'defer-in-async-stream',
    covers: 'defer inside async streamed items, with a nested object in the deferred data',
    query: '{ asyncHeroes @stream(initialCount: 0, label: "S") { id ... @defer(label: "D") { slowField homeWorld { name } } } }',
  },
  {
    name: 'nullable-error-in-defer',
    covers: 'nullable field error inside a deferred fragment: entry errors, null in data',
    query: '{ hero { id ... @defer(label: "D") { name bio2: failingField } } }',
  },
  {
    name: 'non-null-failure-in-defer',
    covers: 'non-null error reaches the fragment boundary: C completed errors, B data:null',
    query: '{ hero { id ... @defer(label: "D") { failingNonNull } } }',
  },
  {
    name: 'non-null-failure-beside-good-defer',
    covers: 'one fragment fails, a sibling fragment on the same object succeeds',
    query: '{ hero { id ... @defer(label: "Ok") { name } ... @defer(label: "Bad") { slowField failingNonNull } } }',
  },
  {
    name: 'nested-defer-child-fails',
    covers: 'nested defer whose child fails (alpha.2 emitted the failed child before its parent)',
    query: '{ hero { id ... @defer(label: "Outer") { name ... @defer(label: "Inner") { failingNonNull } } } }',
  },
  {
    name: 'nullable-item-error',
    covers: 'nullable stream item rejects: null in items + entry errors',
    query: '{ colorsWithRejected @stream(initialCount: 1) }',
  },
  {
    name: 'non-null-item-failure-async',
    covers: 'non-null stream item failure on an async iterable (three B path variants)',
    query: '{ asyncNonNullColors @stream(initialCount: 1) }',
  },
  {
    name: 'non-null-item-failure-sync',
    covers: 'non-null stream item failure on a sync list (alpha.2 keeps streaming after items:null)',
    query: '{ syncNonNullColors @stream(initialCount: 1) }',
  },
  {
    name: 'iterator-throws',
    covers: 'async iterator throws after two items',
    query: '{ failingIteratorColors @stream(initialCount: 1) }',
  },
  {
    name: 'overlapping-defers-subpath',
    covers: 'overlapping defers delivered with subPath',
    query: '{ a { b { someField } ... @defer(label: "D1") { b { c { d } } } ... @defer(label: "D2") { b { c { d e } } } } }',
  },
  {
    name: 'overlapping-root-and-nested-defer',
    covers: 'shared execution group released under the deeper id, root defer with subPath',
    query: '{ a { ... @defer(label: "D1") { b { c { d } } } } ... @defer(label: "D0") { a { b { c { e } } } } }',
  },
  {
    name: 'dedup',
    covers: 'dedup: B completes without its own data in C; re-sent in 2022',
    query: '{ hero { id ... @defer(label: "A") { name } ... @defer(label: "B") { name slowField } } }',
  },
  {
    name: 'redundant-defer',
    covers: 'deferred fields all in the parent already: plain in C, duplicate payload in 2022',
    query: '{ hero { id name ... @defer(label: "R") { id name } } }',
  },
  {
    name: 'initial-error-defer-survives',
    covers: 'error in the initial payload, defer on the surviving parent still arrives',
    query: '{ hero { id ... @defer(label: "D") { slowField } friends { nonNullName } } }',
  },
  {
    name: 'initial-error-drops-defer',
    covers: 'initial error nulls the object carrying the defer: defer dropped, plain result',
    query: '{ heroById(id: "2") { id nonNullName ... @defer(label: "D") { name } } }',
  },
  {
    name: 'initial-error-drops-one-of-two-defers',
    covers: 'initial error drops one defer while another on a different object survives',
    query:
      '{ heroById(id: "2") { id nonNullName ... @defer(label: "Dropped") { name } } hero { id ... @defer(label: "Kept") { name slowField } } }',
  },
  {
    name: 'nulled-stream-item-nested-defer',
    covers: 'a nulled stream item whose nested defer is never announced',
    query: '{ heroes @stream(initialCount: 0) { nonNullName ... @defer(label: "D") { slowField } } }',
  },
  {
    name: 'fragment-spreads',
    covers: 'named fragments, @defer on a fragment spread, nested objects',
    query: `
      query Spreads { hero { ...HeroBase ...HeroDetails @defer(label: "Details") } }
      fragment HeroBase on Hero { id }
      fragment HeroDetails on Hero { name homeWorld { name climate { kind } } }
    `,
  },
  {
    name: 'aliases',
    covers: 'aliased fields inside and around deferred fragments',
    query:
      '{ luke: hero { id ... @defer(label: "L") { n: name world: homeWorld { name } } } han: heroById(id: "2") { id ... @defer(label: "H") { n: name } } }',
  },
  {
    name: 'variables',
    covers: 'variables for an argument and for initialCount',
    query: 'query V($id: ID!, $count: Int!) { heroById(id: $id) { id friends @stream(initialCount: $count, label: "F") { name } } }',
    variables: { id: '3', count: 1 },
  },
  {
    name: 'nested-list-stream',
    covers: 'stream of a list of lists: only the outer list streams',
    query: '{ matrix @stream(initialCount: 1) }',
  },
  {
    name: 'deep-nested-defers-under-list',
    covers: 'three levels of defer, the outermost under a list',
    query:
      '{ heroes { id ... @defer(label: "H") { name homeWorld { name ... @defer(label: "W") { terrain climate { kind ... @defer(label: "C") { temperature } } } } } } }',
  },
  {
    name: 'stream-in-stream',
    covers: 'a stream inside the items of an async stream',
    query: '{ asyncHeroes @stream(initialCount: 1, label: "Outer") { id friends @stream(initialCount: 0, label: "Inner") { id name } } }',
  },
  {
    name: 'failing-defer-in-stream-items',
    covers: 'every streamed item carries a deferred fragment that fails, and a nullable error',
    query: '{ asyncHeroes @stream(initialCount: 1) { id failingField ... @defer(label: "FN") { failingNonNull } } }',
  },
  {
    name: 'nullable-errors-in-defer-in-stream',
    covers: 'nullable errors inside deferred fragments of streamed items',
    query: '{ heroes @stream(initialCount: 1, label: "S") { id ... @defer(label: "E") { name failingField } } }',
  },
  {
    name: 'skip-include-precedence',
    covers: '@skip/@include take precedence over @defer',
    query:
      '{ hero { id ... @defer(label: "Skipped") @skip(if: true) { name } ... @include(if: true) @defer(label: "Included") { slowField } } }',
  },
  {
    name: 'typename-and-unlabelled',
    covers: '__typename inside deferred data, unlabelled defers',
    query: '{ __typename hero { __typename ... @defer { __typename name } } }',
  },
  {
    name: 'unlabelled-overlapping-under-list',
    covers: 'two unlabelled overlapping defers under a list with nested lists',
    query: '{ heroes { ... @defer { id friends { id } } ... @defer { friends { name } } } }',
  },
  {
    name: 'big-combination',
    covers: 'defer, stream, nested defer in streamed items, async stream in defer, root defer, subPath',
    query: `{
      hero {
        id
        ... @defer(label: "Big") {
          name
          friends @stream(initialCount: 1, label: "F") {
            id
            ... @defer(label: "FD") { name slowField asyncFriends @stream(label: "AF") { id } }
          }
        }
      }
      colors @stream(initialCount: 2, label: "Col")
      ... @defer(label: "Root") { asyncColors @stream(initialCount: 1, label: "AC") a { b { c { d } } } }
      a { b { someField ... @defer(label: "AB") { c { e } } } }
    }`,
  },
  {
    name: 'overlap-through-list',
    covers: 'a root defer overlapping defers under list items: subPath across list indexes',
    query:
      '{ heroes { id ... @defer(label: "Item") { friends { id homeWorld { name } } } } ... @defer(label: "Top") { heroes { friends { homeWorld { terrain } } } } }',
  },
  {
    name: 'overlap-stream-and-defer',
    covers: 'overlapping defers on streamed items, one with a nested defer (17.1 rejects overlapping @stream fields)',
    query:
      '{ heroes @stream(initialCount: 1) { id ... @defer(label: "HD") { name } ... @defer(label: "HD2") { name homeWorld { name ... @defer(label: "HW") { terrain } } } } }',
  },
  {
    name: 'errors-everywhere',
    covers: 'nullable item error, failing fragment, failing iterator and a good stream in one operation',
    query: `{
      colorsWithRejected @stream(initialCount: 0, label: "Rejected")
      failingIteratorColors @stream(initialCount: 0, label: "Broken")
      asyncColors @stream(initialCount: 2, label: "Good")
      hero { id ... @defer(label: "Fails") { failingNonNull } ... @defer(label: "Works") { name bio: failingField } }
    }`,
  },
];
