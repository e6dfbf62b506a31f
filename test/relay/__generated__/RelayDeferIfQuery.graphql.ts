/**
 * @generated SignedSource<<447b9a6b3dbb757f252dd7366e546231>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferIfQuery$variables = {
  on: boolean;
};
export type RelayDeferIfQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_name">;
  } | null | undefined;
};
export type RelayDeferIfQuery = {
  response: RelayDeferIfQuery$data;
  variables: RelayDeferIfQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "on"
  }
],
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayDeferIfQuery",
    "selections": [
      {
        "alias": null,
        "args": null,
        "concreteType": "Hero",
        "kind": "LinkedField",
        "name": "hero",
        "plural": false,
        "selections": [
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
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "RelayDeferIfQuery",
    "selections": [
      {
        "alias": null,
        "args": null,
        "concreteType": "Hero",
        "kind": "LinkedField",
        "name": "hero",
        "plural": false,
        "selections": [
          (v1/*:: as any*/),
          {
            "if": "on",
            "kind": "Defer",
            "label": "RelayDeferIfQuery$defer$RelayDefer_name",
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "name",
                "storageKey": null
              }
            ]
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "49ccb2915b851c8d45d9d9fb67f69544",
    "id": null,
    "metadata": {},
    "name": "RelayDeferIfQuery",
    "operationKind": "query",
    "text": "query RelayDeferIfQuery(\n  $on: Boolean!\n) {\n  hero {\n    id\n    ...RelayDefer_name @defer(label: \"RelayDeferIfQuery$defer$RelayDefer_name\", if: $on)\n  }\n}\n\nfragment RelayDefer_name on Hero {\n  name\n}\n"
  }
};
})();

(node as any).hash = "c33a8c9c8f5a5b62dfbf1a62d0d9c79f";

export default node;
