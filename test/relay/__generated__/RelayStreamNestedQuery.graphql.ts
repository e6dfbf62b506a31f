/**
 * @generated SignedSource<<e6e36fad2a17d3964ccccd1709eb7ea6>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
export type RelayStreamNestedQuery$variables = Record<PropertyKey, never>;
export type RelayStreamNestedQuery$data = {
  readonly heroes: ReadonlyArray<{
    readonly friends: ReadonlyArray<{
      readonly id: string;
      readonly name: string | null | undefined;
    } | null | undefined> | null | undefined;
    readonly id: string;
  } | null | undefined> | null | undefined;
};
export type RelayStreamNestedQuery = {
  response: RelayStreamNestedQuery$data;
  variables: RelayStreamNestedQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v1 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "Hero",
    "kind": "LinkedField",
    "name": "friends",
    "plural": true,
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
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayStreamNestedQuery",
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
                "kind": "Stream",
                "selections": (v1/*:: as any*/)
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
    "name": "RelayStreamNestedQuery",
    "selections": [
      {
        "if": null,
        "kind": "Stream",
        "label": "RelayStreamNestedQuery$stream$heroes",
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
                "kind": "Stream",
                "label": "RelayStreamNestedQuery$stream$friends",
                "selections": (v1/*:: as any*/)
              }
            ],
            "storageKey": null
          }
        ]
      }
    ]
  },
  "params": {
    "cacheID": "9ea3b07b0e61644d7d1a0ad4b96d29c1",
    "id": null,
    "metadata": {},
    "name": "RelayStreamNestedQuery",
    "operationKind": "query",
    "text": "query RelayStreamNestedQuery {\n  heroes @stream(label: \"RelayStreamNestedQuery$stream$heroes\", initialCount: 0) {\n    id\n    friends @stream(label: \"RelayStreamNestedQuery$stream$friends\", initialCount: 0) {\n      id\n      name\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "a91b0c7b3486099eb7e2216eff98d685";

export default node;
