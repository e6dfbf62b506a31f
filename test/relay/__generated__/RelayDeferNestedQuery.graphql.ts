/**
 * @generated SignedSource<<bba6d6c15e652ab90aac8f21c7ed429b>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferNestedQuery$variables = Record<PropertyKey, never>;
export type RelayDeferNestedQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_nested">;
  } | null | undefined;
};
export type RelayDeferNestedQuery = {
  response: RelayDeferNestedQuery$data;
  variables: RelayDeferNestedQuery$variables;
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
    "name": "RelayDeferNestedQuery",
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
                "name": "RelayDefer_nested"
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
    "name": "RelayDeferNestedQuery",
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
            "label": "RelayDeferNestedQuery$defer$RelayDefer_nested",
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "name",
                "storageKey": null
              },
              {
                "if": null,
                "kind": "Defer",
                "label": "RelayDefer_nested$defer$RelayDefer_slow",
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
            ]
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "06be485c49d9f5f7824521b754f05e31",
    "id": null,
    "metadata": {},
    "name": "RelayDeferNestedQuery",
    "operationKind": "query",
    "text": "query RelayDeferNestedQuery {\n  hero {\n    id\n    ...RelayDefer_nested @defer(label: \"RelayDeferNestedQuery$defer$RelayDefer_nested\")\n  }\n}\n\nfragment RelayDefer_nested on Hero {\n  name\n  ...RelayDefer_slow @defer(label: \"RelayDefer_nested$defer$RelayDefer_slow\")\n}\n\nfragment RelayDefer_slow on Hero {\n  slowField\n}\n"
  }
};
})();

(node as any).hash = "382f79acdef610c510f514f0d3ad5e4c";

export default node;
