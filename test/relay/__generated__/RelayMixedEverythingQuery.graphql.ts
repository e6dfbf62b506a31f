/**
 * @generated SignedSource<<7e83214ba635a604fbadf58af6001f8b>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixedEverythingQuery$variables = {
  id: string;
  stream: boolean;
};
export type RelayMixedEverythingQuery$data = {
  readonly first: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_everything">;
  } | null | undefined;
  readonly others: ReadonlyArray<{
    readonly id: string;
    readonly name: string | null | undefined;
    readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_nullable">;
  } | null | undefined> | null | undefined;
};
export type RelayMixedEverythingQuery = {
  response: RelayMixedEverythingQuery$data;
  variables: RelayMixedEverythingQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "id"
  },
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "stream"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "id",
    "variableName": "id"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v4 = [
  (v3/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "failingField",
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayMixedEverythingQuery",
    "selections": [
      {
        "alias": "first",
        "args": (v1/*:: as any*/),
        "concreteType": "Hero",
        "kind": "LinkedField",
        "name": "heroById",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          {
            "kind": "Defer",
            "selections": [
              {
                "args": null,
                "kind": "FragmentSpread",
                "name": "RelayMixed_everything"
              }
            ]
          }
        ],
        "storageKey": null
      },
      {
        "kind": "Stream",
        "selections": [
          {
            "alias": "others",
            "args": null,
            "concreteType": "Hero",
            "kind": "LinkedField",
            "name": "heroes",
            "plural": true,
            "selections": [
              (v2/*:: as any*/),
              (v3/*:: as any*/),
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
        ]
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "RelayMixedEverythingQuery",
    "selections": [
      {
        "alias": "first",
        "args": (v1/*:: as any*/),
        "concreteType": "Hero",
        "kind": "LinkedField",
        "name": "heroById",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          {
            "if": null,
            "kind": "Defer",
            "label": "RelayMixedEverythingQuery$defer$RelayMixed_everything",
            "selections": [
              {
                "alias": "nickname",
                "args": null,
                "kind": "ScalarField",
                "name": "name",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "slowField",
                "storageKey": null
              },
              {
                "if": null,
                "kind": "Stream",
                "label": "RelayMixed_everything$stream$friends",
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "Hero",
                    "kind": "LinkedField",
                    "name": "friends",
                    "plural": true,
                    "selections": [
                      (v2/*:: as any*/),
                      {
                        "if": null,
                        "kind": "Defer",
                        "label": "RelayMixed_everything$defer$RelayMixed_nullable",
                        "selections": (v4/*:: as any*/)
                      }
                    ],
                    "storageKey": null
                  }
                ]
              }
            ]
          }
        ],
        "storageKey": null
      },
      {
        "if": "stream",
        "kind": "Stream",
        "label": "RelayMixedEverythingQuery$stream$others",
        "selections": [
          {
            "alias": "others",
            "args": null,
            "concreteType": "Hero",
            "kind": "LinkedField",
            "name": "heroes",
            "plural": true,
            "selections": [
              (v2/*:: as any*/),
              (v3/*:: as any*/),
              {
                "if": null,
                "kind": "Defer",
                "label": "RelayMixedEverythingQuery$defer$RelayMixed_nullable",
                "selections": (v4/*:: as any*/)
              }
            ],
            "storageKey": null
          }
        ]
      }
    ]
  },
  "params": {
    "cacheID": "e20f162c7f76160e0320df8efccca2cb",
    "id": null,
    "metadata": {},
    "name": "RelayMixedEverythingQuery",
    "operationKind": "query",
    "text": "query RelayMixedEverythingQuery(\n  $id: ID!\n  $stream: Boolean!\n) {\n  first: heroById(id: $id) {\n    id\n    ...RelayMixed_everything @defer(label: \"RelayMixedEverythingQuery$defer$RelayMixed_everything\")\n  }\n  others: heroes @stream(label: \"RelayMixedEverythingQuery$stream$others\", if: $stream, initialCount: 1) {\n    id\n    name\n    ...RelayMixed_nullable @defer(label: \"RelayMixedEverythingQuery$defer$RelayMixed_nullable\")\n  }\n}\n\nfragment RelayMixed_everything on Hero {\n  nickname: name\n  slowField\n  friends @stream(label: \"RelayMixed_everything$stream$friends\", initialCount: 0) {\n    id\n    ...RelayMixed_nullable @defer(label: \"RelayMixed_everything$defer$RelayMixed_nullable\")\n  }\n}\n\nfragment RelayMixed_nullable on Hero {\n  name\n  failingField\n}\n"
  }
};
})();

(node as any).hash = "6f384d64a4f7a670fccf14ebad51614a";

export default node;
