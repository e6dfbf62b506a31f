/**
 * @generated SignedSource<<32dafa1e5b3bffe9af0a66af7fe76690>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixedFailingQuery$variables = Record<PropertyKey, never>;
export type RelayMixedFailingQuery$data = {
  readonly hero: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_failing">;
  } | null | undefined;
};
export type RelayMixedFailingQuery = {
  response: RelayMixedFailingQuery$data;
  variables: RelayMixedFailingQuery$variables;
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
    "name": "RelayMixedFailingQuery",
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
                "name": "RelayMixed_failing"
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
    "name": "RelayMixedFailingQuery",
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
            "label": "RelayMixedFailingQuery$defer$RelayMixed_failing",
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
    "cacheID": "a52f6977011019e2fbbcbad76a4465d6",
    "id": null,
    "metadata": {},
    "name": "RelayMixedFailingQuery",
    "operationKind": "query",
    "text": "query RelayMixedFailingQuery {\n  hero {\n    id\n    ...RelayMixed_failing @defer(label: \"RelayMixedFailingQuery$defer$RelayMixed_failing\")\n  }\n}\n\nfragment RelayMixed_failing on Hero {\n  name\n  failingNonNull\n}\n"
  }
};
})();

(node as any).hash = "41453497ebd31926d59e2aec87742fec";

export default node;
