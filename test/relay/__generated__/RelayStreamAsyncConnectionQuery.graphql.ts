/**
 * @generated SignedSource<<0a4260f56b804e8ce0addabd627a4eef>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
export type RelayStreamAsyncConnectionQuery$variables = Record<PropertyKey, never>;
export type RelayStreamAsyncConnectionQuery$data = {
  readonly asyncHeroConnection: {
    readonly edges: ReadonlyArray<{
      readonly node: {
        readonly id: string;
        readonly name: string | null | undefined;
      } | null | undefined;
    } | null | undefined> | null | undefined;
  } | null | undefined;
};
export type RelayStreamAsyncConnectionQuery = {
  response: RelayStreamAsyncConnectionQuery$data;
  variables: RelayStreamAsyncConnectionQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "HeroEdge",
    "kind": "LinkedField",
    "name": "edges",
    "plural": true,
    "selections": [
      {
        "alias": null,
        "args": null,
        "concreteType": "Hero",
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "id",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "name",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "__typename",
            "storageKey": null
          }
        ],
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "cursor",
        "storageKey": null
      }
    ],
    "storageKey": null
  }
],
v1 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "PageInfo",
    "kind": "LinkedField",
    "name": "pageInfo",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "endCursor",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "hasNextPage",
        "storageKey": null
      }
    ],
    "storageKey": null
  }
],
v2 = [
  {
    "kind": "Literal",
    "name": "first",
    "value": 3
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayStreamAsyncConnectionQuery",
    "selections": [
      {
        "alias": "asyncHeroConnection",
        "args": null,
        "concreteType": "HeroConnection",
        "kind": "LinkedField",
        "name": "__RelayStream_asyncHeroConnection_connection",
        "plural": false,
        "selections": [
          {
            "kind": "Stream",
            "selections": (v0/*:: as any*/)
          },
          {
            "kind": "Defer",
            "selections": (v1/*:: as any*/)
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "RelayStreamAsyncConnectionQuery",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": "HeroConnection",
        "kind": "LinkedField",
        "name": "asyncHeroConnection",
        "plural": false,
        "selections": [
          {
            "if": null,
            "kind": "Stream",
            "label": "RelayStreamAsyncConnectionQuery$stream$RelayStream_asyncHeroConnection",
            "selections": (v0/*:: as any*/)
          },
          {
            "if": null,
            "kind": "Defer",
            "label": "RelayStreamAsyncConnectionQuery$defer$RelayStream_asyncHeroConnection$pageInfo",
            "selections": (v1/*:: as any*/)
          }
        ],
        "storageKey": "asyncHeroConnection(first:3)"
      },
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "RelayStream_asyncHeroConnection",
        "kind": "LinkedHandle",
        "name": "asyncHeroConnection"
      }
    ]
  },
  "params": {
    "cacheID": "9d696150ec2af8a19c428eb7540c6bff",
    "id": null,
    "metadata": {
      "connection": [
        {
          "count": null,
          "cursor": null,
          "direction": "forward",
          "path": [
            "asyncHeroConnection"
          ],
          "stream": true
        }
      ]
    },
    "name": "RelayStreamAsyncConnectionQuery",
    "operationKind": "query",
    "text": "query RelayStreamAsyncConnectionQuery {\n  asyncHeroConnection(first: 3) {\n    edges @stream(label: \"RelayStreamAsyncConnectionQuery$stream$RelayStream_asyncHeroConnection\", initialCount: 0) {\n      node {\n        id\n        name\n        __typename\n      }\n      cursor\n    }\n    ... @defer(label: \"RelayStreamAsyncConnectionQuery$defer$RelayStream_asyncHeroConnection$pageInfo\") {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "6f941ca91cbe9aba3f6f53e673acf944";

export default node;
