/**
 * @generated SignedSource<<d639e300fdbb97468dab96b3f79c856b>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferUnderListQuery$variables = Record<PropertyKey, never>;
export type RelayDeferUnderListQuery$data = {
  readonly heroes: ReadonlyArray<{
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_name">;
  } | null | undefined> | null | undefined;
};
export type RelayDeferUnderListQuery = {
  response: RelayDeferUnderListQuery$data;
  variables: RelayDeferUnderListQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayDeferUnderListQuery",
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
    "name": "RelayDeferUnderListQuery",
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
            "label": "RelayDeferUnderListQuery$defer$RelayDefer_name",
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
    "cacheID": "e602af02fdb6d334df43b13f45d99cfd",
    "id": null,
    "metadata": {},
    "name": "RelayDeferUnderListQuery",
    "operationKind": "query",
    "text": "query RelayDeferUnderListQuery {\n  heroes {\n    id\n    ...RelayDefer_name @defer(label: \"RelayDeferUnderListQuery$defer$RelayDefer_name\")\n  }\n}\n\nfragment RelayDefer_name on Hero {\n  name\n}\n"
  }
};
})();

(node as any).hash = "1250d68d4ca4eea0b06c0e1eea9bef36";

export default node;
