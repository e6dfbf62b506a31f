/**
 * @generated SignedSource<<1c9538f5cd4c14d46607f625d4a0d6ba>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayStreamConnectionQuery$variables = {
  first?: number | null | undefined;
};
export type RelayStreamConnectionQuery$data = {
  readonly heroConnection: {
    readonly edges: ReadonlyArray<{
      readonly node: {
        readonly id: string;
        readonly name: string | null | undefined;
        readonly " $fragmentSpreads": FragmentRefs<"RelayStream_card">;
      } | null | undefined;
    } | null | undefined> | null | undefined;
  } | null | undefined;
};
export type RelayStreamConnectionQuery = {
  response: RelayStreamConnectionQuery$data;
  variables: RelayStreamConnectionQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "first"
  }
],
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "__typename",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "cursor",
  "storageKey": null
},
v5 = [
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
v6 = [
  {
    "kind": "Variable",
    "name": "first",
    "variableName": "first"
  }
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayStreamConnectionQuery",
    "selections": [
      {
        "alias": "heroConnection",
        "args": null,
        "concreteType": "HeroConnection",
        "kind": "LinkedField",
        "name": "__RelayStream_heroConnection_connection",
        "plural": false,
        "selections": [
          {
            "kind": "Stream",
            "selections": [
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
                      (v1/*:: as any*/),
                      (v2/*:: as any*/),
                      {
                        "kind": "Defer",
                        "selections": [
                          {
                            "args": null,
                            "kind": "FragmentSpread",
                            "name": "RelayStream_card"
                          }
                        ]
                      },
                      (v3/*:: as any*/)
                    ],
                    "storageKey": null
                  },
                  (v4/*:: as any*/)
                ],
                "storageKey": null
              }
            ]
          },
          {
            "kind": "Defer",
            "selections": (v5/*:: as any*/)
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
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "RelayStreamConnectionQuery",
    "selections": [
      {
        "alias": null,
        "args": (v6/*:: as any*/),
        "concreteType": "HeroConnection",
        "kind": "LinkedField",
        "name": "heroConnection",
        "plural": false,
        "selections": [
          {
            "if": null,
            "kind": "Stream",
            "label": "RelayStreamConnectionQuery$stream$RelayStream_heroConnection",
            "selections": [
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
                      (v1/*:: as any*/),
                      (v2/*:: as any*/),
                      {
                        "if": null,
                        "kind": "Defer",
                        "label": "RelayStreamConnectionQuery$defer$RelayStream_card",
                        "selections": [
                          (v2/*:: as any*/),
                          {
                            "alias": null,
                            "args": null,
                            "concreteType": "Planet",
                            "kind": "LinkedField",
                            "name": "homeWorld",
                            "plural": false,
                            "selections": [
                              (v2/*:: as any*/)
                            ],
                            "storageKey": null
                          }
                        ]
                      },
                      (v3/*:: as any*/)
                    ],
                    "storageKey": null
                  },
                  (v4/*:: as any*/)
                ],
                "storageKey": null
              }
            ]
          },
          {
            "if": null,
            "kind": "Defer",
            "label": "RelayStreamConnectionQuery$defer$RelayStream_heroConnection$pageInfo",
            "selections": (v5/*:: as any*/)
          }
        ],
        "storageKey": null
      },
      {
        "alias": null,
        "args": (v6/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "RelayStream_heroConnection",
        "kind": "LinkedHandle",
        "name": "heroConnection"
      }
    ]
  },
  "params": {
    "cacheID": "b1fa2ac05ced64af618aeb2c02abd700",
    "id": null,
    "metadata": {
      "connection": [
        {
          "count": "first",
          "cursor": null,
          "direction": "forward",
          "path": [
            "heroConnection"
          ],
          "stream": true
        }
      ]
    },
    "name": "RelayStreamConnectionQuery",
    "operationKind": "query",
    "text": "query RelayStreamConnectionQuery(\n  $first: Int\n) {\n  heroConnection(first: $first) {\n    edges @stream(label: \"RelayStreamConnectionQuery$stream$RelayStream_heroConnection\", initialCount: 1) {\n      node {\n        id\n        name\n        ...RelayStream_card @defer(label: \"RelayStreamConnectionQuery$defer$RelayStream_card\")\n        __typename\n      }\n      cursor\n    }\n    ... @defer(label: \"RelayStreamConnectionQuery$defer$RelayStream_heroConnection$pageInfo\") {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n}\n\nfragment RelayStream_card on Hero {\n  name\n  homeWorld {\n    name\n  }\n}\n"
  }
};
})();

(node as any).hash = "5235149101a689ea52610c6f33b3df31";

export default node;
