/**
 * @generated SignedSource<<1d50eed9750e74a5fbeb4b5e44ded4b4>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayStreamNestedAsyncQuery$variables = Record<PropertyKey, never>;
export type RelayStreamNestedAsyncQuery$data = {
  readonly heroes: ReadonlyArray<{
    readonly friends: ReadonlyArray<{
      readonly id: string;
      readonly " $fragmentSpreads": FragmentRefs<"RelayStream_card">;
    } | null | undefined> | null | undefined;
    readonly id: string;
  } | null | undefined> | null | undefined;
};
export type RelayStreamNestedAsyncQuery = {
  response: RelayStreamNestedAsyncQuery$data;
  variables: RelayStreamNestedAsyncQuery$variables;
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
    "name": "RelayStreamNestedAsyncQuery",
    "selections": [
      {
        "kind": "Stream",
        "selections": [
          {
            "alias": "heroes",
            "args": null,
            "concreteType": "Hero",
            "kind": "LinkedField",
            "name": "asyncHeroes",
            "plural": true,
            "selections": [
              (v0/*:: as any*/),
              {
                "kind": "Stream",
                "selections": [
                  {
                    "alias": "friends",
                    "args": null,
                    "concreteType": "Hero",
                    "kind": "LinkedField",
                    "name": "asyncFriends",
                    "plural": true,
                    "selections": [
                      (v0/*:: as any*/),
                      {
                        "kind": "Defer",
                        "selections": [
                          {
                            "args": null,
                            "kind": "FragmentSpread",
                            "name": "RelayStream_card"
                          }
                        ]
                      }
                    ],
                    "storageKey": null
                  }
                ]
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
    "name": "RelayStreamNestedAsyncQuery",
    "selections": [
      {
        "if": null,
        "kind": "Stream",
        "label": "RelayStreamNestedAsyncQuery$stream$heroes",
        "selections": [
          {
            "alias": "heroes",
            "args": null,
            "concreteType": "Hero",
            "kind": "LinkedField",
            "name": "asyncHeroes",
            "plural": true,
            "selections": [
              (v0/*:: as any*/),
              {
                "if": null,
                "kind": "Stream",
                "label": "RelayStreamNestedAsyncQuery$stream$friends",
                "selections": [
                  {
                    "alias": "friends",
                    "args": null,
                    "concreteType": "Hero",
                    "kind": "LinkedField",
                    "name": "asyncFriends",
                    "plural": true,
                    "selections": [
                      (v0/*:: as any*/),
                      {
                        "if": null,
                        "kind": "Defer",
                        "label": "RelayStreamNestedAsyncQuery$defer$RelayStream_card",
                        "selections": [
                          (v1/*:: as any*/),
                          {
                            "alias": null,
                            "args": null,
                            "concreteType": "Planet",
                            "kind": "LinkedField",
                            "name": "homeWorld",
                            "plural": false,
                            "selections": [
                              (v1/*:: as any*/)
                            ],
                            "storageKey": null
                          }
                        ]
                      }
                    ],
                    "storageKey": null
                  }
                ]
              }
            ],
            "storageKey": null
          }
        ]
      }
    ]
  },
  "params": {
    "cacheID": "6e46298e4bca1431b94918aa475fbec8",
    "id": null,
    "metadata": {},
    "name": "RelayStreamNestedAsyncQuery",
    "operationKind": "query",
    "text": "query RelayStreamNestedAsyncQuery {\n  heroes: asyncHeroes @stream(label: \"RelayStreamNestedAsyncQuery$stream$heroes\", initialCount: 0) {\n    id\n    friends: asyncFriends @stream(label: \"RelayStreamNestedAsyncQuery$stream$friends\", initialCount: 0) {\n      id\n      ...RelayStream_card @defer(label: \"RelayStreamNestedAsyncQuery$defer$RelayStream_card\")\n    }\n  }\n}\n\nfragment RelayStream_card on Hero {\n  name\n  homeWorld {\n    name\n  }\n}\n"
  }
};
})();

(node as any).hash = "022cfb70dd9f997c6853ffebe5490af0";

export default node;
