/**
 * @generated SignedSource<<0ea76440cd5a6136f3e407e480d99376>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixedCaughtQuery$variables = Record<PropertyKey, never>;
export type RelayMixedCaughtQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_caught" | "RelayMixed_caughtFailure">;
  } | null | undefined;
};
export type RelayMixedCaughtQuery = {
  response: RelayMixedCaughtQuery$data;
  variables: RelayMixedCaughtQuery$variables;
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
    "name": "RelayMixedCaughtQuery",
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
                "name": "RelayMixed_caught"
              }
            ]
          },
          {
            "kind": "Defer",
            "selections": [
              {
                "args": null,
                "kind": "FragmentSpread",
                "name": "RelayMixed_caughtFailure"
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
    "name": "RelayMixedCaughtQuery",
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
            "label": "RelayMixedCaughtQuery$defer$RelayMixed_caught",
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
          },
          {
            "if": null,
            "kind": "Defer",
            "label": "RelayMixedCaughtQuery$defer$RelayMixed_caughtFailure",
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "failingNonNull",
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
    "cacheID": "35545af6996849055d80e2b6de334f2d",
    "id": null,
    "metadata": {},
    "name": "RelayMixedCaughtQuery",
    "operationKind": "query",
    "text": "query RelayMixedCaughtQuery {\n  hero {\n    id\n    ...RelayMixed_caught @defer(label: \"RelayMixedCaughtQuery$defer$RelayMixed_caught\")\n    ...RelayMixed_caughtFailure @defer(label: \"RelayMixedCaughtQuery$defer$RelayMixed_caughtFailure\")\n  }\n}\n\nfragment RelayMixed_caught on Hero {\n  name\n  failingField\n}\n\nfragment RelayMixed_caughtFailure on Hero {\n  failingNonNull\n}\n"
  }
};
})();

(node as any).hash = "e67c38e93892942204c6564e37c1f901";

export default node;
