/**
 * A small graphql-js 17.1 server with a `Mutation` type, for the mutation tests (the shared test
 * schema has none). It streams incremental results as multipart/mixed in the format the `Accept`
 * header asks for (`deferSpec=20220824` → 2022, otherwise current), with the shared RFC framing.
 *
 * `Mutation.addTicket(title)` creates a ticket (ids count up from 1, per server); its `summary`
 * resolves after a real 60 ms, so that a deferred summary arrives in a payload of its own.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  buildSchema,
  experimentalExecuteIncrementally,
  GraphQLDeferDirective,
  GraphQLSchema,
  GraphQLStreamDirective,
  legacyExecuteIncrementally,
  parse,
  specifiedDirectives,
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
    type Ticket {
      id: ID!
      title: String!
      summary: String!
    }
  `).toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

interface Ticket {
  readonly id: string;
  readonly title: string;
}

async function readBody(request: IncomingMessage): Promise<{ query: string; variables?: Record<string, unknown> }> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
}

/** Starts the server on 127.0.0.1; `mutations()` counts the mutations it ran. */
export async function startMutationServer(): Promise<RunningServer & { readonly mutations: () => number }> {
  const tickets: Ticket[] = [];
  const rootValue = {
    tickets: () => tickets,
    addTicket: ({ title }: { title: string }) => {
      const ticket = { id: String(tickets.length + 1), title, summary: async () => (await sleep(60), `summary of ${title}`) };
      tickets.push(ticket);
      return ticket;
    },
  };
  const server = createServer((request, response) => {
    void (async () => {
      const { query, variables } = await readBody(request);
      const execute = /deferSpec=20220824/.test(request.headers.accept ?? '') ? legacyExecuteIncrementally : experimentalExecuteIncrementally;
      const result = await execute({ schema, document: parse(query), rootValue, variableValues: variables });
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
