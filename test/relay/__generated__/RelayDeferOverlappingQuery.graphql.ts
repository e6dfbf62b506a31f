/**
 * @generated SignedSource<<3c3e10789829bcd3d154202675873852>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDeferOverlappingQuery$variables = Record<PropertyKey, never>;
export type RelayDeferOverlappingQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_climate" | "RelayDefer_homeWorld">;
  } | null | undefined;
};
export type RelayDeferOverlappingQuery = {
  response: RelayDeferOverlappingQuery$data;
  variables: RelayDeferOverlappingQuery$variables;
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
  "name": "kind",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayDeferOverlappingQuery",
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
                "name": "RelayDefer_homeWorld"
              }
            ]
          },
          {
            "kind": "Defer",
            "selections": [
              {
                "args": null,
                "kind": "FragmentSpread",
                "name": "RelayDefer_climate"
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
    "name": "RelayDeferOverlappingQuery",
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
            "label": "RelayDeferOverlappingQuery$defer$RelayDefer_homeWorld",
            "selections": [
              {
                "alias": null,
                "args": null,
                "concreteType": "Planet",
                "kind": "LinkedField",
                "name": "homeWorld",
                "plural": false,
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
                    "name": "terrain",
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "Climate",
                    "kind": "LinkedField",
                    "name": "climate",
                    "plural": false,
                    "selections": [
                      (v1/*:: as any*/)
                    ],
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ]
          },
          {
            "if": null,
            "kind": "Defer",
            "label": "RelayDeferOverlappingQuery$defer$RelayDefer_climate",
            "selections": [
              {
                "alias": null,
                "args": null,
                "concreteType": "Planet",
                "kind": "LinkedField",
                "name": "homeWorld",
                "plural": false,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "Climate",
                    "kind": "LinkedField",
                    "name": "climate",
                    "plural": false,
                    "selections": [
                      (v1/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "temperature",
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
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
  },
  "params": {
    "cacheID": "c5a517bf9978b465df4fd0b7a8f4b473",
    "id": null,
    "metadata": {},
    "name": "RelayDeferOverlappingQuery",
    "operationKind": "query",
    "text": "query RelayDeferOverlappingQuery {\n  hero {\n    id\n    ...RelayDefer_homeWorld @defer(label: \"RelayDeferOverlappingQuery$defer$RelayDefer_homeWorld\")\n    ...RelayDefer_climate @defer(label: \"RelayDeferOverlappingQuery$defer$RelayDefer_climate\")\n  }\n}\n\nfragment RelayDefer_climate on Hero {\n  homeWorld {\n    climate {\n      kind\n      temperature\n    }\n  }\n}\n\nfragment RelayDefer_homeWorld on Hero {\n  homeWorld {\n    name\n    terrain\n    climate {\n      kind\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "61b8365050e8d575c149094f59f86da5";

export default node;
