/**
 * @generated SignedSource<<5125ad0ceb38d31c01c0f818fe426402>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferRedundantQuery$variables = Record<PropertyKey, never>;
export type RelayDeferRedundantQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly name: string | null | undefined;
    readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_name">;
  } | null | undefined;
};
export type RelayDeferRedundantQuery = {
  response: RelayDeferRedundantQuery$data;
  variables: RelayDeferRedundantQuery$variables;
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
    "name": "RelayDeferRedundantQuery",
    "selections": [
      {
        "alias": null,
        "args": null,
        "concreteType": "Hero",
        "kind": "LinkedField",
        "name": "hero",
        "plural": false,
        "selections": [
          (v0/*:: as any*/),
          (v1/*:: as any*/),
          {
            "kind": "Defer",
            "selections": [
              {
                "args": null,
                "kind": "FragmentSpread",
                "name": "RelayDefer_name"
              }
            ]
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
    "name": "RelayDeferRedundantQuery",
    "selections": [
      {
        "alias": null,
        "args": null,
        "concreteType": "Hero",
        "kind": "LinkedField",
        "name": "hero",
        "plural": false,
        "selections": [
          (v0/*:: as any*/),
          (v1/*:: as any*/),
          {
            "if": null,
            "kind": "Defer",
            "label": "RelayDeferRedundantQuery$defer$RelayDefer_name",
            "selections": [
              (v1/*:: as any*/)
            ]
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "d23959de878356366b42fae4621f0e6e",
    "id": null,
    "metadata": {},
    "name": "RelayDeferRedundantQuery",
    "operationKind": "query",
    "text": "query RelayDeferRedundantQuery {\n  hero {\n    id\n    name\n    ...RelayDefer_name @defer(label: \"RelayDeferRedundantQuery$defer$RelayDefer_name\")\n  }\n}\n\nfragment RelayDefer_name on Hero {\n  name\n}\n"
  }
};
})();

(node as any).hash = "76a84f2c5d098be96240913f427aab67";

export default node;
