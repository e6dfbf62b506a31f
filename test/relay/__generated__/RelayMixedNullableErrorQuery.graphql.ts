/**
 * @generated SignedSource<<65fb7f09d5050d46978a1b7c29cdd241>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixedNullableErrorQuery$variables = Record<PropertyKey, never>;
export type RelayMixedNullableErrorQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_nullable">;
  } | null | undefined;
};
export type RelayMixedNullableErrorQuery = {
  response: RelayMixedNullableErrorQuery$data;
  variables: RelayMixedNullableErrorQuery$variables;
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
    "name": "RelayMixedNullableErrorQuery",
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
          {
            "kind": "Defer",
            "selections": [
              {
                "args": null,
                "kind": "FragmentSpread",
                "name": "RelayMixed_nullable"
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
    "name": "RelayMixedNullableErrorQuery",
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
          {
            "if": null,
            "kind": "Defer",
            "label": "RelayMixedNullableErrorQuery$defer$RelayMixed_nullable",
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "name",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "failingField",
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
    "cacheID": "322a624f93a6f2edbb8a85ddec999ce5",
    "id": null,
    "metadata": {},
    "name": "RelayMixedNullableErrorQuery",
    "operationKind": "query",
    "text": "query RelayMixedNullableErrorQuery {\n  hero {\n    id\n    ...RelayMixed_nullable @defer(label: \"RelayMixedNullableErrorQuery$defer$RelayMixed_nullable\")\n  }\n}\n\nfragment RelayMixed_nullable on Hero {\n  name\n  failingField\n}\n"
  }
};
})();

(node as any).hash = "df3afa46111bcf949954c78638d78508";

export default node;
