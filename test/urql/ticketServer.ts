/**
 * A small graphql-js 17.1 server with `Mutation` and `Subscription` types of its own, for what the
 * shared test schema cannot show: mutations, and subscription events with errors in some events only.
 *
 * - `Mutation.addTicket(title)` creates a ticket (ids count up from 1, per server); its `summary`
 *   resolves after a real 60 ms, so that a deferred summary arrives in a payload of its own.
 *   Incremental results are multipart/mixed in the format `Accept` asks for (`deferSpec=20220824` →
 *   2022, otherwise current), RFC framing.
 * - `Subscription.numbers(count)`: `{ n }` for 0 … count-1, 20 ms apart; `Number.oddOut` is an error
 *   for odd `n`. Apollo's multipart subscription protocol, Router framing, no heartbeats.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  buildSchema,
  experimentalExecuteIncrementally,
  getOperationAST,
  GraphQLDeferDirective,
  GraphQLSchema,
  GraphQLStreamDirective,
  legacyExecuteIncrementally,
  parse,
  specifiedDirectives,
  subscribe,
} from 'graphql';
import { createMultipartWriter } from '../support/servers/multipartFraming.js';
import { listenOnLoopback, type RunningServer } from '../support/servers/runningServer.js';

const schema = new GraphQLSchema({
  ...buildSchema(/* GraphQL */ `
    type Query {
      tickets: [Ticket!]!
    }
    type Mutation {
      addTicket(title: String!): Ticket!
    }
    type Subscription {
      numbers(count: Int!): Number!
    }
    type Ticket {
      id: ID!
      title: String!
      summary: String!
    }
    type Number {
      n: Int!
      oddOut: String
    }
  `).toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

interface Ticket {
  readonly id: string;
  readonly title: string;
}

async function* numbers({ count }: { count: number }): AsyncGenerator<{ numbers: { n: number; oddOut: () => string } }> {
  for (let n = 0; n < count; n += 1) {
    await sleep(20);
    yield {
      numbers: {
        n,
        oddOut: () => {
          if (n % 2 === 1) throw new Error(`${n} is odd`);
          return 'even';
        },
      },
    };
  }
}

async function readBody(request: IncomingMessage): Promise<{ query: string; variables?: Record<string, unknown> }> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
}

/** Starts the server on 127.0.0.1; `mutations()` counts the mutations it ran. */
export async function startTicketServer(): Promise<RunningServer & { readonly mutations: () => number }> {
  const tickets: Ticket[] = [];
  const rootValue = {
    tickets: () => tickets,
    addTicket: ({ title }: { title: string }) => {
      const ticket = { id: String(tickets.length + 1), title, summary: async () => (await sleep(60), `summary of ${title}`) };
      tickets.push(ticket);
      return ticket;
    },
    numbers,
  };
  const server = createServer((request, response) => {
    void (async () => {
      const { query, variables } = await readBody(request);
      const document = parse(query);
      if (getOperationAST(document)?.operation === 'subscription') {
        const events = await subscribe({ schema, document, rootValue, variableValues: variables });
        if (!(Symbol.asyncIterator in events)) throw new Error(JSON.stringify(events));
        const writer = createMultipartWriter('router');
        response.writeHead(200, { 'content-type': writer.contentType(['subscriptionSpec=1.0']) });
        response.write(writer.begin());
        for await (const event of events) response.write(writer.part(JSON.stringify({ payload: event }), false));
        response.end(writer.end());
        return;
      }
      const execute = /deferSpec=20220824/.test(request.headers.accept ?? '') ? legacyExecuteIncrementally : experimentalExecuteIncrementally;
      const result = await execute({ schema, document, rootValue, variableValues: variables });
      if (!('initialResult' in result)) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
        return;
      }
      const writer = createMultipartWriter('rfc');
      response.writeHead(200, { 'content-type': writer.contentType() });
      response.write(writer.begin());
      response.write(writer.part(JSON.stringify(result.initialResult), false));
      for await (const payload of result.subsequentResults) response.write(writer.part(JSON.stringify(payload), !payload.hasNext));
      response.end(writer.end());
    })().catch((error: unknown) => response.destroy(error as Error));
  });
  const running = await listenOnLoopback(server);
  return { ...running, mutations: () => tickets.length };
}
