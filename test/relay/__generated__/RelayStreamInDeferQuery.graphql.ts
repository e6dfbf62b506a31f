/**
 * @generated SignedSource<<adca01c0d57807d10530b341b26ca537>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayStreamInDeferQuery$variables = Record<PropertyKey, never>;
export type RelayStreamInDeferQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayStream_friends">;
  } | null | undefined;
};
export type RelayStreamInDeferQuery = {
  response: RelayStreamInDeferQuery$data;
  variables: RelayStreamInDeferQuery$variables;
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
    "name": "RelayStreamInDeferQuery",
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
                "name": "RelayStream_friends"
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
    "name": "RelayStreamInDeferQuery",
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
            "label": "RelayStreamInDeferQuery$defer$RelayStream_friends",
            "selections": [
              {
                "if": null,
                "kind": "Stream",
                "label": "RelayStream_friends$stream$friends",
                "selections": [
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
    "cacheID": "becd28ab76352ffba14f58f51f1d90b2",
    "id": null,
    "metadata": {},
    "name": "RelayStreamInDeferQuery",
    "operationKind": "query",
    "text": "query RelayStreamInDeferQuery {\n  hero {\n    id\n    ...RelayStream_friends @defer(label: \"RelayStreamInDeferQuery$defer$RelayStream_friends\")\n  }\n}\n\nfragment RelayStream_friends on Hero {\n  friends @stream(label: \"RelayStream_friends$stream$friends\", initialCount: 1) {\n    id\n    name\n  }\n}\n"
  }
};
})();

(node as any).hash = "8769fdd61ff806a0233c55b7f8351c75";

export default node;
