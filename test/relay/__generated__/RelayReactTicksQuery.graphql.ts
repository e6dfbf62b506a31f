/**
 * @generated SignedSource<<8bdf371c5b54aef670b3483bbdf163fc>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayReactTicksQuery$variables = Record<PropertyKey, never>;
export type RelayReactTicksQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly name: string | null | undefined;
  } | null | undefined;
  readonly " $fragmentSpreads": FragmentRefs<"RelayReact_ticks">;
};
export type RelayReactTicksQuery = {
  response: RelayReactTicksQuery$data;
  variables: RelayReactTicksQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
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
      "name": "id",
      "storageKey": null
    },
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
    "name": "RelayReactTicksQuery",
    "selections": [
      (v0/*:: as any*/),
      {
        "kind": "Defer",
        "selections": [
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "RelayReact_ticks"
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
    "name": "RelayReactTicksQuery",
    "selections": [
      (v0/*:: as any*/),
      {
        "if": null,
        "kind": "Defer",
        "label": "RelayReactTicksQuery$defer$RelayReact_ticks",
        "selections": [
          {
            "alias": null,
            "args": [
              {
                "kind": "Literal",
                "name": "count",
                "value": 100000
              },
              {
                "kind": "Literal",
                "name": "intervalMs",
                "value": 5
              }
            ],
            "kind": "ScalarField",
            "name": "ticks",
            "storageKey": "ticks(count:100000,intervalMs:5)"
          }
        ]
      }
    ]
  },
  "params": {
    "cacheID": "931b3739050d97cbe9197d6c8fc80966",
    "id": null,
    "metadata": {},
    "name": "RelayReactTicksQuery",
    "operationKind": "query",
    "text": "query RelayReactTicksQuery {\n  hero {\n    id\n    name\n  }\n  ...RelayReact_ticks @defer(label: \"RelayReactTicksQuery$defer$RelayReact_ticks\")\n}\n\nfragment RelayReact_ticks on Query {\n  ticks(count: 100000, intervalMs: 5)\n}\n"
  }
};
})();

(node as any).hash = "2b8af7277f7deae87ab2fb994f1e34bb";

export default node;
