/**
 * @generated SignedSource<<87fd0eaf6741e596cf738bcb2aac6d72>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferSimpleQuery$variables = Record<PropertyKey, never>;
export type RelayDeferSimpleQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_name">;
  } | null | undefined;
};
export type RelayDeferSimpleQuery = {
  response: RelayDeferSimpleQuery$data;
  variables: RelayDeferSimpleQuery$variables;
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
    "name": "RelayDeferSimpleQuery",
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
    "name": "RelayDeferSimpleQuery",
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
            "label": "RelayDeferSimpleQuery$defer$RelayDefer_name",
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
    "cacheID": "cc171e53ce188c7b5a1161524bf46dea",
    "id": null,
    "metadata": {},
    "name": "RelayDeferSimpleQuery",
    "operationKind": "query",
    "text": "query RelayDeferSimpleQuery {\n  hero {\n    id\n    ...RelayDefer_name @defer(label: \"RelayDeferSimpleQuery$defer$RelayDefer_name\")\n  }\n}\n\nfragment RelayDefer_name on Hero {\n  name\n}\n"
  }
};
})();

(node as any).hash = "855545371d903b6b41d44c521a54bcc8";

export default node;
