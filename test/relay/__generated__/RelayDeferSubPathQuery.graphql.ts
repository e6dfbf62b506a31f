/**
 * @generated SignedSource<<37a177a55e8230b0649799ffe272d262>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferSubPathQuery$variables = Record<PropertyKey, never>;
export type RelayDeferSubPathQuery$data = {
  readonly a: {
    readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_d1">;
  } | null | undefined;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_d0">;
};
export type RelayDeferSubPathQuery = {
  response: RelayDeferSubPathQuery$data;
  variables: RelayDeferSubPathQuery$variables;
};

const node: ConcreteRequest = {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayDeferSubPathQuery",
    "selections": [
      {
        "alias": null,
        "args": null,
        "concreteType": "A",
        "kind": "LinkedField",
        "name": "a",
        "plural": false,
        "selections": [
          {
            "kind": "Defer",
            "selections": [
              {
                "args": null,
                "kind": "FragmentSpread",
                "name": "RelayDefer_d1"
              }
            ]
          }
        ],
        "storageKey": null
      },
      {
        "kind": "Defer",
        "selections": [
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "RelayDefer_d0"
          }
        ]
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "RelayDeferSubPathQuery",
    "selections": [
      {
        "alias": null,
        "args": null,
        "concreteType": "A",
        "kind": "LinkedField",
        "name": "a",
        "plural": false,
        "selections": [
          {
            "if": null,
            "kind": "Defer",
            "label": "RelayDeferSubPathQuery$defer$RelayDefer_d1",
            "selections": [
              {
                "alias": null,
                "args": null,
                "concreteType": "B",
                "kind": "LinkedField",
                "name": "b",
                "plural": false,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "C",
                    "kind": "LinkedField",
                    "name": "c",
                    "plural": false,
                    "selections": [
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "d",
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ]
          }
        ],
        "storageKey": null
      },
      {
        "if": null,
        "kind": "Defer",
        "label": "RelayDeferSubPathQuery$defer$RelayDefer_d0",
        "selections": [
          {
            "alias": null,
            "args": null,
            "concreteType": "A",
            "kind": "LinkedField",
            "name": "a",
            "plural": false,
            "selections": [
              {
                "alias": null,
                "args": null,
                "concreteType": "B",
                "kind": "LinkedField",
                "name": "b",
                "plural": false,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "C",
                    "kind": "LinkedField",
                    "name": "c",
                    "plural": false,
                    "selections": [
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "e",
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          }
        ]
      }
    ]
  },
  "params": {
    "cacheID": "1ea8aba297fd7da21d01579984e9210a",
    "id": null,
    "metadata": {},
    "name": "RelayDeferSubPathQuery",
    "operationKind": "query",
    "text": "query RelayDeferSubPathQuery {\n  a {\n    ...RelayDefer_d1 @defer(label: \"RelayDeferSubPathQuery$defer$RelayDefer_d1\")\n  }\n  ...RelayDefer_d0 @defer(label: \"RelayDeferSubPathQuery$defer$RelayDefer_d0\")\n}\n\nfragment RelayDefer_d0 on Query {\n  a {\n    b {\n      c {\n        e\n      }\n    }\n  }\n}\n\nfragment RelayDefer_d1 on A {\n  b {\n    c {\n      d\n    }\n  }\n}\n"
  }
};

(node as any).hash = "d49603a09868ce000825fe919d9d03be";

export default node;
