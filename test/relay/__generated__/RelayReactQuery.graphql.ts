/**
 * @generated SignedSource<<b214124070aa33e9fa375834107126db>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayReactQuery$variables = Record<PropertyKey, never>;
export type RelayReactQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly name: string | null | undefined;
  } | null | undefined;
  readonly " $fragmentSpreads": FragmentRefs<"RelayReact_waited">;
};
export type RelayReactQuery = {
  response: RelayReactQuery$data;
  variables: RelayReactQuery$variables;
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
  "concreteType": "Hero",
  "kind": "LinkedField",
  "name": "hero",
  "plural": false,
  "selections": [
    (v0/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    }
  ],
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayReactQuery",
    "selections": [
      (v1/*:: as any*/),
      {
        "kind": "Defer",
        "selections": [
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "RelayReact_waited"
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
    "name": "RelayReactQuery",
    "selections": [
      (v1/*:: as any*/),
      {
        "if": null,
        "kind": "Defer",
        "label": "RelayReactQuery$defer$RelayReact_waited",
        "selections": [
          {
            "alias": "waited",
            "args": [
              {
                "kind": "Literal",
                "name": "ms",
                "value": 300
              }
            ],
            "kind": "ScalarField",
            "name": "wait",
            "storageKey": "wait(ms:300)"
          },
          {
            "alias": null,
            "args": null,
            "concreteType": "Hero",
            "kind": "LinkedField",
            "name": "hero",
            "plural": false,
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "slowField",
                "storageKey": null
              },
              (v0/*:: as any*/)
            ],
            "storageKey": null
          }
        ]
      }
    ]
  },
  "params": {
    "cacheID": "8eaa99e4e3c31e6a7f9a4337f170e937",
    "id": null,
    "metadata": {},
    "name": "RelayReactQuery",
    "operationKind": "query",
    "text": "query RelayReactQuery {\n  hero {\n    id\n    name\n  }\n  ...RelayReact_waited @defer(label: \"RelayReactQuery$defer$RelayReact_waited\")\n}\n\nfragment RelayReact_waited on Query {\n  waited: wait(ms: 300)\n  hero {\n    slowField\n    id\n  }\n}\n"
  }
};
})();

(node as any).hash = "57c1ca03554bf0cba2b38b654349bbec";

export default node;
