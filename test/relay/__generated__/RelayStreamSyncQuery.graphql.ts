/**
 * @generated SignedSource<<b8253646b2d85cc645dcfab5aa4aa3fc>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
export type RelayStreamSyncQuery$variables = Record<PropertyKey, never>;
export type RelayStreamSyncQuery$data = {
  readonly heroes: ReadonlyArray<{
    readonly id: string;
    readonly name: string | null | undefined;
  } | null | undefined> | null | undefined;
};
export type RelayStreamSyncQuery = {
  response: RelayStreamSyncQuery$data;
  variables: RelayStreamSyncQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "Hero",
    "kind": "LinkedField",
    "name": "heroes",
    "plural": true,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "id",
        "storageKey": null
      },
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
    "name": "RelayStreamSyncQuery",
    "selections": [
      {
        "kind": "Stream",
        "selections": (v0/*:: as any*/)
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "RelayStreamSyncQuery",
    "selections": [
      {
        "if": null,
        "kind": "Stream",
        "label": "RelayStreamSyncQuery$stream$heroes",
        "selections": (v0/*:: as any*/)
      }
    ]
  },
  "params": {
    "cacheID": "21a7bb896bad35fb5c33682c4fd02b43",
    "id": null,
    "metadata": {},
    "name": "RelayStreamSyncQuery",
    "operationKind": "query",
    "text": "query RelayStreamSyncQuery {\n  heroes @stream(label: \"RelayStreamSyncQuery$stream$heroes\", initialCount: 1) {\n    id\n    name\n  }\n}\n"
  }
};
})();

(node as any).hash = "713f5b0835ebf0789090f361649c17ba";

export default node;
