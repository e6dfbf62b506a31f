/**
 * @generated SignedSource<<0caae88da1e8aade890c5012069dddc4>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferByIdQuery$variables = {
  id: string;
};
export type RelayDeferByIdQuery$data = {
  readonly heroById: {
    readonly friends: ReadonlyArray<{
      readonly id: string;
      readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_slow">;
    } | null | undefined> | null | undefined;
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_name">;
  } | null | undefined;
};
export type RelayDeferByIdQuery = {
  response: RelayDeferByIdQuery$data;
  variables: RelayDeferByIdQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "id"
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
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayDeferByIdQuery",
    "selections": [
      {
        "alias": null,
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
                "name": "RelayDefer_name"
              }
            ]
          },
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
                "kind": "Defer",
                "selections": [
                  {
                    "args": null,
                    "kind": "FragmentSpread",
                    "name": "RelayDefer_slow"
                  }
                ]
              }
            ],
            "storageKey": null
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
    "name": "RelayDeferByIdQuery",
    "selections": [
      {
        "alias": null,
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
            "label": "RelayDeferByIdQuery$defer$RelayDefer_name",
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "name",
                "storageKey": null
              }
            ]
          },
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
                "label": "RelayDeferByIdQuery$defer$RelayDefer_slow",
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "slowField",
                    "storageKey": null
                  }
                ]
              }
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "d13a04fee6af929ff8a12d678e85b399",
    "id": null,
    "metadata": {},
    "name": "RelayDeferByIdQuery",
    "operationKind": "query",
    "text": "query RelayDeferByIdQuery(\n  $id: ID!\n) {\n  heroById(id: $id) {\n    id\n    ...RelayDefer_name @defer(label: \"RelayDeferByIdQuery$defer$RelayDefer_name\")\n    friends {\n      id\n      ...RelayDefer_slow @defer(label: \"RelayDeferByIdQuery$defer$RelayDefer_slow\")\n    }\n  }\n}\n\nfragment RelayDefer_name on Hero {\n  name\n}\n\nfragment RelayDefer_slow on Hero {\n  slowField\n}\n"
  }
};
})();

(node as any).hash = "bb9c94e0a4d2c73279c83e65c9b61cf6";

export default node;
