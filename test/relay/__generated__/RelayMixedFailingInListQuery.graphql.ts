/**
 * @generated SignedSource<<bf1721305da4802c1d1ef82614804fc5>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixedFailingInListQuery$variables = Record<PropertyKey, never>;
export type RelayMixedFailingInListQuery$data = {
  readonly heroes: ReadonlyArray<{
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_nonNullName">;
  } | null | undefined> | null | undefined;
};
export type RelayMixedFailingInListQuery = {
  response: RelayMixedFailingInListQuery$data;
  variables: RelayMixedFailingInListQuery$variables;
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
    "name": "RelayMixedFailingInListQuery",
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
                "name": "RelayMixed_nonNullName"
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
    "name": "RelayMixedFailingInListQuery",
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
            "label": "RelayMixedFailingInListQuery$defer$RelayMixed_nonNullName",
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "nonNullName",
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
    "cacheID": "7fcc434102e1ada38a56208ede765962",
    "id": null,
    "metadata": {},
    "name": "RelayMixedFailingInListQuery",
    "operationKind": "query",
    "text": "query RelayMixedFailingInListQuery {\n  heroes {\n    id\n    ...RelayMixed_nonNullName @defer(label: \"RelayMixedFailingInListQuery$defer$RelayMixed_nonNullName\")\n  }\n}\n\nfragment RelayMixed_nonNullName on Hero {\n  nonNullName\n}\n"
  }
};
})();

(node as any).hash = "f48380e41a6f3313cb6441163f526337";

export default node;
