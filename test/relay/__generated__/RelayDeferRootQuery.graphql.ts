/**
 * @generated SignedSource<<ef6de632fb56d2ea270f44ea1d3bc966>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferRootQuery$variables = Record<PropertyKey, never>;
export type RelayDeferRootQuery$data = {
  readonly colors: ReadonlyArray<string | null | undefined> | null | undefined;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_root">;
};
export type RelayDeferRootQuery = {
  response: RelayDeferRootQuery$data;
  variables: RelayDeferRootQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "colors",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayDeferRootQuery",
    "selections": [
      {
        "kind": "Defer",
        "selections": [
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "RelayDefer_root"
          }
        ]
      },
      (v0/*:: as any*/)
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "RelayDeferRootQuery",
    "selections": [
      {
        "if": null,
        "kind": "Defer",
        "label": "RelayDeferRootQuery$defer$RelayDefer_root",
        "selections": [
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
          },
          (v0/*:: as any*/)
        ]
      },
      (v0/*:: as any*/)
    ]
  },
  "params": {
    "cacheID": "d14a04f4c28cd046ba83e49fc12b22eb",
    "id": null,
    "metadata": {},
    "name": "RelayDeferRootQuery",
    "operationKind": "query",
    "text": "query RelayDeferRootQuery {\n  ...RelayDefer_root @defer(label: \"RelayDeferRootQuery$defer$RelayDefer_root\")\n  colors\n}\n\nfragment RelayDefer_root on Query {\n  hero {\n    id\n    name\n  }\n  colors\n}\n"
  }
};
})();

(node as any).hash = "6b308a21f20dbb2db5a28f5df7033fd9";

export default node;
