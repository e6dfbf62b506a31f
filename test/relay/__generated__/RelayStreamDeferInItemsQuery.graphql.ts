/**
 * @generated SignedSource<<1a6cb5cab7c4f9f93a886b79d6ed7d17>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayStreamDeferInItemsQuery$variables = Record<PropertyKey, never>;
export type RelayStreamDeferInItemsQuery$data = {
  readonly heroes: ReadonlyArray<{
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayStream_card">;
  } | null | undefined> | null | undefined;
};
export type RelayStreamDeferInItemsQuery = {
  response: RelayStreamDeferInItemsQuery$data;
  variables: RelayStreamDeferInItemsQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayStreamDeferInItemsQuery",
    "selections": [
      {
        "kind": "Stream",
        "selections": [
          {
            "alias": null,
            "args": null,
            "concreteType": "Hero",
            "kind": "LinkedField",
            "name": "heroes",
            "plural": true,
            "selections": [
              (v0/*:: as any*/),
              {
                "kind": "Defer",
                "selections": [
                  {
                    "args": null,
                    "kind": "FragmentSpread",
                    "name": "RelayStream_card"
                  }
                ]
              }
            ],
            "storageKey": null
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
    "name": "RelayStreamDeferInItemsQuery",
    "selections": [
      {
        "if": null,
        "kind": "Stream",
        "label": "RelayStreamDeferInItemsQuery$stream$heroes",
        "selections": [
          {
            "alias": null,
            "args": null,
            "concreteType": "Hero",
            "kind": "LinkedField",
            "name": "heroes",
            "plural": true,
            "selections": [
              (v0/*:: as any*/),
              {
                "if": null,
                "kind": "Defer",
                "label": "RelayStreamDeferInItemsQuery$defer$RelayStream_card",
                "selections": [
                  (v1/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "Planet",
                    "kind": "LinkedField",
                    "name": "homeWorld",
                    "plural": false,
                    "selections": [
                      (v1/*:: as any*/)
                    ],
                    "storageKey": null
                  }
                ]
              }
            ],
            "storageKey": null
          }
        ]
      }
    ]
  },
  "params": {
    "cacheID": "fa1dd432230a37e4e455aa964f58c6b4",
    "id": null,
    "metadata": {},
    "name": "RelayStreamDeferInItemsQuery",
    "operationKind": "query",
    "text": "query RelayStreamDeferInItemsQuery {\n  heroes @stream(label: \"RelayStreamDeferInItemsQuery$stream$heroes\", initialCount: 1) {\n    id\n    ...RelayStream_card @defer(label: \"RelayStreamDeferInItemsQuery$defer$RelayStream_card\")\n  }\n}\n\nfragment RelayStream_card on Hero {\n  name\n  homeWorld {\n    name\n  }\n}\n"
  }
};
})();

(node as any).hash = "380af5951600220ef3bf92d7a5e451fd";

export default node;
